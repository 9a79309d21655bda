import type { IDataObject } from 'n8n-workflow';

import type { NormalisedTask, TaskItem, TaskRoute } from './interfaces';

export interface TaskRecord {
	taskId: string;
	route: TaskRoute;
	task: NormalisedTask | null;
	polls: number;
	submittedAtMs: number | null;
	finishedAtMs: number | null;
	timedOut: boolean;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function rawBody(response: unknown): TaskItem['response'] {
	if (response === undefined || response === null) return null;
	if (typeof response === 'string') return response;
	return response as IDataObject;
}

/** The output item's JSON: one shape for every operation and every response shape. */
export function toTaskItem(record: TaskRecord): TaskItem {
	const task = record.task;
	const outputs = task?.outputs ?? [];
	return {
		taskId: record.taskId,
		route: record.route,
		status: task?.status ?? 'PENDING',
		rawStatus: task?.rawStatus ?? null,
		progress: task?.progress ?? null,
		videoUrl: outputs[0] ?? null,
		outputs,
		failure: task?.failure ?? null,
		failureCode: task?.failureCode ?? null,
		timedOut: record.timedOut,
		submittedAt: iso(record.submittedAtMs),
		finishedAt: iso(record.finishedAtMs),
		polls: record.polls,
		response: rawBody(task?.response),
	};
}
