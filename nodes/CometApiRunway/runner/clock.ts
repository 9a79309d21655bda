import { sleep } from 'n8n-workflow';

import type { PollerClock } from '../helpers/poller';

const SLEEP_SLICE_MS = 1_000;

/**
 * Sleeps in slices of at most a second and checks the signal between them, so a stop is seen
 * promptly even on n8n hosts whose `sleep` ignores the abort signal.
 */
export function hostClock(): PollerClock {
	return {
		now: () => Date.now(),
		random: () => Math.random(),
		async sleep(ms: number, signal?: AbortSignal) {
			const end = Date.now() + ms;
			for (let left = ms; left > 0 && !signal?.aborted; left = end - Date.now()) {
				// An abort rejects the sleep; the loop condition then ends it.
				await sleep(Math.min(SLEEP_SLICE_MS, left), signal).then(undefined, () => undefined);
			}
		},
	};
}
