import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	MOTION_AXES,
	MOTION_AXIS_NAMES,
	MOTION_LIMIT,
	PROMPT_MAX_UNITS,
} from '../../helpers/constants';
import type { PreparedTask } from '../../helpers/interfaces';
import { optionalText, validateMotionVector } from '../../helpers/validation';
import { validateMediaUrl } from '../../helpers/urls';
import {
	callbackUrlProperty,
	imageSourceProperties,
	optionsCollection,
	runwayVersionOption,
	secondsOption,
} from '../common.descriptions';
import { promptProperty } from '../inputs.descriptions';
import { waitProperties } from '../wait.descriptions';
import { readModel } from '../model';
import {
	compatibilityModelProperties,
	compatibilityRatioProperties,
	readPickedRatio,
} from '../compatibilityModel';
import { prepareCreate, type Operation } from '../operation';
import {
	IMAGE_INPUT,
	type PromptSpec,
	readBinaryMedia,
	readCallbackUrl,
	readMedia,
	type MediaValue,
	readOptions,
	readPrompt,
	readSeconds,
} from '../parameters';
import { CREATE_ROUTES } from '../../transport/routes';

const PROMPT: PromptSpec = {
	required: true,
	maxUnits: PROMPT_MAX_UNITS,
	what: 'What the video shows, or how the image should move',
};

const properties: INodeProperties[] = [
	...imageSourceProperties(true),
	promptProperty(PROMPT),
	...compatibilityModelProperties,
	...compatibilityRatioProperties,
	optionsCollection([
		{
			displayName: 'Last Image Binary Field',
			name: 'lastImageBinaryPropertyName',
			type: 'string',
			default: '',
			placeholder: 'end',
			description:
				'Input binary field holding an end-frame image (JPEG, PNG or WebP, at most 5 MB); used instead of Last Image URL',
		},
		{
			displayName: 'Last Image URL',
			name: 'lastImageUrl',
			type: 'string',
			default: '',
			description: 'Public URL of an end-frame image the video moves toward',
		},
		{
			displayName: 'Motion Vector',
			name: 'motionVector',
			type: 'collection',
			placeholder: 'Add Axis',
			default: {},
			description:
				'Camera motion: each axis from -10 to 10 (negative moves the other way, 0 is still)',
			options: MOTION_AXES.map((axis) => ({
				displayName: MOTION_AXIS_NAMES[axis],
				name: axis,
				type: 'number' as const,
				typeOptions: { minValue: -MOTION_LIMIT, maxValue: MOTION_LIMIT, numberPrecision: 2 },
				default: 0,
				description: `${MOTION_AXIS_NAMES[axis]}, from -${MOTION_LIMIT} to ${MOTION_LIMIT}`,
			})),
		},
		runwayVersionOption,
		secondsOption,
		{
			displayName: 'Style',
			name: 'style',
			type: 'string',
			default: '',
			placeholder: 'cinematic',
		},
	]),
	...waitProperties(true, [callbackUrlProperty]),
];

/** The end frame from the binary field Last Image Binary Field names; it wins over Last Image URL. */
async function readLastImageBinary(
	this: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): Promise<MediaValue | undefined> {
	const field = 'Last Image Binary Field';
	const property = optionalText(field, options.lastImageBinaryPropertyName);
	if (!property) return undefined;
	return await readBinaryMedia.call(this, itemIndex, 'image', property, field, 'Last Image URL');
}

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const options = readOptions.call(this, itemIndex);
	const lastImageUrl = optionalText('Last Image URL', options.lastImageUrl);
	const motionVector = validateMotionVector(options.motionVector);
	const body = {
		callback_url: readCallbackUrl.call(this, itemIndex),
		prompt: readPrompt.call(this, itemIndex, PROMPT),
		model: readModel.call(this, itemIndex),
		ratio: readPickedRatio.call(this, itemIndex),
		style: optionalText('Style', options.style),
		last_image: lastImageUrl ? validateMediaUrl('Last Image URL', lastImageUrl) : undefined,
		options: {
			seconds: readSeconds(options),
			...(motionVector ? { motion_vector: motionVector } : {}),
		},
	};
	return await prepareCreate.call(this, itemIndex, CREATE_ROUTES.generate, 'video', async () => ({
		...body,
		image: await readMedia.call(this, itemIndex, IMAGE_INPUT),
		last_image: (await readLastImageBinary.call(this, itemIndex, options)) ?? body.last_image,
	}));
}

export const generate: Operation = {
	meta: {
		resource: 'video',
		value: 'generate',
		name: 'Generate',
		description:
			'Make a video from a prompt alone, or from a start image and an optional end frame',
		action: 'Generate a video from a prompt alone or a start frame',
		creates: true,
	},
	properties,
	prepare,
};
