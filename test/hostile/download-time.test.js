'use strict';
/**
 * Issue 9, point 3: a download is bounded by the item's Timeout (counted from submission) and by
 * a stall limit (no bytes for Request Timeout), and downloads have their own cap, so status
 * requests of other tasks go on while slow downloads run.
 */
const { LIVE_KEY, useSimulator, DOWNLOAD, i2v, items, runWithin, returnedAfter } = require('./helpers');

const sim = useSimulator({ taskDurationMs: 500 }, { perTest: true });
const credentials = sim.credentials;
const closeSim = sim.close;

test('a CDN sending 1 byte per second: the item ends by its Timeout (5 s from submission), naming the task', async () => {
	sim.fault('cdn', { kind: 'drip', everyMs: 1_000, times: Infinity });
	const result = await runWithin(12_000, {
		parameters: i2v({}, { timeout: 5, requestTimeout: 3, ...DOWNLOAD }),
		items: items('dripping'),
		credentials: credentials(),
		continueOnFail: true,
	}, closeSim);

	const [create] = sim.createRequests();
	expect(sim.cdnRequests().length).toBeGreaterThanOrEqual(1);
	expect(returnedAfter(result, create.at)).toBeLessThanOrEqual(6_500);
	const [item] = result.items;
	const taskId = sim.tasksWithPrompt('dripping')[0].id;
	expect(item.json.taskId).toBe(taskId);
	expect(item.json.error).toContain(taskId);
	expect(item.json.error).toMatch(/did not finish (in time|within)/i);
	expect(item.binary).toBeUndefined();
}, 20_000);

test('a CDN that sends headers and then nothing: the download ends about Request Timeout (2 s) after the stall', async () => {
	sim.fault('cdn', { kind: 'stall', times: Infinity });
	const result = await runWithin(12_000, {
		parameters: i2v({}, { timeout: 60, requestTimeout: 2, ...DOWNLOAD }),
		items: items('stalling'),
		credentials: credentials(),
		continueOnFail: true,
	}, closeSim);

	const stalledAt = sim.cdnRequests()[0].at;
	const after = returnedAfter(result, stalledAt);
	expect(after).toBeGreaterThanOrEqual(1_500);
	expect(after).toBeLessThanOrEqual(3_500);
	const [item] = result.items;
	expect(item.json.error).toContain(sim.tasksWithPrompt('stalling')[0].id);
	expect(item.binary).toBeUndefined();
}, 20_000);

test('5 slow downloads in flight (Max Concurrent Requests 2): another task’s end is seen within one poll interval (2 s)', async () => {
	// The first five downloads drip; the late task's download, the sixth, is served whole.
	sim.fault('cdn', { kind: 'drip', everyMs: 1_000, times: 5 });
	const slow = Array.from({ length: 5 }, (_, i) => `slow ${i}`);
	const result = await runWithin(10_000, {
		parameters: i2v({}, { timeout: 7, requestTimeout: 3, maxConcurrentRequests: 2, maxConcurrentDownloads: 5, ...DOWNLOAD }),
		items: items(...slow, 'late [sim duration=4000]'),
		credentials: credentials(),
		continueOnFail: true,
	}, closeSim);

	const late = sim.tasksWithPrompt('late')[0];
	const finishedAt = sim.finishTimeOf(late.id);
	// The slow downloads were running when the late task ended.
	expect(sim.cdnRequests().filter((r) => r.at < finishedAt).length).toBeGreaterThanOrEqual(2);
	const seen = sim.statusRequests(late.id).find((r) => r.at >= finishedAt);
	const delay = seen ? seen.at - finishedAt : Infinity;
	expect(delay).toBeLessThanOrEqual(2_500);
	expect(result.items[5].json.status).toBe('SUCCEEDED');
}, 20_000);
