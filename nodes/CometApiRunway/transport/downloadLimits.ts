import type { ByteStream } from './stream';

/**
 * The download limits, in one place: every download asks for the file uncompressed, and its body
 * is counted as it arrives. It ends mid-stream, before anything is stored, when it is larger than
 * the Maximum Output Size, longer than its Content-Length (a body the HTTP client unpacked), or
 * compressed; a body that ends short of its Content-Length is an error, never a file.
 */

/** Asked of every download: the HTTP client would otherwise unpack a gzip body without bound. */
export const DOWNLOAD_HEADERS = { 'Accept-Encoding': 'identity' } as const;

/** Why a body broke the limits, and what to do. `final`: downloading it again cannot help. */
export interface LimitBreach {
	why: string;
	advice: string;
	final: boolean;
}

const COMPRESSED =
	'The node asks for the file uncompressed (Accept-Encoding: identity) and never unpacks one: a server that compresses it anyway is not serving a Runway output as CometAPI does.';
const TOO_LARGE = 'Raise Maximum Output Size in the wait options if the file is really this large.';

export interface BodyLimits {
	/** Set once the body broke a limit; the stream is then destroyed. */
	breach(): LimitBreach | undefined;
	/** Stops counting (the stream's own `push` is put back). */
	release(): void;
}

const MB = 1024 * 1024;

const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

const headerOf = (headers: Record<string, unknown>, name: string) => {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return String(Array.isArray(value) ? value[0] : (value ?? '')).trim();
};

/** The declared length, when the header holds one plain number. */
function declaredLength(headers: Record<string, unknown>): number | undefined {
	const raw = headerOf(headers, 'content-length');
	return /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/** What the headers alone refuse, before a byte is read. */
function refusedByHeaders(
	headers: Record<string, unknown>,
	maxBytes: number,
): LimitBreach | undefined {
	const encoding = headerOf(headers, 'content-encoding').toLowerCase();
	if (encoding && encoding !== 'identity') {
		return {
			why: `its URL sent a compressed body (Content-Encoding ${encoding}), which the node does not unpack`,
			advice: COMPRESSED,
			final: true,
		};
	}
	const declared = declaredLength(headers);
	if (declared !== undefined && declared > maxBytes) {
		return {
			why: oversized(maxBytes, `its Content-Length is ${megabytes(declared)}`),
			advice: TOO_LARGE,
			final: true,
		};
	}
	return undefined;
}

const oversized = (maxBytes: number, detail: string) =>
	`it is larger than the Maximum Output Size of ${megabytes(maxBytes)} (${detail})`;

/**
 * Counts the body's bytes as the stream receives them, by wrapping the stream's own `push`, so
 * its flow and its reader are left as they are. A breach destroys the stream with an error, so
 * whatever reads it fails and stores nothing.
 */
export function limitBody(
	body: ByteStream,
	headers: Record<string, unknown>,
	maxBytes: number,
): BodyLimits {
	let breach = refusedByHeaders(headers, maxBytes);
	const declared = declaredLength(headers);
	const push = body.push;
	let bytes = 0;
	const stop = (found: LimitBreach) => {
		breach ??= found;
		body.destroy(new Error(found.why));
		return false;
	};
	body.push = function (this: ByteStream, chunk: unknown, encoding?: string) {
		if (breach) return stop(breach);
		if (chunk === null) {
			if (declared !== undefined && bytes < declared) {
				return stop({
					why: `the transfer ended after ${bytes} of the ${declared} bytes its Content-Length declared`,
					advice: '',
					final: false,
				});
			}
			return push.call(this, chunk, encoding);
		}
		bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : (chunk as Buffer).length;
		if (declared !== undefined && bytes > declared) {
			return stop({
				why: `its URL sent more than the ${declared} bytes its Content-Length declared (a compressed body, which the node does not unpack, or a broken server)`,
				advice: COMPRESSED,
				final: true,
			});
		}
		if (bytes > maxBytes) {
			return stop({
				why: oversized(maxBytes, 'ended mid-transfer'),
				advice: TOO_LARGE,
				final: true,
			});
		}
		return push.call(this, chunk, encoding);
	};
	if (breach) body.destroy(new Error(breach.why));
	return {
		breach: () => breach,
		release: () => {
			body.push = push;
		},
	};
}
