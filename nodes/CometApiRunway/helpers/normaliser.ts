import { TERMINAL_STATUSES } from './constants';
import type { NormalisedTask } from './interfaces';
import { costOf } from './cost';
import { isErrorEnvelope, isSuccessCode, taskIdOf } from './envelope';
import { mapStatus } from './statuses';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmptyString = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value : undefined;

const scalarString = (value: unknown): string | undefined =>
	typeof value === 'number' ? String(value) : nonEmptyString(value);

const TASK_NOT_EXIST = 'task_not_exist';

function urlsOf(...candidates: unknown[]): string[] {
	const urls: string[] = [];
	for (const candidate of candidates) {
		const list = Array.isArray(candidate) ? candidate : [candidate];
		for (const entry of list) {
			const url =
				nonEmptyString(entry) ?? (isObject(entry) ? nonEmptyString(entry.url) : undefined);
			if (url && /^https?:\/\//i.test(url) && !urls.includes(url)) urls.push(url);
		}
	}
	return urls;
}

/** Runway reports 0–1 while running; CometAPI's envelope reports "42%". Output is 0–100. */
function progressOf(raw: unknown, scale: 'fraction' | 'percent'): number | null {
	let value: number;
	if (typeof raw === 'number') value = scale === 'fraction' && raw <= 1 ? raw * 100 : raw;
	else if (typeof raw === 'string' && raw.trim() !== '') value = parseFloat(raw.replace('%', ''));
	else return null;
	if (!Number.isFinite(value)) return null;
	return Math.round(Math.min(100, Math.max(0, value)) * 10) / 10;
}

function mentionsTaskNotExist(body: Json): boolean {
	const error = isObject(body.error) ? body.error : {};
	return [body.code, body.message, body.msg, body.status, error.code, error.message].some(
		(value) => typeof value === 'string' && value.includes(TASK_NOT_EXIST),
	);
}

function outputsOf(results: string[], extras: string[] = []) {
	return { results, outputs: [...results, ...extras.filter((url) => !results.includes(url))] };
}

/** An ISO time, or Unix seconds as a number or string (0 means "not yet"). */
function timeOf(value: unknown): number | null {
	if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) {
		const seconds = Number(value);
		return seconds > 0 ? seconds * 1000 : null;
	}
	const ms = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isFinite(ms) ? ms : null;
}

function blank(response: unknown): NormalisedTask {
	return {
		taskId: null,
		status: 'PENDING',
		rawStatus: null,
		progress: null,
		results: [],
		outputs: [],
		failure: null,
		failureCode: null,
		createdAtMs: null,
		finishedAtMs: null,
		notVisible: false,
		estimatedCredits: null,
		credits: null,
		response,
	};
}

function finish(task: NormalisedTask): NormalisedTask {
	if (task.status === 'SUCCEEDED') task.progress = 100;
	return task;
}

/** A plain Runway task object: `{id, status, output[], failure, failureCode, progress}`. */
function fromRunwayTask(task: Json, response: unknown): NormalisedTask | undefined {
	const rawStatus = nonEmptyString(task.status);
	const status = mapStatus(rawStatus);
	if (!rawStatus || !status) return undefined;
	return finish({
		...blank(response),
		taskId: scalarString(task.id) ?? scalarString(task.task_id) ?? null,
		status,
		rawStatus,
		progress: progressOf(task.progress, 'fraction'),
		...outputsOf(urlsOf(task.output, task.video_url, task.result_url)),
		failure: nonEmptyString(task.failure) ?? null,
		failureCode: nonEmptyString(task.failureCode) ?? null,
		createdAtMs: timeOf(task.createdAt),
	});
}

/** CometAPI's envelope: `{code: "success", data: {task_id, status, progress, fail_reason, result_url, data: {…Runway task…}}}`. */
function fromWrapped(data: Json, response: unknown): NormalisedTask {
	const inner = isObject(data.data) ? data.data : {};
	const rawStatus = nonEmptyString(data.status) ?? null;
	const innerStatus = mapStatus(nonEmptyString(inner.status));
	let status = mapStatus(rawStatus ?? undefined) ?? innerStatus ?? 'RUNNING';
	// The upstream task knows better than the relay when they disagree on a terminal state.
	if (innerStatus && TERMINAL_STATUSES.includes(innerStatus)) status = innerStatus;
	const failure = nonEmptyString(data.fail_reason) ?? nonEmptyString(inner.failure) ?? null;
	return finish({
		...blank(response),
		taskId: scalarString(data.task_id) ?? scalarString(inner.id) ?? null,
		status,
		rawStatus,
		progress: progressOf(data.progress, 'percent') ?? progressOf(inner.progress, 'fraction'),
		...outputsOf(urlsOf(data.result_url, inner.output, data.video_url, inner.video_url)),
		failure: status === 'FAILED' || status === 'CANCELLED' ? failure : null,
		failureCode: nonEmptyString(inner.failureCode) ?? null,
		createdAtMs: timeOf(data.submit_time) ?? timeOf(inner.createdAt),
		finishedAtMs: timeOf(data.finish_time),
	});
}

