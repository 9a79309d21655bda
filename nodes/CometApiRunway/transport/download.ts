import type { IExecuteFunctions } from 'n8n-workflow';

import type { HttpAnswer } from '../helpers/interfaces';
import { toTransportFailure, type TransportFailure } from './index';

/**
 * Fetches a finished output from its CDN URL as a stream. Deliberately unauthenticated: the API
 * key must never travel to the CDN.
 */
export async function downloadStream(
	this: IExecuteFunctions,
	url: string,
	timeoutMs: number,
	signal: AbortSignal | undefined,
): Promise<HttpAnswer | TransportFailure> {
	try {
		return (await this.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: timeoutMs,
			abortSignal: signal,
		})) as HttpAnswer;
	} catch (error) {
		return toTransportFailure(error);
	}
}
