import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { WAIT } from '../../helpers/constants';
import type { WaitSettings } from '../../helpers/interfaces';
import { InputError, requireText, validateNumberInRange } from '../../helpers/validation';

// Defaults as plain names: n8n's lint reads a parameter's default only from a literal or a name.
const defaultPollInterval = WAIT.pollInterval.default;
const defaultTimeout = WAIT.timeout.default;
const defaultRequestTimeout = WAIT.requestTimeout.default;
const defaultMaxConcurrentRequests = WAIT.maxConcurrentRequests.default;
const defaultMaxConcurrentDownloads = WAIT.maxConcurrentDownloads.default;
const defaultMaxOutputSize = WAIT.maxOutputSize.default;
const defaultOutputBinaryProperty = WAIT.outputBinaryProperty;

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

/**
 * The waiting fields: `creates` for operations that submit tasks, else for reading them;
 * `notWaiting` shown after Wait for Completion only while it is off.
 */
export function waitProperties(
	creates: boolean,
	notWaiting: INodeProperties[] = [],
): INodeProperties[] {
	return [
		creates ? waitOnByDefault : waitOffByDefault,
		...notWaiting.map((property) => ({
			...property,
			displayOptions: { show: { waitForCompletion: [false] } },
		})),
		{
			displayName: 'Download Output',
			name: 'downloadOutput',
			type: 'boolean',
			default: true,
			description:
				'Whether to store the finished video or image as binary data on the item. Off: only URLs, which expire within 24–48 hours.',
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
					displayName: 'Maximum Output Size (MB)',
					name: 'maxOutputSize',
					type: 'number',
					typeOptions: { minValue: WAIT.maxOutputSize.min, maxValue: WAIT.maxOutputSize.max },
					default: defaultMaxOutputSize,
					description:
						"Largest file a download may store (1 to 10240 MB). A larger one is ended mid-transfer and nothing is stored. The default, 512 MB, is n8n's own per-file limit when binary data is kept in the database, and far above a Runway video; raise it only with filesystem or S3 storage.",
				},
				{
					displayName: 'On Timeout',
					name: 'onTimeout',
					type: 'options',
					options: [
						{
							name: 'Fail',
							value: 'error',
							description: 'Stop with an error that names the task ID',
						},
						{
							name: 'Return Pending Item',
							value: 'returnPending',
							description:
								'Output the task with its last status and timedOut: true, to resume with Get Task',
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

/** A number option, its default when unset, within its bounds. */
function readNumber(
	field: string,
	value: unknown,
	bounds: { default: number; min: number; max: number },
): number {
	return validateNumberInRange(field, value ?? bounds.default, bounds.min, bounds.max);
}

/** An item's waiting settings, read and checked before anything is sent. */
export function readWaitSettings(this: IExecuteFunctions, itemIndex: number): WaitSettings {
	const waitForCompletion = this.getNodeParameter('waitForCompletion', itemIndex, false) as boolean;
	const options = (
		waitForCompletion ? this.getNodeParameter('waitOptions', itemIndex, {}) : {}
	) as IDataObject;
	const onTimeout = options.onTimeout ?? 'returnPending';
	if (onTimeout !== 'returnPending' && onTimeout !== 'error') {
		throw new InputError(
			'On Timeout',
			`On Timeout must be returnPending or error, got "${String(onTimeout)}"`,
		);
	}
	// Download sits beside Wait for Completion; inside Wait Options is accepted too.
	const downloadOutput =
		waitForCompletion &&
		(this.getNodeParameter('downloadOutput', itemIndex, true) === true ||
			options.downloadOutput === true);
	const outputBinaryProperty = requireText(
		'Output Binary Field',
		downloadOutput
			? (options.outputBinaryProperty ??
					this.getNodeParameter('outputBinaryProperty', itemIndex, WAIT.outputBinaryProperty))
			: WAIT.outputBinaryProperty,
	);
	return {
		waitForCompletion,
		pollIntervalMs: readNumber('Poll Interval', options.pollInterval, WAIT.pollInterval) * 1000,
		timeoutMs: readNumber('Timeout', options.timeout, WAIT.timeout) * 1000,
		requestTimeoutMs:
			readNumber('Request Timeout', options.requestTimeout, WAIT.requestTimeout) * 1000,
		onTimeout,
		downloadOutput,
		outputBinaryProperty,
		maxConcurrentRequests: Math.floor(
			readNumber(
				'Max Concurrent Requests',
				options.maxConcurrentRequests,
				WAIT.maxConcurrentRequests,
			),
		),
		maxConcurrentDownloads: Math.floor(
			readNumber(
				'Max Concurrent Downloads',
				options.maxConcurrentDownloads,
				WAIT.maxConcurrentDownloads,
			),
		),
		maxOutputBytes:
			readNumber('Maximum Output Size', options.maxOutputSize, WAIT.maxOutputSize) * 1024 * 1024,
	};
}
