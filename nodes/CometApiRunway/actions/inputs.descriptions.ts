import type { INodeProperties } from 'n8n-workflow';

import { forModels } from './model';
import type { MediaInput } from './parameters';

// Fields shared by the newer official routes, beside those of common.descriptions.ts.

/** The Seed option of a route that takes seeds from 0 to `max`. */
export function seedOption(max: number): INodeProperties {
	return {
		displayName: 'Seed',
		name: 'seed',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: max },
		default: 0,
		description: `Fixed seed for repeatable results, 0 to ${max}`,
	};
}

/**
 * The fields of one media input (from `imageSourceProperties` or `videoSourceProperties`, made for
 * `from`) under another input's names and labels, e.g. a second video of the same operation.
 */
export function mediaInputProperties(
	fields: INodeProperties[],
	from: MediaInput,
	to: MediaInput,
): INodeProperties[] {
	const renamed: Record<string, { name: string; displayName: string }> = {
		[from.source]: { name: to.source, displayName: to.labels.source },
		[from.url]: { name: to.url, displayName: to.labels.url },
		[from.binaryProperty]: { name: to.binaryProperty, displayName: to.labels.binaryProperty },
	};
	return fields.map((field) => {
		const shownWhen = field.displayOptions?.show ?? {};
		const show = Object.fromEntries(
			Object.entries(shownWhen).map(([name, values]) => [renamed[name]?.name ?? name, values]),
		);
		return {
			...field,
			...renamed[field.name],
			...(field.displayOptions ? { displayOptions: { ...field.displayOptions, show } } : {}),
		};
	});
}

/** The Options collection of an operation, holding `options`. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/**
 * Ratio for a route's known models, each offering only the ratios it takes, and as free `W:H`
 * text for any other model ID; all save as `ratio`.
 */
export function ratioProperties(
	models: Readonly<Record<string, { ratios: readonly string[] }>>,
	defaultRatio: string,
): INodeProperties[] {
	const known = Object.keys(models);
	return [
		...Object.entries(models).map(
			([model, { ratios }]): INodeProperties => ({
				displayName: 'Ratio',
				name: 'ratio',
				type: 'options',
				options: ratios.map((ratio) => ({ name: ratio, value: ratio })),
				default: defaultRatio,
				description: `Output size as width:height, as ${model} takes it`,
				displayOptions: forModels([model]),
			}),
		),
		{
			displayName: 'Ratio',
			name: 'ratio',
			type: 'string',
			default: defaultRatio,
			placeholder: '1280:720',
			description: 'Output size as width:height, as the model takes it',
			displayOptions: forModels(known, true),
		},
	];
}
