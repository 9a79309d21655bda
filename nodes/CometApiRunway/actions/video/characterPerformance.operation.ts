import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedTask } from '../../helpers/interfaces';
import { describe, InputError, validateIntegerChoice } from '../../helpers/validation';
import { CREATE_ROUTES } from '../../transport/routes';
import { type MediaInput, mediaInputProperties, readMedia } from '../fields/mediaInput';
import { modelProperties } from '../fields/model';
import { optionsCollection, readOptions } from '../fields/options';
import {
	CHARACTER_IMAGE_INPUT,
	characterImageProperties,
	PERFORMANCE_INPUT,
	performanceVideoProperties,
} from '../fields/performanceInputs';
import {
	publicFigureThresholdOption,
	readContentModeration,
} from '../fields/publicFigureThreshold';
import { type RatioLimits, ratioProperties, readModelAndRatio } from '../fields/ratio';
import { runwayVersionOption } from '../fields/runwayVersion';
import { RUNWAY_SEED_MAX, seedOption, validateSeed } from '../fields/seed';
import { VIDEO_INPUT, videoSourceProperties } from '../fields/videoInput';
import { waitProperties } from '../fields/waitSettings';
import { type CreatingMeta, type Operation, prepareCreate } from '../operation';

/** Character Performance, Act-Two (§3.4). */
const CHARACTER_PERFORMANCE = {
	defaultModel: 'act_two',
	defaultRatio: '1280:720',
	models: {
		act_two: { ratios: ['1280:720', '720:1280', '960:960', '1104:832', '832:1104', '1584:672'] },
	} as Record<string, RatioLimits>,
	expressionIntensities: [1, 2, 3, 4, 5],
	defaultExpressionIntensity: 3,
	/** The performance clip Runway takes, in seconds (not checked by the node). */
	referenceSeconds: { min: 3, max: 30 },
} as const;

const { min: minSeconds, max: maxSeconds } = CHARACTER_PERFORMANCE.referenceSeconds;
const { defaultModel, defaultRatio, models } = CHARACTER_PERFORMANCE;
const defaultExpressionIntensity = CHARACTER_PERFORMANCE.defaultExpressionIntensity;
const intensities = CHARACTER_PERFORMANCE.expressionIntensities;

/** The character as a video: fields of its own, so the performance video keeps the shared ones. */
const CHARACTER_VIDEO_INPUT: MediaInput = {
	kind: 'video',
	source: 'characterVideoSource',
	url: 'characterVideoUrl',
	binaryProperty: 'characterVideoBinaryPropertyName',
	labels: {
		source: 'Character Video Source',
		url: 'Character Video URL',
		binaryProperty: 'Character Video Binary Field',
	},
};

const CHARACTER_INPUTS: Record<string, MediaInput> = {
	image: CHARACTER_IMAGE_INPUT,
	video: CHARACTER_VIDEO_INPUT,
};

/** `fields` with the one named `name` changed. */
const changing = (fields: INodeProperties[], name: string, changes: Partial<INodeProperties>) =>
	fields.map((field) => (field.name === name ? { ...field, ...changes } : field));

const performanceText = `Runway takes a clip of ${minSeconds} to ${maxSeconds} seconds with a visible face. The node checks a binary file's container (MP4, MOV or WebM) and size, not its length: a clip outside ${minSeconds}–${maxSeconds} s is refused by Runway.`;

const properties: INodeProperties[] = [
	{
		displayName: 'Character Type',
		name: 'characterType',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Image',
				value: 'image',
				description: 'A still of the character to animate, with a visible face',
			},
			{
				name: 'Video',
				value: 'video',
				description: 'A video of the character to animate, with a visible face',
			},
		],
		default: 'image',
	},
	...updateDisplayOptions({ show: { characterType: ['image'] } }, characterImageProperties()),
	...updateDisplayOptions(
		{ show: { characterType: ['video'] } },
		// Not the performance video's "data": one file taken for both videos would go unnoticed.
		changing(
			mediaInputProperties(
				videoSourceProperties('the character video'),
				VIDEO_INPUT,
				CHARACTER_VIDEO_INPUT,
			),
			CHARACTER_VIDEO_INPUT.binaryProperty,
			{ default: 'character' },
		),
	),
	...changing(performanceVideoProperties('the performance video'), PERFORMANCE_INPUT.source, {
		description: `The performance (face, and body with Body Control) the character follows. ${performanceText}`,
	}),
	...modelProperties(
		Object.keys(models),
		defaultModel,
		'Runway model for this route: act_two (Act-Two), or Custom Model ID to type another',
	),
	...ratioProperties(models, defaultRatio),
	optionsCollection([
		{
			displayName: 'Body Control',
			name: 'bodyControl',
			type: 'boolean',
			default: false,
			description:
				'Whether the character also follows the body movements and gestures of the performance, not only the face',
		},
		{
			displayName: 'Expression Intensity',
			name: 'expressionIntensity',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 5, numberPrecision: 0 },
			default: defaultExpressionIntensity,
			description: 'How strongly the facial expressions are rendered, 1 (subtle) to 5 (strong)',
		},
		publicFigureThresholdOption,
		runwayVersionOption,
		seedOption(RUNWAY_SEED_MAX),
	]),
	...waitProperties(true),
];

/** The character, `{type, uri}`, from the input its type chooses. */
async function readCharacter(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const type = this.getNodeParameter('characterType', itemIndex, 'image') as string;
	const input = CHARACTER_INPUTS[type];
	if (!input) {
		throw new InputError(
			'Character Type',
			`Character Type must be image or video, got ${describe(type)}`,
		);
	}
	return { type, uri: await readMedia.call(this, itemIndex, input) };
}

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const { model, ratio } = readModelAndRatio.call(this, itemIndex, models, defaultRatio);
	const options = readOptions.call(this, itemIndex);
	const body = {
		model,
		ratio,
		bodyControl: readBodyControl(options.bodyControl),
		expressionIntensity:
			options.expressionIntensity === undefined
				? undefined
				: validateIntegerChoice('Expression Intensity', options.expressionIntensity, intensities),
		seed: validateSeed(options.seed, RUNWAY_SEED_MAX),
		contentModeration: readContentModeration(options),
	};
	return await prepareCreate.call(this, itemIndex, characterPerformance.meta, async () => ({
		...body,
		character: await readCharacter.call(this, itemIndex),
		reference: { type: 'video', uri: await readMedia.call(this, itemIndex, PERFORMANCE_INPUT) },
	}));
}

function readBodyControl(value: unknown): boolean | undefined {
	if (value === undefined || typeof value === 'boolean') return value;
	throw new InputError(
		'Body Control',
		`Body Control must be true or false, got ${describe(value)}`,
	);
}

export const characterPerformance: Operation<CreatingMeta> = {
	meta: {
		resource: 'video',
		value: 'characterPerformance',
		name: 'Character Performance',
		description:
			'Make a character image or video move, speak and gesture as an actor does in a performance video (Act-Two)',
		action: "Animate a character with an actor's whole performance",
		createRoute: CREATE_ROUTES.characterPerformance,
	},
	properties,
	prepare,
};
