import type { PollerClock } from '../helpers/poller';
import { type ByteStream, onArrival } from './stream';

const STALL_CHECK_MS = 250;

/**
 * Ends a transfer that receives nothing for `stallMs`: calls `onStall` once, and leaves the body
 * itself to its reader. Stops watching when `signal` aborts or the returned function is called.
 */
export function watchStall(
	clock: PollerClock,
	signal: AbortSignal,
	body: ByteStream,
	stallMs: number,
	onStall: () => void,
): () => void {
	let arrivedAt = clock.now();
	const stopObserving = onArrival(body, () => (arrivedAt = clock.now()));
	let watching = true;
	void (async () => {
		while (watching && !signal.aborted) {
			await clock.sleep(Math.min(STALL_CHECK_MS, stallMs), signal);
			if (watching && clock.now() - arrivedAt >= stallMs) {
				onStall();
				return;
			}
		}
	})();
	return () => {
		watching = false;
		stopObserving();
	};
}
