import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { refusedOutputHost } from '../helpers/hosts';
import type { HttpAnswer } from '../helpers/interfaces';
import {
	declaredTypeFits,
	type ExpectedMedia,
	type OutputType,
	sniffMedia,
} from '../helpers/media';
import type { PollerClock } from '../helpers/poller';
import { DOWNLOAD_HEADERS, type LimitBreach, limitBody } from './downloadLimits';
import {
	type HttpResult,
	requestSignals,
	toTransportFailure,
	type TransportFailure,
	transportFailure,
	untilAborted,
} from './index';
import { watchStall } from './stall';
import { type ByteStream, destroyOnAbort, isByteStream, peekHead } from './stream';

const MAX_REDIRECTS = 5;
const HEAD_BYTES = 64;

/** One finished output's CDN URL, what its bytes must be, and what bounds the transfer. */
export interface CdnFileRequest {
	url: string;
	/** The credential's base URL: internal hosts are fetched only when it is on one too. */
	baseUrl: string;
	/** What the operation makes: only bytes of that kind are handed on. */
	kind: ExpectedMedia;
	/** Ends the transfer at once: the batch stopped, or the execution did. */
	stop: AbortSignal;
	/** What is left of the item's deadline; past it the transfer ends as `timedOut`. */
	timeoutMs: number;
	/** A transfer that receives nothing for this long ends as `stalled`. */
	stallMs: number;
	/** Maximum Output Size, in bytes. */
	maxBytes: number;
	clock: PollerClock;
}

/** The opened file, sniffed: its type, and its bytes (when they ended within the head) or its stream. */
export interface SniffedFile {
	type: OutputType;
	data: Buffer | ByteStream;
}

/** Why a CDN file was not handed on. */
export type CdnFileFailure =
	| { kind: 'hostRefused'; why: string }
	| { kind: 'blockedByN8n'; why: string }
	| { kind: 'tooManyRedirects'; max: number }
	| { kind: 'httpStatus'; statusCode: number }
	| { kind: 'noBody' }
	/** The first bytes, or the declared Content-Type, are not the expected media. */
	| { kind: 'notMedia'; head: Buffer; declared: string }
	/** Past a download limit for good (transport/downloadLimits.ts). */
	| { kind: 'overLimit'; breach: LimitBreach }
	| { kind: 'stalled' }
	| { kind: 'timedOut' }
	/** The transfer broke; a new one may mend it. */
	| { kind: 'broken'; failure: TransportFailure };

/** The file as `store` kept it, or why it was not handed on. */
export type CdnFileResult = { kind: 'stored'; binary: IBinaryData } | CdnFileFailure;

/** Keeps the file (n8n's binary data store): it reads the stream to its end. */
type StoreFile = (file: SniffedFile) => Promise<IBinaryData>;

