import { type ApiProblem, notFoundProblem, type StatusOutcome } from './answers';
import { POLL, WAIT } from './constants';
import type { NormalisedTask } from './interfaces';

/** Time, waiting and randomness come from outside, so the poller runs on a fake clock in tests. */
export interface PollerClock {
	now(): number;
	/** Resolves after `ms`, or rejects (or resolves early) once `signal` aborts. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
	random(): number;
}

export interface PollSettings {
	intervalMs: number;
	/** Wait before the first status request, counted from submission. */
	firstDelayMs: number;
	/** Give up waiting this long after submission. */
	timeoutMs: number;
	/** `task_not_exist` (or 404) this soon after submission means "not visible yet". */
	graceMs: number;
	/** How far below the interval a wait may be, as a fraction (0.15 → 85–100 % of it). */
	jitter: number;
	/** Transient failures in a row after which the status request is given up. */
	maxTransientFailures: number;
	backoffBaseMs: number;
	backoffCapMs: number;
	/** How long a success without any output URL is polled again before it counts as broken. */
	missingOutputGraceMs: number;
}

/** The pacing the node polls with; the interval and timeout come from the wait options. */
export const DEFAULT_POLL_SETTINGS: PollSettings = {
	intervalMs: WAIT.pollInterval.default * 1000,
	firstDelayMs: POLL.firstDelayMs,
	timeoutMs: WAIT.timeout.default * 1000,
	graceMs: POLL.notVisibleGraceMs,
	jitter: POLL.jitter,
	maxTransientFailures: POLL.maxTransientFailures,
	backoffBaseMs: POLL.backoffBaseMs,
	backoffCapMs: POLL.backoffCapMs,
	missingOutputGraceMs: POLL.missingOutputGraceMs,
};

export interface PollTarget {
	taskId: string;
	/** When the task was submitted (or, for a task from elsewhere, when waiting began). */
	startedAtMs: number;
	/** Poll at once instead of after the first delay (a task submitted earlier). */
	pollImmediately?: boolean;
	/** How long `task_not_exist` counts as "not visible yet"; 0 for a task made elsewhere. */
	notVisibleGraceMs?: number;
	/** What is already known, e.g. from the create answer. */
	initial?: NormalisedTask;
}

type PollResult =
	| { kind: 'finished'; task: NormalisedTask; polls: number; finishedAtMs: number }
	| { kind: 'timedOut'; task: NormalisedTask | null; polls: number }
	| { kind: 'error'; problem: ApiProblem; task: NormalisedTask | null; polls: number }
	| { kind: 'aborted'; task: NormalisedTask | null; polls: number };

/** One status request; transport trouble comes back as a `transient` outcome, never thrown. */
export type FetchStatus = (taskId: string) => Promise<StatusOutcome>;

/**
 * A wait of at most the interval, spread below it so that a batch's polls drift apart. Never
 * above it: a finished task is then always seen within one interval.
 */
export function jitteredInterval(settings: PollSettings, random: () => number): number {
	return Math.round(settings.intervalMs * (1 - settings.jitter * random()));
}

/** Exponential backoff with equal jitter: half fixed, half random. */
export function backoffDelay(
	attempt: number,
	settings: Pick<PollSettings, 'backoffBaseMs' | 'backoffCapMs'>,
	random: () => number,
): number {
	const ceiling = Math.min(
		settings.backoffCapMs,
		settings.backoffBaseMs * 2 ** Math.max(0, attempt - 1),
	);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

async function pause(clock: PollerClock, ms: number, signal?: AbortSignal): Promise<void> {
	if (ms <= 0 || signal?.aborted) return;
	try {
		await clock.sleep(ms, signal);
	} catch {
		// An abort ends the sleep; the caller checks the signal.
	}
}

/**
 * Waits on one task until it ends, times out, fails permanently or the signal aborts. Many of
 * these run side by side; the caller's `fetchStatus` caps how many requests are in flight.
 */
export async function pollTask(
	target: PollTarget,
	fetchStatus: FetchStatus,
	settings: PollSettings,
	clock: PollerClock,
	signal?: AbortSignal,
): Promise<PollResult> {
	const deadline = target.startedAtMs + settings.timeoutMs;
	let last: NormalisedTask | null = target.initial ?? null;
	let polls = 0;
	let transientStreak = 0;
	let succeededWithoutOutputAt: number | undefined;
	let delay = target.pollImmediately ? 0 : target.startedAtMs + settings.firstDelayMs - clock.now();

	for (;;) {
		await pause(clock, Math.min(delay, deadline - clock.now()), signal);
		if (signal?.aborted) return { kind: 'aborted', task: last, polls };

		const outcome = await fetchStatus(target.taskId);
		polls++;
		if (signal?.aborted) return { kind: 'aborted', task: last, polls };
		const now = clock.now();

		if (outcome.kind === 'permanent')
			return { kind: 'error', problem: outcome.problem, task: last, polls };

		if (outcome.kind === 'transient') {
			transientStreak++;
			if (transientStreak > settings.maxTransientFailures) {
				return {
					kind: 'error',
					problem: {
						...outcome.problem,
						message: `${outcome.problem.message} (gave up after ${transientStreak} attempts in a row)`,
					},
					task: last,
					polls,
				};
			}
			delay = Math.max(
				backoffDelay(transientStreak, settings, clock.random),
				outcome.retryAfterMs ?? 0,
			);
		} else {
			transientStreak = 0;
			const task = outcome.task;
			if (task.notVisible) {
				if (now - target.startedAtMs >= (target.notVisibleGraceMs ?? settings.graceMs)) {
					const waitedS = Math.round((now - target.startedAtMs) / 1000);
					return {
						kind: 'error',
						problem: notFoundProblem(target.taskId, waitedS),
						task: last,
						polls,
					};
				}
				last = last ? { ...last, response: task.response } : { ...task, taskId: target.taskId };
			} else {
				last = { ...task, taskId: task.taskId ?? target.taskId };
				if (task.status === 'FAILED' || task.status === 'CANCELLED') {
					return { kind: 'finished', task: last, polls, finishedAtMs: now };
				}
				if (task.status !== 'SUCCEEDED') succeededWithoutOutputAt = undefined;
				if (task.status === 'SUCCEEDED') {
					if (task.results.length > 0)
						return { kind: 'finished', task: last, polls, finishedAtMs: now };
					// The relay can say SUCCESS a moment before the URL is filled in.
					succeededWithoutOutputAt ??= now;
					if (now - succeededWithoutOutputAt >= settings.missingOutputGraceMs) {
						return {
							kind: 'error',
							problem: {
								message: `Task ${target.taskId} succeeded but CometAPI gave no output URL`,
								description: 'Run Get Task for this task ID later to fetch its output URLs.',
							},
							task: last,
							polls,
						};
					}
				}
			}
			delay = jitteredInterval(settings, clock.random);
		}

		if (clock.now() >= deadline) return { kind: 'timedOut', task: last, polls };
	}
}
