import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { failEveryItem } from './actions/output';
import { properties, subtitle } from './actions/registry';
import { NODE_VERSIONS } from './actions/versions';
import { router } from './actions/router';
import { testCometApiCredential } from './transport/credentialTest';

export class CometApiRunway implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CometAPI Runway',
		name: 'cometApiRunway',
		icon: { light: 'file:../../icons/cometapi.svg', dark: 'file:../../icons/cometapi.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		subtitle,
		description:
			'Turn images, videos and prompts into videos and images with Runway through CometAPI',
		defaults: { name: 'CometAPI Runway' },
		usableAsTool: {
			// The tool variant's description is part of the agent's prompt.
			replacements: {
				description:
					'Generate videos and images with Runway through CometAPI. As a tool it returns JSON only, never files: the task ID, status, output URLs (valid for 24-48 hours; download them soon) and cost in Runway credits.',
			},
		},
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
		try {
			return await router.call(this);
		} catch (error) {
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error);
			// An error that ends the whole node (credential, settings) reaches every item under
			// Continue On Fail, where n8n would pass the input on as if it had run. A stop stays a stop.
			if (!this.continueOnFail() || this.getExecutionCancelSignal()?.aborted) throw nodeError;
			return [failEveryItem(this, nodeError)];
		}
	}
}
