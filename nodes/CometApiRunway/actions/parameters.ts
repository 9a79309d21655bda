import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_RUNWAY_VERSION, WAIT } from '../helpers/constants';
import { imageToDataUri } from '../helpers/media';
import type { WaitSettings } from '../helpers/interfaces';
import {
	InputError,
	requireText,
	validateMediaUrl,
	validateNumberInRange,
	validateRunwayVersion,
} from '../helpers/validation';

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
		return validateMediaUrl('Image URL', this.getNodeParameter('imageUrl', itemIndex));
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

/** A wait option, or its default, within its bounds. */
function readBounded(
	field: string,
	value: unknown,
	bounds: { default: number; min: number; max: number },
): number {
	return validateNumberInRange(field, value ?? bounds.default, bounds.min, bounds.max);
}

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
		options.outputBinaryProperty ?? WAIT.outputBinaryProperty,
	);
	return {
		waitForCompletion,
		pollIntervalMs: readBounded('Poll Interval', options.pollInterval, WAIT.pollInterval) * 1000,
		timeoutMs: readBounded('Timeout', options.timeout, WAIT.timeout) * 1000,
		requestTimeoutMs:
			readBounded('Request Timeout', options.requestTimeout, WAIT.requestTimeout) * 1000,
		onTimeout,
		downloadVideo: options.downloadVideo === true,
		outputBinaryProperty,
		maxConcurrentRequests: Math.floor(
			readBounded(
				'Max Concurrent Requests',
				options.maxConcurrentRequests,
				WAIT.maxConcurrentRequests,
			),
		),
		maxConcurrentDownloads: Math.floor(
			readBounded(
				'Max Concurrent Downloads',
				options.maxConcurrentDownloads,
				WAIT.maxConcurrentDownloads,
			),
		),
	};
}
