import type { IExecuteFunctions } from 'n8n-workflow';

import { createAbortFanOut } from '../helpers/abort';
import { CREATE } from '../helpers/constants';
import { createLimiter } from '../helpers/limiter';
import { trimBaseUrl } from '../transport';
import { hostClock } from './clock';
import { TaskFailure } from './failure';
import { type Job, runJob } from './job';
import type { Run } from './run';

interface BatchSettings {
	continueOnFail: boolean;
	maxConcurrentRequests: number;
	maxConcurrentDownloads: number;
	baseUrl: string;
	/** Writes a line to n8n's log, through the output boundary's redactor. */
	log: Run['log'];
}

interface BatchOutcome {
	/** The execution was stopped while the batch ran. */
	stopped: boolean;
	/** Without Continue On Fail, the job whose failure stopped the batch. */
	firstFailure?: Job;
}

/** Aborts `controller` a grace period after `signal` aborts, or at once when it has already. */
function abortAfterGrace(signal: AbortSignal, controller: AbortController, graceMs: number) {
	const start = () => {
		const grace = AbortSignal.timeout(graceMs);
		grace.addEventListener('abort', () => controller.abort(), { once: true });
	};
	if (signal.aborted) start();
	else signal.addEventListener('abort', start, { once: true });
}

/**
 * Runs every job side by side under caps on requests and downloads in flight. Once the batch
 * decides to stop (the first failure without Continue On Fail, or a stop of the execution), no
 * new create leaves, waits and downloads end at once, and creates already sent get a short grace
 * to answer so that their task IDs are not lost.
 */
export async function runBatch(
	ctx: IExecuteFunctions,
	jobs: Job[],
	settings: BatchSettings,
): Promise<BatchOutcome> {
	const executionSignal = ctx.getExecutionCancelSignal();
	const stopController = new AbortController();
	const stop = () => stopController.abort();
	if (executionSignal?.aborted) stop();
	executionSignal?.addEventListener('abort', stop);
	const createController = new AbortController();
	abortAfterGrace(stopController.signal, createController, CREATE.stopGraceMs);

	const requests = createLimiter(settings.maxConcurrentRequests);
	const downloads = createLimiter(settings.maxConcurrentDownloads);
	const clock = hostClock();
	const baseUrl = trimBaseUrl(settings.baseUrl);
	let firstFailure: Job | undefined;
	/** Without Continue On Fail, the first real failure stops the batch. */
	const failed = (job: Job, failure: TaskFailure) => {
		if (settings.continueOnFail || failure.reason === 'cancelled' || firstFailure) return;
		firstFailure = job;
		stop();
	};
	const signals = createAbortFanOut(stopController.signal);
	try {
		await Promise.all(
			jobs.map(async (job) => {
				const { signal, release } = signals.child();
				const run = { ctx, clock, requests, downloads, signal, baseUrl, log: settings.log };
				try {
					await runJob(
						{
							...run,
							createSignal: createController.signal,
							failed: (failure) => failed(job, failure),
						},
						job,
					);
				} catch (error) {
					job.failure =
						error instanceof TaskFailure
							? error
							: new TaskFailure({ message: (error as Error).message, description: '' }, 'api');
					failed(job, job.failure);
				} finally {
					release();
				}
			}),
		);
	} finally {
		signals.dispose();
		executionSignal?.removeEventListener('abort', stop);
		// Ends the grace timer's hold on any create still listening.
		createController.abort();
	}
	return { stopped: executionSignal?.aborted === true, firstFailure };
}
