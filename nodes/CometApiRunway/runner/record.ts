import type { NormalisedTask, TaskRoute } from '../helpers/interfaces';
import type { MediaKind } from '../helpers/media';

/** What the runner knows of one item's task; the output boundary turns it into the item. */
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

/** The record of a task just named: nothing read of it yet. */
export function newRecord(
	taskId: string,
	route: TaskRoute,
	outputKind: MediaKind | null,
): TaskRecord {
	return {
		taskId,
		route,
		task: null,
		polls: 0,
		submittedAtMs: null,
		finishedAtMs: null,
		timedOut: false,
		outputKind,
	};
}
