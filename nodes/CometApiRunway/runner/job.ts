import type { IBinaryData } from 'n8n-workflow';

import { notFoundProblem } from '../helpers/answers';
import type { PreparedTask, WaitSettings } from '../helpers/interfaces';
import { kindOfType } from '../helpers/media';
import type { TaskRecord } from '../helpers/output';
import type { PollSettings } from '../helpers/poller';
import { DEFAULT_POLL_SETTINGS, pollTask } from '../helpers/poller';
import { downloadOutput } from './download';
import { aboutTask, cancelled, TaskFailure } from './failure';
import type { Run } from './run';
import { statusFetcher } from './status';
import { submitTask } from './submit';

/** One input item on its way through the node; `record` exists once its task does. */
export interface Job {
	itemIndex: number;
	prepared: PreparedTask;
	wait: WaitSettings;
	record: TaskRecord | null;
	/** When its create left, while no answer has come: the API may have taken it. */
	createSentAtMs?: number;
	binary?: IBinaryData;
	failure?: TaskFailure;
}

function pollSettingsFor(wait: WaitSettings): PollSettings {
	return {
		...DEFAULT_POLL_SETTINGS,
		intervalMs: wait.pollIntervalMs,
		firstDelayMs: Math.min(DEFAULT_POLL_SETTINGS.firstDelayMs, wait.pollIntervalMs),
		timeoutMs: wait.timeoutMs,
	};
}

function newRecord(taskId: string, route: TaskRecord['route']): TaskRecord {
	return {
		taskId,
		route,
		task: null,
		polls: 0,
		submittedAtMs: null,
		finishedAtMs: null,
		timedOut: false,
		outputKind: null,
	};
}

/** Submits the item's task, or takes the task it names. */
async function startJob(run: Run, job: Job): Promise<TaskRecord> {
	const { prepared } = job;
	if (prepared.kind === 'existing') return newRecord(prepared.taskId, prepared.route);
	const created = await submitTask(run, prepared.request, job.wait, {
		sent: (atMs) => (job.createSentAtMs = atMs),
		known: () => (job.createSentAtMs = undefined),
	});
	return {
		...newRecord(created.taskId, prepared.request.route),
		task: created.task,
		submittedAtMs: created.submittedAtMs,
		outputKind: prepared.request.output,
	};
}

/** One item's whole life: submit (or take the given task), wait, download. */
export async function runJob(run: Run, job: Job): Promise<void> {
	const { prepared, wait } = job;
	const startedAtMs = run.clock.now();
	const record = await startJob(run, job);
	job.record = record;
	// A create answered during the grace after a stop is kept, but not waited on.
	if (run.signal.aborted) throw cancelled();
	const runwayVersion =
		prepared.kind === 'create' ? prepared.request.runwayVersion : prepared.runwayVersion;
	const fetchStatus = statusFetcher(run, record.route, runwayVersion, wait.requestTimeoutMs);

	if (!wait.waitForCompletion) {
		if (prepared.kind === 'create') return;
		// A task from elsewhere without waiting: one look at its status.
		const outcome = await fetchStatus(record.taskId);
		if (run.signal.aborted) throw cancelled();
		record.polls = 1;
		if (outcome.kind !== 'task') {
			throw new TaskFailure(aboutTask(record.taskId, outcome.problem), 'api');
		}
		record.task = { ...outcome.task, taskId: outcome.task.taskId ?? record.taskId };
		if (outcome.task.notVisible) throw new TaskFailure(notFoundProblem(record.taskId), 'api');
		return;
	}

	const waitStartMs = record.submittedAtMs ?? startedAtMs;
	const result = await pollTask(
		{
			taskId: record.taskId,
			startedAtMs: waitStartMs,
			pollImmediately: prepared.kind === 'existing',
			notVisibleGraceMs: prepared.kind === 'existing' ? 0 : undefined,
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
					: 'The task ended without a result. Check the inputs, then run the item again.',
				apiCode: finished.failureCode ?? undefined,
			},
			'taskFailed',
		);
	}
	if (wait.downloadOutput) {
		job.binary = await downloadOutput(run, {
			taskId: record.taskId,
			url: finished.results[0],
			kind: record.outputKind ?? 'any',
			deadlineMs: waitStartMs + wait.timeoutMs,
			stallMs: wait.requestTimeoutMs,
		});
		// The bytes, not the URL, say what the output is.
		record.outputKind = kindOfType(job.binary.mimeType);
	}
}
