import { InputError } from './validation';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
	bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/** The image type from the file's own first bytes, never from its name or declared type. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (
		startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) &&
		startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)
	) {
		return 'image/webp';
	}
	return undefined;
}

/** What the bytes look like, for the refusal message. */
function describeContent(bytes: Uint8Array, declared: string | undefined): string {
	if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'a GIF image';
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'a PDF document';
	const head = Array.from(bytes.slice(0, 64));
	const printable =
		head.length > 0 && head.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127));
	if (printable) return 'text';
	return `unrecognised content${declared ? ` (declared as ${declared})` : ''}`;
}

const formatMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Checks an image file and turns it into the data URI the API takes instead of a URL. */
export function imageToDataUri(
	bytes: Uint8Array,
	field: string,
	declaredMimeType: string | undefined,
): string {
	const type = sniffImageType(bytes);
	if (!type) {
		throw new InputError(
			field,
			`${field} holds ${describeContent(bytes, declaredMimeType)}, not an image the API takes; allowed: JPEG, PNG or WebP`,
		);
	}
	if (bytes.length > MAX_IMAGE_BYTES) {
		throw new InputError(
			field,
			`${field} is ${formatMb(bytes.length)}; images sent as files may be at most 5 MB`,
			'Resize or compress the image, or give it by URL instead.',
		);
	}
	return `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
}
