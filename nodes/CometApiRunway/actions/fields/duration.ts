import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateIntegerChoice, validateIntegerInRange } from '../../helpers/validation';
import { limitsOf } from './model';
import { type ModelField, perModelProperties, readPerModel } from './perModel';

/** The durations a known model of a route takes, in seconds, and the one its field starts at. */
export interface DurationLimits {
	durations: readonly number[];
	defaultDuration: number;
}

/** What a model the route does not know takes: whole seconds in range. */
export interface OtherDuration {
	defaultDuration: number;
	minDuration: number;
	maxDuration: number;
}

function durationField(
	models: Readonly<Record<string, DurationLimits>>,
): ModelField<DurationLimits> {
	return {
		base: 'duration',
		models,
		keyOf: ({ durations, defaultDuration }) => `${durations.join(',')}/${defaultDuration}`,
	};
}

/**
 * Duration once per group of models that take the same durations, offering only those, and as
 * whole seconds in range for any other model ID (see `perModelProperties`). `readDuration` reads it.
 */
export function durationProperties(
	models: Readonly<Record<string, DurationLimits>>,
	other: OtherDuration,
): INodeProperties[] {
	// A plain name: n8n's lint reads a parameter's default only from a literal or a name.
	const otherDefault = other.defaultDuration;
	return perModelProperties(
		durationField(models),
		(forModels, { durations, defaultDuration }) => ({
			displayName: 'Duration (Seconds)',
			name: 'duration',
			type: 'options',
			options: durations.map((seconds) => ({ name: String(seconds), value: seconds })),
			default: defaultDuration,
			description: `Length of the video. ${forModels.join(' and ')} take ${durations.join(', ')} seconds.`,
		}),
		{
			displayName: 'Duration (Seconds)',
			name: 'duration',
			type: 'number',
			typeOptions: { minValue: other.minDuration, maxValue: other.maxDuration },
			default: otherDefault,
			description: 'Length of the video in whole seconds, as the model takes it',
		},
	);
}

/** The Duration of an item for `model`: one of its durations when known, else whole seconds in range. */
export function readDuration(
	this: IExecuteFunctions,
	itemIndex: number,
	model: string,
	models: Readonly<Record<string, DurationLimits>>,
	other: OtherDuration,
): number {
	const limits = limitsOf(models, model);
	const duration = readPerModel(
		this,
		itemIndex,
		durationField(models),
		model,
		limits?.defaultDuration ?? other.defaultDuration,
	);
	const context = ` for model ${model}`;
	return limits
		? validateIntegerChoice('Duration', duration, limits.durations, context)
		: validateIntegerInRange('Duration', duration, other.minDuration, other.maxDuration, context);
}
