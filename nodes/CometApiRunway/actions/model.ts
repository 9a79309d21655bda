import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CUSTOM_MODEL, type RatioLimits } from '../helpers/constants';
import type { CreateRequest } from '../helpers/interfaces';
import { validateModel, validateRatio } from '../helpers/validation';
import { isVersion1, SINCE_VERSION_1_1, VERSION_1 } from './versions';

// The Model field, written once: a list of known models and Custom Model ID on every route; and
// the fields whose choices depend on the model picked. The compatibility routes' pickers are in
// compatibilityModel.ts, the node's versions in versions.ts.

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
 * A field whose allowed values depend on the model: `base` is its name in version 1, and later
 * versions save it under one name per group of known models that take the same values (`keyOf`
 * says which do): `base` for the first group (the default model's), the others named after their
 * first model, and `<base>_custom` for any other ID.
 * `without` lists known models that take no such field.
 */
export interface ModelField<Limits> {
	base: string;
	models: Readonly<Record<string, Limits>>;
	keyOf: (limits: Limits) => string;
	without?: readonly string[];
}

/** The groups of a field's known models, each the models that take the same values. */
function groupsOf<Limits>({ base, models, keyOf }: ModelField<Limits>) {
	const groups = new Map<string, { name: string; models: string[]; limits: Limits }>();
	for (const [model, limits] of Object.entries(models)) {
		const key = keyOf(limits);
		const group = groups.get(key);
		if (group) group.models.push(model);
		// The first group keeps version 1's name: the route's default model is in it.
		else if (groups.size === 0) groups.set(key, { name: base, models: [model], limits });
		else groups.set(key, { name: `${base}_${model.replace(/\W/g, '_')}`, models: [model], limits });
	}
	return [...groups.values()];
}

/** The saved name of `field` for `model`, in version 1 or a later version. */
export function fieldNameFor<Limits>(
	field: ModelField<Limits>,
	model: string,
	version1: boolean,
): string {
	if (version1) return field.base;
	const group = groupsOf(field).find(({ models }) => models.includes(model));
	return group?.name ?? `${field.base}_custom`;
}

/**
 * A field once per group of known models, shown only for them and offering what they take, and
 * once for any other model ID (Custom Model ID, or an ID saved by hand). Version 1 keeps its own
 * copy: one per known model, all saved as `base`.
 */
export function perModelProperties<Limits>(
	field: ModelField<Limits>,
	known: (models: readonly string[], limits: Limits) => INodeProperties,
	other: INodeProperties,
): INodeProperties[] {
	const { base, models, without = [] } = field;
	const others = { hide: { model: [...Object.keys(models), ...without] } };
	return [
		...Object.entries(models).map(([model, limits]) => ({
			...known([model], limits),
			name: base,
			displayOptions: { show: { model: [model], ...VERSION_1 } },
		})),
		{ ...other, name: base, displayOptions: { ...others, show: VERSION_1 } },
		...groupsOf(field).map((group) => ({
			...known(group.models, group.limits),
			name: group.name,
			displayOptions: { show: { model: group.models, ...SINCE_VERSION_1_1 } },
		})),
		{ ...other, name: `${base}_custom`, displayOptions: { ...others, show: SINCE_VERSION_1_1 } },
	];
}

/** The Ratio field of a route's known `models` (`without` take none). */
export function ratioField(
	models: Readonly<Record<string, RatioLimits>>,
	without: readonly string[] = [],
): ModelField<RatioLimits> {
	return { base: 'ratio', models, keyOf: ({ ratios }) => ratios.join(','), without };
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
		fieldNameFor(ratioField(models), model, isVersion1.call(this)),
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
