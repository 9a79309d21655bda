import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describe, InputError, requireText } from '../../helpers/validation';
import { limitsOf, readModel } from './model';
import { type ModelField, perModelProperties, readPerModel } from './perModel';

/**
 * The ratios a known model of a route takes. The form's default is the route's default ratio when
 * the model takes it, else the model's first.
 */
export interface RatioLimits {
	ratios: readonly string[];
}

/** The Ratio field of a route's known `models` (`without` take none). */
function ratioField(
	models: Readonly<Record<string, RatioLimits>>,
	without: readonly string[] = [],
): ModelField<RatioLimits> {
	return { base: 'ratio', models, keyOf: ({ ratios }) => ratios.join(','), without };
}

/** The Ratio a known model's field starts at: the route's default when the model takes it. */
function modelDefaultRatio({ ratios }: RatioLimits, defaultRatio: string): string {
	return ratios.includes(defaultRatio) ? defaultRatio : ratios[0];
}

/**
 * Ratio for a route's known models, each group of them offering only the ratios it takes
 * (starting at `defaultRatio` when it takes it, else at its first), and as free `W:H` text for any
 * other model ID; `without` take no ratio. `readRatio` reads it.
 */
export function ratioProperties(
	models: Readonly<Record<string, RatioLimits>>,
	defaultRatio: string,
	without: readonly string[] = [],
): INodeProperties[] {
	return perModelProperties(
		ratioField(models, without),
		(forModels, limits) => {
			const modelRatio = modelDefaultRatio(limits, defaultRatio);
			return {
				displayName: 'Ratio',
				name: 'ratio',
				type: 'options',
				options: limits.ratios.map((ratio) => ({ name: ratio, value: ratio })),
				default: modelRatio,
				description: `Output size as width:height. ${forModels.join(' and ')} take ${limits.ratios.join(', ')}.`,
			};
		},
		{
			displayName: 'Ratio',
			name: 'ratio',
			type: 'string',
			default: defaultRatio,
			placeholder: '1280:720',
			description: 'Output size as width:height, as the model takes it',
		},
	);
}

/**
 * A `W:H` ratio; with `allowed`, one of those (`context` says for what, e.g. " for model gen4_turbo").
 */
export function validateRatio(
	field: string,
	value: unknown,
	allowed?: readonly string[],
	context = '',
): string {
	const ratio = requireText(field, value);
	if (!/^\d{1,4}:\d{1,4}$/.test(ratio)) {
		throw new InputError(field, `${field} must look like 1280:720, got ${describe(ratio)}`);
	}
	if (allowed && !allowed.includes(ratio)) {
		throw new InputError(
			field,
			`${field} ${ratio} is not available${context}; allowed: ${allowed.join(', ')}`,
		);
	}
	return ratio;
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
	const ratio = readPerModel(
		this,
		itemIndex,
		ratioField(models),
		model,
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
