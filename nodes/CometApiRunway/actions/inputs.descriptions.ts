import type { INodeProperties } from 'n8n-workflow';

import type { RatioLimits } from '../helpers/constants';
import { imageSourceProperties } from './common.descriptions';
import { modelDefaultRatio, perModelProperties, ratioField } from './model';
import type { MediaInput, PromptSpec } from './parameters';

// The fields of what an operation works from: its prompt, its ratio, reference images, and media
// inputs beyond the shared image and video ones.

/** The Prompt field as `spec` has it; its limit is the one `readPrompt` checks. */
export function promptProperty(spec: PromptSpec): INodeProperties {
	const limit = `at most ${spec.maxUnits.toLocaleString('en-US')} characters`;
	return {
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		...(spec.required ? { required: true } : {}),
		default: '',
		...(spec.placeholder ? { placeholder: spec.placeholder } : {}),
		description: `${spec.what}; ${limit}${spec.more ? `. ${spec.more}` : ''}`,
	};
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
 * Reference Images: images by URL or from a binary field, each with `more` fields after its
 * image (`readReferenceEntries`, `readReferenceImage`). How many there are is checked when the
 * node runs, not by n8n's minRequiredFields/maxAllowedFields: their refusal names neither this
 * field nor why the route needs it.
 */
export function referenceImagesProperty(
	description: string,
	more: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Reference Images',
		name: 'referenceImages',
		type: 'fixedCollection',
		placeholder: 'Add Reference Image',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Reference Image' },
		default: {},
		description,
		options: [
			{
				displayName: 'Reference Image',
				name: 'image',
				values: [...imageSourceProperties(false), ...more],
			},
		],
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
