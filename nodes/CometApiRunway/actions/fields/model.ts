import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CreateRequest } from '../../helpers/interfaces';
import { describe, InputError, requireText } from '../../helpers/validation';
import { SINCE_VERSION_1_1, VERSION_1 } from '../versions';

// The Model field, written once: a list of known models and Custom Model ID on every route. The
// fields whose choices depend on the model picked are built by perModel.ts; the compatibility
// routes' pickers are in compatibilityPickers.ts.

/** The value of the Model field that means "the ID is typed in Custom Model ID". */
const CUSTOM_MODEL = 'custom';

/** A known model as the picker offers it: a legacy one is labelled so, its ID kept as the value. */
function modelOption(model: string, legacy: Readonly<Record<string, string>>) {
	return Object.prototype.hasOwnProperty.call(legacy, model)
		? {
				name: `${model} (legacy)`,
				value: model,
				description: `Retired by Runway; CometAPI may refuse it. Use ${legacy[model]} instead.`,
			}
		: { name: model, value: model };
}

/**
 * The Model field of a route with known models: each known model (the `legacy` ones, mapped to
 * the model to use instead, labelled so), or Custom Model ID to type any other. It takes no
 * expression, so the form always knows which model's fields to show; an ID that changes per item
 * goes in Custom Model ID, which does. `version1Default` is the default version 1 had, when it
 * differs: a saved workflow left at the old default keeps its model.
 */
export function modelProperties(
	models: readonly string[],
	defaultModel: string,
	description: string,
	legacy: Readonly<Record<string, string>> = {},
	version1Default = defaultModel,
): INodeProperties[] {
	const model: INodeProperties = {
		displayName: 'Model',
		name: 'model',
		type: 'options',
		noDataExpression: true,
		options: [
			...models.map((id) => modelOption(id, legacy)),
			{
				name: 'Custom Model ID',
				value: CUSTOM_MODEL,
				description: 'Type any other model ID that CometAPI offers on this route',
			},
		],
		default: defaultModel,
		description,
	};
	const byVersion: INodeProperties[] =
		version1Default === defaultModel
			? [model]
			: [
					{ ...model, default: version1Default, displayOptions: { show: VERSION_1 } },
					{ ...model, displayOptions: { show: SINCE_VERSION_1_1 } },
				];
	return [
		...byVersion,
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

export function validateModel(field: string, value: unknown): string {
	const model = requireText(field, value);
	if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(model)) {
		throw new InputError(
			field,
			`${field} ${describe(model)} is not a model ID; use letters, digits, ".", "_" or "-" (e.g. gen4_turbo)`,
		);
	}
	return model;
}

/** The model ID of an item: the known model picked, or the ID typed in Custom Model ID. */
export function readModel(this: IExecuteFunctions, itemIndex: number): string {
	const model = this.getNodeParameter('model', itemIndex);
	if (model === CUSTOM_MODEL) {
		return validateModel('Custom Model ID', this.getNodeParameter('customModel', itemIndex, ''));
	}
	return validateModel('Model', model);
}

/** What `model` takes when it is one of the route's known `models`; undefined for any other ID. */
export function limitsOf<Limits>(models: Readonly<Record<string, Limits>>, model: string) {
	return Object.prototype.hasOwnProperty.call(models, model) ? models[model] : undefined;
}

/**
 * How a refusal of a `legacy` model (mapped to the model to use instead) is worded: retired
 * upstream, with the current model named. Nothing for a current model.
 */
export function legacyNote(
	legacy: Readonly<Record<string, string>>,
	model: string,
): Pick<CreateRequest, 'unservedRoute'> {
	const replacement = limitsOf(legacy, model);
	if (replacement === undefined) return {};
	return {
		unservedRoute: {
			reason: `Model ${model} is retired upstream: Runway no longer offers it`,
			advice: `Choose ${replacement} in Model instead; ${model} is kept only so saved workflows load.`,
		},
	};
}
