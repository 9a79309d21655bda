import type { IBinaryData } from 'n8n-workflow';

import type { ApiProblem } from '../helpers/answers';
import { DOWNLOAD } from '../helpers/constants';
import { describeContent, type ExpectedMedia, EXTENSIONS } from '../helpers/media';
import { backoffDelay } from '../helpers/poller';
import { taskFileName } from '../helpers/taskId';
import { type CdnFileFailure, type CdnFileResult, fetchCdnFile } from '../transport/cdn';
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

const noun = (target: DownloadTarget) => {
	const what = target.kind === 'any' ? 'output' : target.kind;
	const { file } = target;
	return file && file.count > 1 ? `${what} file ${file.index + 1} of ${file.count}` : what;
};

const fresh = (target: DownloadTarget) =>
	`Run Get Task for task ${target.taskId} to get fresh URLs, then download again.`;

function refusal(target: DownloadTarget, why: string, description: string): ApiProblem {
	return {
		message: `The ${noun(target)} of task ${target.taskId} was not stored: ${why}`,
		description,
	};
}

async function downloadOnce(run: Run, target: DownloadTarget): Promise<CdnFileResult> {
	const left = target.deadlineMs - run.clock.now();
	if (left <= 0) return { kind: 'timedOut' };
	const request = {
		url: target.url,
		baseUrl: run.baseUrl,
		kind: target.kind,
		stop: run.signal,
		timeoutMs: left,
		stallMs: target.stallMs,
		maxBytes: target.maxBytes,
		clock: run.clock,
	};
	return await fetchCdnFile.call(run.ctx, request, async ({ type, data }) =>
		run.ctx.helpers.prepareBinaryData(
			data as Buffer,
			taskFileName(target.taskId, EXTENSIONS[type], target.file?.index),
			type,
		),
	);
}

/** Why a download that another attempt cannot mend was refused, in words. */
function refusalOf(
	target: DownloadTarget,
	failure: Exclude<CdnFileFailure, { kind: 'httpStatus' | 'broken' }>,
): ApiProblem {
	switch (failure.kind) {
		case 'hostRefused':
			return refusal(
				target,
				`its URL is refused because ${failure.why}`,
				'CometAPI serves outputs from public CDNs; a URL on an internal host is never fetched, so that a forged answer cannot reach your network.',
			);
		case 'blockedByN8n':
			return refusal(
				target,
				`n8n blocked the request: ${failure.why}`,
				"n8n's SSRF protection refuses this destination; an n8n administrator can allow it (N8N_SSRF_* settings).",
			);
		case 'tooManyRedirects':
			return refusal(target, `its URL redirected more than ${failure.max} times`, fresh(target));
		case 'noBody':
			return refusal(target, 'its URL gave no body', fresh(target));
		case 'notMedia':
			return refusal(
				target,
				`its URL answered ${describeContent(failure.head)} (Content-Type ${failure.declared || 'missing'}), not ${target.kind === 'any' ? 'a video, image, ZIP or WAV' : `a ${target.kind}`} file`,
				`The URL may have expired and now shows an error page. ${fresh(target)}`,
			);
		case 'overLimit':
			return refusal(target, failure.breach.why, `${failure.breach.advice} ${fresh(target)}`);
		case 'stalled':
			return refusal(
				target,
				`the download stalled: nothing arrived for ${target.stallMs / 1000} s`,
				`The CDN stopped sending. ${fresh(target)}`,
			);
		case 'timedOut':
			return refusal(
				target,
				"the download did not finish within this item's Timeout, counted from submission",
				`Raise Timeout in the wait options, or run Get Task for task ${target.taskId} later with Download on.`,
			);
	}
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
		let problem: ApiProblem;
		if (result.kind === 'httpStatus') {
			const status = statusProblem(target, result.statusCode);
			if (status.final) throw new TaskFailure(status.problem, 'download');
			problem = status.problem;
		} else if (result.kind === 'broken') {
			problem = {
				message: `The ${noun(target)} of task ${target.taskId} could not be downloaded: the transfer broke`,
				description: `Run Get Task for task ${target.taskId} later to download it. (Network error ${result.failure.code}: ${result.failure.message})`,
			};
		} else {
			throw new TaskFailure(refusalOf(target, result), 'download');
		}
		if (attempt >= DOWNLOAD.maxAttempts) throw new TaskFailure(problem, 'download');
		// Downloads keep their own pacing: a CDN's hiccup is not the API's.
		await run.clock.sleep(backoffDelay(attempt, DOWNLOAD, run.clock.random), run.signal);
	}
}
