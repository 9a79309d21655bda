import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type BinaryDataUri, checkBinaryFile } from '../../helpers/binaryInput';
import { MEDIA } from '../../helpers/constants';
import type { MediaKind } from '../../helpers/media';
import { InputError, requireText } from '../../helpers/validation';
import { validateMediaUrl } from '../../helpers/urls';

// One media input of an operation (an image or a video, by URL or from a binary field): which
// parameters hold it, how its fields are renamed for another input, and how it is read.

/** One media input of an operation: which parameters name its source, URL and binary field. */
export interface MediaInput {
	kind: MediaKind;
	source: string;
	url: string;
	binaryProperty: string;
	/** Field names as the form shows them. */
	labels: { source: string; url: string; binaryProperty: string };
}

/** What a source "by URL" takes, as the image and video sources say it. */
export const BY_URL = `A public https:// URL on a domain name, at most ${MEDIA.urlMaxLength.toLocaleString('en-US')} characters`;

/** A media input as the request holds it: a URL, or a checked file sent later as a data URI. */
export type MediaValue = string | BinaryDataUri;

/**
 * The fields of one media input (from `imageSourceProperties` or `videoSourceProperties`, made for
 * `from`) under another input's names and labels, e.g. a second video of the same operation.
 */
export function mediaInputProperties(
	fields: INodeProperties[],
	from: MediaInput,
	to: MediaInput,
): INodeProperties[] {
	const renamed: Record<string, { name: string; displayName: string }> = {
		[from.source]: { name: to.source, displayName: to.labels.source },
		[from.url]: { name: to.url, displayName: to.labels.url },
		[from.binaryProperty]: { name: to.binaryProperty, displayName: to.labels.binaryProperty },
	};
	return fields.map((field) => {
		const shownWhen = field.displayOptions?.show ?? {};
		const show = Object.fromEntries(
			Object.entries(shownWhen).map(([name, values]) => [renamed[name]?.name ?? name, values]),
		);
		return {
			...field,
			...renamed[field.name],
			...(field.displayOptions ? { displayOptions: { ...field.displayOptions, show } } : {}),
		};
	});
}

/**
 * Reads a media input as a URL that Runway can fetch or, from a binary field, as a checked file
 * to send as a data URI. `undefined` when its source is "none" (text only).
 */
export async function readMedia(
	this: IExecuteFunctions,
	itemIndex: number,
	input: MediaInput,
): Promise<MediaValue | undefined> {
	const source = this.getNodeParameter(input.source, itemIndex, 'url') as string;
	if (source === 'none') return undefined;
	if (source === 'url') {
		return validateMediaUrl(input.labels.url, this.getNodeParameter(input.url, itemIndex));
	}
	if (source !== 'binary') {
		throw new InputError(
			input.labels.source,
			`${input.labels.source} must be url${input.kind === 'image' ? ', binary or none' : ' or binary'}, got "${source}"`,
		);
	}
	const property = requireText(
		input.labels.binaryProperty,
		this.getNodeParameter(input.binaryProperty, itemIndex),
	);
	return await readBinaryMedia.call(
		this,
		itemIndex,
		input.kind,
		property,
		input.labels.binaryProperty,
		input.labels.url,
	);
}

/**
 * Checks a file in one of the item's binary fields by its size and first bytes; it is read whole
 * and sent as a data URI only when its request is sent. `urlField` is where a URL goes instead.
 */
export async function readBinaryMedia(
	this: IExecuteFunctions,
	itemIndex: number,
	kind: MediaKind,
	property: string,
	field: string,
	urlField: string,
): Promise<BinaryDataUri> {
	const item = this.getInputData()[itemIndex];
	const binary = item?.binary?.[property];
	if (!binary) {
		const present = Object.keys(item?.binary ?? {});
		throw new InputError(
			field,
			`${field} "${property}" is not on item ${itemIndex}; ${present.length ? `the item has: ${present.join(', ')}` : 'the item has no binary data'}`,
			`Set ${field} to the name of the field that holds the ${kind}.`,
		);
	}
	return await checkBinaryFile(this, itemIndex, property, kind, binary, {
		field: `${field} "${property}"`,
		urlField,
		declared: binary.mimeType,
	});
}
