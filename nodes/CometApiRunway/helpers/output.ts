import type { NormalisedTask, TaskItem, TaskRoute } from './interfaces';
import { kindFromUrl, type MediaKind } from './media';

export interface TaskRecord {
	taskId: string;
	route: TaskRoute;
	task: NormalisedTask | null;
	polls: number;
	submittedAtMs: number | null;
	finishedAtMs: number | null;
	timedOut: boolean;
	/** What the task makes, when known (from the operation, or from downloaded bytes). */
	outputKind: MediaKind | null;
	/** The create answer's estimate, kept when later answers omit it. */
	estimatedCredits?: number | null;
	/** From Callback only: whether CometAPI confirmed what the item reports. */
	verified?: boolean;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The output item's JSON: one shape for every operation and every response shape. Raw: the
 * output boundary (actions/output.ts) redacts it and cuts `response`.
 */
export function toTaskItem(record: TaskRecord): TaskItem {
	const task = record.task;
	const outputs = task?.outputs ?? [];
	const outputUrl = task?.results[0] ?? null;
	const kind = record.outputKind ?? (outputUrl ? kindFromUrl(outputUrl) : null);
	return {
		taskId: record.taskId,
		route: record.route,
		// A task CometAPI does not know has no status, rather than a made-up PENDING.
		status: task && !task.notVisible ? task.status : null,
		rawStatus: task?.rawStatus ?? null,
		progress: task?.progress ?? null,
		outputUrl,
		videoUrl: kind === 'video' ? outputUrl : null,
		outputs,
		failure: task?.failure ?? null,
		failureCode: task?.failureCode ?? null,
		timedOut: record.timedOut,
		// The node's own submission time; for a task made elsewhere, the API's times.
		submittedAt: iso(record.submittedAtMs ?? task?.createdAtMs ?? null),
		finishedAt: iso(task?.finishedAtMs ?? record.finishedAtMs),
		polls: record.polls,
		response: (task?.response ?? null) as TaskItem['response'],
		cost: {
			estimatedCredits: task?.estimatedCredits ?? record.estimatedCredits ?? null,
			credits: task?.credits ?? null,
		},
		...(record.verified === undefined ? {} : { verified: record.verified }),
	};
}
