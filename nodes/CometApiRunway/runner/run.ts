import type { IExecuteFunctions } from 'n8n-workflow';

import type { Limiter } from '../helpers/limiter';
import type { PollerClock } from '../helpers/poller';
import type { TaskFailure } from './failure';

/** Everything one execution's tasks share, seen from one job. */
export interface Run {
	ctx: IExecuteFunctions;
	clock: PollerClock;
	/** Caps the API requests in flight. */
	requests: Limiter;
	/** Caps the downloads in flight, apart from the requests, so polls never wait on a download. */
	downloads: Limiter;
	/** Aborts once the batch has decided to stop (a failure, or the execution stopped). */
	signal: AbortSignal;
	/** Ends creates already sent: a short grace after a stop, so their task IDs are kept. */
	createSignal: AbortSignal;
	/** The credential's base URL; output URLs on internal hosts are fetched only when it is local too. */
	baseUrl: string;
	/** Writes a line to n8n's log, redacted. */
	log(level: 'info' | 'warn', line: string): void;
	/**
	 * Tells the batch at once that this job failed, while its request slot is still held, so
	 * that a create queued for the slot sees the stop before it is sent.
	 */
	failed(failure: TaskFailure): void;
}
