import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { ApiProblem, StatusOutcome } from '../helpers/answers';
import { classifyCreateAnswer, classifyStatusAnswer } from '../helpers/answers';
import type { CreateRequest, NormalisedTask, TaskRoute, WaitSettings } from '../helpers/interfaces';
import type { Limiter } from '../helpers/limiter';
import type { FetchStatus, PollerClock, PollSettings } from '../helpers/poller';
import { backoffDelay, DEFAULT_POLL_SETTINGS, pollTask } from '../helpers/poller';
import type { TaskRecord } from '../helpers/output';
import type { PreparedTask } from './operation';
import { cometApiRequest, toTransportFailure, TransportFailure } from '../transport';
import { downloadStream } from '../transport/download';

/** Everything one execution's tasks share. */
export interface Run {
	ctx: IExecuteFunctions;
	limit: Limiter;
	signal: AbortSignal;
	clock: PollerClock;
}

/** Why one item ended without a result, with the task it concerns when there is one. */
export class TaskFailure extends Error {
	constructor(
		readonly problem: ApiProblem,
		readonly reason: 'api' | 'taskFailed' | 'timedOut' | 'cancelled' | 'download',
	) {
		super(problem.message);
		this.name = 'TaskFailure';
	}
}

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

function pollSettingsFor(wait: WaitSettings): PollSettings {
	return {
		...DEFAULT_POLL_SETTINGS,
		intervalMs: wait.pollIntervalMs,
		firstDelayMs: Math.min(DEFAULT_POLL_SETTINGS.firstDelayMs, wait.pollIntervalMs),
		timeoutMs: wait.timeoutMs,
	};
}

// Error codes stay out of messages: n8n swaps a message that names one for a generic text.
function transportProblem(failure: TransportFailure, what: string): ApiProblem {
	const detail = `(Network error ${failure.code}: ${failure.message})`;
	if (failure.neverReachedServer) {
		return {
			message: `${what} could not connect to CometAPI`,
			description: `Check the Base URL in the CometAPI credential and that it is reachable. ${detail}`,
		};
	}
	const timedOut = failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT';
	return {
		message: timedOut ? `${what} timed out` : `${what} failed: the connection to CometAPI broke`,
		description: detail,
	};
}

const MAX_CREATE_ATTEMPTS = 4;

/**
 * Sends one create request. It is sent again only when the API certainly did not take it
 * (connection refused, or 429/503 answered); after any doubt it is never repeated.
 */
