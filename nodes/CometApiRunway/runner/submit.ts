import type { ApiProblem } from '../helpers/answers';
import { classifyCreateAnswer } from '../helpers/answers';
import { CREATE } from '../helpers/constants';
import type { CreateRequest, NormalisedTask, WaitSettings } from '../helpers/interfaces';
import { backoffDelay, DEFAULT_POLL_SETTINGS } from '../helpers/poller';
import { cometApiRequest, TransportFailure } from '../transport';
import { cancelled, TaskFailure, transportProblem } from './failure';
import type { Run } from './run';

export interface Submitted {
	taskId: string;
	task: NormalisedTask;
	submittedAtMs: number;
}

/**
 * Sends one create request. It is sent again only when the API certainly did not take it
 * (connection refused, or 429/503 answered); after any doubt it is never repeated.
 */
export async function submitTask(
	run: Run,
	request: CreateRequest,
	wait: WaitSettings,
): Promise<Submitted> {
	for (let attempt = 1; ; attempt++) {
		if (run.signal.aborted) throw cancelled();
		const answer = await run.limit(async () =>
			cometApiRequest.call(run.ctx, {
				method: 'POST',
				path: request.path,
				body: request.body,
				runwayVersion: request.runwayVersion,
				timeoutMs: wait.requestTimeoutMs,
				signal: run.signal,
			}),
		);
		let problem: ApiProblem;
		let retryAfterMs: number | undefined;
		if (answer instanceof TransportFailure) {
			if (answer.aborted || run.signal.aborted) throw cancelled();
			problem = transportProblem(answer, 'The create request');
			if (!answer.neverReachedServer) {
				throw new TaskFailure(
					{
						...problem,
						description: `The request was sent, so the task may have been created and charged; it was not sent again. Check your CometAPI task log before running this item again. (${problem.description})`,
					},
					'api',
				);
			}
		} else {
			const outcome = classifyCreateAnswer(answer, run.clock.now());
			if (outcome.kind === 'created') {
				return { taskId: outcome.taskId, task: outcome.task, submittedAtMs: run.clock.now() };
			}
			if (outcome.kind !== 'retryable') throw new TaskFailure(outcome.problem, 'api');
			problem = outcome.problem;
			retryAfterMs = outcome.retryAfterMs;
		}
		if (attempt >= CREATE.maxAttempts) {
			throw new TaskFailure(
				{ ...problem, message: `${problem.message} (after ${attempt} attempts)` },
				'api',
			);
		}
		const delay = Math.max(
			backoffDelay(attempt, DEFAULT_POLL_SETTINGS, run.clock.random),
			retryAfterMs ?? 0,
		);
		await run.clock.sleep(delay, run.signal);
	}
}
