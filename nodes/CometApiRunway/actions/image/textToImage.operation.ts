import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { RUNWAY_SEED_MAX, TEXT_TO_IMAGE } from '../../helpers/constants';
import type { PreparedTask } from '../../helpers/interfaces';
import {
	describe,
	InputError,
	optionalText,
	validatePrompt,
	validateRatio,
	validateSeed,
} from '../../helpers/validation';
import {
	imageSourceProperties,
	publicFigureThresholdOption,
	runwayVersionOption,
} from '../common.descriptions';
import { waitProperties } from '../wait.descriptions';
import { seedOption } from '../inputs.descriptions';
import { forModels, modelProperties, readModel } from '../model';
import { createTask, type Operation } from '../operation';
import {
	imageInputAt,
	readContentModeration,
	readMedia,
	readOptions,
	readRunwayVersion,
} from '../parameters';
import { CREATE_ROUTES } from '../../transport/routes';

const defaultModel = TEXT_TO_IMAGE.defaultModel;
const defaultRatio = TEXT_TO_IMAGE.defaultRatio;
const REFERENCES = 'Reference Images';

const properties: INodeProperties[] = [
	...modelProperties(
		TEXT_TO_IMAGE.models,
		defaultModel,
		'Runway image model. Both need at least one reference image through CometAPI.',
	),
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: '@cat asleep on a sunny windowsill, watercolour',
		description:
			'What the image shows, at most 1,000 characters. Name a reference image by its tag, e.g. @cat.',
	},
	{
		displayName: 'Ratio',
		name: 'ratio',
		type: 'options',
		options: TEXT_TO_IMAGE.ratios.map((ratio) => ({ name: ratio, value: ratio })),
		default: defaultRatio,
		description: 'Output size as width:height in pixels',
		displayOptions: forModels(TEXT_TO_IMAGE.models),
	},
	{
		displayName: 'Ratio',
		name: 'ratio',
		type: 'string',
		default: defaultRatio,
		placeholder: '1280:720',
		description: 'Output size as width:height, as the model takes it',
		displayOptions: forModels(TEXT_TO_IMAGE.models, true),
	},
	{
		displayName: 'Reference Images',
		name: 'referenceImages',
		type: 'fixedCollection',
		placeholder: 'Add Reference Image',
		// The count is checked when the node runs, not by n8n's minRequiredFields/maxAllowedFields:
		// their refusal names neither this field nor why CometAPI needs a reference.
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Reference Image' },
		default: {},
		description:
			'1 to 3 images the new image draws on (a person, an object, a style). CometAPI refuses the request without one.',
		options: [
			{
				displayName: 'Reference Image',
				name: 'image',
				values: [
					...imageSourceProperties(false),
					{
						displayName: 'Tag',
						name: 'tag',
						type: 'string',
						default: '',
						placeholder: 'cat',
						description:
							'Optional name the prompt uses for this image as @tag: 3 to 16 letters, digits or underscores, starting with a letter',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [publicFigureThresholdOption, runwayVersionOption, seedOption(RUNWAY_SEED_MAX)],
	},
	...waitProperties(true),
];

/** Why a request without reference images cannot pass, for the model asked for. */
function whyReferencesNeeded(model: string): string {
	if (model === 'gen4_image') {
		return 'CometAPI refuses gen4_image without one (it answers reference_images_empty)';
	}
	if (model === 'gen4_image_turbo') return 'Runway requires one for gen4_image_turbo';
	return 'CometAPI refuses Text to Image without one (it answers reference_images_empty)';
}

/** A reference's tag: 3 to 16 letters, digits or underscores, starting with a letter. */
function readTag(field: string, value: unknown, seen: Set<string>): string | undefined {
	const tag = optionalText(field, value);
	if (tag === undefined) return undefined;
	if (!TEXT_TO_IMAGE.tagPattern.test(tag)) {
		throw new InputError(
			field,
			`${field} ${describe(tag)} is not a tag; a tag has 3 to 16 letters, digits or underscores and starts with a letter (the prompt names the image as @tag)`,
		);
	}
	if (seen.has(tag)) {
		throw new InputError(
			field,
			`${field} "${tag}" is used by another reference image; each tag names one image`,
		);
	}
	seen.add(tag);
	return tag;
}

/** 1 to 3 reference images as Runway takes them, `{uri, tag?}`, each read by URL or from a binary field. */
async function readReferences(
	this: IExecuteFunctions,
	itemIndex: number,
	model: string,
): Promise<IDataObject[]> {
	const entries = this.getNodeParameter('referenceImages.image', itemIndex, []) as IDataObject[];
	const count = Array.isArray(entries) ? entries.length : 0;
	if (count < TEXT_TO_IMAGE.minReferences) {
		throw new InputError(
			REFERENCES,
			`${REFERENCES} is empty: ${whyReferencesNeeded(model)}; add 1 to ${TEXT_TO_IMAGE.maxReferences} reference images`,
			'Add a reference image by URL or from a binary field; give it a tag to name it in the prompt as @tag.',
		);
	}
	if (count > TEXT_TO_IMAGE.maxReferences) {
		throw new InputError(
			REFERENCES,
			`${REFERENCES} has ${count} images; Runway takes 1 to ${TEXT_TO_IMAGE.maxReferences}`,
		);
	}
	const seen = new Set<string>();
	const tags = entries.map((entry, i) => readTag(`Reference Image ${i + 1} Tag`, entry.tag, seen));
	const references: IDataObject[] = [];
	for (let i = 0; i < count; i++) {
		const input = imageInputAt(`referenceImages.image[${i}]`, `Reference Image ${i + 1}`);
		const uri = await readMedia.call(this, itemIndex, input);
		references.push(tags[i] === undefined ? { uri } : { uri, tag: tags[i] });
	}
	return references;
}

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const model = readModel.call(this, itemIndex);
	const options = readOptions.call(this, itemIndex);
	const known = (TEXT_TO_IMAGE.models as readonly string[]).includes(model);
	const body: IDataObject = {
		model,
		promptText: validatePrompt(
			'Prompt',
			this.getNodeParameter('prompt', itemIndex, ''),
			true,
			TEXT_TO_IMAGE.promptMaxUnits,
		),
		ratio: validateRatio(
			'Ratio',
			this.getNodeParameter('ratio', itemIndex, defaultRatio),
			known ? TEXT_TO_IMAGE.ratios : undefined,
			` for model ${model}`,
		),
		seed: validateSeed(options.seed, RUNWAY_SEED_MAX),
		contentModeration: readContentModeration(options),
	};
	const runwayVersion = readRunwayVersion.call(this, itemIndex);
	// The images are read last: they are the costly checks and the other fields fail faster.
	body.referenceImages = await readReferences.call(this, itemIndex, model);
	return createTask(CREATE_ROUTES.textToImage, 'image', body, runwayVersion);
}

export const textToImage: Operation = {
	meta: {
		resource: 'image',
		value: 'textToImage',
		name: 'Text to Image',
		description: 'Make an image from a prompt and 1 to 3 reference images (official route)',
		action: 'Generate an image from text',
		creates: true,
	},
	properties,
	prepare,
};
