import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CHARACTER_PERFORMANCE, RUNWAY_SEED_MAX } from '../../helpers/constants';
import type { PreparedTask } from '../../helpers/interfaces';
import {
	describe,
	InputError,
	validateIntegerChoice,
	validateSeed,
} from '../../helpers/validation';
import {
	imageSourceProperties,
	optionsCollection,
	publicFigureThresholdOption,
	runwayVersionOption,
	seedOption,
	videoSourceProperties,
} from '../common.descriptions';
import { waitProperties } from '../wait.descriptions';
import { mediaInputProperties, ratioProperties } from '../inputs.descriptions';
import { modelProperties, readModelAndRatio } from '../model';
import { prepareCreate, type Operation } from '../operation';
import {
	IMAGE_INPUT,
	type MediaInput,
	readContentModeration,
	readMedia,
	readOptions,
	VIDEO_INPUT,
} from '../parameters';
import { CHARACTER_IMAGE_INPUT, PERFORMANCE_INPUT } from '../performance.inputs';
import { CREATE_ROUTES } from '../../transport/routes';

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
	...updateDisplayOptions(
		{ show: { characterType: ['image'] } },
		mediaInputProperties(imageSourceProperties(false), IMAGE_INPUT, CHARACTER_IMAGE_INPUT),
	),
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
	...changing(
		mediaInputProperties(
			videoSourceProperties('the performance video'),
			VIDEO_INPUT,
			PERFORMANCE_INPUT,
		),
		PERFORMANCE_INPUT.source,
		{
			description: `The performance (face, and body with Body Control) the character follows. ${performanceText}`,
		},
	),
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
	const route = CREATE_ROUTES.characterPerformance;
	return await prepareCreate.call(this, itemIndex, route, 'video', async () => ({
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

export const characterPerformance: Operation = {
	meta: {
		resource: 'video',
		value: 'characterPerformance',
		name: 'Character Performance',
		description:
			'Make a character image or video move, speak and gesture as an actor does in a performance video (Act-Two)',
		action: "Animate a character with an actor's whole performance",
		creates: true,
	},
	properties,
	prepare,
};
