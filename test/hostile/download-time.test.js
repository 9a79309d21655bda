'use strict';
/**
 * Issue 9, point 3: a download is bounded by the item's Timeout (counted from submission) and by
 * a stall limit (no bytes for Request Timeout), and downloads have their own cap, so status
 * requests of other tasks go on while slow downloads run.
 */
const { LIVE_KEY, useSimulator, DOWNLOAD, i2v, items, runWithin, returnedAfter } = require('./helpers');

const { sim, credentials } = useSimulator({ taskDurationMs: 500 }, { perTest: true });
const closeSim = sim.close;

test('a CDN sending 1 byte per second: the item ends by its Timeout (5 s from submission), naming the task', async () => {
	sim.fault('cdn', { kind: 'drip', everyMs: 1_000, times: Infinity });
	const result = await runWithin(12_000, {
		parameters: i2v({}, { timeout: 5, requestTimeout: 3, ...DOWNLOAD }),
		items: items('dripping'),
		credentials,
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
		credentials,
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

test('5 slow downloads in flight (Max Concurrent Requests 2): another task’s end is seen while they still run', async () => {
	// The first five downloads drip until their items' 10 s Timeout; the late task's download, the
	// sixth, is served whole. The run takes about 10 s; its limit is a sanity bound for a loaded
	// machine, not a speed target.
	sim.fault('cdn', { kind: 'drip', everyMs: 1_000, times: 5 });
	const slow = Array.from({ length: 5 }, (_, i) => `slow ${i}`);
	const result = await runWithin(40_000, {
		parameters: i2v({}, { timeout: 10, requestTimeout: 3, maxConcurrentRequests: 2, maxConcurrentDownloads: 5, ...DOWNLOAD }),
		items: items(...slow, 'late [sim duration=4000]'),
		credentials,
		continueOnFail: true,
	}, closeSim);

	const late = sim.tasksWithPrompt('late')[0];
	const finishedAt = sim.finishTimeOf(late.id);
	// No dripping download can end before its item's Timeout, counted from its create.
	const dripsEndFrom = Math.min(...slow.map((prompt) => sim.tasksWithPrompt(prompt)[0].createdAt)) + 10_000;
	const dripping = sim.cdnRequests().filter((r) => r.at < finishedAt);
	expect(dripping.length).toBeGreaterThanOrEqual(2);
	// The late task's end was seen by a status request made while the slow downloads still held
	// their connections: downloads do not take the status requests' places.
	const seen = sim.statusRequests(late.id).find((r) => r.at >= finishedAt);
	expect(seen).toBeDefined();
	expect(seen.at).toBeLessThan(dripsEndFrom);
	expect(result.items[5].json.status).toBe('SUCCEEDED');
	for (const item of result.items.slice(0, 5)) expect(item.json.error).toMatch(/did not finish (in time|within)/i);
}, 50_000);
