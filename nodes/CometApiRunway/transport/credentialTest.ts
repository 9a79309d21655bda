import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { type JsonRead, readJsonText } from '../helpers/boundedJson';
import { MAX_ANSWER_BYTES } from '../helpers/constants';
import { extractApiMessage } from '../helpers/normaliser';
import { createRedactor } from '../helpers/redact';
import { validateBaseUrl } from '../helpers/urls';
import type { InputError } from '../helpers/validation';
import { requestSignals, toTransportFailure, type TransportFailure } from './index';
import { readBounded } from './stream';

/**
 * The credential test: one free, authenticated request (GET /v1/models) that explains what went
 * wrong in words a user can act on.
 *
 * n8n hands a credential test only its legacy `helpers.request`, which the community lint forbids,
 * so the test uses the runtime's own `fetch`. That keeps every safety decision here: the key is
 * never sent over plain http to another machine (refused before any request), and a redirect is
 * reported, never followed, so the key never reaches a second host.
 */

const MODELS_PATH = '/v1/models';
/** Any bearer token an answer echoes, whoever's it is. */
const BEARER = /Bearer\s+[^\s"',;]+/gi;
const TIMEOUT_MS = 15_000;
const USE_DEFAULT = 'Use https://api.cometapi.com (without /v1).';

type Target = { url: URL; endpoint: string } | { refusal: string };

function fail(message: string): INodeCredentialTestResult {
	return { status: 'Error', message };
}

/** Decides, before anything is sent, whether the Base URL may receive the key (the node's rule). */
function checkBaseUrl(value: unknown): Target {
	try {
		const base = validateBaseUrl(value);
		return { url: new URL(base), endpoint: `${base}${MODELS_PATH}` };
	} catch (error) {
		const { message, hint } = error as InputError;
		return { refusal: `${message}. ${hint ?? ''}`.trim() };
	}
}

/** The API's own error message, if the body carries one, shortened and without the key. */
function apiMessage(read: JsonRead, apiKey: string): string {
	// Beyond the reader's limits: no message of the API's to quote.
	const parsed = read.kind === 'json' ? read.value : read.kind === 'text' ? read.text : '';
	const redactor = createRedactor([apiKey]);
	const message = redactor
		.text(extractApiMessage(parsed) ?? '')
		.replace(BEARER, 'Bearer [redacted]')
		.trim();
	return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

function connectionFailure(url: URL, failure: TransportFailure): string {
	const { code } = failure;
	const host = url.hostname;
	const hostPort = url.port ? `${host}:${url.port}` : host;
	const direct = 'The test connects directly, not through a proxy.';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
		return `The host ${host} does not resolve (DNS lookup failed: ${code}). Check the Base URL. ${USE_DEFAULT} ${direct}`;
	}
	// fetch refuses ports reserved for other protocols (6000, 6666…) before connecting.
	if (failure.message === 'bad port') {
		return `Port ${url.port} is reserved for other protocols and cannot be used for the API. Check the Base URL.`;
	}
	if (code === 'ECONNREFUSED') {
		return `Nothing is listening at ${hostPort} (connection refused). Check the Base URL and its port. ${USE_DEFAULT}`;
	}
	if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
		return `No answer from ${hostPort} within ${TIMEOUT_MS / 1000} seconds. Check the Base URL. ${direct}`;
	}
	if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(code)) {
		return `The TLS certificate of ${host} is not trusted (${code}).`;
	}
	if (/SSL|EPROTO/i.test(code)) {
		return `${hostPort} does not answer https:// (${code}). Check the Base URL.`;
	}
	if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
		return `${hostPort} closed the connection without an answer (${code}). Check the Base URL.`;
	}
	return `Could not reach ${hostPort} (${code}). Check the Base URL.`;
}

function redirectTarget(response: Response, from: URL): string {
	const location = response.headers.get('location');
	if (!location) return '';
	try {
		return ` to ${new URL(location, from).origin}`;
	} catch {
		return '';
	}
}

/** What the answer to GET /v1/models says about the key and the Base URL; `body` null: too large. */
function verdict(
	response: Response,
	body: string | null,
	url: URL,
	apiKey: string,
): INodeCredentialTestResult {
	const status = response.status;
	if (status >= 300 && status < 400) {
		return fail(
			`The Base URL answered with a redirect (HTTP ${status}${redirectTarget(response, url)}) instead of the API: it is not CometAPI's API address, and the key was not sent on. ${USE_DEFAULT}`,
		);
	}
	if (body === null) {
		return fail(
			`The Base URL answered with more than ${MAX_ANSWER_BYTES / 1024 / 1024} MB for ${MODELS_PATH}: this is not CometAPI. ${USE_DEFAULT}`,
		);
	}
	const read = readJsonText(body);
	const contentType = response.headers.get('content-type') ?? '';
	const isHtml = /text\/html/i.test(contentType) || /^\s*</.test(body);
	const message = isHtml ? '' : apiMessage(read, apiKey);
	const said = message ? `: ${message}` : '';
	if (status === 401 || status === 403) {
		return fail(
			`CometAPI refused the API key (HTTP ${status}${said}). Check the key in the CometAPI console.`,
		);
	}
	if (isHtml) {
		return fail(
			`The Base URL answered with an HTML page (HTTP ${status}), not CometAPI's JSON: it is probably not the API's address. ${USE_DEFAULT}`,
		);
	}
	if (status === 404) {
		return fail(
			`No CometAPI at this Base URL: GET ${MODELS_PATH} answered HTTP 404${said}. ${USE_DEFAULT}`,
		);
	}
	if (status === 429) {
		return fail(`CometAPI is rate limiting (HTTP 429${said}). Test again in a minute.`);
	}
	if (status >= 500) {
		return fail(`CometAPI had a problem (HTTP ${status}${said}). Test again later.`);
	}
	if (status < 200 || status >= 300) {
		return fail(`GET ${MODELS_PATH} answered HTTP ${status}${said}.`);
	}
	if (read.kind !== 'json') {
		return fail(
			`The Base URL answered HTTP ${status} with ${read.kind === 'text' ? 'something that is not JSON' : `JSON that cannot be read (${read.why})`}: it is probably not the API's address. ${USE_DEFAULT}`,
		);
	}
	const models = (read.value as { data?: unknown })?.data;
	const count = Array.isArray(models) ? ` (${models.length} models available)` : '';
	return { status: 'OK', message: `CometAPI accepted the API key${count}.` };
}

/** `methods.credentialTest` of the node, named by the credential's `testedBy`. */
export async function testCometApiCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const apiKey = typeof data.apiKey === 'string' ? data.apiKey.trim() : '';
	if (!apiKey) return fail('The API key is empty. Paste the key from the CometAPI console.');
	const target = checkBaseUrl(data.baseUrl);
	if ('refusal' in target) return fail(target.refusal);

	let response: Response;
	let body: string | null;
	// Nothing stops a credential test but its own time limit.
	const signals = requestSignals(new AbortController().signal, TIMEOUT_MS);
	try {
		response = await fetch(target.endpoint, {
			method: 'GET',
			headers: { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' },
			redirect: 'manual',
			signal: signals.either,
		});
		// At most an answer's size, as every answer of the node is read (the bounded reader).
		const read = await readBounded(response.body ?? '', MAX_ANSWER_BYTES, signals.either);
		body = read.kind === 'complete' ? read.text : null;
	} catch (error) {
		return fail(connectionFailure(target.url, toTransportFailure(error, signals)));
	}
	return verdict(response, body, target.url, apiKey);
}
