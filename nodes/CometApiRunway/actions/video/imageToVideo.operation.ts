import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PreparedTask } from '../../helpers/interfaces';
import { CREATE_ROUTES } from '../../transport/routes';
import { type DurationLimits, durationProperties, readDuration } from '../fields/duration';
import { IMAGE_INPUT, imageSourceProperties } from '../fields/imageInput';
import { readMedia } from '../fields/mediaInput';
import { legacyNote, modelProperties, readModel } from '../fields/model';
import { optionsCollection, readOptions } from '../fields/options';
import { outputFormatOption, readOutputFormat } from '../fields/outputFormat';
import {
	PROMPT_MAX_UNITS,
	type PromptSpec,
	promptProperty,
	readPrompt,
	validatePrompt,
} from '../fields/prompt';
import { type RatioLimits, ratioProperties, readRatio } from '../fields/ratio';
import { runwayVersionOption } from '../fields/runwayVersion';
import { SEED_MAX, seedOption, validateSeed } from '../fields/seed';
import { waitProperties } from '../fields/waitSettings';
import { type CreatingMeta, type Operation, prepareCreate } from '../operation';

/** What a known Image to Video model takes: its ratios and durations. */
type ModelLimits = RatioLimits & DurationLimits;

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

const PROMPT: PromptSpec = {
	required: false,
	maxUnits: PROMPT_MAX_UNITS,
	what: 'What should happen in the video',
	more: 'gen4.5 requires one, of at most 1,000 characters',
};
/** gen4.5 requires a prompt and takes a longer one (§13). */
const GEN45_PROMPT: PromptSpec = { ...PROMPT, required: true, maxUnits: 1000 };

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
	...durationProperties(MODELS, OTHER_MODEL),
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
	const ratio = readRatio.call(this, itemIndex, model, MODELS, otherRatio);
	const duration = readDuration.call(this, itemIndex, model, MODELS, OTHER_MODEL);
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
		imageToVideo.meta,
		async () => ({
			...body,
			promptImage: await readMedia.call(this, itemIndex, IMAGE_INPUT),
		}),
		legacyNote(LEGACY, model),
	);
}

export const imageToVideo: Operation<CreatingMeta> = {
	meta: {
		resource: 'video',
		value: 'imageToVideo',
		name: 'Image to Video',
		description:
			"Animate a still image into a video; choose among Runway's and Google's video models",
		action: 'Animate a still image into a video',
		createRoute: CREATE_ROUTES.imageToVideo,
	},
	properties,
	prepare,
};
