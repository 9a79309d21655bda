import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { MAX_ANSWER_BYTES } from '../helpers/constants';
import { readBody } from '../helpers/envelope';
import type { HttpAnswer } from '../helpers/interfaces';
import type { JsonBytes } from '../helpers/jsonBytes';
import type { RouteCall } from './routes';
import { readBounded, type ByteStream } from './stream';

export const CREDENTIAL_TYPE = 'cometApi';

/** No HTTP answer at all. `code` is Node's or axios' error code (ECONNREFUSED, ECONNRESET…). */
export interface TransportFailure {
	code: string;
	message: string;
	/** The connection was never opened, so the server cannot have received the request. */
	neverReachedServer: boolean;
	/** Our own signal ended it: the batch stopped, or the execution did. */
	aborted: boolean;
	/** n8n's own SSRF protection refused the destination before connecting. */
	blockedByN8n: boolean;
}

/** What one HTTP exchange gave: an answer of any status, or none at all. */
export type HttpResult =
	| { kind: 'answered'; answer: HttpAnswer }
	| { kind: 'failed'; failure: TransportFailure };

const NEVER_SENT = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

export function transportFailure(code: string, message: string): TransportFailure {
	return {
		code,
		message,
		neverReachedServer: NEVER_SENT.includes(code),
		aborted: code === 'ERR_CANCELED' || code === 'ABORT_ERR',
		blockedByN8n: code === 'SSRF_BLOCKED',
	};
}

/** n8n's SSRF errors (`SsrfBlockedIpError`, `SsrfBlockedHostnameError`), possibly wrapped. */
function ssrfBlock(error: unknown): string | undefined {
	for (let cause = error, depth = 0; cause && depth < 4; depth++) {
		const { name, message } = cause as { name?: unknown; message?: unknown };
		if (typeof name === 'string' && name.startsWith('SsrfBlocked')) return String(message);
		cause = (cause as { cause?: unknown }).cause;
	}
	return undefined;
}

export function toTransportFailure(error: unknown, signals: RequestSignals): TransportFailure {
	if (signals.deadline.aborted) return transportFailure('ETIMEDOUT', 'the request took too long');
	if (signals.stop.aborted) return transportFailure('ABORT_ERR', 'the request was stopped');
	const blocked = ssrfBlock(error);
	if (blocked !== undefined) return transportFailure('SSRF_BLOCKED', blocked);
	const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
	const code =
		(typeof cause?.code === 'string' && cause.code) ||
		(typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code) ||
		'UNKNOWN';
	const reason =
		typeof cause?.message === 'string' ? cause.message : String((error as Error).message);
	return transportFailure(code, reason);
}

export function trimBaseUrl(baseUrl: string): string {
	return baseUrl.trim().replace(/\/+$/, '');
}

/** What may end one request: our own stop, and the request's own time limit. */
interface RequestSignals {
	stop: AbortSignal;
	deadline: AbortSignal;
	either: AbortSignal;
}

export function requestSignals(stop: AbortSignal, timeoutMs: number): RequestSignals {
	const deadline = AbortSignal.timeout(Math.max(1, timeoutMs));
	return { stop, deadline, either: AbortSignal.any([stop, deadline]) };
}

/** Settles as soon as `signal` aborts, whatever the promise does. */
export async function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	if (signal.aborted) throw new Error('aborted');
	let onAbort = () => {};
	const aborted = new Promise<never>((_resolve, reject) => {
		onAbort = () => reject(new Error('aborted'));
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([promise, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/**
 * n8n replaces a request's abort signal with the execution's cancel signal, read from the
 * calling context. Calling through a context whose cancel signal is our own lets our signal
 * close the socket, whichever of the two n8n uses.
 */
function withCancelSignal(ctx: IExecuteFunctions, signal: AbortSignal): IExecuteFunctions {
	return Object.create(ctx, {
		getExecutionCancelSignal: { value: () => signal },
	}) as IExecuteFunctions;
}

interface ApiCall extends Omit<RouteCall, 'body'> {
	/** An object, serialised by n8n; or JSON already serialised, sent as it is, never copied. */
	body?: IDataObject | JsonBytes;
	runwayVersion: string;
	/** Silence on the connection for this long ends the request (n8n's own timeout). */
	timeoutMs: number;
	/** The whole exchange, body included, ends after this long. */
	totalTimeoutMs: number;
	/** Ends the request at once: the batch stopped, or the execution did. */
	signal: AbortSignal;
}

/**
 * The only code that talks to CometAPI. Authentication is injected by n8n from the credential.
 * Every HTTP status, and every failure to get one, is returned rather than thrown, so that one
 * place decides what each answer means. A body is read only up to a size no answer of CometAPI
 * reaches, and parsed only within the bounded reader's depth. A body already written as JSON bytes
 * (a create carrying files) is a Buffer, which n8n's helper and axios send as it is, uncopied.
 */
export async function cometApiRequest(this: IExecuteFunctions, call: ApiCall): Promise<HttpResult> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const signals = requestSignals(call.signal, call.totalTimeoutMs);
	const options: IHttpRequestOptions = {
		method: call.method,
		baseURL: trimBaseUrl(String(credentials.baseUrl ?? '')),
		url: call.path,
		body: call.body,
		json: true,
		encoding: 'stream',
		headers: {
			'X-Runway-Version': call.runwayVersion,
			...(call.body ? { 'Content-Type': 'application/json' } : {}),
		},
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A redirect means a wrong base URL; following it could carry the key elsewhere.
		disableFollowRedirect: true,
		timeout: call.timeoutMs,
		abortSignal: signals.either,
	};
	try {
		const response = (await untilAborted(
			this.helpers.httpRequestWithAuthentication.call(
				withCancelSignal(this, signals.either),
				CREDENTIAL_TYPE,
				options,
			),
			signals.either,
		)) as HttpAnswer;
		const read = await readBounded(response.body as ByteStream, MAX_ANSWER_BYTES, signals.either);
		return {
			kind: 'answered',
			answer: {
				statusCode: response.statusCode,
				headers: response.headers ?? {},
				...(read.kind === 'complete'
					? readBody(read.text)
					: { body: '', oversizedBytes: read.bytesRead }),
			},
		};
	} catch (error) {
		return { kind: 'failed', failure: toTransportFailure(error, signals) };
	}
}
