import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { imageToDataUri } from '../helpers/image';
import type { WaitSettings } from '../helpers/interfaces';
import {
	InputError,
	requireText,
	validateHttpUrl,
	validateNumberInRange,
	validateRunwayVersion,
} from '../helpers/validation';
import { DEFAULT_RUNWAY_VERSION } from './common.descriptions';

/** The request body without the optional fields the user left out. */
export function withoutUndefined(body: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

export function readOptions(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return this.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

export function readRunwayVersion(this: IExecuteFunctions, itemIndex: number): string {
	return validateRunwayVersion(
		readOptions.call(this, itemIndex).runwayVersion ?? DEFAULT_RUNWAY_VERSION,
	);
}

/** Reads the image as a URL or, from a binary field, as a checked data URI. */
export async function readImage(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<string | undefined> {
	const source = this.getNodeParameter('imageSource', itemIndex, 'url') as string;
	if (source === 'none') return undefined;
	if (source === 'url')
		return validateHttpUrl('Image URL', this.getNodeParameter('imageUrl', itemIndex));
	if (source !== 'binary') {
		throw new InputError(
			'Image Source',
			`Image Source must be url, binary or none, got "${source}"`,
		);
	}
	const property = requireText(
		'Input Binary Field',
		this.getNodeParameter('binaryPropertyName', itemIndex),
	);
	return await readBinaryImage.call(this, itemIndex, property, 'Input Binary Field');
}

/** Reads an image file from one of the item's binary fields as a checked data URI. */
export async function readBinaryImage(
	this: IExecuteFunctions,
	itemIndex: number,
	property: string,
	field: string,
): Promise<string> {
	const item = this.getInputData()[itemIndex];
	const binary = item?.binary?.[property];
	if (!binary) {
		const present = Object.keys(item?.binary ?? {});
		throw new InputError(
			field,
			`${field} "${property}" is not on item ${itemIndex}; ${present.length ? `the item has: ${present.join(', ')}` : 'the item has no binary data'}`,
			`Set ${field} to the name of the field that holds the image.`,
		);
	}
	const bytes = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	return imageToDataUri(bytes, `${field} "${property}"`, binary.mimeType);
}

const WAIT_DEFAULTS = {
	pollInterval: 6,
	timeout: 600,
	requestTimeout: 60,
	maxConcurrentRequests: 5,
};

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
	const outputBinaryProperty = requireText(
		'Output Binary Field',
		options.outputBinaryProperty ?? 'data',
	);
	return {
		waitForCompletion,
		pollIntervalMs:
			validateNumberInRange(
				'Poll Interval',
				options.pollInterval ?? WAIT_DEFAULTS.pollInterval,
				2,
				3600,
			) * 1000,
		timeoutMs:
			validateNumberInRange('Timeout', options.timeout ?? WAIT_DEFAULTS.timeout, 1, 86_400) * 1000,
		requestTimeoutMs:
			validateNumberInRange(
				'Request Timeout',
				options.requestTimeout ?? WAIT_DEFAULTS.requestTimeout,
				1,
				600,
			) * 1000,
		onTimeout,
		downloadVideo: options.downloadVideo === true,
		outputBinaryProperty,
		maxConcurrentRequests: Math.floor(
			validateNumberInRange(
				'Max Concurrent Requests',
				options.maxConcurrentRequests ?? WAIT_DEFAULTS.maxConcurrentRequests,
				1,
				50,
			),
		),
	};
}
