import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MOTION_AXES, MOTION_AXIS_NAMES, MOTION_LIMIT } from '../../helpers/constants';
import type { PreparedTask } from '../../helpers/interfaces';
import {
	optionalText,
	validateDuration,
	validateModel,
	validateMotionVector,
	validatePrompt,
	validateRatio,
} from '../../helpers/validation';
import { validateMediaUrl } from '../../helpers/urls';
import {
	callbackUrlProperty,
	durationOptions,
	imageSourceProperties,
	runwayVersionOption,
} from '../common.descriptions';
import { waitProperties } from '../wait.descriptions';
import { createTask, type Operation } from '../operation';
import {
	IMAGE_INPUT,
	readBinaryMedia,
	readCallbackUrl,
	readMedia,
	readOptions,
	readRunwayVersion,
} from '../parameters';
import { CREATE_ROUTES } from '../../transport/routes';

const properties: INodeProperties[] = [
	...imageSourceProperties(true),
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'What the video shows, or how the image should move; at most 512 characters',
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'string',
		default: 'gen4',
		description: 'Model ID on the compatibility route, e.g. gen4',
	},
	{
		displayName: 'Ratio',
		name: 'ratio',
		type: 'string',
		default: '1280:720',
		description: 'Output shape as width:height, e.g. 1280:720, 720:1280, 16:9 or 9:16',
	},
	callbackUrlProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
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
			{
				displayName: 'Seconds',
				name: 'seconds',
				type: 'options',
				options: durationOptions,
				default: 5,
				description: 'Length of the video',
			},
			{
				displayName: 'Style',
				name: 'style',
				type: 'string',
				default: '',
				placeholder: 'cinematic',
			},
		],
	},
	...waitProperties(true),
];

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const options = readOptions.call(this, itemIndex);
	const lastImageUrl = optionalText('Last Image URL', options.lastImageUrl);
	const motionVector = validateMotionVector(options.motionVector);
	const body: IDataObject = {
		callback_url: readCallbackUrl.call(this, itemIndex),
		prompt: validatePrompt('Prompt', this.getNodeParameter('prompt', itemIndex), true),
		model: validateModel('Model', this.getNodeParameter('model', itemIndex)),
		ratio: validateRatio('Ratio', this.getNodeParameter('ratio', itemIndex)),
		style: optionalText('Style', options.style),
		last_image: lastImageUrl ? validateMediaUrl('Last Image URL', lastImageUrl) : undefined,
		options: {
			seconds: validateDuration('Seconds', options.seconds ?? 5),
			...(motionVector ? { motion_vector: motionVector } : {}),
		},
	};
	const runwayVersion = readRunwayVersion.call(this, itemIndex);
	// Files are read last: they are the costly checks, and the other fields fail faster.
	body.image = await readMedia.call(this, itemIndex, IMAGE_INPUT);
	const lastImageProperty = optionalText(
		'Last Image Binary Field',
		options.lastImageBinaryPropertyName,
	);
	if (lastImageProperty) {
		body.last_image = await readBinaryMedia.call(
			this,
			itemIndex,
			'image',
			lastImageProperty,
			'Last Image Binary Field',
		);
	}
	return createTask(CREATE_ROUTES.generate, 'video', body, runwayVersion);
}

export const generate: Operation = {
	meta: {
		resource: 'video',
		value: 'generate',
		name: 'Generate',
		description:
			'Generate a video from a prompt, optionally with a start image (compatibility route)',
		action: 'Generate a video from a prompt',
		creates: true,
	},
	properties,
	prepare,
};
