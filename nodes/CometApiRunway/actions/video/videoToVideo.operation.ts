import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PreparedTask } from '../../helpers/interfaces';
import { InputError } from '../../helpers/validation';
import { CREATE_ROUTES } from '../../transport/routes';
import { IMAGE_INPUT, imageSourceProperties } from '../fields/imageInput';
import { keyframesProperty, readKeyframes } from '../fields/keyframes';
import { type MediaInput, mediaInputProperties, readMedia } from '../fields/mediaInput';
import { legacyNote, modelProperties, readModel } from '../fields/model';
import { optionsCollection, readOptions } from '../fields/options';
import { type PromptSpec, promptProperty, readPrompt } from '../fields/prompt';
import {
	publicFigureThresholdOption,
	readContentModeration,
} from '../fields/publicFigureThreshold';
import { type RatioLimits, ratioProperties, readRatio } from '../fields/ratio';
import {
	readReferenceEntries,
	readReferenceImage,
	referenceImagesProperty,
} from '../fields/referenceImages';
import { runwayVersionOption } from '../fields/runwayVersion';
import { RUNWAY_SEED_MAX, seedOption, validateSeed } from '../fields/seed';
import { readTargetAspectRatio, targetAspectRatioProperty } from '../fields/targetAspectRatio';
import { VIDEO_INPUT, videoSourceProperties } from '../fields/videoInput';
import { waitProperties } from '../fields/waitSettings';
import { isVersion1, SINCE_VERSION_1_1, VERSION_1 } from '../versions';
import { type CreatingMeta, type Operation, prepareCreate } from '../operation';

/**
 * Video to Video (cometapi-runway-api.md §3.2, §13): aleph2 edits a video of at most 30 s by
 * prompt and keyframes and can outpaint it to another aspect ratio; gen4_aleph, retired, took a
 * ratio and one reference image.
 */
const ALEPH2 = 'aleph2';
const GEN4_ALEPH = 'gen4_aleph';
const defaultModel = ALEPH2;
const LEGACY = { [GEN4_ALEPH]: ALEPH2 };
const defaultRatio = '1280:720';
/** The models that take a ratio, and the ratios each takes; aleph2 takes none. */
const RATIO_MODELS: Record<string, RatioLimits> = {
	[GEN4_ALEPH]: {
		ratios: [
			'1280:720',
			'720:1280',
			'1104:832',
			'960:960',
			'832:1104',
			'1584:672',
			'848:480',
			'640:480',
		],
	},
};

const PROMPT: PromptSpec = {
	required: false,
	maxUnits: 1000,
	what: 'How the video should change (style, lighting, objects, camera)',
	more: 'Optional for aleph2, required for gen4_aleph',
};
const GEN4_ALEPH_PROMPT: PromptSpec = { ...PROMPT, required: true };

/** The single reference image of gen4_aleph (Runway takes at most one). */
const REFERENCE_INPUT: MediaInput = {
	kind: 'image',
	source: 'referenceImageSource',
	url: 'referenceImageUrl',
	binaryProperty: 'referenceImageBinaryPropertyName',
	labels: {
		source: 'Reference Image',
		url: 'Reference Image URL',
		binaryProperty: 'Reference Image Binary Field',
	},
};

const [imageSource, ...imageFields] = imageSourceProperties(true);
const referenceImageProperties = mediaInputProperties(
	[
		{
			...imageSource,
			description: 'An image whose look the result takes (a style, a person, an object)',
			options: (imageSource.options ?? []).map((option) =>
				'value' in option && option.value === 'none'
					? { name: 'None', value: 'none', description: 'No reference image' }
					: option,
			),
		},
		...imageFields,
	],
	IMAGE_INPUT,
	REFERENCE_INPUT,
).map((field) => ({
	...field,
	displayOptions: {
		...field.displayOptions,
		show: { ...field.displayOptions?.show, ...SINCE_VERSION_1_1 },
		hide: { model: [ALEPH2] },
	},
}));

const properties: INodeProperties[] = [
	...videoSourceProperties('the video to transform (aleph2 takes at most 30 seconds)'),
	{
		...referenceImagesProperty(
			'At most one image whose look the result takes (a style, a person, an object), by URL or from a binary field',
		),
		displayOptions: { show: VERSION_1, hide: { model: [ALEPH2] } },
	},
	...referenceImageProperties,
	promptProperty(PROMPT),
	...modelProperties(
		[ALEPH2, GEN4_ALEPH],
		defaultModel,
		'Runway model: aleph2 (keyframes, outpainting to another aspect ratio), or Custom Model ID to type another',
		LEGACY,
		GEN4_ALEPH,
	),
	...ratioProperties(RATIO_MODELS, defaultRatio, [ALEPH2]),
	keyframesProperty([ALEPH2]),
	targetAspectRatioProperty([ALEPH2]),
	optionsCollection([
		publicFigureThresholdOption,
		runwayVersionOption,
		seedOption(RUNWAY_SEED_MAX),
	]),
	...waitProperties(true),
];

/**
 * Runway's `references` of gen4_aleph: the one image of Reference Image, or in version 1 the
 * list Reference Images, which may hold at most one.
 */
async function readReferences(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[] | undefined> {
	if (!isVersion1.call(this)) {
		const uri = await readMedia.call(this, itemIndex, REFERENCE_INPUT);
		return uri === undefined ? undefined : [{ type: 'image', uri }];
	}
	const count = readReferenceEntries.call(this, itemIndex).length;
	if (count > 1) {
		throw new InputError(
			'Reference Images',
			`Reference Images has ${count} images; Video to Video takes at most 1`,
		);
	}
	if (count === 0) return undefined;
	return [{ type: 'image', uri: await readReferenceImage.call(this, itemIndex, 0) }];
}

/** What only aleph2 takes, and what every other model (gen4_aleph, a typed ID) takes instead. */
function readModelFields(this: IExecuteFunctions, itemIndex: number, model: string) {
	if (model === ALEPH2) return { targetAspectRatio: readTargetAspectRatio.call(this, itemIndex) };
	return { ratio: readRatio.call(this, itemIndex, model, RATIO_MODELS, defaultRatio) };
}

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const model = readModel.call(this, itemIndex);
	const options = readOptions.call(this, itemIndex);
	const body = {
		model,
		promptText: readPrompt.call(this, itemIndex, model === ALEPH2 ? PROMPT : GEN4_ALEPH_PROMPT),
		...readModelFields.call(this, itemIndex, model),
		seed: validateSeed(options.seed, RUNWAY_SEED_MAX),
		contentModeration: readContentModeration(options),
	};
	return await prepareCreate.call(
		this,
		itemIndex,
		videoToVideo.meta,
		async () => ({
			...body,
			...(model === ALEPH2
				? { keyframes: await readKeyframes.call(this, itemIndex) }
				: { references: await readReferences.call(this, itemIndex) }),
			videoUri: await readMedia.call(this, itemIndex, VIDEO_INPUT),
		}),
		legacyNote(LEGACY, model),
	);
}

export const videoToVideo: Operation<CreatingMeta> = {
	meta: {
		resource: 'video',
		value: 'videoToVideo',
		name: 'Video to Video',
		description:
			'Edit an existing video as a prompt says (change the weather, add an object), with optional keyframe images',
		action: 'Edit a video by prompt, keeping its motion',
		createRoute: CREATE_ROUTES.videoToVideo,
	},
	properties,
	prepare,
};
