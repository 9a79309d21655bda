import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	COMPATIBILITY_DEFAULT_MODEL,
	COMPATIBILITY_DEFAULT_RATIO,
	COMPATIBILITY_MODELS,
	COMPATIBILITY_RATIOS,
	CUSTOM_MODEL,
	CUSTOM_RATIO,
	type RatioLimits,
} from '../helpers/constants';
import { validateModel, validateRatio } from '../helpers/validation';

// The Model field, written once: a list of known models and Custom Model ID on every route; the
// compatibility routes' Ratio; and the fields whose choices depend on the model picked.

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

/** The model ID of an item: the known model picked, or the ID typed in Custom Model ID. */
export function readModel(this: IExecuteFunctions, itemIndex: number): string {
	const model = this.getNodeParameter('model', itemIndex);
	if (model === CUSTOM_MODEL) {
		return validateModel('Custom Model ID', this.getNodeParameter('customModel', itemIndex, ''));
	}
	return validateModel('Model', model);
}

// Plain names: n8n's lint reads a parameter's default only from a literal or a name.
const defaultCompatibilityModel = COMPATIBILITY_DEFAULT_MODEL;
const defaultCompatibilityRatio = COMPATIBILITY_DEFAULT_RATIO;

/**
 * A Model or Ratio field that takes expressions, as it did when typed: no field here depends on
 * it, and n8n would not resolve an expression saved in a field that takes none. Its custom field
 * is not required: n8n shows it, and would ask for it, whenever the field holds an expression; an
 * empty one is refused when the node runs, naming it.
 */
function takingExpressions(properties: INodeProperties[]): INodeProperties[] {
	const [field, ...custom] = properties;
	return [
		{ ...field, noDataExpression: false },
		...custom.map((property) => ({ ...property, required: false })),
	];
}

/**
 * The Model field of a compatibility route (Generate, Restyle Video): its documented models, or
 * Custom Model ID. `readModel` reads it; a saved ID that is not listed is sent as it is, as the
 * route takes any model ID.
 */
export const compatibilityModelProperties = takingExpressions(
	modelProperties(
		COMPATIBILITY_MODELS,
		defaultCompatibilityModel,
		'Model on this route: gen4, gen4_turbo, or Custom Model ID to type any other',
	),
);

/**
 * The Ratio field of a route that takes any W:H: its documented ratios, or Custom Ratio to type
 * another (`readPickedRatio`).
 */
export const compatibilityRatioProperties = takingExpressions([
	{
		displayName: 'Ratio',
		name: 'ratio',
		type: 'options',
		options: [
			...COMPATIBILITY_RATIOS.map((ratio) => ({ name: ratio, value: ratio })),
			{
				name: 'Custom Ratio',
				value: CUSTOM_RATIO,
				description: 'Type any other width:height the model takes',
			},
		],
		default: defaultCompatibilityRatio,
		description: 'Output shape as width:height, or Custom Ratio to type another',
	},
	{
		displayName: 'Custom Ratio',
		name: 'customRatio',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1584:672',
		description: 'Output shape as width:height, e.g. 1584:672; may be an expression',
		displayOptions: { show: { ratio: [CUSTOM_RATIO] } },
	},
]);

/** The ratio picked, or typed in Custom Ratio; a saved W:H that is not listed is taken as it is. */
export function readPickedRatio(this: IExecuteFunctions, itemIndex: number): string {
	const ratio = this.getNodeParameter('ratio', itemIndex, defaultCompatibilityRatio);
	if (ratio === CUSTOM_RATIO) {
		return validateRatio('Custom Ratio', this.getNodeParameter('customRatio', itemIndex, ''));
	}
	return validateRatio('Ratio', ratio);
}

/** Shows a field only for `models`, or (`others`) for every other model, Custom Model ID included. */
function forModels(models: readonly string[], others = false): IDisplayOptions {
	return others ? { hide: { model: [...models] } } : { show: { model: [...models] } };
}

/** What `model` takes when it is one of the route's known `models`; undefined for any other ID. */
export function limitsOf<Limits>(models: Readonly<Record<string, Limits>>, model: string) {
	return Object.prototype.hasOwnProperty.call(models, model) ? models[model] : undefined;
}

/**
 * A field once per known model, shown only for that model and offering what it takes, and once
 * for any other model ID (Custom Model ID, or an ID saved by hand); all save under one name.
 */
export function perModelProperties<Limits>(
	models: Readonly<Record<string, Limits>>,
	known: (model: string, limits: Limits) => INodeProperties,
	other: INodeProperties,
): INodeProperties[] {
	return [
		...Object.entries(models).map(([model, limits]) => ({
			...known(model, limits),
			displayOptions: forModels([model]),
		})),
		{ ...other, displayOptions: forModels(Object.keys(models), true) },
	];
}

/** The Ratio a known model's field starts at: the route's default when the model takes it. */
export function modelDefaultRatio({ ratios }: RatioLimits, defaultRatio: string): string {
	return ratios.includes(defaultRatio) ? defaultRatio : ratios[0];
}

/**
 * The Ratio of an item for `model`: one of its ratios when it is one of the route's known
 * `models`, else any `W:H`. `defaultRatio` is the route's, as its Ratio fields have it.
 */
export function readRatio(
	this: IExecuteFunctions,
	itemIndex: number,
	model: string,
	models: Readonly<Record<string, RatioLimits>>,
	defaultRatio: string,
): string {
	const limits = limitsOf(models, model);
	const ratio = this.getNodeParameter(
		'ratio',
		itemIndex,
		limits ? modelDefaultRatio(limits, defaultRatio) : defaultRatio,
	);
	return validateRatio('Ratio', ratio, limits?.ratios, ` for model ${model}`);
}

/** The model (picked or typed), then its Ratio (see `readRatio`). */
export function readModelAndRatio(
	this: IExecuteFunctions,
	itemIndex: number,
	models: Readonly<Record<string, RatioLimits>>,
	defaultRatio: string,
): { model: string; ratio: string } {
	const model = readModel.call(this, itemIndex);
	return { model, ratio: readRatio.call(this, itemIndex, model, models, defaultRatio) };
}
