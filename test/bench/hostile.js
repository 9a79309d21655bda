'use strict';
/**
 * Bench section "hostile" (issue 9): figures only, no verdicts.
 *   - Stop during creates: the API holds every create answer for 2 s, the execution is stopped
 *     0.5 s in; how long until the node returns, and how many accepted task IDs its error names.
 *   - Detection delay with 5 slow downloads in flight (1 byte per second) and Max Concurrent
 *     Requests 2: for 20 other tasks ending 3–12.5 s in, the time from each end to the first
 *     status answer showing it (p50, p95, max), and how many ends were never seen.
 */
const { startSimulator, runNode, imageToVideoParameters, percentile } = require('./common');

const API_KEY = 'test-api-key';
const STOP_N = 5;
const HOLD_MS = 2_000;
const STOP_AFTER_MS = 500;
const SLOW_DOWNLOADS = 5;
const WATCHED = 20;
const INTERVAL_S = 2;
const DETECTION_RUN_MS = 25_000;

const s = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '∞');
const parameters = (waitOptions) => ({ ...imageToVideoParameters(waitOptions), prompt: '={{ $json.prompt }}' });

async function stopDuringCreates() {
	const sim = await startSimulator({ apiKey: API_KEY, taskDurationMs: 30_000 });
	try {
		sim.fault('createOfficial', { kind: 'hold', holdMs: HOLD_MS, times: STOP_N });
		const result = await runNode({
			parameters: parameters(),
			items: Array.from({ length: STOP_N }, (_, i) => ({ json: { prompt: `stop during creates ${i}` } })),
			credentials: { apiKey: API_KEY, baseUrl: sim.baseUrl },
			cancelAfterMs: STOP_AFTER_MS,
		});
		const text = `${result.error?.message ?? ''}\n${result.error?.description ?? ''}`;
		const accepted = [...sim.tasks.keys()];
		return {
			toReturn: result.nodeReturnedAt === undefined ? Infinity : result.nodeReturnedAt - result.cancelledAt,
			accepted: accepted.length,
			named: accepted.filter((id) => text.includes(id)).length,
		};
	} finally {
		await sim.close();
	}
}

async function detectionWithSlowDownloads() {
	const sim = await startSimulator({ apiKey: API_KEY, taskDurationMs: 500 });
	const control = {};
	const stop = setTimeout(() => control.cancel?.(), DETECTION_RUN_MS);
	try {
		sim.fault('cdn', { kind: 'drip', everyMs: 1_000, times: SLOW_DOWNLOADS });
		const slow = Array.from({ length: SLOW_DOWNLOADS }, (_, i) => `slow download ${i}`);
		const watched = Array.from({ length: WATCHED }, (_, i) => `watched ${i} [sim duration=${3_000 + i * 500}]`);
		await runNode({
			parameters: parameters({
				pollInterval: INTERVAL_S,
				timeout: 20,
				requestTimeout: 5,
				maxConcurrentRequests: 2,
				maxConcurrentDownloads: SLOW_DOWNLOADS,
				downloadOutput: true,
			}),
			items: [...slow, ...watched].map((prompt) => ({ json: { prompt } })),
			credentials: { apiKey: API_KEY, baseUrl: sim.baseUrl },
			continueOnFail: true,
			control,
		});
		const delays = [];
		let missed = 0;
		for (const task of sim.tasks.values()) {
			if (!task.prompt.startsWith('watched')) continue;
			const finishedAt = sim.finishTimeOf(task.id);
			const seen = sim.statusRequests(task.id).find((r) => r.at >= finishedAt);
			if (seen) delays.push(seen.at - finishedAt);
			else missed++;
		}
		return { delays, missed };
	} finally {
		clearTimeout(stop);
		await sim.close();
	}
}

/** Runs both cases and returns the lines to print. */
async function hostileSection() {
	const lines = [];
	const stop = await stopDuringCreates();
	lines.push(
		`stop during creates: N=${STOP_N}, create answers held ${s(HOLD_MS)} s, stopped after ${s(STOP_AFTER_MS)} s: ` +
			`execute() returned ${s(stop.toReturn)} s after the stop; error names ${stop.named}/${stop.accepted} accepted task IDs`,
	);
	const detection = await detectionWithSlowDownloads();
	const { delays, missed } = detection;
	lines.push(
		`detection with ${SLOW_DOWNLOADS} slow downloads in flight (poll interval ${INTERVAL_S} s, maxConcurrentRequests 2): ` +
			`${delays.length}/${WATCHED} ends seen, p50 ${s(percentile(delays, 50))} s, p95 ${s(percentile(delays, 95))} s, ` +
			`max ${s(delays.length ? Math.max(...delays) : NaN)} s; ${missed} never seen`,
	);
	return lines;
}

module.exports = { hostileSection };
