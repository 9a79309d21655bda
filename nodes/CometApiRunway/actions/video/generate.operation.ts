import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MOTION_AXES, PLACEHOLDER_CALLBACK_URL } from '../../helpers/constants';
import type { PreparedTask } from '../../helpers/interfaces';
import {
	optionalText,
	validateDuration,
	validateHttpUrl,
	validateMediaUrl,
	validateModel,
	validateMotionVector,
	validatePrompt,
	validateRatio,
} from '../../helpers/validation';
import {
	durationOptions,
	imageSourceProperties,
	runwayVersionOption,
	waitProperties,
} from '../common.descriptions';
import type { Operation } from '../operation';
import {
	readBinaryImage,
	readImage,
	readOptions,
	readRunwayVersion,
	withoutUndefined,
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
	{
		displayName: 'Callback URL',
		name: 'callbackUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/webhook',
		description:
			'URL that CometAPI calls when the task ends. The API requires one: when empty, the placeholder https://example.com/webhook is sent.',
	},
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
				description: 'Camera motion, each axis from -10 to 10',
				options: MOTION_AXES.map((axis) => ({
					displayName: axis,
					name: axis,
					type: 'number' as const,
					typeOptions: { minValue: -10, maxValue: 10, numberPrecision: 2 },
					default: 0,
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
	const callbackUrl = optionalText(
		'Callback URL',
		this.getNodeParameter('callbackUrl', itemIndex, ''),
	);
	const lastImageUrl = optionalText('Last Image URL', options.lastImageUrl);
	const motionVector = validateMotionVector(options.motionVector);
	const body: IDataObject = {
		callback_url: callbackUrl
			? validateHttpUrl('Callback URL', callbackUrl)
			: PLACEHOLDER_CALLBACK_URL,
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
	body.image = await readImage.call(this, itemIndex);
	const lastImageProperty = optionalText(
		'Last Image Binary Field',
		options.lastImageBinaryPropertyName,
	);
	if (lastImageProperty) {
		body.last_image = await readBinaryImage.call(
			this,
			itemIndex,
			lastImageProperty,
			'Last Image Binary Field',
		);
	}
	return {
		kind: 'create',
		request: {
			route: CREATE_ROUTES.generate.family,
			path: CREATE_ROUTES.generate.path,
			body: withoutUndefined(body),
			runwayVersion,
		},
	};
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
