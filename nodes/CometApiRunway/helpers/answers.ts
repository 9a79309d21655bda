import { MAX_ANSWER_BYTES } from './constants';
import type { HttpAnswer, NormalisedTask } from './interfaces';
import { mayResendCreate } from './createRetry';
import { isErrorEnvelope, otherTaskNamed, taskIdInText } from './envelope';
import {
	extractApiCode,
	extractApiMessage,
	extractTaskId,
	normaliseTaskResponse,
} from './normaliser';
import { retryAfterMs } from './retryAfter';

/** Why a request did not give a usable answer, in words a user can act on. */
export interface ApiProblem {
	message: string;
	description: string;
	httpCode?: number;
	apiCode?: string;
}

export type StatusOutcome =
	| { kind: 'task'; task: NormalisedTask }
	| { kind: 'transient'; problem: ApiProblem; retryAfterMs?: number }
	| { kind: 'permanent'; problem: ApiProblem };

type CreateOutcome =
	| { kind: 'created'; taskId: string; task: NormalisedTask }
	/** Certainly not taken (see `mayResendCreate`): safe to send again. */
	| { kind: 'retryable'; problem: ApiProblem; retryAfterMs?: number }
	| { kind: 'ambiguous'; problem: ApiProblem } // the API may have taken it: never sent again
	| { kind: 'refused'; problem: ApiProblem };

const TRANSIENT_HTTP = [408, 429, 500, 502, 503, 504, 524];

/** CometAPI does not know the task: after the grace of a fresh one, or at once for a given ID. */
export function notFoundProblem(taskId: string, waitedSeconds?: number): ApiProblem {
	const waited = waitedSeconds ? ` ${waitedSeconds} s after the wait began` : '';
	return {
		message: `Task ${taskId} was not found at CometAPI`,
		description: `CometAPI answers task_not_exist${waited}. Check the task ID, the Task Route (official or feed) and that the task was created with this API key. A task created seconds ago may not be visible yet: try again in a few seconds.`,
		httpCode: 404,
		apiCode: 'task_not_exist',
	};
}

function oversized(answer: HttpAnswer): ApiProblem {
	return {
		message: answer.unreadable
			? `The answer could not be read: ${answer.unreadable}, which no answer of CometAPI is`
			: `The answer was larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB, which no answer of CometAPI is; it was not read`,
		description:
			'The Base URL in the CometAPI credential probably points somewhere else. Use https://api.cometapi.com (without /v1).',
		httpCode: answer.statusCode,
	};
}

const looksLikeHtml = (body: unknown) => typeof body === 'string' && /^\s*</.test(body);

function wrongBaseUrl(answer: HttpAnswer): ApiProblem {
	return {
		message: `CometAPI answered with ${answer.statusCode >= 300 && answer.statusCode < 400 ? `a redirect (HTTP ${answer.statusCode})` : 'an HTML page'} instead of JSON`,
		description:
			'The Base URL in the CometAPI credential is probably wrong. Use https://api.cometapi.com (without /v1).',
		httpCode: answer.statusCode,
	};
}

function problemOf(answer: HttpAnswer, fallback: string, advice: string): ApiProblem {
	const apiMessage = extractApiMessage(answer.body);
	return {
		message: apiMessage ? `${fallback}: ${apiMessage}` : fallback,
		description: advice,
		httpCode: answer.statusCode,
		apiCode: extractApiCode(answer.body),
	};
}

const isInvalidRequest = (answer: HttpAnswer) => extractApiCode(answer.body) === 'invalid_request';

/**
 * A redirect, or an HTML page where no gateway error explains it, means the base URL points
 * somewhere other than the API. A gateway's HTML error page (502 from nginx…) is just an outage.
 */
const isWrongBaseUrl = ({ statusCode, body }: HttpAnswer) =>
	(statusCode >= 300 && statusCode < 400) ||
	(looksLikeHtml(body) && !TRANSIENT_HTTP.includes(statusCode));

const ADVICE_BY_STATUS: Record<number, string> = {
	400: 'The API refused the request as invalid. Check the fields named in the message.',
	401: 'The API key was refused. Check the API key in the CometAPI credential.',
	403: 'The API key is not allowed to do this (for example, no access to this model).',
	404: 'The API does not know this route or task. Check the task ID and the credential Base URL.',
	413: 'The request is too large. Use a smaller image.',
	429: 'CometAPI is rate limiting. Lower "Max Concurrent Requests" or try again later.',
};

function adviceFor(statusCode: number, answer?: HttpAnswer): string {
	// A 500 carrying invalid_request is a bad request in disguise: retrying will not help.
	if (answer && isInvalidRequest(answer)) return ADVICE_BY_STATUS[400];
	return (
		ADVICE_BY_STATUS[statusCode] ??
		(statusCode >= 500
			? 'CometAPI or the upstream provider had a problem. Try again later.'
			: 'See the API message for details.')
	);
}

const isTransientStatus = (answer: HttpAnswer) =>
	TRANSIENT_HTTP.includes(answer.statusCode) && !isInvalidRequest(answer);

