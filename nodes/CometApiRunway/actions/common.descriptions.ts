import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_GENERATE_SECONDS,
	DEFAULT_RUNWAY_VERSION,
	GENERATE_SECONDS,
} from '../helpers/constants';

// Plain names: n8n's lint reads a parameter's default only from a literal or a name.
const defaultSeconds = DEFAULT_GENERATE_SECONDS;

/** The Options collection of an operation, holding `options`. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

export const runwayVersionOption: INodeProperties = {
	displayName: 'Runway API Version',
	name: 'runwayVersion',
	type: 'string',
	default: DEFAULT_RUNWAY_VERSION,
	description: 'Sent as the X-Runway-Version header on every request to the Runway routes',
};

/** Runway's `contentModeration.publicFigureThreshold`, an option of the routes that take it. */
export const publicFigureThresholdOption: INodeProperties = {
	displayName: 'Public Figure Threshold',
	name: 'publicFigureThreshold',
	type: 'options',
	options: [
		{ name: 'Auto', value: 'auto', description: "Runway's default moderation" },
		{
			name: 'Low',
			value: 'low',
			description: 'Less strict about recognisable public figures',
		},
	],
	default: 'auto',
	description:
		"Runway's content moderation of recognisable public figures (sent as contentModeration)",
};

/** The Seed option of a route that takes seeds from 0 to `max`. */
export function seedOption(max: number): INodeProperties {
	return {
		displayName: 'Seed',
		name: 'seed',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: max },
		default: 0,
		description: `Fixed seed for repeatable results, 0 to ${max}`,
	};
}

/** The Seconds option of the compatibility routes that make videos of set lengths (`readSeconds`). */
export const secondsOption: INodeProperties = {
	displayName: 'Seconds',
	name: 'seconds',
	type: 'options',
	options: GENERATE_SECONDS.map((seconds) => ({ name: String(seconds), value: seconds })),
	default: defaultSeconds,
	description: 'Length of the video',
};

/**
 * Where a compatibility-route task reports its end. Pointed at an n8n Webhook, the task can be
 * picked up there by Task → From Callback instead of waiting here, so the form shows it only
 * while Wait for Completion is off (`waitProperties`).
 */
export const callbackUrlProperty: INodeProperties = {
	displayName: 'Callback URL',
	name: 'callbackUrl',
	type: 'string',
	default: '',
	placeholder: 'https://n8n.example.com/webhook/runway-done',
	description:
		'URL that CometAPI POSTs the result to when the task ends, e.g. the production URL of a workflow whose Webhook node is followed by Task → From Callback. The API requires one: when empty, and always while waiting, the placeholder https://example.com/webhook is sent.',
};

const imageSourceOptions = [
	{
		name: 'Binary File',
		value: 'binary',
		description: 'An image file from an earlier node (JPEG, PNG or WebP, at most 5 MB)',
	},
	{
		name: 'Image URL',
		value: 'url',
		description: 'A public https:// URL on a domain name, at most 2,048 characters',
	},
];

const imageSourceWithUrlDefault: INodeProperties = {
	displayName: 'Image Source',
	name: 'imageSource',
	type: 'options',
	noDataExpression: true,
	options: imageSourceOptions,
	default: 'url',
};

const imageSourceWithNoneDefault: INodeProperties = {
	displayName: 'Image Source',
	name: 'imageSource',
	type: 'options',
	noDataExpression: true,
	options: [
		...imageSourceOptions,
		{ name: 'None (Text Only)', value: 'none', description: 'Generate from the prompt alone' },
	],
	default: 'none',
};

export function imageSourceProperties(withNone: boolean): INodeProperties[] {
	return [
		withNone ? imageSourceWithNoneDefault : imageSourceWithUrlDefault,
		{
			displayName: 'Image URL',
			name: 'imageUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/photo.jpg',
			description:
				'Public https:// URL of the image; Runway fetches it itself, so the host must answer without a login',
			displayOptions: { show: { imageSource: ['url'] } },
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field holding the image',
			description: 'The image is sent inline as a data URI after its type and size are checked',
			displayOptions: { show: { imageSource: ['binary'] } },
		},
	];
}

/** A video input: by URL, or from a binary field (MP4, MOV or WebM, checked by content). */
export function videoSourceProperties(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Video Source',
			name: 'videoSource',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Binary File',
					value: 'binary',
					description: 'A video file from an earlier node (MP4, MOV or WebM, at most 12 MB)',
				},
				{
					name: 'Video URL',
					value: 'url',
					description: 'A public https:// URL on a domain name, at most 2,048 characters',
				},
			],
			default: 'url',
		},
		{
			displayName: 'Video URL',
			name: 'videoUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/clip.mp4',
			description: `Public https:// URL of ${what}; Runway fetches it itself`,
			displayOptions: { show: { videoSource: ['url'] } },
		},
		{
			displayName: 'Input Video Binary Field',
			name: 'videoBinaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: `The name of the input binary field holding ${what}`,
			description:
				'The video is sent inline as a data URI after its container and size are checked',
			displayOptions: { show: { videoSource: ['binary'] } },
		},
	];
}