const contentType = (headers: Record<string, unknown>) =>
	String(headers['content-type'] ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();

/**
 * The next hop's URL, as a Location header names it from `from`. A Location that is no URL stays
 * the text it was, so that the host classifier refuses it like any other hop it cannot place.
 */
const nextHop = (location: string, from: string): string =>
	URL.canParse(location, from) ? new URL(location, from).toString() : location;

const discard = (body: unknown) => (body as { destroy?: () => void }).destroy?.();

/**
 * Opens one hop as a stream. Deliberately unauthenticated: the API key must never travel to the
 * CDN. `signal` ends it at once; `stallMs` only guards the answer's headers.
 */
async function openHop(
	this: IExecuteFunctions,
	url: string,
	stallMs: number,
	signal: AbortSignal,
): Promise<HttpResult> {
	const signals = requestSignals(signal, stallMs);
	try {
		const answer = (await untilAborted(
			this.helpers.httpRequest({
				method: 'GET',
				url,
				encoding: 'stream',
				headers: { ...DOWNLOAD_HEADERS },
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// Each hop of a redirect is checked by the host classifier before it is followed.
				disableFollowRedirect: true,
				timeout: stallMs,
				abortSignal: signal,
			}),
			signals.either,
		)) as HttpAnswer;
		return { kind: 'answered', answer };
	} catch (error) {
		return { kind: 'failed', failure: toTransportFailure(error, signals) };
	}
}

/**
 * Sniffs the body's first bytes and, when they are the expected media, hands the file to `store`
 * while the download limits count it and the stall watchdog watches it. `signal` ends it all.
 */
async function sniffAndStore(
	request: CdnFileRequest,
	answer: HttpAnswer,
	signal: AbortSignal,
	store: StoreFile,
): Promise<CdnFileResult> {
	const { body, headers } = answer;
	if (!isByteStream(body)) return { kind: 'noBody' };
	// Ends this transfer: a stall, or the deadline or a stop. Destroying the body should be
	// enough, but a stream may never report it, so every wait below also races it.
	const end = new AbortController();
	let stalled = false;
	const stopWatching = watchStall(request.clock, request.stop, body, request.stallMs, () => {
		stalled = true;
		end.abort();
	});
	const onAbort = () => end.abort();
	signal.addEventListener('abort', onAbort, { once: true });
	if (signal.aborted) end.abort();
	const release = destroyOnAbort(body, end.signal);
	const limits = limitBody(body, headers, request.maxBytes);
	try {
		const declared = contentType(headers);
		const { head, ended } = await untilAborted(peekHead(body, HEAD_BYTES), end.signal);
		const type = sniffMedia(request.kind, head, false);
		if (!type || !declaredTypeFits(request.kind, declared)) {
			body.destroy();
			return { kind: 'notMedia', head, declared };
		}
		const binary = await untilAborted(store({ type, data: ended ? head : body }), end.signal);
		return { kind: 'stored', binary };
	} catch (error) {
		// Past a download limit: refused for good, unless a new transfer could mend it.
		const breach = limits.breach();
		if (breach?.final) return { kind: 'overLimit', breach };
		if (stalled) return { kind: 'stalled' };
		if (signal.aborted && !request.stop.aborted) return { kind: 'timedOut' };
		const why = breach?.why ?? (error as Error).message;
		return { kind: 'broken', failure: transportFailure('ECONNRESET', why) };
	} finally {
		limits.release();
		stopWatching();
		release();
		signal.removeEventListener('abort', onAbort);
	}
}

/**
 * Fetches a finished output from its CDN URL and hands it to `store` as a stream, never whole in
 * memory: redirects followed by hand, each hop checked by the host classifier before it is opened;
 * the body bounded by the download limits, the stall watchdog and the deadline; and handed on only
 * when its first bytes are the expected media. Every way it can fail is returned, never thrown.
 */
export async function fetchCdnFile(
	this: IExecuteFunctions,
	request: CdnFileRequest,
	store: StoreFile,
): Promise<CdnFileResult> {
	const signal = AbortSignal.any([request.stop, AbortSignal.timeout(request.timeoutMs)]);
	let url = request.url;
	for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
		const refused = refusedOutputHost(url, request.baseUrl);
		if (refused) return { kind: 'hostRefused', why: refused };
		const result = await openHop.call(this, url, request.stallMs, signal);
		if (result.kind === 'failed') {
			if (signal.aborted && !request.stop.aborted) return { kind: 'timedOut' };
			if (result.failure.blockedByN8n) return { kind: 'blockedByN8n', why: result.failure.message };
			return { kind: 'broken', failure: result.failure };
		}
		const { statusCode, headers, body } = result.answer;
		const location = headers.location;
		if (statusCode >= 300 && statusCode < 400 && typeof location === 'string') {
			discard(body);
			url = nextHop(location, url);
			continue;
		}
		if (statusCode < 200 || statusCode >= 300) {
			discard(body);
			return { kind: 'httpStatus', statusCode };
		}
		return await sniffAndStore(request, result.answer, signal, store);
	}
	return { kind: 'tooManyRedirects', max: MAX_REDIRECTS };
}
