import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CUSTOM_MODEL } from '../helpers/constants';
import { validateModel } from '../helpers/validation';

/**
 * The Model field of a route with known models: each known model, or Custom Model ID to type any
 * other. It takes no expression, so the form always knows which model's fields to show; an ID
 * that changes per item goes in Custom Model ID, which does.
 */
export function modelProperties(
	models: readonly string[],
	defaultModel: string,
	description: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Model',
			name: 'model',
			type: 'options',
			noDataExpression: true,
			options: [
				...models.map((model) => ({ name: model, value: model })),
				{
					name: 'Custom Model ID',
					value: CUSTOM_MODEL,
					description: 'Type any other model ID that CometAPI offers on this route',
				},
			],
			default: defaultModel,
			description,
		},
		{
			displayName: 'Custom Model ID',
			name: 'customModel',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'gen4_turbo',
			description:
				'Any Runway model ID that CometAPI offers on this route; may be an expression. A known ID is checked as that model, any other loosely.',
			displayOptions: { show: { model: [CUSTOM_MODEL] } },
		},
	];
}

/** Shows a field only for `models`, or (`others`) for every other model, Custom Model ID included. */
export function forModels(models: readonly string[], others = false): IDisplayOptions {
	return others ? { hide: { model: [...models] } } : { show: { model: [...models] } };
}

/** The model ID of an item: the known model picked, or the ID typed in Custom Model ID. */
export function readModel(this: IExecuteFunctions, itemIndex: number): string {
	const model = this.getNodeParameter('model', itemIndex);
	if (model === CUSTOM_MODEL) {
		return validateModel('Custom Model ID', this.getNodeParameter('customModel', itemIndex, ''));
	}
	return validateModel('Model', model);
}
