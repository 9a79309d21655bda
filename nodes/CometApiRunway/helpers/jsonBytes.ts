import { dataUriLength, dataUriPrefix } from './media';

/** A file to be written into a JSON body as its data URI: the type found by content, the bytes. */
export class DataUriFile {
	constructor(
		readonly type: string,
		readonly bytes: Uint8Array,
	) {}
}

/** A request body already serialised as JSON: sent as it is, never serialised again. */
export type JsonBytes = Buffer;

/**
 * Bytes encoded per step: a multiple of 3 so that the steps' base64 joins up, and small enough
 * that each step's string is short-lived. No string of a whole URI or body is ever built.
 */
const STEP = 3 * 16 * 1024;

type Piece = string | DataUriFile;

/**
 * The JSON text of `value` as pieces, each file left as a hole. Same rules as `JSON.stringify`
 * for the plain data a body holds (undefined and functions skipped in objects, null in arrays).
 */
function pieces(value: unknown, out: Piece[]): void {
	if (value instanceof DataUriFile) {
		out.push(value);
		return;
	}
	const json = value as { toJSON?: () => unknown } | null;
	if (typeof json?.toJSON === 'function') return pieces(json.toJSON(), out);
	if (Array.isArray(value)) {
		out.push('[');
		value.forEach((entry, i) => {
			if (i > 0) out.push(',');
			pieces(skipped(entry) ? null : entry, out);
		});
		out.push(']');
		return;
	}
	if (typeof value !== 'object' || value === null) {
		out.push(JSON.stringify(value) ?? 'null');
		return;
	}
	out.push('{');
	let first = true;
	for (const [key, entry] of Object.entries(value)) {
		if (skipped(entry)) continue;
		out.push(`${first ? '' : ','}${JSON.stringify(key)}:`);
		first = false;
		pieces(entry, out);
	}
	out.push('}');
}

const skipped = (value: unknown) =>
	value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** Writes `file`'s data URI as a JSON string at `offset`, base64 encoded step by step. */
function writeDataUri(target: Buffer, offset: number, file: DataUriFile): number {
	let at = offset + target.write(`"${dataUriPrefix(file.type)}`, offset, 'latin1');
	const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
	for (let from = 0; from < bytes.length; from += STEP) {
		at += target.write(bytes.subarray(from, from + STEP).toString('base64'), at, 'latin1');
	}
	return at + target.write('"', at, 'latin1');
}

/**
 * `value` as JSON in one buffer of exactly its size, each `DataUriFile` in it written as its data
 * URI straight from the file's bytes. The request is sent from this buffer as it is.
 */
export function jsonBytes(value: unknown): JsonBytes {
	const parts: Piece[] = [];
	pieces(value, parts);
	const size = parts.reduce(
		(total, part) =>
			total +
			(typeof part === 'string'
				? Buffer.byteLength(part, 'utf8')
				: dataUriLength(part.type, part.bytes.byteLength) + 2),
		0,
	);
	const target = Buffer.allocUnsafe(size);
	let offset = 0;
	for (const part of parts) {
		offset =
			typeof part === 'string'
				? offset + target.write(part, offset, 'utf8')
				: writeDataUri(target, offset, part);
	}
	if (offset !== size) throw new Error(`the request body came to ${offset} bytes, not ${size}`);
	return target;
}
