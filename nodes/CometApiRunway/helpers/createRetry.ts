import { isObject } from './envelope';

/**
 * The create-retry rule, and the only place it lives: a create is sent again only when it cannot
 * have been taken. That is a request never written (connection refused, DNS), a 429, or a 503 in
 * CometAPI's own error envelope naming a refusal made before any upstream call (no channel, no
 * key, no such model). Every other end after sending, a bare or upstream 503 included, may have
 * created a paid task and is never resent.
 */
export type CreateEnd =
	/** Failed before the request was written. */
	| { kind: 'notSent' }
	/** Failed after it was written, without an answer (reset, timeout). */
	| { kind: 'lost' }
	| { kind: 'answered'; statusCode: number; body: unknown };

/** CometAPI's gateway codes for a refusal made before it chose an upstream channel. */
export const PRE_DISPATCH_REFUSALS = [
	'get_channel_failed',
	'channel:no_available_key',
	'model_not_found',
];

/** A 503 that proves no task was made: CometAPI's `{error: {code}}` with a pre-dispatch refusal. */
export function provesNoTask(statusCode: number, body: unknown): boolean {
	if (statusCode !== 503 || !isObject(body) || !isObject(body.error)) return false;
	const code = body.error.code;
	return typeof code === 'string' && PRE_DISPATCH_REFUSALS.includes(code.trim());
}

export function mayResendCreate(end: CreateEnd): boolean {
	if (end.kind === 'notSent') return true;
	if (end.kind === 'lost') return false;
	return end.statusCode === 429 || provesNoTask(end.statusCode, end.body);
}
