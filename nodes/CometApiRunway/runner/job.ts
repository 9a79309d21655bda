import type { IBinaryData } from 'n8n-workflow';

import { contradiction, unknownTaskProblem } from '../helpers/callback';
import { TERMINAL_STATUSES } from '../helpers/constants';
import type {
	CallbackTask,
	CreateRequest,
	PreparedTask,
	WaitSettings,
} from '../helpers/interfaces';
import { newRecord, type TaskRecord } from './record';
import { isUsableTaskId, quoteTaskId, TASK_ID_RULE_WORDS } from '../helpers/taskId';
import { cancelled, TaskFailure } from './failure';
import type { Run } from './run';
import { statusFetcher } from './status';
import { submitTask } from './submit';
import { lookOnce, settle, waitForEnd } from './wait';

/** One input item on its way through the node; `record` exists once its task does. */
export interface Job {
	itemIndex: number;
	prepared: PreparedTask;
	wait: WaitSettings;
	record: TaskRecord | null;
	/** When its create left, while no answer has come: the API may have taken it. */
	createSentAtMs?: number;
	/** The task's output files, first the main one, when downloaded. */
	binaries?: IBinaryData[];
	failure?: TaskFailure;
}

/** A create answered with an ID no path or file name may hold: the task may exist all the same. */
function unusableTaskId(taskId: string, path: string): TaskFailure {
	return new TaskFailure(
		{
			message: `The create request (${path}) was answered with a task ID this node cannot use: ${quoteTaskId(taskId)}; the task may have been created and charged`,
			description: `The node puts a task ID in a request only when it passes its rule (${TASK_ID_RULE_WORDS}). The task may have been created and charged, but no status request was sent with this ID and nothing was downloaded. Check your CometAPI task log before running this item again.`,
		},
		'api',
	);
}

/** Submits the item's task, then waits on it and downloads its result when asked. */
async function runCreate(run: Run, job: Job, request: CreateRequest): Promise<void> {
	const { wait } = job;
	const created = await submitTask(run, request, wait, {
		sent: (atMs) => (job.createSentAtMs = atMs),
		known: () => (job.createSentAtMs = undefined),
	});
	if (!isUsableTaskId(created.taskId)) throw unusableTaskId(created.taskId, request.path);
	const record: TaskRecord = {
		...newRecord(created.taskId, request.route, request.output),
		task: created.task,
		submittedAtMs: created.submittedAtMs,
		estimatedCredits: created.task.estimatedCredits,
	};
	job.record = record;
	// n8n stores nothing until the node returns: its log is the journal if the process dies now.
	run.log(
		'info',
		`CometAPI Runway: task ${created.taskId} accepted (route ${request.route}, item ${job.itemIndex}, execution ${run.ctx.getExecutionId()})`,
	);
	// A create answered during the grace after a stop is kept, but not waited on.
	if (run.signal.aborted) throw cancelled();
	if (!wait.waitForCompletion) return;
	const fetchStatus = statusFetcher(
		run,
		record.route,
		request.runwayVersion,
		wait.requestTimeoutMs,
	);
	const target = { startedAtMs: created.submittedAtMs, initial: created.task };
	const finished = await waitForEnd(run, wait, record, target, fetchStatus);
	if (!finished) return;
	job.binaries = await settle(run, wait, record, finished, created.submittedAtMs + wait.timeoutMs);
}

/** Reads a task made elsewhere: once, or until it ends. */
async function runExisting(
	run: Run,
	job: Job,
	prepared: Extract<PreparedTask, { kind: 'existing' }>,
): Promise<void> {
	const { wait } = job;
	const startedAtMs = run.clock.now();
	const record = newRecord(prepared.taskId, prepared.route, null);
	job.record = record;
	if (run.signal.aborted) throw cancelled();
	const fetchStatus = statusFetcher(
		run,
		record.route,
		prepared.runwayVersion,
		wait.requestTimeoutMs,
	);
	if (!wait.waitForCompletion) {
		await lookOnce(run, record, fetchStatus);
		return;
	}
	const target = { startedAtMs, pollImmediately: true, notVisibleGraceMs: 0 };
	const finished = await waitForEnd(run, wait, record, target, fetchStatus);
	if (!finished) return;
	job.binaries = await settle(run, wait, record, finished, startedAtMs + wait.timeoutMs);
}

/**
 * A callback's task. Verified, the item is CometAPI's own answer for the task (on the feed
 * route; when waiting, until it reports the end), and the callback is refused when that answer
 * contradicts it. Unverified, the item is the callback as it came. A download takes the item's
 * URL: once verified, never the callback's.
 */
async function runCallback(run: Run, job: Job, prepared: CallbackTask): Promise<void> {
	const { wait } = job;
	const { claim } = prepared;
	const startedAtMs = run.clock.now();
	const deadlineMs = startedAtMs + wait.timeoutMs;
	// The feed routes make videos: no other bytes are stored.
	const record: TaskRecord = { ...newRecord(claim.taskId, 'feed', 'video'), verified: false };
	job.record = record;
	if (run.signal.aborted) throw cancelled();
	if (!prepared.verify) {
		record.task = claim;
		if (!wait.waitForCompletion || !TERMINAL_STATUSES.includes(claim.status)) return;
		job.binaries = await settle(run, wait, record, claim, deadlineMs);
		return;
	}
	const fetchStatus = statusFetcher(run, 'feed', prepared.runwayVersion, wait.requestTimeoutMs);
	const target = { startedAtMs, pollImmediately: true, notVisibleGraceMs: 0 };
	const truth = wait.waitForCompletion
		? await waitForEnd(run, wait, record, target, fetchStatus, () =>
				unknownTaskProblem(claim.taskId),
			)
		: await lookOnce(run, record, fetchStatus, unknownTaskProblem);
	const problem = truth && contradiction(claim, truth);
	if (problem) {
		// Nothing of a refused callback is reported as the task's state.
		record.task = null;
		throw new TaskFailure(problem, 'api');
	}
	record.verified = record.task !== null;
	if (!truth || !wait.waitForCompletion) return;
	job.binaries = await settle(run, wait, record, truth, deadlineMs);
}

/** One item's whole life, by what it asks for: a new task, a task made elsewhere, a callback. */
export async function runJob(run: Run, job: Job): Promise<void> {
	const { prepared } = job;
	switch (prepared.kind) {
		case 'create':
			return await runCreate(run, job, prepared.request);
		case 'existing':
			return await runExisting(run, job, prepared);
		case 'callback':
			return await runCallback(run, job, prepared);
	}
}
