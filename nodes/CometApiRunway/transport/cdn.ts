import type { IExecuteFunctions } from 'n8n-workflow';

import type { HttpAnswer } from '../helpers/interfaces';
import { DOWNLOAD_HEADERS } from './downloadLimits';
import { type HttpResult, requestSignals, toTransportFailure, untilAborted } from './index';

/**
 * Opens a finished output's CDN URL as a stream. Deliberately unauthenticated: the API key must
 * never travel to the CDN. `stallMs` ends a transfer that sends nothing for that long; `signal`
 * ends it at once (a stop, or the item's deadline).
 */
export async function openDownload(
	this: IExecuteFunctions,
	url: string,
	stallMs: number,
	signal: AbortSignal,
): Promise<HttpResult> {
	// The whole transfer is bounded by `signal`; this deadline only guards the answer's headers.
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
				// Each hop of a redirect is checked by the caller before it is followed.
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
