'use strict';
/**
 * Issue 9, point 5: Retry-After is capped at 60 s on every request and never sleeps past the
 * item's deadline.
 */
const { answers, poller } = require('../support/dist');
const { LIVE_KEY, useSimulator, virtualClock, i2v, items, runWithin, returnedAfter } = require('./helpers');

const { sim, credentials } = useSimulator({ taskDurationMs: 30_000 }, { perTest: true });
const closeSim = sim.close;
const rateLimited = { status: 429, headers: { 'retry-after': '3600' }, body: { error: { message: 'rate limit reached for requests', type: 'comet_api_error', code: '' } } };

test('a create answered 429 with Retry-After: 3600, item Timeout 5 s: the node ends by the Timeout, naming the rate limit, with no task created', async () => {
	sim.fault('createOfficial', { ...rateLimited, times: Infinity });
	const result = await runWithin(10_000, {
		parameters: i2v({}, { timeout: 5 }),
		items: items('rate limited'),
		credentials,
	}, closeSim);

	expect(returnedAfter(result, result.startedAt)).toBeLessThanOrEqual(6_500);
	expect(sim.createRequests().length).toBeGreaterThanOrEqual(1);
	expect(sim.tasks.size).toBe(0);
	expect(result.error.message).toMatch(/rate limit/i);
}, 20_000);

test('a status request answered 429 with Retry-After: 3600, item Timeout 5 s: the item comes back pending and timed out by the Timeout', async () => {
	sim.fault('task', { ...rateLimited, times: Infinity });
	const result = await runWithin(10_000, {
		parameters: i2v({}, { timeout: 5 }),
		items: items('status rate limited'),
		credentials,
	}, closeSim);

	expect(returnedAfter(result, sim.createRequests()[0].at)).toBeLessThanOrEqual(6_500);
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ taskId: [...sim.tasks.keys()][0], timedOut: true });
	expect(['PENDING', 'THROTTLED', 'RUNNING']).toContain(result.items[0].json.status);
}, 20_000);

describe('the cap itself (pure helpers)', () => {
	const now = Date.parse('2026-11-23T10:00:00Z');
	const answer = (headers) => ({ statusCode: 429, headers, body: { error: { message: 'rate limited', code: '' } } });
	const HUGE = [
		['Retry-After: 3600', { 'retry-after': '3600' }],
		['Retry-After as an HTTP date two hours ahead', { 'retry-after': new Date(now + 7_200_000).toUTCString() }],
		['retry-after-ms: 10000000', { 'retry-after-ms': '10000000' }],
	];

	test.each(HUGE)('a create answer with %s waits at most 60 s', (_title, headers) => {
		const outcome = answers.classifyCreateAnswer(answer(headers), now);
		expect(outcome.kind).toBe('retryable');
		expect(outcome.retryAfterMs).toBeLessThanOrEqual(60_000);
		expect(outcome.retryAfterMs).toBeGreaterThanOrEqual(1_000);
	});

	test.each(HUGE)('a status answer with %s makes the poller wait at most 60 s', async (_title, headers) => {
		const outcome = answers.classifyStatusAnswer(answer(headers), now);
		expect(outcome.kind).toBe('transient');
		const clock = virtualClock(now);
		const stop = { kind: 'permanent', problem: { message: 'stop here', description: '' } };
		const settings = { ...poller.DEFAULT_POLL_SETTINGS, timeoutMs: 86_400_000 };
		await poller.pollTask({ taskId: 'task-1', startedAtMs: now, pollImmediately: true }, clock.fetchFrom([outcome, outcome, stop]), settings, clock);
		const { sleeps } = clock;
		expect(sleeps.length).toBeGreaterThanOrEqual(1);
		expect(Math.max(...sleeps)).toBeLessThanOrEqual(60_000);
	});

	test('a short Retry-After is still honoured', () => {
		expect(answers.classifyCreateAnswer(answer({ 'retry-after': '3' }), now).retryAfterMs).toBe(3_000);
	});
});
