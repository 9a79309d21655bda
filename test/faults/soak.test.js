'use strict';
/**
 * 200 items with a seeded random mix of durations (300–3000 ms), FAILED outcomes, task_not_exist
 * windows, THROTTLED spells, late URLs, plain/wrapped/legacy shapes, transient 429/503/resets on
 * polls, 429 and proven 503 refusals on creates, some downloads, both create routes at once, under Continue On Fail.
 * SOAK_SEED and SOAK_ITEMS override the defaults; the seed is printed so any run can be repeated.
 */
const { runSoak } = require('./soak');

const SEED = Number(process.env.SOAK_SEED ?? 20261122);
const ITEMS = Number(process.env.SOAK_ITEMS ?? 200);

let figures;

beforeAll(async () => {
	figures = await runSoak({ items: ITEMS, seed: SEED });
	console.log(figures.line);
}, 150_000);

test(`soak (seed ${SEED}): one outcome per item, paired to it, as planned, no task created twice`, () => {
	expect(figures.problems).toEqual([]);
	expect(figures.succeededPct + figures.failedPct).toBe(100);
	expect(figures.failedPct).toBe(figures.expectedFailedPct);
});

// Measured with the default seed and 200 items on a loaded 2-core machine (five runs): 249–324
// status requests, at most 1 request in flight, rss +3 to +60 MB, 186 and 200 tasks waited on at
// once (two runs), and 6.9–10.4 s wall alone but 46 s inside the whole suite: the wall time is
// printed, not tested (speed is the benchmark's concern). The upper bounds sit at roughly 1.5–2×
// the figures; the lower bound on tasks waited on at once is a quarter of the items, because a
// loaded machine spreads the creates out.
test('soak: the items were waited on together, not one after another', () => {
	// One after another, a single task would be waited on at a time.
	expect(figures.maxTasksWaitedOn).toBeGreaterThanOrEqual(ITEMS / 4);
	// Polls for a batch stay in proportion: no runaway polling.
	expect(figures.statusRequests).toBeLessThan(500);
	// Two batches, each with at most Max Concurrent Requests (10) in flight.
	expect(figures.maxInFlight).toBeLessThanOrEqual(2 * 10);
});

test('soak: memory growth is bounded', () => {
	expect(figures.rssDeltaMb).toBeLessThan(100);
});
