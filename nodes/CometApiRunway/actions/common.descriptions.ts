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

const imageSourceOptions = [
	{ name: 'Image URL', value: 'url', description: 'A public http(s) URL of the image' },
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
			description: 'Public URL of the first frame; the host must answer without a login',
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

const waitDescription =
	'Whether to wait until the video is finished. All items are submitted first and waited on together.';

const waitOn: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: true,
	description: waitDescription,
};

const waitOff: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: false,
	description: waitDescription,
};

export function waitProperties(waitByDefault: boolean): INodeProperties[] {
	return [
		waitByDefault ? waitOn : waitOff,
		{
			displayName: 'Wait Options',
			name: 'waitOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: { waitForCompletion: [true] } },
			options: [
				{
					displayName: 'Download Video',
					name: 'downloadVideo',
					type: 'boolean',
					default: false,
					description:
						'Whether to download the finished video into a binary field. Output URLs expire within 24–48 hours.',
				},
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
						'Most downloads in flight at once, apart from the status requests. In queue mode each download is held in memory while it is stored: keep this low for large videos.',
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
						'Most HTTP requests in flight at once. It never limits how many tasks are waited on.',
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
					displayName: 'Output Binary Field',
					name: 'outputBinaryProperty',
					type: 'string',
					default: defaultOutputBinaryProperty,
					description: 'Binary field that receives the downloaded video',
					displayOptions: { show: { downloadVideo: [true] } },
				},
				{
					displayName: 'Poll Interval (Seconds)',
					name: 'pollInterval',
					type: 'number',
					typeOptions: { minValue: WAIT.pollInterval.min, maxValue: WAIT.pollInterval.max },
					default: defaultPollInterval,
					description:
						'Longest time between status checks of one task; each wait is 85–100% of it. At least 2.',
				},
				{
					displayName: 'Request Timeout (Seconds)',
					name: 'requestTimeout',
					type: 'number',
					typeOptions: { minValue: WAIT.requestTimeout.min, maxValue: WAIT.requestTimeout.max },
					default: defaultRequestTimeout,
					description: 'How long one HTTP request may take before it counts as failed',
				},
				{
					displayName: 'Timeout (Seconds)',
					name: 'timeout',
					type: 'number',
					typeOptions: { minValue: WAIT.timeout.min, maxValue: WAIT.timeout.max },
					default: defaultTimeout,
					description: 'How long to wait for each task, counted from its submission',
				},
			],
		},
	];
}
