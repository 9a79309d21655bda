'use strict';
/**
 * Issue 9, point 10: Get Task on an ID CometAPI does not know (task_not_exist) is an error naming
 * the ID, with the hint that a task created seconds ago may not be visible yet; never a PENDING
 * item, and never a two-minute wait, with waiting off and on.
 */
const { LIVE_KEY, useSimulator, getTask, runWithin, returnedAfter, errorTexts, checkNoDoubledPrefixes } = require('./helpers');

const UNKNOWN = 'b7e0c1a2-0000-4000-8000-00000000dead';

const sim = useSimulator();

describe.each([
	['waiting off', { waitForCompletion: false }],
	['waiting on', { waitForCompletion: true }],
])('Get Task on an unknown ID, %s', (_title, overrides) => {
	test.each([
		['without Continue On Fail', false],
		['with Continue On Fail', true],
	])('%s: an error naming the ID and saying a fresh task may not be visible yet', async (_cof, continueOnFail) => {
		const result = await runWithin(12_000, {
			parameters: getTask(overrides),
			items: [{ json: { taskId: UNKNOWN } }],
			credentials: sim.credentials(),
			continueOnFail,
		});

		expect(returnedAfter(result, result.startedAt)).toBeLessThanOrEqual(10_000);
		expect(sim.statusRequests(UNKNOWN).length).toBeGreaterThanOrEqual(1);
		expect(result.items.map((item) => item.json.status)).not.toContain('PENDING');
		for (const item of result.items) expect(item.json.error).toBeDefined();
		const [message, description] = continueOnFail
			? [result.items[0].json.error, result.items[0].json.errorDescription]
			: [result.error?.message, result.error?.description];
		expect(message).toContain(UNKNOWN);
		expect(`${message}\n${description}`).toMatch(/may not be visible yet/i);
		expect(errorTexts(result).length).toBeGreaterThan(0);
	}, 30_000);
});

checkNoDoubledPrefixes();
