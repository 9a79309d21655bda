'use strict';
/**
 * Issue 9, point 8: n8n's own Retry On Fail setting would submit a whole batch again and pay
 * twice, so an operation that creates tasks refuses to run with it before any request, saying
 * why and what to use instead. Get Task, which creates nothing, still runs with it.
 */
const { LIVE_KEY, useSimulator, i2v, generate, getTask, items, runWithin } = require('./helpers');

const RETRY = { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 };

const { sim, credentials } = useSimulator({ taskDurationMs: 300 });

test.each([
	['Image to Video', () => i2v()],
	['Generate', () => generate()],
])('%s with Retry On Fail on: refused before any request, pointing to Continue On Fail and Get Task', async (_title, parameters) => {
	const result = await runWithin(15_000, {
		parameters: parameters(),
		items: items('ok [sim duration=300]', 'refused [sim duration=300 outcome=FAILED failureCode=SAFETY.INPUT.TEXT]', 'ok too [sim duration=300]'),
		credentials,
		nodeSettings: RETRY,
	});
	expect(sim.createRequests().length).toBe(0);
	expect(sim.requests.length).toBe(0);
	const text = `${result.error?.message}\n${result.error?.description}`;
	expect(text).toMatch(/Retry On Fail/);
	expect(text).toMatch(/Continue On Fail|On Error/);
	expect(text).toMatch(/Get Task/);
}, 20_000);

test('Get Task with Retry On Fail on still runs', async () => {
	const task = sim.addTask('createOfficial', { promptText: 'done earlier [sim duration=0]' });
	const result = await runWithin(15_000, {
		parameters: getTask(),
		items: [{ json: { taskId: task.id } }],
		credentials,
		nodeSettings: RETRY,
	});
	expect(result.error).toBeUndefined();
	expect(sim.statusRequests(task.id).length).toBeGreaterThanOrEqual(1);
	expect(result.items[0].json).toMatchObject({ taskId: task.id, status: 'SUCCEEDED' });
}, 20_000);
