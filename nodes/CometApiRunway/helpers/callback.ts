import type { ApiProblem } from './answers';
import { jsonBoundsProblem } from './boundedJson';
import type { NormalisedTask } from './interfaces';
import { normaliseTaskResponse } from './normaliser';
import { mapStatus } from './statuses';
import { isUsableTaskId, TASK_ID_RULE_WORDS } from './taskId';
import { describe, InputError } from './validation';

/**
 * What CometAPI POSTs to a callback URL (cometapi-runway-api.md §7), and how far it is trusted.
 * The body is parsed by the normaliser like any answer; this file only decides whether what it
 * found is a callback, and whether CometAPI's own answer contradicts it.
 */

const FIELD = 'Callback Body Field';

const HINT =
	'From Callback takes the JSON body that CometAPI POSTs to a callback_url: task_id and status ("3" succeeded, "2" failed), with video_url when it succeeded. Point Callback Body Field at it; a Webhook node puts it in body.';

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at a dot path of an item's JSON (`body`, `data.callback`); empty is the whole item. */
export function valueAtPath(json: unknown, path: string | undefined, itemIndex: number): unknown {
	if (!path) return json;
	let value = json;
	const walked: string[] = [];
	for (const key of path.split('.')) {
		if (!isObject(value) || !(key in value)) {
			const at = walked.length ? `"${walked.join('.')}"` : `item ${itemIndex}`;
			const keys = isObject(value) ? Object.keys(value) : [];
			throw new InputError(
				FIELD,
				`${FIELD} "${path}" is not on item ${itemIndex}: ${at} has ${keys.length ? `only ${keys.join(', ')}` : 'no fields'}`,
				HINT,
			);
		}
		walked.push(key);
		value = value[key];
	}
	return value;
}

/** What a body that is not a JSON object is, in a few words. */
function kindOf(body: unknown): string {
	if (Array.isArray(body)) return 'a list';
	if (typeof body === 'string') return `text (${describe(body)})`;
	return describe(body);
}

/**
 * A callback body, normalised; anything else is refused before any request, with what it lacks.
 * `where` names the body in messages, e.g. `The callback body (item field "body")`.
 */
export function readCallbackBody(
	body: unknown,
	where: string,
): NormalisedTask & { taskId: string } {
	const refuse = (why: string) => {
		throw new InputError(FIELD, `${where} is not a CometAPI callback: ${why}`, HINT);
	};
	if (!isObject(body)) return refuse(`it is ${kindOf(body)}, not a JSON object`);
	const beyondLimits = jsonBoundsProblem(body);
	if (beyondLimits) return refuse(beyondLimits);
	const task = normaliseTaskResponse(body);
	if (task.notVisible) return refuse("it is CometAPI's task_not_exist error answer");
	const missing: string[] = [];
	if (task.taskId === null) missing.push('no task_id');
	if (task.rawStatus === null) missing.push('no status ("0"–"3" or a status word)');
	else if (mapStatus(task.rawStatus) === undefined) {
		missing.push(`a status CometAPI never sends (${describe(task.rawStatus)})`);
	}
	if (missing.length) return refuse(`it has ${missing.join(' and ')}`);
	if (!isUsableTaskId(task.taskId)) {
		return refuse(`its task_id ${describe(task.taskId)} is malformed (${TASK_ID_RULE_WORDS})`);
	}
	return { ...task, taskId: task.taskId! };
}

const UNTRUSTED =
	'A callback carries no signature: anyone who knows the webhook URL can post one. Nothing was downloaded. Keep the webhook URL private; Get Task (feed route) with this task ID shows what CometAPI knows.';

/** The callback names a task CometAPI does not know. */
export function unknownTaskProblem(taskId: string): ApiProblem {
	return {
		message: `The callback for task ${taskId} was not trusted: CometAPI does not know this task (task_not_exist)`,
		description: `${UNTRUSTED} A task created with another API key is unknown to this credential too.`,
		apiCode: 'task_not_exist',
	};
}

/** The same file: scheme, host and path agree (a signed URL's query may differ). */
function sameFile(a: string, b: string): boolean {
	try {
		const [x, y] = [new URL(a), new URL(b)];
		return x.origin === y.origin && x.pathname === y.pathname;
	} catch {
		return a === b;
	}
}

/**
 * Why CometAPI's own answer for the task contradicts the callback, or undefined when it does not.
 * A callback that claims less than CometAPI knows (not ended yet, or failed when it succeeded) is
 * not refused: CometAPI's answer is what the item reports.
 */
export function contradiction(
	claim: NormalisedTask & { taskId: string },
	truth: NormalisedTask,
): ApiProblem | undefined {
	const untrusted = (why: string): ApiProblem => ({
		message: `The callback for task ${claim.taskId} was not trusted: ${why}`,
		description: UNTRUSTED,
	});
	if (truth.taskId !== null && truth.taskId !== claim.taskId) {
		return untrusted(`CometAPI answered for another task (${truth.taskId})`);
	}
	if (claim.status === 'SUCCEEDED' && (truth.status === 'FAILED' || truth.status === 'CANCELLED')) {
		const reason = truth.failure ? ` (${truth.failure})` : '';
		return untrusted(`it says the task succeeded, but CometAPI says ${truth.status}${reason}`);
	}
	const claimed = claim.results[0];
	if (
		claimed !== undefined &&
		truth.status === 'SUCCEEDED' &&
		truth.results.length > 0 &&
		!truth.outputs.some((url) => sameFile(url, claimed))
	) {
		return untrusted(`its video URL ${claimed} is not one CometAPI gives for this task`);
	}
	return undefined;
}
