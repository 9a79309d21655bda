import type { TaskStatus } from './interfaces';

/** Every status vocabulary CometAPI's Runway routes speak, mapped onto Runway's own. */

const RUNWAY_STATUSES: Record<string, TaskStatus> = {
	PENDING: 'PENDING',
	THROTTLED: 'THROTTLED',
	RUNNING: 'RUNNING',
	SUCCEEDED: 'SUCCEEDED',
	FAILED: 'FAILED',
	CANCELLED: 'CANCELLED',
	CANCELED: 'CANCELLED',
};

/** CometAPI's wrapped envelope (new-api's TaskDto) and the legacy numeric feed shape. */
const WRAPPED_STATUSES: Record<string, TaskStatus> = {
	NOT_START: 'PENDING',
	SUBMITTED: 'PENDING',
	QUEUED: 'PENDING',
	IN_PROGRESS: 'RUNNING',
	SUCCESS: 'SUCCEEDED',
	FAILURE: 'FAILED',
	'0': 'PENDING',
	'1': 'RUNNING',
	'2': 'FAILED',
	'3': 'SUCCEEDED',
};

/** Lower-case `state` words of the legacy shape and of some relays. */
const STATE_WORDS: Record<string, TaskStatus> = {
	pending: 'PENDING',
	queued: 'PENDING',
	running: 'RUNNING',
	processing: 'RUNNING',
	succeeded: 'SUCCEEDED',
	success: 'SUCCEEDED',
	failed: 'FAILED',
	failure: 'FAILED',
	cancelled: 'CANCELLED',
	canceled: 'CANCELLED',
};

/**
 * A word that ended the task, in any vocabulary: stopped ones are CANCELLED, the rest FAILED.
 * Unknown words without such a stem are polled on (the wait ends at the Timeout, the word kept):
 * taking a word one cannot read for a failure could invite a paid resubmit of a task that went on.
 */
const CANCELLED_STEM = /CANCEL|ABORT|STOPPED|KILLED|TERMINATED|REVOKED/;
const FAILED_STEM = /FAIL|ERROR|EXPIRE|TIMEOUT|TIMED_?OUT|REJECT|DENIED|BLOCKED|INVALID|REFUSED/;

function terminalByStem(upper: string): TaskStatus | undefined {
	if (CANCELLED_STEM.test(upper)) return 'CANCELLED';
	return FAILED_STEM.test(upper) ? 'FAILED' : undefined;
}

export function mapStatus(raw: string | undefined): TaskStatus | undefined {
	if (raw === undefined) return undefined;
	const upper = raw.trim().toUpperCase();
	return (
		RUNWAY_STATUSES[upper] ??
		WRAPPED_STATUSES[upper] ??
		STATE_WORDS[raw.trim().toLowerCase()] ??
		terminalByStem(upper.replace(/[\s-]+/g, '_'))
	);
}
