import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './actions/registry';
import { router } from './actions/router';
import { testCometApiCredential } from './transport/credentialTest';

export class CometApiRunway implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CometAPI Runway',
		name: 'cometApiRunway',
		icon: { light: 'file:../../icons/cometapi.svg', dark: 'file:../../icons/cometapi.dark.svg' },
		group: ['transform'],
		version: 1,
		// The operation's name as the form shows it ("Image to Video"), or its value for one not listed.
		subtitle:
			'={{ ({"imageToVideo": "Image to Video", "generate": "Generate", "videoToVideo": "Video to Video", "upscale": "Upscale", "characterPerformance": "Character Performance", "restyle": "Restyle", "actOne": "Act-One", "textToImage": "Text to Image", "get": "Get Task", "fromCallback": "Task from Callback"})[$parameter["operation"]] || $parameter["operation"] }}',
		description: 'Turn images, videos and prompts into videos and images with Runway through CometAPI',
		defaults: { name: 'CometAPI Runway' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cometApi', required: true, testedBy: 'cometApiConnectionTest' }],
		properties,
	};

	methods = {
		credentialTest: {
			cometApiConnectionTest: testCometApiCredential,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
