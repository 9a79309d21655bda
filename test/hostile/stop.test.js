'use strict';
/**
 * Issue 9, point 2: a stop never loses a task the API took. A create the API answers within the
 * grace (at most 5 s) is named by its ID; one still unanswered is counted, with when it was sent;
 * with no create in flight the node returns within a second, naming every task.
 */
const { LIVE_KEY, useSimulator, i2v, items, runWithin, returnedAfter } = require('./helpers');

const { sim, credentials } = useSimulator({ taskDurationMs: 30_000 }, { perTest: true });
const closeSim = sim.close;

const textOf = (error) => `${error?.message ?? ''}\n${error?.description ?? ''}`;

/** Times of day in UTC (HH:MM:SS, as in an ISO time too) within a second of `ms`. */
const timesAround = (ms) => [-1000, 0, 1000].map((d) => new Date(ms + d).toISOString().slice(11, 19));

test('stop while the API holds 3 create answers for 2 s: every accepted task ID is named', async () => {
	sim.fault('createOfficial', { kind: 'hold', holdMs: 2_000, times: 3 });
	const result = await runWithin(10_000, {
		parameters: i2v(),
		items: items('held a', 'held b', 'held c'),
		credentials,
		cancelAfterMs: 500,
	}, closeSim);

	expect(sim.createRequests()).toHaveLength(3);
	expect(sim.tasks.size).toBe(3);
	for (const taskId of sim.tasks.keys()) expect(result.error.message).toContain(taskId);
	expect(returnedAfter(result, result.cancelledAt)).toBeLessThanOrEqual(5_500);
}, 20_000);

test('stop while the API never answers 3 creates: returns within 5 s, saying how many may have been accepted and when they were sent', async () => {
	sim.fault('createOfficial', { kind: 'hold', times: 3 });
	const result = await runWithin(10_000, {
		parameters: i2v(),
		items: items('unanswered a', 'unanswered b', 'unanswered c'),
		credentials,
		cancelAfterMs: 500,
	}, closeSim);

	const creates = sim.createRequests();
	expect(creates).toHaveLength(3);
	expect(returnedAfter(result, result.cancelledAt)).toBeLessThanOrEqual(5_500);
	const text = textOf(result.error);
	expect(text).toMatch(/\b3\b[^\n]*may have been accepted/);
	expect(timesAround(creates[0].at).some((time) => text.includes(time))).toBe(true);
}, 20_000);

test('stop while every task is polling (no create in flight): returns within 1 s, naming every task', async () => {
	const result = await runWithin(10_000, {
		parameters: i2v(),
		items: items('polling a', 'polling b', 'polling c'),
		credentials,
		cancelAfterMs: 3_000,
	}, closeSim);

	expect(sim.tasks.size).toBe(3);
	expect(returnedAfter(result, result.cancelledAt)).toBeLessThanOrEqual(1_500);
	for (const taskId of sim.tasks.keys()) expect(result.error.message).toContain(taskId);
	// n8n stores a stopped execution before the node returns: the IDs are in its log as well.
	const warnings = result.log.filter((line) => line.level === 'warn').map((line) => String(line.args[0]));
	for (const taskId of sim.tasks.keys()) expect(warnings.join('\n')).toContain(taskId);
}, 20_000);
