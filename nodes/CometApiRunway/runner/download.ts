import type { IBinaryData } from 'n8n-workflow';

import type { ApiProblem } from '../helpers/answers';
import type { HttpAnswer } from '../helpers/interfaces';
import { DOWNLOAD } from '../helpers/constants';
import { refusedOutputHost } from '../helpers/hosts';
import {
	declaredTypeFits,
	describeContent,
	type ExpectedMedia,
	EXTENSIONS,
	sniffMedia,
} from '../helpers/media';
import { backoffDelay, DEFAULT_POLL_SETTINGS } from '../helpers/poller';
import { taskFileName } from '../helpers/taskId';
import { type TransportFailure, transportFailure, untilAborted } from '../transport';
import { openDownload } from '../transport/cdn';
import { limitBody } from '../transport/downloadLimits';
import { watchStall } from '../transport/stall';
import { destroyOnAbort, isByteStream, peekHead } from '../transport/stream';
import { cancelled, TaskFailure } from './failure';
import type { Run } from './run';

interface DownloadTarget {
	taskId: string;
	url: string;
	/** What the operation makes; only bytes of that kind are stored. */
	kind: ExpectedMedia;
	/** The item's deadline: its submission plus Timeout. */
	deadlineMs: number;
	stallMs: number;
	/** Maximum Output Size, in bytes: each file's limit. */
	maxBytes: number;
	/** Which of the task's output files this is, when it made several. */
	file?: { index: number; count: number };
}

/** One download attempt's outcome. */
type Attempt =
	| { kind: 'stored'; binary: IBinaryData }
	| { kind: 'httpStatus'; statusCode: number }
	| { kind: 'broken'; failure: TransportFailure }
	| { kind: 'refused'; problem: ApiProblem };

const MAX_REDIRECTS = 5;
const HEAD_BYTES = 64;

const header = (headers: Record<string, unknown>, name: string) =>
	String(headers[name] ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();

const noun = (target: DownloadTarget) => {
	const what = target.kind === 'any' ? 'output' : target.kind;
	const { file } = target;
	return file && file.count > 1 ? `${what} file ${file.index + 1} of ${file.count}` : what;
};

const fresh = (target: DownloadTarget) =>
	`Run Get Task for task ${target.taskId} to get fresh URLs, then download again.`;

function refusal(target: DownloadTarget, why: string, description: string): Attempt {
	return {
		kind: 'refused',
		problem: {
			message: `The ${noun(target)} of task ${target.taskId} was not stored: ${why}`,
			description,
		},
	};
}

async function store(
	run: Run,
	target: DownloadTarget,
	answer: HttpAnswer,
	signal: AbortSignal,
): Promise<Attempt> {
	const { body, headers } = answer;
	if (!isByteStream(body)) return refusal(target, 'its URL gave no body', fresh(target));
	// Ends this transfer: a stall, or the item's deadline or a stop. Destroying the body should
	// be enough, but a stream may never report it, so every wait below also races it.
	const end = new AbortController();
	let stalled = false;
	const stopWatching = watchStall(run.clock, run.signal, body, target.stallMs, () => {
		stalled = true;
		end.abort();
	});
	const onAbort = () => end.abort();
	signal.addEventListener('abort', onAbort, { once: true });
	if (signal.aborted) end.abort();
	const release = destroyOnAbort(body, end.signal);
	const limits = limitBody(body, headers, target.maxBytes);
	try {
		const declared = header(headers, 'content-type');
		const { head, ended } = await untilAborted(peekHead(body, HEAD_BYTES), end.signal);
		const type = sniffMedia(target.kind, head, false);
		if (!type || !declaredTypeFits(target.kind, declared)) {
			body.destroy();
			return refusal(
				target,
				`its URL answered ${describeContent(head)} (Content-Type ${declared || 'missing'}), not ${target.kind === 'any' ? 'a video, image, ZIP or WAV' : `a ${target.kind}`} file`,
				`The URL may have expired and now shows an error page. ${fresh(target)}`,
			);
		}
		const binary = await untilAborted(
			run.ctx.helpers.prepareBinaryData(
				ended ? head : (body as unknown as Buffer),
				taskFileName(target.taskId, EXTENSIONS[type], target.file?.index),
				type,
			),
			end.signal,
		);
		return { kind: 'stored', binary };
	} catch (error) {
		// Past a download limit: refused for good, unless a new transfer could mend it.
		const breach = limits.breach();
		if (breach?.final) return refusal(target, breach.why, `${breach.advice} ${fresh(target)}`);
		if (stalled) {
			return refusal(
				target,
				`the download stalled: nothing arrived for ${target.stallMs / 1000} s`,
				`The CDN stopped sending. ${fresh(target)}`,
			);
		}
		if (signal.aborted && !run.signal.aborted) return timedOut(target);
		const why = breach?.why ?? (error as Error).message;
		return { kind: 'broken', failure: transportFailure('ECONNRESET', why) };
	} finally {
		limits.release();
		stopWatching();
		release();
		signal.removeEventListener('abort', onAbort);
	}
}

async function downloadOnce(run: Run, target: DownloadTarget): Promise<Attempt> {
	const left = target.deadlineMs - run.clock.now();
	if (left <= 0) return timedOut(target);
	const signal = AbortSignal.any([run.signal, AbortSignal.timeout(left)]);
	let url = target.url;
	for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
		const refused = refusedOutputHost(url, run.baseUrl);
		if (refused) {
			return refusal(
				target,
				`its URL is refused because ${refused}`,
				'CometAPI serves outputs from public CDNs; a URL on an internal host is never fetched, so that a forged answer cannot reach your network.',
			);
		}
		const result = await openDownload.call(run.ctx, url, target.stallMs, signal);
		if (result.kind === 'failed') {
			if (signal.aborted && !run.signal.aborted) return timedOut(target);
			if (result.failure.blockedByN8n) {
				return refusal(
					target,
					`n8n blocked the request: ${result.failure.message}`,
					"n8n's SSRF protection refuses this destination; an n8n administrator can allow it (N8N_SSRF_* settings).",
				);
			}
			return { kind: 'broken', failure: result.failure };
		}
		const { statusCode, headers, body } = result.answer;
		const location = headers.location;
		if (statusCode >= 300 && statusCode < 400 && typeof location === 'string') {
			(body as { destroy?: () => void }).destroy?.();
			url = new URL(location, url).toString();
			continue;
		}
		if (statusCode < 200 || statusCode >= 300) {
			(body as { destroy?: () => void }).destroy?.();
			return { kind: 'httpStatus', statusCode };
		}
		return await store(run, target, result.answer, signal);
	}
	return refusal(target, `its URL redirected more than ${MAX_REDIRECTS} times`, fresh(target));
}

