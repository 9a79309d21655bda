import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { RUNWAY_SEED_MAX, VIDEO_TO_VIDEO } from '../../helpers/constants';
import type { PreparedTask } from '../../helpers/interfaces';
import { validateMediaUrl } from '../../helpers/urls';
import { InputError, optionalText, validatePrompt, validateSeed } from '../../helpers/validation';
import {
	publicFigureThresholdOption,
	runwayVersionOption,
	videoSourceProperties,
	waitProperties,
} from '../common.descriptions';
import { optionsCollection, seedOption } from '../inputs.descriptions';
import { createTask, type Operation } from '../operation';
import {
	readBinaryMedia,
	readContentModeration,
	readMedia,
	readModelAndRatio,
	readOptions,
	readRunwayVersion,
	VIDEO_INPUT,
} from '../parameters';
import { CREATE_ROUTES } from '../../transport/routes';

const defaultModel = VIDEO_TO_VIDEO.defaultModel;
const knownRatios = VIDEO_TO_VIDEO.models[defaultModel].ratios;

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
	{
		displayName: 'Model',
		name: 'model',
		type: 'string',
		default: defaultModel,
		description:
			'Runway model ID, gen4_aleph. Any model CometAPI offers on this route may be typed.',
	},
	{
		displayName: 'Ratio',
		name: 'ratio',
		type: 'options',
		options: knownRatios.map((ratio) => ({ name: ratio, value: ratio })),
		default: '1280:720',
		description: 'Output size as width:height, as gen4_aleph offers it',
	},
	optionsCollection([
		publicFigureThresholdOption,
		{
			displayName: 'Reference Image Binary Field',
			name: 'referenceImageBinaryPropertyName',
			type: 'string',
			default: '',
			placeholder: 'style',
			description:
				'Input binary field holding a reference image for the look of the result (JPEG, PNG or WebP, at most 5 MB). Runway takes one reference image: set this or Reference Image URL.',
		},
		{
			displayName: 'Reference Image URL',
			name: 'referenceImageUrl',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/style.jpg',
			description:
				'Public https:// URL of a reference image for the look of the result. Runway takes one reference image: set this or Reference Image Binary Field.',
		},
		runwayVersionOption,
		seedOption(RUNWAY_SEED_MAX),
	]),
	...waitProperties(true),
];

/** Runway's `references`: at most one image, by URL or from a binary field. */
async function readReferences(
	this: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): Promise<IDataObject[] | undefined> {
	const url = optionalText('Reference Image URL', options.referenceImageUrl);
	const property = optionalText(
		'Reference Image Binary Field',
		options.referenceImageBinaryPropertyName,
	);
	if (url && property) {
		throw new InputError(
			'Reference Image',
			`Video to Video takes at most ${VIDEO_TO_VIDEO.maxReferences} reference image, but both Reference Image URL and Reference Image Binary Field are set`,
			'Keep one of Reference Image URL and Reference Image Binary Field; nothing was sent to CometAPI.',
		);
	}
	if (url) return [{ type: 'image', uri: validateMediaUrl('Reference Image URL', url) }];
	if (!property) return undefined;
	const uri = await readBinaryMedia.call(
		this,
		itemIndex,
		'image',
		property,
		'Reference Image Binary Field',
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
	body.references = await readReferences.call(this, itemIndex, options);
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