async function submitTask(
	run: Run,
	request: CreateRequest,
	wait: WaitSettings,
): Promise<{ taskId: string; task: NormalisedTask; submittedAtMs: number }> {
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
		if (attempt >= MAX_CREATE_ATTEMPTS) {
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

function cancelled(): TaskFailure {
	return new TaskFailure(
		{
			message: 'The execution was stopped',
			description: 'Waiting ended because the execution was stopped.',
		},
		'cancelled',
	);
}

/** One status request for a task, on the route it was created on; never throws for HTTP trouble. */
function statusFetcher(
	run: Run,
	route: TaskRoute,
	runwayVersion: string,
	requestTimeoutMs: number,
): FetchStatus {
	return async (taskId: string): Promise<StatusOutcome> => {
		const answer = await run.limit(async () =>
			cometApiRequest.call(
				run.ctx,
				route === 'official'
					? {
							method: 'GET',
							path: `/runwayml/v1/tasks/${encodeURIComponent(taskId)}`,
							runwayVersion,
							timeoutMs: requestTimeoutMs,
							signal: run.signal,
						}
					: {
							method: 'POST',
							path: '/runway/feed',
							body: { task_id: taskId },
							runwayVersion,
							timeoutMs: requestTimeoutMs,
							signal: run.signal,
						},
			),
		);
		if (answer instanceof TransportFailure) {
			return { kind: 'transient', problem: transportProblem(answer, 'The status request') };
		}
		return classifyStatusAnswer(answer, run.clock.now());
	};
}

const VIDEO_EXTENSIONS: Record<string, string> = {
	'video/mp4': 'mp4',
	'video/webm': 'webm',
	'video/quicktime': 'mov',
};

const MAX_DOWNLOAD_ATTEMPTS = 3;

function expiredProblem(taskId: string, statusCode: number): ApiProblem {
	return {
		message: `The video of task ${taskId} could not be downloaded: its URL answered HTTP ${statusCode} (expired or missing)`,
		description: `Output URLs expire within 24–48 hours. Run Get Task for task ${taskId} again to get fresh URLs, then download.`,
		httpCode: statusCode,
	};
}

/** One download attempt: the stored binary, the HTTP status that refused it, or the broken transfer. */
async function downloadOnce(
	run: Run,
	taskId: string,
	url: string,
	wait: WaitSettings,
): Promise<IBinaryData | number | TransportFailure> {
	const answer = await downloadStream.call(run.ctx, url, wait.requestTimeoutMs, run.signal);
	if (answer instanceof TransportFailure) return answer;
	if (answer.statusCode < 200 || answer.statusCode >= 300) {
		(answer.body as { destroy?: () => void }).destroy?.();
		return answer.statusCode;
	}
	const contentType = String(answer.headers['content-type'] ?? 'video/mp4')
		.split(';')[0]
		.trim();
	const mimeType = contentType.startsWith('video/') ? contentType : 'video/mp4';
	const fileName = `${taskId}.${VIDEO_EXTENSIONS[mimeType] ?? 'mp4'}`;
	// A stream the server cuts off rejects here; that counts as a broken transfer.
	return await run.ctx.helpers
		.prepareBinaryData(answer.body as Buffer, fileName, mimeType)
		.then(undefined, (error: unknown) => toTransportFailure(error));
}

/** Streams a finished video into n8n's binary data store, never holding it whole in memory. */
async function downloadVideo(
	run: Run,
	taskId: string,
	url: string,
	wait: WaitSettings,
): Promise<IBinaryData> {
	for (let attempt = 1; ; attempt++) {
		if (run.signal.aborted) throw cancelled();
		const result = await run.limit(async () => downloadOnce(run, taskId, url, wait));
		if (run.signal.aborted) throw cancelled();
		if (typeof result === 'object' && !(result instanceof TransportFailure)) return result;
		let problem: ApiProblem;
		if (typeof result === 'number') {
			if ([401, 403, 404, 410].includes(result))
				throw new TaskFailure(expiredProblem(taskId, result), 'download');
			problem = {
				message: `The video of task ${taskId} could not be downloaded: HTTP ${result}`,
				description: `Run Get Task for task ${taskId} later to download it.`,
				httpCode: result,
			};
			if (result < 500 && result !== 429) throw new TaskFailure(problem, 'download');
		} else {
			problem = {
				message: `The video of task ${taskId} could not be downloaded: the transfer broke`,
				description: `Run Get Task for task ${taskId} later to download it. (Network error ${result.code}: ${result.message})`,
			};
		}
		if (attempt >= MAX_DOWNLOAD_ATTEMPTS) throw new TaskFailure(problem, 'download');
		await run.clock.sleep(
			backoffDelay(attempt, DEFAULT_POLL_SETTINGS, run.clock.random),
			run.signal,
		);
	}
}

/** One input item on its way through the node; `record` exists once its task does. */
export interface Job {
	itemIndex: number;
	prepared: PreparedTask;
	wait: WaitSettings;
	record: TaskRecord | null;
	binary?: IBinaryData;
	failure?: TaskFailure;
}

const aboutTask = (taskId: string, problem: ApiProblem): ApiProblem => ({
	...problem,
	message: `Task ${taskId}: ${problem.message}`,
});

/** One item's whole life: submit (or take the given task), wait, download. */
export async function runJob(run: Run, job: Job): Promise<void> {
	const { prepared, wait } = job;
	if (prepared.kind === 'create') {
		const created = await submitTask(run, prepared.request, wait);
		job.record = {
			taskId: created.taskId,
			route: prepared.request.route,
			task: created.task,
			polls: 0,
			submittedAtMs: created.submittedAtMs,
			finishedAtMs: null,
			timedOut: false,
		};
	} else {
		job.record = {
			taskId: prepared.taskId,
			route: prepared.route,
			task: null,
			polls: 0,
			submittedAtMs: null,
			finishedAtMs: null,
			timedOut: false,
		};
	}
	const record = job.record;
	const runwayVersion =
		prepared.kind === 'create' ? prepared.request.runwayVersion : prepared.runwayVersion;
	const fetchStatus = statusFetcher(run, record.route, runwayVersion, wait.requestTimeoutMs);

	if (!wait.waitForCompletion) {
		if (prepared.kind === 'create') return;
		// A task from elsewhere without waiting: one look at its status.
		const outcome = await fetchStatus(record.taskId);
		record.polls = 1;
		if (outcome.kind === 'task') {
			record.task = { ...outcome.task, taskId: outcome.task.taskId ?? record.taskId };
			return;
		}
		throw new TaskFailure(aboutTask(record.taskId, outcome.problem), 'api');
	}

	const result = await pollTask(
		{
			taskId: record.taskId,
			startedAtMs: record.submittedAtMs ?? run.clock.now(),
			pollImmediately: prepared.kind === 'existing',
			initial: record.task ?? undefined,
		},
		fetchStatus,
		pollSettingsFor(wait),
		run.clock,
		run.signal,
	);
	record.polls = result.polls;
	record.task = result.task ?? record.task;
	if (result.kind === 'aborted') throw cancelled();
	if (result.kind === 'error') {
		throw new TaskFailure(aboutTask(record.taskId, result.problem), 'api');
	}
	if (result.kind === 'timedOut') {
		record.timedOut = true;
		if (wait.onTimeout === 'error') {
			throw new TaskFailure(
				{
					message: `Task ${record.taskId} did not finish within ${wait.timeoutMs / 1000} s (last status ${record.task?.status ?? 'unknown'})`,
					description: `The task goes on at CometAPI. Run Get Task with task ID ${record.taskId} later to pick it up.`,
				},
				'timedOut',
			);
		}
		return;
	}
	record.finishedAtMs = result.finishedAtMs;
	const finished = result.task;
	if (finished.status !== 'SUCCEEDED') {
		const code = finished.failureCode ? ` [${finished.failureCode}]` : '';
		throw new TaskFailure(
			{
				message: `Task ${record.taskId} ${finished.status === 'CANCELLED' ? 'was cancelled' : 'failed'}: ${finished.failure ?? 'no reason given'}${code}`,
				description: finished.failureCode?.startsWith('SAFETY')
					? 'The content was refused by moderation; change the prompt or image.'
					: 'The task ended without a video. Check the inputs, then run the item again.',
				apiCode: finished.failureCode ?? undefined,
			},
			'taskFailed',
		);
	}
	if (wait.downloadVideo) {
		job.binary = await downloadVideo(run, record.taskId, finished.outputs[0], wait);
	}
}
