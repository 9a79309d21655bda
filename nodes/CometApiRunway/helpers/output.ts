import type { IDataObject } from 'n8n-workflow';

import { MAX_RESPONSE_CHARS } from './constants';
import type { NormalisedTask, TaskItem, TaskRoute } from './interfaces';
import { kindFromUrl, type MediaKind } from './media';
import type { Redactor } from './redact';

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
	/** From Callback only: whether CometAPI confirmed what the item reports. */
	verified?: boolean;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The last raw answer, secrets removed, cut to a size an item can carry. */
function rawBody(response: unknown, redactor: Redactor): TaskItem['response'] {
	if (response === undefined || response === null) return null;
	const clean = redactor.json(response);
	const text = typeof clean === 'string' ? clean : JSON.stringify(clean);
	if (text.length <= MAX_RESPONSE_CHARS) return clean as IDataObject | string;
	const marker = ` … [cut: the answer had ${text.length} characters]`;
	return text.slice(0, MAX_RESPONSE_CHARS - marker.length) + marker;
}

/** The output item's JSON: one shape for every operation and every response shape. */
export function toTaskItem(record: TaskRecord, redactor: Redactor): TaskItem {
	const task = record.task;
	const outputs = task?.outputs ?? [];
	const outputUrl = task?.results[0] ?? null;
	const kind = record.outputKind ?? (outputUrl ? kindFromUrl(outputUrl) : null);
	return redactor.json({
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
		response: rawBody(task?.response, redactor),
		...(record.verified === undefined ? {} : { verified: record.verified }),
	});
}
