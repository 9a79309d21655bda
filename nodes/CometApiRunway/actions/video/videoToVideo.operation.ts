import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { RUNWAY_SEED_MAX, VIDEO_TO_VIDEO } from '../../helpers/constants';
import type { PreparedTask } from '../../helpers/interfaces';
import { InputError, validatePrompt, validateSeed } from '../../helpers/validation';
import {
	imageSourceProperties,
	publicFigureThresholdOption,
	runwayVersionOption,
	videoSourceProperties,
} from '../common.descriptions';
import { waitProperties } from '../wait.descriptions';
import { optionsCollection, ratioProperties, seedOption } from '../inputs.descriptions';
import { modelProperties } from '../model';
import { createTask, type Operation } from '../operation';
import {
	imageInputAt,
	readContentModeration,
	readMedia,
	readModelAndRatio,
	readOptions,
	readRunwayVersion,
	VIDEO_INPUT,
} from '../parameters';
import { CREATE_ROUTES } from '../../transport/routes';

const defaultModel = VIDEO_TO_VIDEO.defaultModel;

const properties: INodeProperties[] = [
	...videoSourceProperties('the video to transform'),
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description:
			'How the video should change (style, lighting, objects, camera); at most 1,000 characters',
	},
	...modelProperties(
		Object.keys(VIDEO_TO_VIDEO.models),
		defaultModel,
		'Runway model for this route: gen4_aleph, or Custom Model ID to type another',
	),
	...ratioProperties(VIDEO_TO_VIDEO.models, '1280:720'),
	{
		displayName: 'Reference Images',
		name: 'referenceImages',
		type: 'fixedCollection',
		placeholder: 'Add Reference Image',
		// Counted when the node runs, as Text to Image does, so the refusal names this field.
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Reference Image' },
		default: {},
		description:
			'At most one image whose look the result takes (a style, a person, an object), by URL or from a binary field',
		options: [
			{
				displayName: 'Reference Image',
				name: 'image',
				values: imageSourceProperties(false),
			},
		],
	},
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
	const entries = this.getNodeParameter('referenceImages.image', itemIndex, []) as IDataObject[];
	const count = Array.isArray(entries) ? entries.length : 0;
	if (count > VIDEO_TO_VIDEO.maxReferences) {
		throw new InputError(
			'Reference Images',
			`Reference Images has ${count} images; Video to Video takes at most ${VIDEO_TO_VIDEO.maxReferences}`,
		);
	}
	if (count === 0) return undefined;
	const uri = await readMedia.call(
		this,
		itemIndex,
		imageInputAt('referenceImages.image[0]', 'Reference Image 1'),
	);
	return [{ type: 'image', uri }];
}

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const { model, ratio } = readModelAndRatio.call(this, itemIndex, VIDEO_TO_VIDEO.models);
	const options = readOptions.call(this, itemIndex);
	const body: IDataObject = {
		model,
		promptText: validatePrompt(
			'Prompt',
			this.getNodeParameter('prompt', itemIndex),
			true,
			VIDEO_TO_VIDEO.promptMaxUnits,
		),
		ratio,
		seed: validateSeed(options.seed, RUNWAY_SEED_MAX),
		contentModeration: readContentModeration(options),
	};
	const runwayVersion = readRunwayVersion.call(this, itemIndex);
	// Files are read last: they are the costly checks, and the other fields fail faster.
	body.references = await readReferences.call(this, itemIndex);
	body.videoUri = await readMedia.call(this, itemIndex, VIDEO_INPUT);
	return createTask(CREATE_ROUTES.videoToVideo, 'video', body, runwayVersion);
}

export const videoToVideo: Operation = {
	meta: {
		resource: 'video',
		value: 'videoToVideo',
		name: 'Video to Video',
		description:
			'Transform a video with a prompt and an optional reference image (gen4_aleph, official route)',
		action: 'Transform a video with a prompt',
		creates: true,
	},
	properties,
	prepare,
};
