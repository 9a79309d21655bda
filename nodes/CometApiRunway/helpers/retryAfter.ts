import { POLL } from './constants';
import type { HttpAnswer } from './interfaces';

const header = (answer: HttpAnswer, name: string): string | undefined => {
	const value = answer.headers?.[name] ?? answer.headers?.[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
};

/** `Retry-After` in seconds or as an HTTP date, or `retry-after-ms`; never more than the cap. */
export function retryAfterMs(answer: HttpAnswer, nowMs: number): number | undefined {
	const asked = askedRetryAfterMs(answer, nowMs);
	return asked === undefined ? undefined : Math.min(asked, POLL.retryAfterCapMs);
}

function askedRetryAfterMs(answer: HttpAnswer, nowMs: number): number | undefined {
	const ms = Number(header(answer, 'retry-after-ms'));
	if (Number.isFinite(ms) && ms >= 0 && header(answer, 'retry-after-ms') !== undefined) return ms;
	const raw = header(answer, 'retry-after');
	if (raw === undefined || raw.trim() === '') return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(raw);
	return Number.isFinite(date) ? Math.max(0, date - nowMs) : undefined;
}
