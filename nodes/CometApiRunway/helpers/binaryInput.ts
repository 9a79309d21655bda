import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DataUriFile, jsonBytes, type JsonBytes } from './jsonBytes';
import { checkMediaFile, type FileField, type MediaKind } from './media';

/**
 * A file from an item's binary field, to be sent as a data URI. Validation checks it from its size
 * and first bytes only and puts this in the request body; the URI itself is built when the request
 * is sent (`sendableBody`), so memory follows requests in flight, not rows of the batch.
 */
export type BinaryDataUri = {
	kind: 'binaryDataUri';
	itemIndex: number;
	property: string;
	media: MediaKind;
} & FileField;

/** Only parts made here are read as files: a body value from the user's input never is. */
const madeHere = new WeakSet<object>();

/** Enough for every header the checks read (a JPEG's metadata segments come before its frame). */
const HEAD_BYTES = 256 * 1024;

/** The file's size and its first bytes, without reading the rest. */
async function readHead(
	ctx: IExecuteFunctions,
	binary: IBinaryData,
): Promise<{ size: number; head: Buffer }> {
	if (!binary.id) {
		// n8n's in-memory mode: the item holds the file as base64.
		const data = binary.data;
		const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
		const size = Math.floor((data.length * 3) / 4) - padding;
		return { size, head: Buffer.from(data.slice(0, 4 * Math.ceil(HEAD_BYTES / 3)), 'base64') };
	}
	const { fileSize } = await ctx.helpers.getBinaryMetadata(binary.id);
	const known = Number.isFinite(fileSize) ? fileSize : undefined;
	const stream = await ctx.helpers.getBinaryStream(binary.id, HEAD_BYTES);
	const chunks: Buffer[] = [];
	let headLength = 0;
	let counted = 0;
	try {
		for await (const chunk of stream) {
			const bytes = chunk as Buffer;
			counted += bytes.length;
			if (headLength < HEAD_BYTES) {
				chunks.push(bytes.subarray(0, HEAD_BYTES - headLength));
				headLength += chunks[chunks.length - 1].length;
			}
			// Without a recorded size the rest is counted as it passes, never kept.
			if (known !== undefined && headLength >= HEAD_BYTES) break;
		}
	} finally {
		stream.destroy();
	}
	const head = Buffer.concat(chunks);
	return { size: head.length < HEAD_BYTES ? counted : (known ?? counted), head };
}

/** Checks the file of the item's binary entry and returns the part that sends it. */
export async function checkBinaryFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	property: string,
	media: MediaKind,
	binary: IBinaryData,
	file: FileField,
): Promise<BinaryDataUri> {
	const { size, head } = await readHead(ctx, binary);
	checkMediaFile(media, head, size, file);
	const part: BinaryDataUri = { kind: 'binaryDataUri', itemIndex, property, media, ...file };
	madeHere.add(part);
	return part;
}

const isBinaryDataUri = (value: unknown): value is BinaryDataUri =>
	typeof value === 'object' && value !== null && madeHere.has(value);

/** A part's file, read whole now and checked again as it is now. */
async function readFile(ctx: IExecuteFunctions, part: BinaryDataUri): Promise<DataUriFile> {
	const bytes = await ctx.helpers.getBinaryDataBuffer(part.itemIndex, part.property);
	return new DataUriFile(checkMediaFile(part.media, bytes, bytes.length, part), bytes);
}

/** The body with each part replaced by its file; `found` tells whether there was any. */
async function withFiles(
	ctx: IExecuteFunctions,
	value: unknown,
	found: { files: number },
): Promise<unknown> {
	if (isBinaryDataUri(value)) {
		found.files++;
		return await readFile(ctx, value);
	}
	if (Array.isArray(value)) {
		const out: unknown[] = [];
		for (const entry of value) out.push(await withFiles(ctx, entry, found));
		return out;
	}
	if (typeof value !== 'object' || value === null) return value;
	const out: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		out[key] = (await withFiles(ctx, entry, found)) as never;
	}
	return out;
}

/**
 * The body as sent. Called in the request's slot, just before sending. With files, it is the
 * JSON's bytes, each file written straight in as its data URI and let go: the request holds one
 * copy of its body, dropped once the request is answered.
 */
export async function sendableBody(
	ctx: IExecuteFunctions,
	body: IDataObject,
): Promise<IDataObject | JsonBytes> {
	const found = { files: 0 };
	const resolved = await withFiles(ctx, body, found);
	return found.files > 0 ? jsonBytes(resolved) : (resolved as IDataObject);
}
