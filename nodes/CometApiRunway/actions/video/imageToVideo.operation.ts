import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	IMAGE_TO_VIDEO_DEFAULT_MODEL,
	IMAGE_TO_VIDEO_MODELS,
	IMAGE_TO_VIDEO_OTHER_MODEL,
} from '../../helpers/constants';
import type { PreparedTask } from '../../helpers/interfaces';
import {
	validateIntegerChoice,
	validateIntegerInRange,
	validatePrompt,
	validateRatio,
	validateSeed,
} from '../../helpers/validation';
import { imageSourceProperties, runwayVersionOption } from '../common.descriptions';
import { waitProperties } from '../wait.descriptions';
import { forModels, modelProperties, readModel } from '../model';
import { createTask, type Operation } from '../operation';
import { IMAGE_INPUT, readMedia, readOptions, readRunwayVersion } from '../parameters';
import { CREATE_ROUTES } from '../../transport/routes';

const KNOWN_MODELS = Object.keys(IMAGE_TO_VIDEO_MODELS);
const defaultModel = IMAGE_TO_VIDEO_DEFAULT_MODEL;
const otherRatio = IMAGE_TO_VIDEO_OTHER_MODEL.defaultRatio;
const otherDuration = IMAGE_TO_VIDEO_OTHER_MODEL.defaultDuration;

/**
 * Ratio and Duration once per known model, each offering only what that model takes; the form
 * shows the pair of the chosen model, and all save as `ratio` and `duration`.
 */
const perModelFields: INodeProperties[] = Object.entries(IMAGE_TO_VIDEO_MODELS).flatMap(
	([model, { ratios, durations, defaultDuration }]): INodeProperties[] => {
		const defaultRatio = ratios[0];
		return [
			{
				displayName: 'Ratio',
				name: 'ratio',
				type: 'options',
				options: ratios.map((ratio) => ({ name: ratio, value: ratio })),
				default: defaultRatio,
				description: `Output size as width:height, as ${model} takes it`,
				displayOptions: forModels([model]),
			},
			{
				displayName: 'Duration (Seconds)',
				name: 'duration',
				type: 'options',
				options: durations.map((seconds) => ({ name: String(seconds), value: seconds })),
				default: defaultDuration,
				description: `Length of the video, as ${model} takes it`,
				displayOptions: forModels([model]),
			},
		];
	},
);

/** Ratio and Duration for a model ID the node does not know: checked loosely, CometAPI decides. */
const otherModelFields: INodeProperties[] = [
	{
		displayName: 'Ratio',
		name: 'ratio',
		type: 'string',
		default: otherRatio,
		placeholder: '1280:720',
		description: 'Output size as width:height, as the model takes it',
		displayOptions: forModels(KNOWN_MODELS, true),
	},
	{
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'number',
		typeOptions: {
			minValue: IMAGE_TO_VIDEO_OTHER_MODEL.minDuration,
			maxValue: IMAGE_TO_VIDEO_OTHER_MODEL.maxDuration,
		},
		default: otherDuration,
		description: 'Length of the video in whole seconds, as the model takes it',
		displayOptions: forModels(KNOWN_MODELS, true),
	},
];

const properties: INodeProperties[] = [
	...imageSourceProperties(false),
	...modelProperties(
		KNOWN_MODELS,
		defaultModel,
		'Runway model; Ratio and Duration offer what the chosen model takes',
	),
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'What should happen in the video, at most 512 characters',
	},
	...perModelFields,
	...otherModelFields,
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

/** Ratio and duration as the model takes them: a known model's lists, or loosely for another ID. */
function readShape(this: IExecuteFunctions, itemIndex: number, model: string) {
	const limits = IMAGE_TO_VIDEO_MODELS[model];
	const context = ` for model ${model}`;
	const ratio = this.getNodeParameter('ratio', itemIndex, limits?.ratios[0] ?? otherRatio);
	const duration = this.getNodeParameter(
		'duration',
		itemIndex,
		limits?.defaultDuration ?? otherDuration,
	);
	return {
		ratio: validateRatio('Ratio', ratio, limits?.ratios, context),
		duration: limits
			? validateIntegerChoice('Duration', duration, limits.durations, context)
			: validateIntegerInRange(
					'Duration',
					duration,
					IMAGE_TO_VIDEO_OTHER_MODEL.minDuration,
					IMAGE_TO_VIDEO_OTHER_MODEL.maxDuration,
					context,
				),
	};
}

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const model = readModel.call(this, itemIndex);
	const options = readOptions.call(this, itemIndex);
	const { ratio, duration } = readShape.call(this, itemIndex, model);
	const body: IDataObject = {
		model,
		promptText: validatePrompt('Prompt', this.getNodeParameter('prompt', itemIndex, ''), false),
		ratio,
		duration,
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