/** Decides what a status request's answer about `askedTaskId` means for the wait. */
export function classifyStatusAnswer(
	answer: HttpAnswer,
	nowMs: number,
	askedTaskId: string | undefined,
): StatusOutcome {
	const { statusCode, body } = answer;
	if (answer.oversizedBytes !== undefined || answer.unreadable) {
		return { kind: 'permanent', problem: oversized(answer) };
	}
	if (isWrongBaseUrl(answer)) return { kind: 'permanent', problem: wrongBaseUrl(answer) };
	const task = normaliseTaskResponse(body);
	if (task.notVisible || statusCode === 404) {
		return { kind: 'task', task: { ...task, notVisible: true } };
	}
	if (statusCode < 200 || statusCode >= 300) {
		const problem = problemOf(
			answer,
			`Status request failed with HTTP ${statusCode}`,
			adviceFor(statusCode, answer),
		);
		return isTransientStatus(answer)
			? { kind: 'transient', problem, retryAfterMs: retryAfterMs(answer, nowMs) }
			: { kind: 'permanent', problem };
	}
	if (typeof body !== 'object' || body === null) {
		return {
			kind: 'transient',
			problem: {
				message: 'CometAPI answered the status request with malformed JSON',
				description: 'The answer could not be read; the request is repeated.',
				httpCode: statusCode,
			},
		};
	}
	if (isErrorEnvelope(body)) {
		return {
			kind: 'permanent',
			problem: problemOf(
				answer,
				'CometAPI reported an error for the status request',
				adviceFor(400),
			),
		};
	}
	const other = otherTaskNamed(body, askedTaskId);
	if (other !== undefined) {
		return {
			kind: 'permanent',
			problem: {
				message: `CometAPI answered about task ${other}, not ${askedTaskId}`,
				description: `The answer is not used as task ${askedTaskId}'s state. A relay between the node and CometAPI may be mixing up tasks: run Get Task for ${askedTaskId} again, and check the credential's Base URL.`,
				httpCode: statusCode,
			},
		};
	}
	return { kind: 'task', task };
}

const MAY_EXIST =
	'The task may have been created and charged, so it was not sent again. Check your CometAPI task log before running this item again.';

/** A problem after which the task may exist, whatever answered. */
const maybeTaken = (problem: ApiProblem): CreateOutcome => ({
	kind: 'ambiguous',
	problem: { ...problem, description: `${problem.description} If it was CometAPI: ${MAY_EXIST}` },
});

/** An answer that could not be read, shown whole when short, never cut (cuts defeat redaction). */
function shown(body: unknown): string {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	if (!text) return 'The answer was empty.';
	return text.length <= 500
		? `The answer was: ${text}`
		: `The answer (${text.length} characters) is not shown.`;
}

/** A 2xx create answer: a task when it names one, a refusal only when it says why and names none. */
function classifyAccepted(answer: HttpAnswer): CreateOutcome {
	const { body } = answer;
	const taskId = extractTaskId(body) ?? (typeof body === 'string' ? taskIdInText(body) : undefined);
	if (taskId !== undefined) {
		const task = normaliseTaskResponse(body);
		// A bare `{id}` says nothing of the status: a task just taken is pending.
		return {
			kind: 'created',
			taskId,
			task: { ...task, taskId, status: task.rawStatus ? task.status : 'PENDING' },
		};
	}
	if (looksLikeHtml(body)) return maybeTaken(wrongBaseUrl(answer));
	if (isErrorEnvelope(body) && extractApiMessage(body)) {
		return {
			kind: 'refused',
			problem: problemOf(answer, 'CometAPI refused the task', adviceFor(400)),
		};
	}
	return {
		kind: 'ambiguous',
		problem: {
			message: 'CometAPI accepted the request but its answer carried no task ID',
			description: `${MAY_EXIST} ${shown(body)}`,
			httpCode: answer.statusCode,
		},
	};
}

/** Decides what a create request's answer means; whether to send it again is `mayResendCreate`'s. */
export function classifyCreateAnswer(answer: HttpAnswer, nowMs: number): CreateOutcome {
	const { statusCode, body } = answer;
	if (answer.oversizedBytes !== undefined || answer.unreadable)
		return maybeTaken(oversized(answer));
	if (statusCode >= 200 && statusCode < 300) return classifyAccepted(answer);
	if (isWrongBaseUrl(answer)) return { kind: 'refused', problem: wrongBaseUrl(answer) };
	const refusal = () =>
		problemOf(
			answer,
			`CometAPI refused the task with HTTP ${statusCode}`,
			adviceFor(statusCode, answer),
		);
	if (mayResendCreate({ kind: 'answered', statusCode, body })) {
		return { kind: 'retryable', problem: refusal(), retryAfterMs: retryAfterMs(answer, nowMs) };
	}
	if (statusCode >= 500 && !isInvalidRequest(answer)) {
		return {
			kind: 'ambiguous',
			problem: problemOf(
				answer,
				`CometAPI answered the create request with HTTP ${statusCode}`,
				MAY_EXIST,
			),
		};
	}
	return { kind: 'refused', problem: refusal() };
}
