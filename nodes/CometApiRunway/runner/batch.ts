import type { IExecuteFunctions } from 'n8n-workflow';

import { createAbortFanOut } from '../helpers/abort';
import { WAIT } from '../helpers/constants';
import { createLimiter } from '../helpers/limiter';
import { hostClock } from './clock';
import { TaskFailure } from './failure';
import { type Job, runJob } from './job';

export interface BatchOutcome {
	/** The execution was stopped while the batch ran. */
	stopped: boolean;
	/** Without Continue On Fail, the job whose failure stopped the batch. */
	firstFailure?: Job;
}

/**
 * Runs every job side by side under one cap on requests in flight. Without Continue On Fail the
 * first failure stops the others; a stop of the execution stops them all.
 */
export async function runBatch(
	ctx: IExecuteFunctions,
	jobs: Job[],
	continueOnFail: boolean,
): Promise<BatchOutcome> {
	const executionSignal = ctx.getExecutionCancelSignal();
	const controller = new AbortController();
	const stop = () => controller.abort();
	if (executionSignal?.aborted) stop();
	executionSignal?.addEventListener('abort', stop);
	const limit = createLimiter(
		jobs[0]?.wait.maxConcurrentRequests ?? WAIT.maxConcurrentRequests.default,
	);
	const clock = hostClock();
	let firstFailure: Job | undefined;
	const signals = createAbortFanOut(controller.signal);
	try {
		await Promise.all(
			jobs.map(async (job) => {
				const { signal, release } = signals.child();
				try {
					await runJob({ ctx, limit, signal, clock }, job);
				} catch (error) {
					job.failure =
						error instanceof TaskFailure
							? error
							: new TaskFailure({ message: (error as Error).message, description: '' }, 'api');
					if (!continueOnFail && job.failure.reason !== 'cancelled' && !firstFailure) {
						firstFailure = job;
						stop();
					}
				} finally {
					release();
				}
			}),
		);
	} finally {
		signals.dispose();
		executionSignal?.removeEventListener('abort', stop);
	}
	return { stopped: executionSignal?.aborted === true, firstFailure };
}
