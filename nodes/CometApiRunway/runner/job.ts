import type { IBinaryData } from 'n8n-workflow';

import type { PreparedTask, WaitSettings } from '../helpers/interfaces';
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
	};
}

/** One item's whole life: submit (or take the given task), wait, download. */
export async function runJob(run: Run, job: Job): Promise<void> {
	const { prepared, wait } = job;
	if (prepared.kind === 'create') {
		const created = await submitTask(run, prepared.request, wait);
		job.record = {
			...newRecord(created.taskId, prepared.request.route),
			task: created.task,
			submittedAtMs: created.submittedAtMs,
		};
	} else {
		job.record = newRecord(prepared.taskId, prepared.route);
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
		job.binary = await downloadOutput(run, record.taskId, finished.outputs[0], wait);
	}
}
