import type { IBinaryData } from 'n8n-workflow';

import type { ApiProblem } from '../helpers/answers';
import { DOWNLOAD } from '../helpers/constants';
import type { WaitSettings } from '../helpers/interfaces';
import { backoffDelay, DEFAULT_POLL_SETTINGS } from '../helpers/poller';
import { toTransportFailure, TransportFailure } from '../transport';
import { downloadStream } from '../transport/download';
import { cancelled, TaskFailure } from './failure';
import type { Run } from './run';

const VIDEO_EXTENSIONS: Record<string, string> = {
	'video/mp4': 'mp4',
	'video/webm': 'webm',
	'video/quicktime': 'mov',
};

/** One download attempt's outcome. */
type Attempt =
	| { kind: 'stored'; binary: IBinaryData }
	| { kind: 'refused'; statusCode: number }
	| { kind: 'broken'; failure: TransportFailure };

function expiredProblem(taskId: string, statusCode: number): ApiProblem {
	return {
		message: `The video of task ${taskId} could not be downloaded: its URL answered HTTP ${statusCode} (expired or missing)`,
		description: `Output URLs expire within 24–48 hours. Run Get Task for task ${taskId} again to get fresh URLs, then download.`,
		httpCode: statusCode,
	};
}

async function downloadOnce(
	run: Run,
	taskId: string,
	url: string,
	wait: WaitSettings,
): Promise<Attempt> {
	const answer = await downloadStream.call(run.ctx, url, wait.requestTimeoutMs, run.signal);
	if (answer instanceof TransportFailure) return { kind: 'broken', failure: answer };
	if (answer.statusCode < 200 || answer.statusCode >= 300) {
		(answer.body as { destroy?: () => void }).destroy?.();
		return { kind: 'refused', statusCode: answer.statusCode };
	}
	const contentType = String(answer.headers['content-type'] ?? 'video/mp4')
		.split(';')[0]
		.trim();
	const mimeType = contentType.startsWith('video/') ? contentType : 'video/mp4';
	const fileName = `${taskId}.${VIDEO_EXTENSIONS[mimeType] ?? 'mp4'}`;
	// A stream the server cuts off rejects here; that counts as a broken transfer.
	return await run.ctx.helpers.prepareBinaryData(answer.body as Buffer, fileName, mimeType).then(
		(binary): Attempt => ({ kind: 'stored', binary }),
		(error: unknown): Attempt => ({ kind: 'broken', failure: toTransportFailure(error) }),
	);
}

/** Streams a finished output into n8n's binary data store, never holding it whole in memory. */
export async function downloadOutput(
	run: Run,
	taskId: string,
	url: string,
	wait: WaitSettings,
): Promise<IBinaryData> {
	for (let attempt = 1; ; attempt++) {
		if (run.signal.aborted) throw cancelled();
		const result = await run.limit(async () => await downloadOnce(run, taskId, url, wait));
		if (run.signal.aborted) throw cancelled();
		if (result.kind === 'stored') return result.binary;
		let problem: ApiProblem;
		if (result.kind === 'refused') {
			const { statusCode } = result;
			if ([401, 403, 404, 410].includes(statusCode))
				throw new TaskFailure(expiredProblem(taskId, statusCode), 'download');
			problem = {
				message: `The video of task ${taskId} could not be downloaded: HTTP ${statusCode}`,
				description: `Run Get Task for task ${taskId} later to download it.`,
				httpCode: statusCode,
			};
			if (statusCode < 500 && statusCode !== 429) throw new TaskFailure(problem, 'download');
		} else {
			problem = {
				message: `The video of task ${taskId} could not be downloaded: the transfer broke`,
				description: `Run Get Task for task ${taskId} later to download it. (Network error ${result.failure.code}: ${result.failure.message})`,
			};
		}
		if (attempt >= DOWNLOAD.maxAttempts) throw new TaskFailure(problem, 'download');
		await run.clock.sleep(
			backoffDelay(attempt, DEFAULT_POLL_SETTINGS, run.clock.random),
			run.signal,
		);
	}
}
