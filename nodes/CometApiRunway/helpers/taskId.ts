/**
 * The task-ID rule: a task ID from any source (typed, a create answer, a callback body) passes it
 * before it enters a URL path or a file name, so that no ID can walk a path (`..`, `/`, `%2f`) or
 * carry a query, a fragment or control characters.
 */
const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** What the rule allows, as messages say it. */
export const TASK_ID_RULE_WORDS =
	'a task ID has only letters, digits, "-" and "_", starts with a letter or digit, and has at most 128 characters';

export function isUsableTaskId(value: unknown): value is string {
	return typeof value === 'string' && TASK_ID.test(value);
}

/** Any value as a message may show it: JSON-quoted (control characters escaped) and cut short. */
export function quoteTaskId(value: unknown): string {
	const text = typeof value === 'string' ? value : String(value);
	return text.length > 60 ? `${JSON.stringify(text.slice(0, 57))}…` : JSON.stringify(text);
}

/** The task ID itself, or an error when it breaks the rule (the last guard before a path). */
export function requireUsableTaskId(taskId: string): string {
	if (!isUsableTaskId(taskId)) {
		throw new Error(`The task ID ${quoteTaskId(taskId)} is not usable: ${TASK_ID_RULE_WORDS}`);
	}
	return taskId;
}

/** The task ID as one URL path segment. */
export const taskIdSegment = (taskId: string): string =>
	encodeURIComponent(requireUsableTaskId(taskId));

/** The name of a task's stored output file. */
export const taskFileName = (taskId: string, extension: string, index = 0): string =>
	`${requireUsableTaskId(taskId)}${index > 0 ? `_${index}` : ''}.${extension}`;
