import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { PROMPT_MAX_UNITS, type RatioLimits, SEED_MAX } from '../../helpers/constants';
import type { PreparedTask } from '../../helpers/interfaces';
import {
	validateIntegerChoice,
	validateIntegerInRange,
	validatePrompt,
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
import {
	fieldNameFor,
	legacyNote,
	limitsOf,
	type ModelField,
	modelProperties,
	perModelProperties,
	readModel,
	readRatio,
} from '../model';
import { isVersion1 } from '../versions';
import { prepareCreate, type Operation } from '../operation';
import { IMAGE_INPUT, type PromptSpec, readMedia, readOptions, readPrompt } from '../parameters';
import { CREATE_ROUTES } from '../../transport/routes';
import { outputFormatOption, readOutputFormat } from './outputFormat';

/** What a known Image to Video model takes: its ratios and durations. */
interface ModelLimits extends RatioLimits {
	durations: readonly number[];
	defaultDuration: number;
}

const GEN4_RATIOS = ['1280:720', '720:1280', '1104:832', '832:1104', '960:960', '1584:672'];
const VEO_RATIOS = ['1280:720', '720:1280', '1080:1920', '1920:1080'];
const TWO_TO_TEN_SECONDS = [2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * What each known model takes (cometapi-runway-api.md §10.1, §13), in the order the form offers
 * them. Any other model ID is checked loosely (OTHER_MODEL).
 */
const MODELS: Record<string, ModelLimits> = {
	'gen4.5': { ratios: GEN4_RATIOS, durations: TWO_TO_TEN_SECONDS, defaultDuration: 5 },
	gen4_turbo: { ratios: GEN4_RATIOS, durations: TWO_TO_TEN_SECONDS, defaultDuration: 5 },
	gen3a_turbo: { ratios: ['1280:768', '768:1280'], durations: [5, 10], defaultDuration: 5 },
	veo3: { ratios: VEO_RATIOS, durations: [8], defaultDuration: 8 },
	'veo3.1': { ratios: VEO_RATIOS, durations: [4, 6, 8], defaultDuration: 8 },
	'veo3.1_fast': { ratios: VEO_RATIOS, durations: [4, 6, 8], defaultDuration: 8 },
};

/** Models Runway has retired, and the model to use instead. */
const LEGACY = { gen3a_turbo: 'gen4_turbo', veo3: 'veo3.1' };

/** The models whose Google options (negative prompt, audio) Runway documents on this route. */
const VEO31 = ['veo3.1', 'veo3.1_fast'];

const defaultModel = 'gen4_turbo';

/** A model ID the node does not know: a W:H ratio and whole seconds in range. */
const OTHER_MODEL = {
	defaultRatio: '1280:720',
	defaultDuration: 5,
	minDuration: 1,
	maxDuration: 60,
};
const otherRatio = OTHER_MODEL.defaultRatio;
const otherDuration = OTHER_MODEL.defaultDuration;

const PROMPT: PromptSpec = {
	required: false,
	maxUnits: PROMPT_MAX_UNITS,
	what: 'What should happen in the video',
	more: 'gen4.5 requires one, of at most 1,000 characters',
};
/** gen4.5 requires a prompt and takes a longer one (§13). */
const GEN45_PROMPT: PromptSpec = { ...PROMPT, required: true, maxUnits: 1000 };

const DURATION: ModelField<ModelLimits> = {
	base: 'duration',
	models: MODELS,
	keyOf: ({ durations, defaultDuration }) => `${durations.join(',')}/${defaultDuration}`,
};

/**
 * Duration once per group of models that take the same durations, offering only those, and as
 * whole seconds in range for any other model ID (see `perModelProperties`).
 */
const durationProperties = perModelProperties(
	DURATION,
	(models, { durations, defaultDuration }): INodeProperties => ({
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'options',
		options: durations.map((seconds) => ({ name: String(seconds), value: seconds })),
		default: defaultDuration,
		description: `Length of the video. ${models.join(' and ')} take ${durations.join(', ')} seconds.`,
	}),
	{
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'number',
		typeOptions: { minValue: OTHER_MODEL.minDuration, maxValue: OTHER_MODEL.maxDuration },
		default: otherDuration,
		description: 'Length of the video in whole seconds, as the model takes it',
	},
);

const properties: INodeProperties[] = [
	...imageSourceProperties(false),
	promptProperty(PROMPT),
	...modelProperties(
		Object.keys(MODELS),
		defaultModel,
		'Runway model; Ratio and Duration offer what the chosen model takes',
		LEGACY,
	),
	...ratioProperties(MODELS, otherRatio),
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
		outputFormatOption,
		{
			displayName: 'Negative Prompt',
			name: 'negativePrompt',
			type: 'string',
			default: '',
			description: 'What the video should not show (veo3.1 and veo3.1_fast)',
			displayOptions: { show: { '/model': VEO31 } },
		},
		{
			displayName: 'Audio',
			name: 'audio',
			type: 'boolean',
			default: true,
			description: 'Whether the video has sound (veo3.1 and veo3.1_fast)',
			displayOptions: { show: { '/model': VEO31 } },
		},
	]),
	...waitProperties(true),
];

/** Ratio and duration as the model takes them: a known model's lists, or loosely for another ID. */
function readShape(this: IExecuteFunctions, itemIndex: number, model: string) {
	const ratio = readRatio.call(this, itemIndex, model, MODELS, otherRatio);
	const limits = limitsOf(MODELS, model);
	const duration = this.getNodeParameter(
		fieldNameFor(DURATION, model, isVersion1.call(this)),
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
					OTHER_MODEL.minDuration,
					OTHER_MODEL.maxDuration,
					context,
				),
	};
}

/** veo3.1's own options, sent only when set and only for the models that take them. */
function readVeoOptions(options: IDataObject, model: string) {
	if (!VEO31.includes(model)) return {};
	return {
		negativePrompt: validatePrompt('Negative Prompt', options.negativePrompt, false),
		audio: typeof options.audio === 'boolean' ? options.audio : undefined,
	};
}

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const model = readModel.call(this, itemIndex);
	const options = readOptions.call(this, itemIndex);
	const { ratio, duration } = readShape.call(this, itemIndex, model);
	const body = {
		model,
		promptText: readPrompt.call(this, itemIndex, model === 'gen4.5' ? GEN45_PROMPT : PROMPT),
		ratio,
		duration,
		seed: validateSeed(options.seed),
		watermark: typeof options.watermark === 'boolean' ? options.watermark : undefined,
		outputFormat: readOutputFormat(model, options.outputFormat),
		...readVeoOptions(options, model),
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
		legacyNote(LEGACY, model),
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
