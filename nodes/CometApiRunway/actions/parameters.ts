import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	DEFAULT_GENERATE_SECONDS,
	DEFAULT_RUNWAY_VERSION,
	PLACEHOLDER_CALLBACK_URL,
} from '../helpers/constants';
import { type BinaryDataUri, checkBinaryFile } from '../helpers/binaryInput';
import type { MediaKind } from '../helpers/media';
import {
	InputError,
	optionalText,
	requireText,
	validateDuration,
	validatePrompt,
	validateRunwayVersion,
} from '../helpers/validation';
import { validateHttpUrl, validateMediaUrl } from '../helpers/urls';

export function readOptions(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return this.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

export function readRunwayVersion(this: IExecuteFunctions, itemIndex: number): string {
	return validateRunwayVersion(
		readOptions.call(this, itemIndex).runwayVersion ?? DEFAULT_RUNWAY_VERSION,
	);
}

/** An operation's Prompt: whether it is required, its limit, and what the form says of it. */
export interface PromptSpec {
	required: boolean;
	/** At most this many characters, as Runway counts them. */
	maxUnits: number;
	/** What the prompt describes; the form adds the limit, e.g. "What the video shows". */
	what: string;
	/** A sentence after the limit. */
	more?: string;
	placeholder?: string;
}

/** The item's Prompt, checked as `spec` says (`promptProperty` shows the same). */
export function readPrompt(
	this: IExecuteFunctions,
	itemIndex: number,
	spec: PromptSpec,
): string | undefined {
	const prompt = this.getNodeParameter('prompt', itemIndex, '');
	return validatePrompt('Prompt', prompt, spec.required, spec.maxUnits);
}

/** The Seconds option of a compatibility route, or its default. */
export function readSeconds(options: IDataObject): 5 | 10 {
	return validateDuration('Seconds', options.seconds ?? DEFAULT_GENERATE_SECONDS);
}

/** One media input of an operation: which parameters name its source, URL and binary field. */
export interface MediaInput {
	kind: MediaKind;
	source: string;
	url: string;
	binaryProperty: string;
	/** Field names as the form shows them. */
	labels: { source: string; url: string; binaryProperty: string };
}

export const IMAGE_INPUT: MediaInput = {
	kind: 'image',
	source: 'imageSource',
	url: 'imageUrl',
	binaryProperty: 'binaryPropertyName',
	labels: { source: 'Image Source', url: 'Image URL', binaryProperty: 'Input Binary Field' },
};

export const VIDEO_INPUT: MediaInput = {
	kind: 'video',
	source: 'videoSource',
	url: 'videoUrl',
	binaryProperty: 'videoBinaryPropertyName',
	labels: { source: 'Video Source', url: 'Video URL', binaryProperty: 'Input Video Binary Field' },
};

/** A media input as the request holds it: a URL, or a checked file sent later as a data URI. */
export type MediaValue = string | BinaryDataUri;

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

/** The entries of Reference Images as saved, each with its image fields (`referenceImagesProperty`). */
export function readReferenceEntries(this: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const entries = this.getNodeParameter('referenceImages.image', itemIndex, []);
	return Array.isArray(entries) ? (entries as IDataObject[]) : [];
}

/** The image of Reference Images' entry `index` (from 0), named "Reference Image <index + 1>". */
export async function readReferenceImage(
	this: IExecuteFunctions,
	itemIndex: number,
	index: number,
): Promise<MediaValue | undefined> {
	return await readImageAt.call(
		this,
		itemIndex,
		`referenceImages.image[${index}]`,
		`Reference Image ${index + 1}`,
	);
}

/** The image fields of a collection entry at `path` (e.g. `keyframes.keyframe[0]`), named `label`. */
export async function readImageAt(
	this: IExecuteFunctions,
	itemIndex: number,
	path: string,
	label: string,
): Promise<MediaValue | undefined> {
	return await readMedia.call(this, itemIndex, {
		kind: 'image',
		source: `${path}.${IMAGE_INPUT.source}`,
		url: `${path}.${IMAGE_INPUT.url}`,
		binaryProperty: `${path}.${IMAGE_INPUT.binaryProperty}`,
		labels: {
			source: `${label} Source`,
			url: `${label} URL`,
			binaryProperty: `${label} Binary Field`,
		},
	});
}

/** Runway's `contentModeration` from the options, or nothing when the option is not set. */
export function readContentModeration(options: IDataObject): IDataObject | undefined {
	const threshold = options.publicFigureThreshold;
	if (threshold === undefined || threshold === '') return undefined;
	if (threshold !== 'auto' && threshold !== 'low') {
		throw new InputError(
			'Public Figure Threshold',
			`Public Figure Threshold must be auto or low, got "${String(threshold)}"`,
		);
	}
	return { publicFigureThreshold: threshold };
}

/**
 * The callback URL of a compatibility-route operation, or the documented placeholder. While
 * waiting the form hides the field, so a URL saved with it is not sent: the placeholder is.
 */
export function readCallbackUrl(this: IExecuteFunctions, itemIndex: number): string {
	if (this.getNodeParameter('waitForCompletion', itemIndex, true) !== false) {
		return PLACEHOLDER_CALLBACK_URL;
	}
	const callbackUrl = optionalText(
		'Callback URL',
		this.getNodeParameter('callbackUrl', itemIndex, ''),
	);
	return callbackUrl ? validateHttpUrl('Callback URL', callbackUrl) : PLACEHOLDER_CALLBACK_URL;
}

/** A wait option, or its default, within its bounds. */
