/** The part of a Node.js readable stream the transport uses (n8n hands bodies over as streams). */
export interface ByteStream {
	on(event: string, listener: (...args: unknown[]) => void): unknown;
	removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
	read(): Buffer | string | null;
	push(chunk: unknown, encoding?: string): boolean;
	unshift(chunk: Buffer): void;
	destroy(error?: Error): unknown;
	[Symbol.asyncIterator](): AsyncIterator<Buffer | string>;
}

export function isByteStream(value: unknown): value is ByteStream {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as ByteStream).on === 'function' &&
		typeof (value as ByteStream).destroy === 'function'
	);
}

const toBuffer = (chunk: unknown): Buffer =>
	Buffer.isBuffer(chunk)
		? chunk
		: chunk instanceof Uint8Array
			? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
			: Buffer.from(String(chunk));

/** A body that can be read chunk by chunk: a Node stream, or a fetch Response's body. */
const isChunked = (value: unknown): value is AsyncIterable<unknown> =>
	typeof value === 'object' &&
	value !== null &&
	typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';

/** Destroys the stream when the signal aborts, until `release` is called. */
export function destroyOnAbort(stream: ByteStream, signal: AbortSignal): () => void {
	const onAbort = () => stream.destroy(new Error('aborted'));
	if (signal.aborted) onAbort();
	signal.addEventListener('abort', onAbort, { once: true });
	return () => signal.removeEventListener('abort', onAbort);
}

/**
 * Calls `listener` whenever data reaches the stream from its source, without reading it: the
 * stream's own `push` is wrapped, so its flow and its reader are left as they are.
 */
export function onArrival(stream: ByteStream, listener: () => void): () => void {
	const push = stream.push;
	stream.push = function (this: ByteStream, chunk: unknown, encoding?: string) {
		if (chunk !== null) listener();
		return push.call(this, chunk, encoding);
	};
	return () => {
		stream.push = push;
	};
}

export type BodyRead =
	| { kind: 'complete'; text: string }
	| { kind: 'oversized'; bytesRead: number };

/**
 * Reads a whole body, but never more than `maxBytes` of it: a larger one is cut off unread. The
 * size half of the bounded reader (helpers/boundedJson.ts checks what was read).
 */
export async function readBounded(
	body: unknown,
	maxBytes: number,
	signal: AbortSignal,
): Promise<BodyRead> {
	if (!isChunked(body)) {
		return { kind: 'complete', text: typeof body === 'string' ? body : JSON.stringify(body ?? '') };
	}
	const release = isByteStream(body) ? destroyOnAbort(body, signal) : () => undefined;
	const chunks: Buffer[] = [];
	let bytes = 0;
	try {
		// Leaving the loop early destroys a Node stream and cancels a fetch body.
		for await (const chunk of body) {
			const buffer = toBuffer(chunk);
			bytes += buffer.length;
			if (bytes > maxBytes) return { kind: 'oversized', bytesRead: bytes };
			chunks.push(buffer);
		}
	} finally {
		release();
	}
	return { kind: 'complete', text: Buffer.concat(chunks).toString('utf8') };
}

/**
 * The first bytes of a body (at least `count`, or all there is). Unless the body has ended, they
 * are put back, so the stream can still be read whole afterwards. Read in paused mode: once the
 * `readable` listener is gone the stream flows again for the next reader, whether it listens to
 * `data` or pipes. They are put back in the same tick they are read: when the body's end is
 * already buffered behind them, the stream would otherwise announce its end first and drop them.
 */
export async function peekHead(
	body: ByteStream,
	count: number,
): Promise<{ head: Buffer; ended: boolean }> {
	const chunks: Buffer[] = [];
	let length = 0;
	let ended = false;
	await new Promise<void>((resolve, reject) => {
		const finish = (error?: unknown) => {
			body.removeListener('readable', onReadable);
			body.removeListener('end', onEnd);
			body.removeListener('error', onError);
			body.removeListener('close', onClose);
			if (error) reject(error instanceof Error ? error : new Error(String(error)));
			else resolve();
		};
		const onReadable = () => {
			for (let chunk = body.read(); chunk !== null; chunk = length < count ? body.read() : null) {
				chunks.push(toBuffer(chunk));
				length += chunks[chunks.length - 1].length;
			}
			if (length >= count) {
				body.unshift(Buffer.concat(chunks));
				finish();
			}
		};
		const onEnd = () => {
			ended = true;
			finish();
		};
		const onError = (error: unknown) => finish(error ?? new Error('stream error'));
		const onClose = () => finish(ended ? undefined : new Error('the stream closed early'));
		body.on('readable', onReadable);
		body.on('end', onEnd);
		body.on('error', onError);
		body.on('close', onClose);
	});
	return { head: Buffer.concat(chunks), ended };
}
