import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { IMAGE_TO_VIDEO_MODELS } from '../../helpers/constants';
import type { PreparedTask } from '../../helpers/interfaces';
import {
	validateDuration,
	validateModel,
	validatePrompt,
	validateRatio,
	validateSeed,
} from '../../helpers/validation';
import {
	durationOptions,
	imageSourceProperties,
	runwayVersionOption,
	waitProperties,
} from '../common.descriptions';
import { createTask, type Operation } from '../operation';
import { IMAGE_INPUT, readMedia, readOptions, readRunwayVersion } from '../parameters';
import { CREATE_ROUTES } from '../../transport/routes';

const ratioOptions = Object.values(IMAGE_TO_VIDEO_MODELS)
	.flatMap(({ ratios }) => ratios)
	.map((ratio) => ({ name: ratio, value: ratio }));

const properties: INodeProperties[] = [
	...imageSourceProperties(false),
	{
		displayName: 'Model',
		name: 'model',
		type: 'string',
		default: 'gen4_turbo',
		description:
			'Runway model ID, e.g. gen4_turbo or gen3a_turbo. Any model CometAPI offers may be typed.',
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'What should happen in the video, at most 512 characters',
	},
	{
		displayName: 'Ratio',
		name: 'ratio',
		type: 'options',
		options: ratioOptions,
		default: '1280:720',
		description:
			'Output size as width:height. gen4_turbo takes the first six, gen3a_turbo only 1280:768 or 768:1280.',
	},
	{
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'options',
		options: durationOptions,
		default: 5,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			runwayVersionOption,
			{
				displayName: 'Seed',
				name: 'seed',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 999999999 },
				default: 0,
				description: 'Fixed seed for repeatable results, 0 to 999999999',
			},
			{
				displayName: 'Watermark',
				name: 'watermark',
				type: 'boolean',
				default: false,
				description: 'Whether the video carries a Runway watermark',
			},
		],
	},
	...waitProperties(true),
];

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const model = validateModel('Model', this.getNodeParameter('model', itemIndex));
	const options = readOptions.call(this, itemIndex);
	const body: IDataObject = {
		model,
		promptText: validatePrompt('Prompt', this.getNodeParameter('prompt', itemIndex, ''), false),
		ratio: validateRatio(
			'Ratio',
			this.getNodeParameter('ratio', itemIndex),
			IMAGE_TO_VIDEO_MODELS[model]?.ratios,
			` for model ${model}`,
		),
		duration: validateDuration('Duration', this.getNodeParameter('duration', itemIndex, 5)),
		seed: validateSeed(options.seed),
		watermark: typeof options.watermark === 'boolean' ? options.watermark : undefined,
	};
	const runwayVersion = readRunwayVersion.call(this, itemIndex);
	// The image is read last: it is the costly check and the other fields fail faster.
	body.promptImage = await readMedia.call(this, itemIndex, IMAGE_INPUT);
	return createTask(CREATE_ROUTES.imageToVideo, 'video', body, runwayVersion);
}

export const imageToVideo: Operation = {
	meta: {
		resource: 'video',
		value: 'imageToVideo',
		name: 'Image to Video',
		description: 'Animate an image with a Runway model (official route)',
		action: 'Generate a video from an image',
		creates: true,
	},
	properties,
	prepare,
};
