import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { RUNWAY_SEED_MAX, TEXT_TO_IMAGE } from '../../helpers/constants';
import type { PreparedTask } from '../../helpers/interfaces';
import { describe, InputError, optionalText, validateSeed } from '../../helpers/validation';
import {
	optionsCollection,
	publicFigureThresholdOption,
	runwayVersionOption,
	seedOption,
} from '../common.descriptions';
import { promptProperty, ratioProperties, referenceImagesProperty } from '../inputs.descriptions';
import { waitProperties } from '../wait.descriptions';
import { modelProperties, readModel, readRatio } from '../model';
import { prepareCreate, type Operation } from '../operation';
import {
	type PromptSpec,
	readContentModeration,
	readOptions,
	readPrompt,
	readReferenceEntries,
	readReferenceImage,
} from '../parameters';
import { CREATE_ROUTES } from '../../transport/routes';

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
	return await prepareCreate.call(
		this,
		itemIndex,
		CREATE_ROUTES.textToImage,
		'image',
		async () => ({
			...body,
			referenceImages: await readReferences.call(this, itemIndex, model),
		}),
	);
}

export const textToImage: Operation = {
	meta: {
		resource: 'image',
		value: 'textToImage',
		name: 'Text to Image',
		description: 'Make an image from a prompt and 1 to 3 reference images',
		action: 'Generate an image from a prompt and reference images',
		creates: true,
	},
	properties,
	prepare,
};
