import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PreparedTask } from '../../helpers/interfaces';
import { optionalText } from '../../helpers/validation';
import { validateMediaUrl } from '../../helpers/urls';
import { CREATE_ROUTES } from '../../transport/routes';
import { callbackUrlProperty, readCallbackUrl } from '../fields/callbackUrl';
import {
	compatibilityModelProperties,
	compatibilityRatioProperties,
	readPickedRatio,
} from '../fields/compatibilityPickers';
import { IMAGE_INPUT, imageSourceProperties } from '../fields/imageInput';
import { type MediaValue, readBinaryMedia, readMedia } from '../fields/mediaInput';
import { readModel } from '../fields/model';
import { motionVectorOption, validateMotionVector } from '../fields/motionVector';
import { optionsCollection, readOptions } from '../fields/options';
import { PROMPT_MAX_UNITS, type PromptSpec, promptProperty, readPrompt } from '../fields/prompt';
import { runwayVersionOption } from '../fields/runwayVersion';
import { readSeconds, secondsOption } from '../fields/seconds';
import { waitProperties } from '../fields/waitSettings';
import { type CreatingMeta, type Operation, prepareCreate } from '../operation';

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
		motionVectorOption,
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
	return await prepareCreate.call(this, itemIndex, generate.meta, async () => ({
		...body,
		image: await readMedia.call(this, itemIndex, IMAGE_INPUT),
		last_image: (await readLastImageBinary.call(this, itemIndex, options)) ?? body.last_image,
	}));
}

export const generate: Operation<CreatingMeta> = {
	meta: {
		resource: 'video',
		value: 'generate',
		name: 'Generate',
		description:
			'Make a video from a prompt alone, or from a start image and an optional end frame',
		action: 'Generate a video from a prompt alone or a start frame',
		createRoute: CREATE_ROUTES.generate,
	},
	properties,
	prepare,
};
