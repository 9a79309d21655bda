import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	IMAGE_TO_VIDEO_DEFAULT_MODEL,
	IMAGE_TO_VIDEO_MODELS,
	IMAGE_TO_VIDEO_OTHER_MODEL,
	PROMPT_MAX_UNITS,
	SEED_MAX,
} from '../../helpers/constants';
import type { PreparedTask } from '../../helpers/interfaces';
import {
	validateIntegerChoice,
	validateIntegerInRange,
	validateSeed,
} from '../../helpers/validation';
import {
	imageSourceProperties,
	optionsCollection,
	runwayVersionOption,
	seedOption,
} from '../common.descriptions';
import { promptProperty, ratioProperties } from '../inputs.descriptions';
import { waitProperties } from '../wait.descriptions';
import { limitsOf, modelProperties, perModelProperties, readModel, readRatio } from '../model';
import { prepareCreate, type Operation } from '../operation';
import { IMAGE_INPUT, type PromptSpec, readMedia, readOptions, readPrompt } from '../parameters';
import { CREATE_ROUTES } from '../../transport/routes';

const defaultModel = IMAGE_TO_VIDEO_DEFAULT_MODEL;
const otherRatio = IMAGE_TO_VIDEO_OTHER_MODEL.defaultRatio;
const otherDuration = IMAGE_TO_VIDEO_OTHER_MODEL.defaultDuration;

const PROMPT: PromptSpec = {
	required: false,
	maxUnits: PROMPT_MAX_UNITS,
	what: 'What should happen in the video',
};

/**
 * Duration once per known model, offering only what that model takes, and as whole seconds in
 * range for any other model ID; all save as `duration`.
 */
const durationProperties = perModelProperties(
	IMAGE_TO_VIDEO_MODELS,
	(model, { durations, defaultDuration }): INodeProperties => ({
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'options',
		options: durations.map((seconds) => ({ name: String(seconds), value: seconds })),
		default: defaultDuration,
		description: `Length of the video, as ${model} takes it`,
	}),
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
	},
);

const properties: INodeProperties[] = [
	...imageSourceProperties(false),
	promptProperty(PROMPT),
	...modelProperties(
		Object.keys(IMAGE_TO_VIDEO_MODELS),
		defaultModel,
		'Runway model; Ratio and Duration offer what the chosen model takes',
	),
	...ratioProperties(IMAGE_TO_VIDEO_MODELS, otherRatio),
	...durationProperties,
	optionsCollection([
		runwayVersionOption,
		seedOption(SEED_MAX),
		{
			displayName: 'Watermark',
			name: 'watermark',
			type: 'boolean',
			default: false,
			description: 'Whether the video carries a Runway watermark',
		},
	]),
	...waitProperties(true),
];

/** Ratio and duration as the model takes them: a known model's lists, or loosely for another ID. */
function readShape(this: IExecuteFunctions, itemIndex: number, model: string) {
	const ratio = readRatio.call(this, itemIndex, model, IMAGE_TO_VIDEO_MODELS, otherRatio);
	const limits = limitsOf(IMAGE_TO_VIDEO_MODELS, model);
	const duration = this.getNodeParameter(
		'duration',
		itemIndex,
		limits?.defaultDuration ?? otherDuration,
	);
	const context = ` for model ${model}`;
	return {
		ratio,
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
	const body = {
		model,
		promptText: readPrompt.call(this, itemIndex, PROMPT),
		ratio,
		duration,
		seed: validateSeed(options.seed),
		watermark: typeof options.watermark === 'boolean' ? options.watermark : undefined,
	};
	return await prepareCreate.call(
		this,
		itemIndex,
		CREATE_ROUTES.imageToVideo,
		'video',
		async () => ({
			...body,
			promptImage: await readMedia.call(this, itemIndex, IMAGE_INPUT),
		}),
	);
}

export const imageToVideo: Operation = {
	meta: {
		resource: 'video',
		value: 'imageToVideo',
		name: 'Image to Video',
		description:
			"Animate a still image into a video; choose among Runway's and Google's video models",
		action: 'Animate a still image into a video',
		creates: true,
	},
	properties,
	prepare,
};
