import { readJsonText } from './boundedJson';

/**
 * What an answer body says before any shape is parsed: the JSON behind a BOM or before a second
 * document, where a relay puts the task ID, and whether the body is an error envelope. The create
 * and the status path read answers through these alone.
 */

type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmptyString = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value : undefined;

const scalarString = (value: unknown): string | undefined =>
	typeof value === 'number' ? String(value) : nonEmptyString(value);

/**
 * An answer's body from its text, read once by the bounded reader (helpers/boundedJson.ts): its
 * JSON, else the JSON document it starts with (past a BOM, before a second document or garbage),
 * else the text; beyond the reader's limits, nothing, and why.
 */
export function readBody(text: string): { body: unknown; unreadable?: string } {
	const read = readJsonText(text);
	if (read.kind === 'unreadable') return { body: '', unreadable: read.why };
	return { body: read.kind === 'json' ? read.value : (read.leading ?? read.text) };
}

/** Where CometAPI and relays of its kind put a create's task ID, most specific first. */
const ID_PLACES: Array<(body: Json, data: Json) => unknown> = [
	(body) => body.id,
	(_body, data) => data.task_id,
	(body) => body.task_id,
	(_body, data) => data.id,
	(body) => body.taskId,
	(_body, data) => data.taskId,
];

/** The task ID of a create answer, at any place a relay puts one (`data` itself as a string too). */
export function taskIdOf(body: unknown): string | undefined {
	if (!isObject(body)) return undefined;
	const data = isObject(body.data) ? body.data : {};
	for (const place of ID_PLACES) {
		const id = scalarString(place(body, data));
		if (id !== undefined) return id.trim();
	}
	const bare = nonEmptyString(body.data);
	return bare !== undefined && /^[\w.:-]{1,200}$/.test(bare.trim()) ? bare.trim() : undefined;
}

/** Every task ID a status answer names: the relay's own and the nested Runway task's. */
function taskIdsNamed(body: unknown): string[] {
	if (!isObject(body)) return [];
	const data = isObject(body.data) ? body.data : {};
	const inner = isObject(data.data) ? data.data : {};
	const named = [...ID_PLACES.map((place) => place(body, data)), inner.id, inner.task_id];
	return named
		.map(scalarString)
		.filter((id): id is string => id !== undefined)
		.map((id) => id.trim());
}

/** The task a status answer is about when it is not `askedTaskId`: never that task's state. */
export function otherTaskNamed(body: unknown, askedTaskId: string | undefined): string | undefined {
	const named = taskIdsNamed(body);
	if (askedTaskId === undefined || named.length === 0 || named.includes(askedTaskId.trim())) {
		return undefined;
	}
	return named[0];
}

/**
 * The task ID of an answer cut short, when it is plainly there: a whole quoted value under `id`
 * or `task_id`, and no error beside it.
 */
export function taskIdInText(text: string): string | undefined {
	if (/"error"\s*:\s*("[^"]|\{\s*")/.test(text)) return undefined;
	const match = /"(?:id|task_id|taskId)"\s*:\s*"([^"\\\s]{1,200})"/.exec(text);
	return match?.[1];
}

/** The `code` values that mean success in CometAPI's envelopes and its relays'. */
export function isSuccessCode(code: unknown): boolean {
	if (code === undefined || code === null || code === true || code === 0 || code === 200)
		return true;
	return (
		typeof code === 'string' &&
		['', '0', '200', 'success', 'ok'].includes(code.trim().toLowerCase())
	);
}

/**
 * Whether a body is an error envelope: an `error` that says something, a `code` that is not a
 * success code, or `success: false`. Empty `error` fields beside a task are not errors.
 */
export function isErrorEnvelope(body: unknown): boolean {
	if (!isObject(body)) return false;
	const error = body.error;
	if (nonEmptyString(error) !== undefined || error === true) return true;
	if (isObject(error) && [error.message, error.code, error.type].some((v) => nonEmptyString(v))) {
		return true;
	}
	return !isSuccessCode(body.code) || body.success === false;
}
