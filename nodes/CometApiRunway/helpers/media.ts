import { MEDIA } from './constants';
import { InputError } from './validation';

type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';
type VideoType = 'video/mp4' | 'video/quicktime' | 'video/webm';
/** gen4.5's other output files: image sequences as a ZIP, audio as a WAV. */
type OtherOutputType = 'application/zip' | 'audio/wav';
export type OutputType = ImageType | VideoType | OtherOutputType;
export type MediaKind = 'image' | 'video';
/**
 * What a download may hold: a known kind, or any known output file (video, image, ZIP, WAV) when
 * the operation is not known or the task made several files.
 */
export type ExpectedMedia = MediaKind | 'any';

export const EXTENSIONS: Record<OutputType, string> = {
	'application/zip': 'zip',
	'audio/wav': 'wav',
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'video/mp4': 'mp4',
	'video/quicktime': 'mov',
	'video/webm': 'webm',
};

const ascii = (bytes: Uint8Array, offset: number, length: number) =>
	String.fromCharCode(...bytes.subarray(offset, offset + length));

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
	bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * A JPEG's segments lead to a frame header (SOF) before the image data starts. `undefined` when
 * the bytes end before either is found (only the first bytes of a file were read).
 */
function hasJpegFrameHeader(bytes: Uint8Array): boolean | undefined {
	for (let at = 2; at + 4 <= bytes.length; ) {
		if (bytes[at] !== 0xff) return false;
		const marker = bytes[at + 1];
		if (marker === 0xff) {
			at++;
			continue;
		}
		if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return true;
		if (marker === 0xd9 || marker === 0xda) return false;
		if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
			at += 2;
			continue;
		}
		at += 2 + ((bytes[at + 2] << 8) | bytes[at + 3]);
	}
	return undefined;
}

/**
 * The image type from the file's own bytes, never from its name or declared type: a signature
 * alone is not enough, the header that follows it must be there too. With `whole` false (the
 * first bytes of a download) a JPEG is known by its signature.
 */
export function sniffImage(bytes: Uint8Array, whole = true): ImageType | undefined {
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
		return !whole || hasJpegFrameHeader(bytes) === true ? 'image/jpeg' : undefined;
	}
	if (startsWith(bytes, PNG_SIGNATURE)) {
		return startsWith(bytes, [0, 0, 0, 13], 8) && ascii(bytes, 12, 4) === 'IHDR'
			? 'image/png'
			: undefined;
	}
	if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
		return ['VP8 ', 'VP8L', 'VP8X'].includes(ascii(bytes, 12, 4)) ? 'image/webp' : undefined;
	}
	return undefined;
}

/** The video container from its first bytes: an ISO-BMFF `ftyp` box, or WebM's EBML header. */
function sniffVideo(bytes: Uint8Array): VideoType | undefined {
	if (ascii(bytes, 4, 4) === 'ftyp') {
		return ascii(bytes, 8, 4) === 'qt  ' ? 'video/quicktime' : 'video/mp4';
	}
	if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
	return undefined;
}

/** A ZIP archive's local file header, or a RIFF WAVE file. */
function sniffOther(bytes: Uint8Array): OtherOutputType | undefined {
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
	if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return 'audio/wav';
	return undefined;
}

export function sniffMedia(
	expected: MediaKind,
	bytes: Uint8Array,
	whole: boolean,
): ImageType | VideoType | undefined;
export function sniffMedia(
	expected: ExpectedMedia,
	bytes: Uint8Array,
	whole: boolean,
): OutputType | undefined;
export function sniffMedia(
	expected: ExpectedMedia,
	bytes: Uint8Array,
	whole: boolean,
): OutputType | undefined {
	if (expected === 'image') return sniffImage(bytes, whole);
	if (expected === 'video') return sniffVideo(bytes);
	return sniffVideo(bytes) ?? sniffImage(bytes, whole) ?? sniffOther(bytes);
}

/** The declared Content-Types a file of `kind` may come with (octet-stream always may). */
export function declaredTypeFits(kind: ExpectedMedia, declared: string): boolean {
	if (declared === 'application/octet-stream') return true;
	if (kind !== 'any') return declared.startsWith(`${kind}/`);
	return (
		/^(video|image|audio)\//.test(declared) ||
		/^application\/(x-)?zip(-compressed)?$/.test(declared)
	);
}

/** The media kind of a stored file's type; a ZIP or WAV is neither. */
export const kindOfType = (type: string): MediaKind | null =>
	type.startsWith('image/') ? 'image' : type.startsWith('video/') ? 'video' : null;