/** The legacy numeric shape (`status` "0"–"3") of the feed route and of callbacks. */
function fromLegacy(data: Json, response: unknown): NormalisedTask {
	const rawStatus = scalarString(data.status) ?? nonEmptyString(data.state) ?? null;
	const status =
		mapStatus(scalarString(data.status)) ?? mapStatus(nonEmptyString(data.state)) ?? 'PENDING';
	return finish({
		...blank(response),
		taskId: scalarString(data.task_id) ?? scalarString(data.id) ?? null,
		status,
		rawStatus,
		progress: progressOf(data.progress, 'percent'),
		// The poster and last frame are stills beside the video, never the result itself.
		...outputsOf(urlsOf(data.video_url, data.raw_video_url), urlsOf(data.poster, data.last_frame)),
		failure: status === 'FAILED' ? (nonEmptyString(data.msg) ?? 'The task failed.') : null,
		failureCode: null,
		createdAtMs: timeOf(data.create_time),
		// The legacy shape has no finish time; its last update is the end once the task has ended.
		finishedAtMs: status === 'SUCCEEDED' || status === 'FAILED' ? timeOf(data.update_time) : null,
	});
}

const isLegacyStatus = (value: unknown) =>
	(typeof value === 'string' || typeof value === 'number') && /^[0-3]$/.test(String(value));

/**
 * Turns any status answer of CometAPI's Runway routes into one structure. Every response shape is
 * parsed here and nowhere else.
 */
export function normaliseTaskResponse(body: unknown): NormalisedTask {
	const task = taskOf(body);
	return task.notVisible ? task : { ...task, ...costOf(body) };
}

function taskOf(body: unknown): NormalisedTask {
	if (!isObject(body)) {
		return { ...blank(body), status: 'RUNNING', rawStatus: null };
	}
	if (mentionsTaskNotExist(body)) {
		return { ...blank(body), rawStatus: TASK_NOT_EXIST, notVisible: true };
	}
	const data = isObject(body.data) ? body.data : undefined;
	if (data && (body.code === 'success' || ('task_id' in data && 'action' in data))) {
		return fromWrapped(data, body);
	}
	if (data && isLegacyStatus(data.status)) return fromLegacy(data, body);
	if (isLegacyStatus(body.status) && 'task_id' in body) return fromLegacy(body, body);
	const plain = fromRunwayTask(body, body);
	if (plain) return plain;
	if (data) {
		const nested = fromRunwayTask(data, body);
		if (nested) return nested;
		if (nonEmptyString(data.state)) return fromLegacy(data, body);
	}
	// Unknown but not an error: keep waiting, with the raw answer kept for debugging.
	return {
		...blank(body),
		status: 'RUNNING',
		taskId: scalarString(body.id) ?? scalarString(body.task_id) ?? null,
		rawStatus: nonEmptyString(body.status) ?? null,
	};
}

/** The task id of a create response, wherever a relay puts it (see `envelope.ts`). */
export function extractTaskId(body: unknown): string | undefined {
	return taskIdOf(body);
}

/** The API's own words from any error envelope: `error.message`, `msg`, `message`. */
export function extractApiMessage(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		if (text.startsWith('<')) return undefined;
		return nonEmptyString(text);
	}
	if (!isObject(body)) return undefined;
	const error = isObject(body.error) ? body.error : undefined;
	const candidates = [
		error?.message,
		typeof body.error === 'string' ? body.error : undefined,
		body.msg,
		body.message,
		isObject(body.data) ? body.data.msg : undefined,
	];
	for (const candidate of candidates) {
		const text = nonEmptyString(candidate);
		if (text && !['success', '成功'].includes(text)) return text;
	}
	return undefined;
}

/** The API's machine code from any error envelope: `error.code`, or a string `code`. */
export function extractApiCode(body: unknown): string | undefined {
	if (!isObject(body)) return undefined;
	const error = isObject(body.error) ? body.error : undefined;
	const code = nonEmptyString(error?.code) ?? nonEmptyString(body.code);
	return code === undefined || isSuccessCode(code) ? undefined : code;
}

/**
 * Whether a 2xx create answer means the API took the task: it names one. A business refusal
 * (`callback_url_empty`…) names none; an answer that names one is never taken for a refusal.
 */
export function isCreateAccepted(body: unknown): boolean {
	return taskIdOf(body) !== undefined;
}

export { isErrorEnvelope };
