import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_RUNWAY_VERSION, GENERATE_SECONDS, WAIT } from '../helpers/constants';

// Defaults as plain names: n8n's lint reads a parameter's default only from a literal or a name.
const defaultPollInterval = WAIT.pollInterval.default;
const defaultTimeout = WAIT.timeout.default;
const defaultRequestTimeout = WAIT.requestTimeout.default;
const defaultMaxConcurrentRequests = WAIT.maxConcurrentRequests.default;
const defaultMaxConcurrentDownloads = WAIT.maxConcurrentDownloads.default;
const defaultOutputBinaryProperty = WAIT.outputBinaryProperty;

/** Video lengths both routes take. */
export const durationOptions = GENERATE_SECONDS.map((seconds) => ({
	name: String(seconds),
	value: seconds,
}));

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

/**
 * Where a compatibility-route task reports its end. Pointed at an n8n Webhook, the task can be
 * picked up there by Task → From Callback instead of waiting here.
 */
export const callbackUrlProperty: INodeProperties = {
	displayName: 'Callback URL',
	name: 'callbackUrl',
	type: 'string',
	default: '',
	placeholder: 'https://n8n.example.com/webhook/runway-done',
	description:
		'URL that CometAPI POSTs the result to when the task ends. The API requires one: when empty, the placeholder https://example.com/webhook is sent. To finish tasks without holding this execution, use the production URL of a workflow whose Webhook node is followed by Task → From Callback, and turn Wait for Completion off.',
};

const imageSourceOptions = [
	{
		name: 'Image URL',
		value: 'url',
		description: 'A public https:// URL on a domain name, at most 2,048 characters',
	},
	{
		name: 'Binary File',
		value: 'binary',
		description: 'An image file from an earlier node (JPEG, PNG or WebP, at most 5 MB)',
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

const WAIT_TEXT = {
	create:
		'Whether to wait until each task has finished. All items are submitted first and waited on together.',
	read: 'Whether to wait until each task has finished, reading its status again until it ends. Off: the task is read once.',
};

const waitOnByDefault: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: true,
	description: WAIT_TEXT.create,
};

const waitOffByDefault: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: false,
	description: WAIT_TEXT.read,
};

/** The waiting fields: `creates` for operations that submit tasks, else for reading them. */
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
					name: 'Video URL',
					value: 'url',
					description: 'A public https:// URL on a domain name, at most 2,048 characters',
				},
				{
					name: 'Binary File',
					value: 'binary',
					description: 'A video file from an earlier node (MP4, MOV or WebM, at most 12 MB)',
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

export function waitProperties(creates: boolean): INodeProperties[] {
	return [
		creates ? waitOnByDefault : waitOffByDefault,
		{
			displayName: 'Download Output',
			name: 'downloadOutput',
			type: 'boolean',
			default: false,
			description:
				'Whether to store the finished video or image as binary data on the item. Output URLs expire within 24–48 hours.',
			displayOptions: { show: { waitForCompletion: [true] } },
		},
		{
			displayName: 'Output Binary Field',
			name: 'outputBinaryProperty',
			type: 'string',
			default: defaultOutputBinaryProperty,
			description: 'Binary field that receives the downloaded file',
			displayOptions: { show: { waitForCompletion: [true], downloadOutput: [true] } },
		},
		{
			displayName: 'Wait Options',
			name: 'waitOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: { waitForCompletion: [true] } },
			options: [
				{
					displayName: 'Max Concurrent Downloads',
					name: 'maxConcurrentDownloads',
					type: 'number',
					typeOptions: {
						minValue: WAIT.maxConcurrentDownloads.min,
						maxValue: WAIT.maxConcurrentDownloads.max,
					},
					default: defaultMaxConcurrentDownloads,
					description:
						'Most downloads in flight at once (1 to 20), apart from the status requests. In queue mode each download is held in memory while it is stored: keep this low for large videos.',
				},
				{
					displayName: 'Max Concurrent Requests',
					name: 'maxConcurrentRequests',
					type: 'number',
					typeOptions: {
						minValue: WAIT.maxConcurrentRequests.min,
						maxValue: WAIT.maxConcurrentRequests.max,
					},
					default: defaultMaxConcurrentRequests,
					description:
						'Most API requests in flight at once (1 to 50). It never limits how many tasks are waited on.',
				},
				{
					displayName: 'On Timeout',
					name: 'onTimeout',
					type: 'options',
					options: [
						{
							name: 'Return Pending Item',
							value: 'returnPending',
							description:
								'Output the task with its last status and timedOut: true, to resume with Get Task',
						},
						{
							name: 'Fail',
							value: 'error',
							description: 'Stop with an error that names the task ID',
						},
					],
					default: 'returnPending',
				},
				{
					displayName: 'Poll Interval (Seconds)',
					name: 'pollInterval',
					type: 'number',
					typeOptions: { minValue: WAIT.pollInterval.min, maxValue: WAIT.pollInterval.max },
					default: defaultPollInterval,
					description:
						'Longest time between status checks of one task, 2 to 3600; each wait is 85–100% of it',
				},
				{
					displayName: 'Request Timeout (Seconds)',
					name: 'requestTimeout',
					type: 'number',
					typeOptions: { minValue: WAIT.requestTimeout.min, maxValue: WAIT.requestTimeout.max },
					default: defaultRequestTimeout,
					description:
						'How long one API request may take (1 to 600; a create may take three times this), and how long a download may receive nothing',
				},
				{
					displayName: 'Timeout (Seconds)',
					name: 'timeout',
					type: 'number',
					typeOptions: { minValue: WAIT.timeout.min, maxValue: WAIT.timeout.max },
					default: defaultTimeout,
					description:
						'How long to wait for each task (1 to 86400), counted from its submission; the download must end within it too',
				},
			],
		},
	];
}