function timedOut(target: DownloadTarget): Attempt {
	return refusal(
		target,
		"the download did not finish within this item's Timeout, counted from submission",
		`Raise Timeout in the wait options, or run Get Task for task ${target.taskId} later with Download on.`,
	);
}

function statusProblem(
	target: DownloadTarget,
	statusCode: number,
): { problem: ApiProblem; final: boolean } {
	if ([401, 403, 404, 410].includes(statusCode)) {
		return {
			final: true,
			problem: {
				message: `The ${noun(target)} of task ${target.taskId} could not be downloaded: its URL answered HTTP ${statusCode} (expired or missing)`,
				description: `Output URLs expire within 24–48 hours. ${fresh(target)}`,
				httpCode: statusCode,
			},
		};
	}
	return {
		final: statusCode < 500 && statusCode !== 429,
		problem: {
			message: `The ${noun(target)} of task ${target.taskId} could not be downloaded: HTTP ${statusCode}`,
			description: `Run Get Task for task ${target.taskId} later to download it.`,
			httpCode: statusCode,
		},
	};
}

/**
 * Streams a finished output into n8n's binary data store, never holding it whole in memory,
 * bounded by the item's deadline and by a stall limit, and only when the bytes are what the
 * operation makes.
 */
export async function downloadOutput(run: Run, target: DownloadTarget): Promise<IBinaryData> {
	for (let attempt = 1; ; attempt++) {
		if (run.signal.aborted) throw cancelled();
		const result = await run.downloads(async () =>
			run.signal.aborted ? undefined : await downloadOnce(run, target),
		);
		if (result === undefined || run.signal.aborted) throw cancelled();
		if (result.kind === 'stored') return result.binary;
		if (result.kind === 'refused') throw new TaskFailure(result.problem, 'download');
		let problem: ApiProblem;
		if (result.kind === 'httpStatus') {
			const status = statusProblem(target, result.statusCode);
			if (status.final) throw new TaskFailure(status.problem, 'download');
			problem = status.problem;
		} else {
			problem = {
				message: `The ${noun(target)} of task ${target.taskId} could not be downloaded: the transfer broke`,
				description: `Run Get Task for task ${target.taskId} later to download it. (Network error ${result.failure.code}: ${result.failure.message})`,
			};
		}
		if (attempt >= DOWNLOAD.maxAttempts) throw new TaskFailure(problem, 'download');
		await run.clock.sleep(
			backoffDelay(attempt, DEFAULT_POLL_SETTINGS, run.clock.random),
			run.signal,
		);
	}
}
