import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties, subtitle } from './actions/registry';
import { router } from './actions/router';
import { testCometApiCredential } from './transport/credentialTest';

export class CometApiRunway implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CometAPI Runway',
		name: 'cometApiRunway',
		icon: { light: 'file:../../icons/cometapi.svg', dark: 'file:../../icons/cometapi.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle,
		description:
			'Turn images, videos and prompts into videos and images with Runway through CometAPI',
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
