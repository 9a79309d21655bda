'use strict';
/**
 * Issue 9, point 1: once the node has decided to stop (a failure without Continue On Fail, or the
 * execution stopped), no new create leaves, and status requests and downloads still in flight end
 * within a second, whatever n8n does with the abort signal of authenticated requests.
 */
const { LIVE_KEY, useSimulator, DOWNLOAD, i2v, items, runWithin, returnedAfter } = require('./helpers');

const { sim, credentials } = useSimulator({ taskDurationMs: 30_000 }, { perTest: true });
const closeSim = sim.close;

const taskOf = (text) => sim.tasksWithPrompt(text)[0];

/** The status request whose answer first showed the task ended. */
const endSeenAt = (taskId) => sim.statusRequests(taskId).find((r) => r.at >= sim.finishTimeOf(taskId)).at;

const hangStatusOf = (text) => ({
	kind: 'hang',
	times: Infinity,
	when: (record, s) => s.tasks.get(record.taskId)?.prompt.includes(text) ?? false,
});

test('20 items, Max Concurrent Requests 2, the first create refused: at most 2 creates reach the API, and an accepted one is named', async () => {
	// Every answer but the refusal takes 400 ms, so the second create is in flight when the first is refused.
	sim.configure({ latencyMs: 400 });
	sim.fault('createOfficial', {
		status: 400,
		body: { error: { message: 'promptImage could not be fetched (request id: sim-400)', type: 'comet_api_error', code: 'invalid_request' } },
	});
	const prompts = Array.from({ length: 20 }, (_, i) => `row ${i}`);
	const result = await runWithin(15_000, {
		parameters: i2v({}, { maxConcurrentRequests: 2, requestTimeout: 60 }),
		items: items(...prompts),
		credentials,
	}, closeSim);

	expect(result.error.message).toContain('promptImage could not be fetched');
	const creates = sim.createRequests();
	expect(creates.length).toBeLessThanOrEqual(2);
	for (const taskId of sim.tasks.keys()) expect(result.error.message).toContain(taskId);
	// The refusal came at once; the node waited at most for the one create still in flight.
	expect(returnedAfter(result, creates[0].at)).toBeLessThanOrEqual(2_000);
}, 30_000);

test('a failure ends another task’s hanging status request within 1 s (Request Timeout 60 s)', async () => {
	sim.fault('task', hangStatusOf('hangs'));
	const result = await runWithin(8_000, {
		parameters: i2v({}, { requestTimeout: 60 }),
		items: items('hangs', 'fails [sim duration=3000 outcome=FAILED failureCode=INTERNAL]'),
		credentials,
	}, closeSim);

	const hanging = taskOf('hangs');
	const failing = taskOf('fails');
	const decidedAt = endSeenAt(failing.id);
	// The other task's status request was in flight when the failure arrived.
	expect(sim.statusRequests(hanging.id)[0].at).toBeLessThan(decidedAt);
	expect(returnedAfter(result, decidedAt)).toBeLessThanOrEqual(1_500);
	expect(result.error.message).toContain(`Task ${failing.id} failed`);
	expect(result.error.message).toContain(hanging.id);
}, 20_000);

test('a failure ends another task’s stalled download within 1 s', async () => {
	sim.fault('cdn', { kind: 'stall', times: Infinity });
	const result = await runWithin(8_000, {
		parameters: i2v({}, { requestTimeout: 60, ...DOWNLOAD }),
		items: items('downloads [sim duration=500]', 'fails [sim duration=4000 outcome=FAILED failureCode=INTERNAL]'),
		credentials,
	}, closeSim);

	const failing = taskOf('fails');
	const decidedAt = endSeenAt(failing.id);
	expect(sim.cdnRequests().length).toBeGreaterThanOrEqual(1);
	expect(sim.cdnRequests()[0].at).toBeLessThan(decidedAt);
	expect(returnedAfter(result, decidedAt)).toBeLessThanOrEqual(1_500);
	expect(result.error.message).toContain(`Task ${failing.id} failed`);
}, 20_000);

test('a stop ends hanging status requests within 1 s and names both tasks', async () => {
	sim.fault('task', hangStatusOf('hangs'));
	const result = await runWithin(8_000, {
		parameters: i2v({}, { requestTimeout: 60 }),
		items: items('hangs a', 'hangs b'),
		credentials,
		cancelAfterMs: 3_500,
	}, closeSim);

	expect(sim.statusRequests().length).toBeGreaterThanOrEqual(2);
	expect(returnedAfter(result, result.cancelledAt)).toBeLessThanOrEqual(1_500);
	for (const taskId of sim.tasks.keys()) expect(result.error.message).toContain(taskId);
}, 20_000);

test('a stop ends a stalled download within 1 s', async () => {
	sim.fault('cdn', { kind: 'stall', times: Infinity });
	const result = await runWithin(8_000, {
		parameters: i2v({}, { requestTimeout: 60, ...DOWNLOAD }),
		items: items('downloads [sim duration=500]'),
		credentials,
		cancelAfterMs: 3_500,
	}, closeSim);

	expect(sim.cdnRequests()[0].at).toBeLessThan(result.cancelledAt);
	expect(returnedAfter(result, result.cancelledAt)).toBeLessThanOrEqual(1_500);
	expect(result.error.message).toContain(taskOf('downloads').id);
}, 20_000);
