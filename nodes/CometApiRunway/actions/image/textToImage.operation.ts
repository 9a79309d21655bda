import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PreparedTask } from '../../helpers/interfaces';
import { describe, InputError, optionalText } from '../../helpers/validation';
import { CREATE_ROUTES } from '../../transport/routes';
import { modelProperties, readModel } from '../fields/model';
import { optionsCollection, readOptions } from '../fields/options';
import { type PromptSpec, promptProperty, readPrompt } from '../fields/prompt';
import {
	publicFigureThresholdOption,
	readContentModeration,
} from '../fields/publicFigureThreshold';
import { type RatioLimits, ratioProperties, readRatio } from '../fields/ratio';
import {
	readReferenceEntries,
	readReferenceImage,
	referenceImagesProperty,
} from '../fields/referenceImages';
import { runwayVersionOption } from '../fields/runwayVersion';
import { RUNWAY_SEED_MAX, seedOption, validateSeed } from '../fields/seed';
import { waitProperties } from '../fields/waitSettings';
import { type CreatingMeta, type Operation, prepareCreate } from '../operation';

const TEXT_TO_IMAGE_RATIOS = [
	'1920:1080',
	'1080:1920',
	'1024:1024',
	'1360:768',
	'1080:1080',
	'1168:880',
	'1440:1080',
	'1080:1440',
	'1808:768',
	'2112:912',
	'1280:720',
	'720:1280',
	'720:720',
	'960:720',
	'720:960',
	'1680:720',
];

/** Text to Image (§3.1): Runway's models and ratios, and CometAPI's need of reference images. */
const TEXT_TO_IMAGE = {
	models: {
		gen4_image: { ratios: TEXT_TO_IMAGE_RATIOS },
		gen4_image_turbo: { ratios: TEXT_TO_IMAGE_RATIOS },
	} as Record<string, RatioLimits>,
	defaultModel: 'gen4_image',
	defaultRatio: '1280:720',
	promptMaxUnits: 1000,
	minReferences: 1,
	maxReferences: 3,
	/** A reference's tag: 3 to 16 letters, digits or underscores, a letter first; the prompt says `@tag`. */
	tagPattern: /^[A-Za-z][A-Za-z0-9_]{2,15}$/,
} as const;

const { defaultModel, defaultRatio, models } = TEXT_TO_IMAGE;
const REFERENCES = 'Reference Images';

const PROMPT: PromptSpec = {
	required: true,
	maxUnits: TEXT_TO_IMAGE.promptMaxUnits,
	what: 'What the image shows',
	more: 'Name a reference image by its tag, e.g. @cat.',
	placeholder: '@cat asleep on a sunny windowsill, watercolour',
};

const oneReferenceEntry = { image: [{ imageSource: 'url', imageUrl: '' }] };

const properties: INodeProperties[] = [
	{
		displayName:
			'Text to Image needs at least one reference image: CometAPI refuses gen4_image and gen4_image_turbo without one. Fill in the entry below by URL or from a binary field.',
		name: 'referenceImagesNotice',
		type: 'notice',
		default: '',
	},
	{
		...referenceImagesProperty(
			'1 to 3 images the new image draws on (a person, an object, a style). CometAPI refuses the request without one.',
			[
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
		),
		// One entry ready to fill: the route needs one.
		default: oneReferenceEntry,
	},
	promptProperty(PROMPT),
	...modelProperties(
		Object.keys(models),
		defaultModel,
		'Runway image model. Both need at least one reference image through CometAPI.',
	),
	...ratioProperties(models, defaultRatio),
	optionsCollection([
		publicFigureThresholdOption,
		runwayVersionOption,
		seedOption(RUNWAY_SEED_MAX),
	]),
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
	const entries = readReferenceEntries.call(this, itemIndex);
	const count = entries.length;
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
		const uri = await readReferenceImage.call(this, itemIndex, i);
		references.push(tags[i] === undefined ? { uri } : { uri, tag: tags[i] });
	}
	return references;
}

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const model = readModel.call(this, itemIndex);
	const options = readOptions.call(this, itemIndex);
	const body = {
		model,
		promptText: readPrompt.call(this, itemIndex, PROMPT),
		ratio: readRatio.call(this, itemIndex, model, models, defaultRatio),
		seed: validateSeed(options.seed, RUNWAY_SEED_MAX),
		contentModeration: readContentModeration(options),
	};
	return await prepareCreate.call(this, itemIndex, textToImage.meta, async () => ({
		...body,
		referenceImages: await readReferences.call(this, itemIndex, model),
	}));
}

export const textToImage: Operation<CreatingMeta> = {
	meta: {
		resource: 'image',
		value: 'textToImage',
		name: 'Text to Image',
		description: 'Make an image from a prompt and 1 to 3 reference images',
		action: 'Generate an image from a prompt and reference images',
		createRoute: CREATE_ROUTES.textToImage,
	},
	properties,
	prepare,
};
