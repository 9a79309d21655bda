import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { RUNWAY_SEED_MAX, VIDEO_TO_VIDEO } from '../../helpers/constants';
import type { PreparedTask } from '../../helpers/interfaces';
import { InputError, validateSeed } from '../../helpers/validation';
import {
	optionsCollection,
	publicFigureThresholdOption,
	runwayVersionOption,
	seedOption,
	videoSourceProperties,
} from '../common.descriptions';
import { promptProperty, ratioProperties, referenceImagesProperty } from '../inputs.descriptions';
import { waitProperties } from '../wait.descriptions';
import { modelProperties, readModelAndRatio } from '../model';
import { prepareCreate, type Operation } from '../operation';
import {
	type PromptSpec,
	readContentModeration,
	readMedia,
	readOptions,
	readPrompt,
	readReferenceEntries,
	readReferenceImage,
	VIDEO_INPUT,
} from '../parameters';
import { CREATE_ROUTES } from '../../transport/routes';

const { defaultModel, defaultRatio, models } = VIDEO_TO_VIDEO;

const PROMPT: PromptSpec = {
	required: true,
	maxUnits: VIDEO_TO_VIDEO.promptMaxUnits,
	what: 'How the video should change (style, lighting, objects, camera)',
};

const properties: INodeProperties[] = [
	...videoSourceProperties('the video to transform'),
	referenceImagesProperty(
		'At most one image whose look the result takes (a style, a person, an object), by URL or from a binary field',
	),
	promptProperty(PROMPT),
	...modelProperties(
		Object.keys(models),
		defaultModel,
		'Runway model for this route: gen4_aleph, or Custom Model ID to type another',
	),
	...ratioProperties(models, defaultRatio),
	optionsCollection([
		publicFigureThresholdOption,
		runwayVersionOption,
		seedOption(RUNWAY_SEED_MAX),
	]),
	...waitProperties(true),
];

/** Runway's `references`: at most one image, by URL or from a binary field. */
async function readReferences(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[] | undefined> {
	const count = readReferenceEntries.call(this, itemIndex).length;
	if (count > VIDEO_TO_VIDEO.maxReferences) {
		throw new InputError(
			'Reference Images',
			`Reference Images has ${count} images; Video to Video takes at most ${VIDEO_TO_VIDEO.maxReferences}`,
		);
	}
	if (count === 0) return undefined;
	return [{ type: 'image', uri: await readReferenceImage.call(this, itemIndex, 0) }];
}

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const { model, ratio } = readModelAndRatio.call(this, itemIndex, models, defaultRatio);
	const options = readOptions.call(this, itemIndex);
	const body = {
		model,
		promptText: readPrompt.call(this, itemIndex, PROMPT),
		ratio,
		seed: validateSeed(options.seed, RUNWAY_SEED_MAX),
		contentModeration: readContentModeration(options),
	};
	return await prepareCreate.call(
		this,
		itemIndex,
		CREATE_ROUTES.videoToVideo,
		'video',
		async () => ({
			...body,
			references: await readReferences.call(this, itemIndex),
			videoUri: await readMedia.call(this, itemIndex, VIDEO_INPUT),
		}),
	);
}

export const videoToVideo: Operation = {
	meta: {
		resource: 'video',
		value: 'videoToVideo',
		name: 'Video to Video',
		description:
			'Edit an existing video as a prompt says (change the weather, add an object), with an optional reference image',
		action: 'Edit a video by prompt, keeping its motion',
		creates: true,
	},
	properties,
	prepare,
};
