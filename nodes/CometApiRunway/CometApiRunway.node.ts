import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './actions/registry';
import { router } from './actions/router';

export class CometApiRunway implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CometAPI Runway',
		name: 'cometApiRunway',
		icon: { light: 'file:../../icons/cometapi.svg', dark: 'file:../../icons/cometapi.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Turn images and prompts into videos with Runway models through CometAPI',
		defaults: { name: 'CometAPI Runway' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cometApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
