import type { IExecuteFunctions } from 'n8n-workflow';

import type { Limiter } from '../helpers/limiter';
import type { PollerClock } from '../helpers/poller';

/** Everything one execution's tasks share. */
export interface Run {
	ctx: IExecuteFunctions;
	/** Caps the API requests in flight. */
	limit: Limiter;
	/** Ends the wait of one task: the batch stopped, or the execution did. */
	signal: AbortSignal;
	clock: PollerClock;
}
