import type { ApiProblem } from '../helpers/answers';
import { classifyCreateAnswer } from '../helpers/answers';
import { CREATE } from '../helpers/constants';
import { mayResendCreate } from '../helpers/createRetry';
import type { CreateRequest, NormalisedTask, WaitSettings } from '../helpers/interfaces';
import { backoffDelay } from '../helpers/poller';
import { refusesRoute, unservedRouteProblem } from '../helpers/unserved';
import { cometApiRequest, type HttpResult } from '../transport';
import { requestBody } from './body';
import { cancelled, TaskFailure, transportProblem } from './failure';
import type { Run } from './run';

interface Submitted {
	taskId: string;
	task: NormalisedTask;
	submittedAtMs: number;
}

/** Told when a create leaves, and when it is certain whether the API took it. */
interface CreateWatch {
	sent(atMs: number): void;
	known(): void;
}

const MAY_EXIST =
	'The request was sent, so the task may have been created and charged; it was not sent again. Check your CometAPI task log before running this item again.';

/**
 * Sends one create request. It is sent again only when `mayResendCreate` says the API cannot
 * have taken it; after any doubt it is never repeated. Nothing is
 * sent once the batch has decided to stop; a request already sent gets a short grace to answer.
 */
export async function submitTask(
	run: Run,
	request: CreateRequest,
	wait: WaitSettings,
	watch: CreateWatch,
): Promise<Submitted> {
	const deadlineMs = run.clock.now() + wait.timeoutMs;
	for (let attempt = 1; ; attempt++) {
		const outcome = await run.requests(async () => {
			// Checked after the slot is won: a stop may have come while this create queued.
			if (run.signal.aborted) return { kind: 'stopped' as const };
			// Files become data URIs only here, and are let go once this slot is.
			const body = await requestBody(run, request);
			if (body instanceof TaskFailure) {
				run.failed(body);
				return { kind: 'failed' as const, failure: body };
			}
			const sentAtMs = run.clock.now();
			watch.sent(sentAtMs);
			const sent = await cometApiRequest.call(run.ctx, {
				method: 'POST',
				path: request.path,
				body,
				runwayVersion: request.runwayVersion,
				timeoutMs: wait.requestTimeoutMs,
				// Patient: a create cut off after sending leaves the user unsure whether it was paid.
				totalTimeoutMs: CREATE.totalTimeoutFactor * wait.requestTimeoutMs,
				signal: run.createSignal,
			});
			if (sent.kind === 'answered' || sent.failure.neverReachedServer) watch.known();
			const attempted = attemptOutcome(run, sent, request, sentAtMs);
			// Decided while the slot is held: the next create in line must see the stop.
			if (attempted.kind === 'failed') run.failed(attempted.failure);
			return attempted;
		});
		if (outcome.kind === 'stopped') throw cancelled();
		if (outcome.kind === 'created') return outcome.submitted;
		if (outcome.kind === 'failed') throw outcome.failure;
		const { problem, retryAfterMs } = outcome;
		if (attempt >= CREATE.maxAttempts) {
			throw new TaskFailure(
				{ ...problem, message: `${problem.message} (after ${attempt} attempts)` },
				'api',
			);
		}
		const delay = Math.max(
			backoffDelay(attempt, CREATE, run.clock.random),
			retryAfterMs ?? 0,
		);
		if (run.clock.now() + delay > deadlineMs) {
			throw new TaskFailure(
				{
					...problem,
					message: `${problem.message}; the next attempt (in ${Math.ceil(delay / 1000)} s) would come after this item's Timeout`,
					description: `${problem.description} Nothing was created for this item. Raise Timeout or try again later.`,
				},
				'api',
			);
		}
		await run.clock.sleep(delay, run.signal);
		if (run.signal.aborted) throw cancelled();
	}
}

type Attempt =
	| { kind: 'stopped' }
	| { kind: 'created'; submitted: Submitted }
	| { kind: 'retry'; problem: ApiProblem; retryAfterMs?: number }
	| { kind: 'failed'; failure: TaskFailure };

/** What one sent create means: a task, a certain refusal worth another try, or the end. */
function attemptOutcome(
	run: Run,
	sent: HttpResult,
	request: CreateRequest,
	sentAtMs: number,
): Attempt {
	const sentAt = `It was sent at ${new Date(sentAtMs).toISOString()}: look for a task created then.`;
	if (sent.kind === 'failed') {
		if (sent.failure.aborted) return { kind: 'stopped' };
		const problem = transportProblem(sent.failure, 'The create request');
		const end = sent.failure.neverReachedServer ? 'notSent' : 'lost';
		if (mayResendCreate({ kind: end })) return { kind: 'retry', problem };
		return {
			kind: 'failed',
			failure: new TaskFailure(
				{ ...problem, description: `${MAY_EXIST} ${sentAt} (${problem.description})` },
				'api',
			),
		};
	}
	const outcome = classifyCreateAnswer(sent.answer, run.clock.now());
	if (outcome.kind === 'created') {
		const submitted = {
			taskId: outcome.taskId,
			task: outcome.task,
			submittedAtMs: run.clock.now(),
		};
		return { kind: 'created', submitted };
	}
	// A route CometAPI may no longer serve: its refusal says so, and what to use instead.
	const problem =
		request.unservedRoute && refusesRoute(sent.answer)
			? unservedRouteProblem(outcome.problem, request.unservedRoute)
			: outcome.problem;
	if (outcome.kind === 'retryable') {
		return { kind: 'retry', problem, retryAfterMs: outcome.retryAfterMs };
	}
	const described =
		outcome.kind === 'ambiguous'
			? { ...problem, description: `${problem.description} ${sentAt}` }
			: problem;
	return { kind: 'failed', failure: new TaskFailure(described, 'api') };
}
