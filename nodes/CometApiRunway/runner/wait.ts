import type { IBinaryData } from 'n8n-workflow';

import type { ApiProblem } from '../helpers/answers';
import { notFoundProblem } from '../helpers/answers';
import type { NormalisedTask, WaitSettings } from '../helpers/interfaces';
import { kindOfType } from '../helpers/media';
import type { TaskRecord } from './record';
import type { FetchStatus, PollSettings, PollTarget } from '../helpers/poller';
import { DEFAULT_POLL_SETTINGS, pollTask } from '../helpers/poller';
import { downloadOutput } from './download';
import { aboutTask, cancelled, TaskFailure } from './failure';
import type { Run } from './run';

/** The steps an item's task goes through once it exists: read, wait, settle. */

function pollSettingsFor(wait: WaitSettings): PollSettings {
	return {
		...DEFAULT_POLL_SETTINGS,
		intervalMs: wait.pollIntervalMs,
		firstDelayMs: Math.min(DEFAULT_POLL_SETTINGS.firstDelayMs, wait.pollIntervalMs),
		timeoutMs: wait.timeoutMs,
	};
}

/**
 * One status request, without waiting: the task as CometAPI has it now. `unknown` words the
 * error for a task CometAPI does not know.
 */
export async function lookOnce(
	run: Run,
	record: TaskRecord,
	fetchStatus: FetchStatus,
	unknown: (taskId: string) => ApiProblem = notFoundProblem,
): Promise<NormalisedTask> {
	const outcome = await fetchStatus(record.taskId);
	if (run.signal.aborted) throw cancelled();
	record.polls = 1;
	if (outcome.kind !== 'task') {
		throw new TaskFailure(aboutTask(record.taskId, outcome.problem), 'api');
	}
	record.task = { ...outcome.task, taskId: outcome.task.taskId ?? record.taskId };
	if (outcome.task.notVisible) throw new TaskFailure(unknown(record.taskId), 'api');
	return record.task;
}

/**
 * Polls until the task ends. Undefined when the wait ran out and a pending item is wanted.
 * `unknown` words the error for a task CometAPI does not know (after any grace).
 */
export async function waitForEnd(
	run: Run,
	wait: WaitSettings,
	record: TaskRecord,
	target: Omit<PollTarget, 'taskId'>,
	fetchStatus: FetchStatus,
	unknown: (problem: ApiProblem) => ApiProblem = (problem) => problem,
): Promise<NormalisedTask | undefined> {
	const result = await pollTask(
		{ taskId: record.taskId, ...target },
		fetchStatus,
		pollSettingsFor(wait),
		run.clock,
		run.signal,
	);
	record.polls = result.polls;
	record.task = result.task ?? record.task;
	if (result.kind === 'aborted') throw cancelled();
	if (result.kind === 'error') {
		const problem =
			result.problem.apiCode === 'task_not_exist' ? unknown(result.problem) : result.problem;
		throw new TaskFailure(aboutTask(record.taskId, problem), 'api');
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
		return undefined;
	}
	record.finishedAtMs = result.finishedAtMs;
	return result.task;
}

/**
 * An ended task: an error unless it succeeded, then every output file downloaded when asked,
 * one at a time (bounded by `deadlineMs`, each checked by its bytes and size).
 */
export async function settle(
	run: Run,
	wait: WaitSettings,
	record: TaskRecord,
	finished: NormalisedTask,
	deadlineMs: number,
): Promise<IBinaryData[] | undefined> {
	if (finished.status !== 'SUCCEEDED') {
		const code = finished.failureCode ? ` [${finished.failureCode}]` : '';
		throw new TaskFailure(
			{
				message: `Task ${record.taskId} ${finished.status === 'CANCELLED' ? 'was cancelled' : 'failed'}: ${finished.failure ?? 'no reason given'}${code}`,
				description: finished.failureCode?.startsWith('SAFETY')
					? 'The content was refused by moderation; change the prompt or image.'
					: 'The task ended without a result. Check the inputs, then run the item again.',
				apiCode: finished.failureCode ?? undefined,
			},
			'taskFailed',
		);
	}
	if (!wait.downloadOutput) return undefined;
	const urls = finished.results;
	if (urls.length === 0) {
		throw new TaskFailure(
			{
				message: `Task ${record.taskId} succeeded, but no output URL is known to download`,
				description: `Run Get Task for task ${record.taskId} to fetch its output URLs.`,
			},
			'download',
		);
	}
	// One file is of the operation's kind; several (gen4.5's ProRes, image sequences, audio) may
	// each be any known output file, always checked by their bytes.
	const kind = urls.length > 1 ? 'any' : (record.outputKind ?? 'any');
	const binaries: IBinaryData[] = [];
	for (const [index, url] of urls.entries()) {
		binaries.push(
			await downloadOutput(run, {
				taskId: record.taskId,
				url,
				kind,
				deadlineMs,
				stallMs: wait.requestTimeoutMs,
				maxBytes: wait.maxOutputBytes,
				file: { index, count: urls.length },
			}),
		);
	}
	// The bytes, not the URL, say what the output is.
	record.outputKind = kindOfType(binaries[0].mimeType);
	return binaries;
}