/**
 * A guess from the URL alone, for an output not downloaded: image extensions mean an image, an
 * archive or audio file neither, anything else a video.
 */
export function kindFromUrl(url: string): MediaKind | null {
	if (/\.(zip|wav)(\?|#|$)/i.test(url)) return null;
	return /\.(png|jpe?g|webp|gif)(\?|#|$)/i.test(url) ? 'image' : 'video';
}

/** What the bytes look like, for a refusal message. */
export function describeContent(bytes: Uint8Array, declared?: string): string {
	const text = ascii(bytes, 0, Math.min(bytes.length, 64)).trimStart().toLowerCase();
	if (bytes.length === 0) return 'nothing (an empty body)';
	if (text.startsWith('<!doctype html') || text.startsWith('<html')) return 'an HTML page';
	if (text.startsWith('<?xml') || text.startsWith('<')) return 'an XML or HTML document';
	if (text.startsWith('{') || text.startsWith('[')) return 'JSON text';
	const image = sniffImage(bytes, false);
	if (image) return `a ${EXTENSIONS[image].toUpperCase()} image`;
	if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'a GIF image';
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'a PDF document';
	if (sniffVideo(bytes)) return 'a video';
	const other = sniffOther(bytes);
	if (other) return `a ${EXTENSIONS[other].toUpperCase()} file`;
	const head = Array.from(bytes.subarray(0, 64));
	if (head.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127))) return 'text';
	return `unrecognised content${declared ? ` (declared as ${declared})` : ''}`;
}

const formatMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

export const dataUriPrefix = (type: string) => `data:${type};base64,`;

/** The length of `data:<type>;base64,<bytes>` without building it: the size as sent. */
export const dataUriLength = (type: string, bytes: number) =>
	dataUriPrefix(type).length + 4 * Math.ceil(bytes / 3);

/**
 * The largest file whose data URI fits Runway's cap (base64 takes 4 characters per 3 bytes), in
 * the words the form and the refusals use.
 */
export const MAX_FILE_WORDS = `about ${(Math.floor(((MEDIA.dataUriMaxChars * 3) / 4 / 1024 / 1024) * 10) / 10).toFixed(1)} MB of file`;

const DATA_URI_RULES: Record<MediaKind, { allowed: string; advice: (urlField: string) => string }> =
	{
		image: {
			allowed: 'JPEG, PNG or WebP',
			advice: (urlField) =>
				`Resize or compress the image (${MAX_FILE_WORDS} at most), or give it by URL in ${urlField} instead.`,
		},
		video: {
			allowed: 'MP4, MOV or WebM',
			advice: (urlField) =>
				`Shorten or compress the video (${MAX_FILE_WORDS} at most), or give it by URL in ${urlField} instead: Runway takes videos of up to 32 MB by URL.`,
		},
	};

/** A binary input as the refusals name it: its field, and the URL field to use instead. */
export interface FileField {
	field: string;
	urlField: string;
	/** The MIME type the file claims, for a refusal message. */
	declared?: string;
}

/**
 * Checks a file by its bytes and its size: `bytes` is the whole file or, when shorter than
 * `size`, its first bytes (then a JPEG whose frame header lies further is taken by its
 * signature, and checked whole when it is sent). Returns the type found by content.
 */
export function checkMediaFile(
	kind: MediaKind,
	bytes: Uint8Array,
	size: number,
	file: FileField,
): ImageType | VideoType {
	const rules = DATA_URI_RULES[kind];
	const whole = bytes.length >= size;
	const type = sniffMedia(kind, bytes, whole);
	const damaged = type === 'image/jpeg' && hasJpegFrameHeader(bytes) === false;
	if (!type || damaged) {
		const claimed = kind === 'image' ? sniffImage(bytes, false) : undefined;
		const found = claimed
			? `a damaged ${EXTENSIONS[claimed].toUpperCase()} file (its signature is not followed by the image header)`
			: describeContent(bytes, file.declared);
		throw new InputError(
			file.field,
			`${file.field} holds ${found}, not ${kind === 'image' ? 'an image' : 'a video'} the API takes; allowed: ${rules.allowed} (checked by content)`,
		);
	}
	const length = dataUriLength(type, size);
	const maxChars = MEDIA.dataUriMaxChars;
	if (length > maxChars) {
		throw new InputError(
			file.field,
			`${file.field} is ${formatMb(size)}, which is ${formatMb(length)} as the data URI sent; Runway takes at most ${formatMb(maxChars)}`,
			rules.advice(file.urlField),
		);
	}
	return type;
}
