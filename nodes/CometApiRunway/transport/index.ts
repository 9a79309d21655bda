import type { IExecuteFunctions } from 'n8n-workflow';

import type { HttpAnswer } from '../helpers/interfaces';
import type { RouteCall } from './routes';

export const CREDENTIAL_TYPE = 'cometApi';

/** No HTTP answer at all. `code` is Node's or axios' error code (ECONNREFUSED, ECONNRESET…). */
export class TransportFailure extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
		this.name = 'TransportFailure';
	}

	/** The connection was never opened, so the server cannot have received the request. */
	get neverReachedServer(): boolean {
		return ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(
			this.code,
		);
	}

	get aborted(): boolean {
		return this.code === 'ERR_CANCELED' || this.code === 'ABORT_ERR';
	}
}

export function toTransportFailure(error: unknown): TransportFailure {
	const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
	const code =
		(typeof cause?.code === 'string' && cause.code) ||
		(typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code) ||
		'UNKNOWN';
	const reason =
		typeof cause?.message === 'string' ? cause.message : String((error as Error).message);
	return new TransportFailure(code, reason);
}

export function trimBaseUrl(baseUrl: string): string {
	return baseUrl.trim().replace(/\/+$/, '');
}

export interface ApiCall extends RouteCall {
	runwayVersion: string;
	timeoutMs: number;
	signal?: AbortSignal;
}

/**
 * The only code that talks to CometAPI. Authentication is injected by n8n from the credential;
 * every HTTP status, and every failure to get one, is returned rather than thrown, so that one
 * place decides what each answer means.
 */
export async function cometApiRequest(
	this: IExecuteFunctions,
	call: ApiCall,
): Promise<HttpAnswer | TransportFailure> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseURL = trimBaseUrl(String(credentials.baseUrl ?? ''));
	try {
		return (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			method: call.method,
			baseURL,
			url: call.path,
			body: call.body,
			json: true,
			headers: {
				'X-Runway-Version': call.runwayVersion,
				...(call.body ? { 'Content-Type': 'application/json' } : {}),
			},
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// A redirect means a wrong base URL; following it could carry the key elsewhere.
			disableFollowRedirect: true,
			timeout: call.timeoutMs,
			abortSignal: call.signal ?? this.getExecutionCancelSignal(),
		})) as HttpAnswer;
	} catch (error) {
		return toTransportFailure(error);
	}
}
