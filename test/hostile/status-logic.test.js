'use strict';
/**
 * Issue 9, point 10: Get Task on an ID CometAPI does not know (task_not_exist) is an error naming
 * the ID, with the hint that a task created seconds ago may not be visible yet; never a PENDING
 * item, and never a two-minute wait, with waiting off and on.
 */
const { useSimulator, getTask, runWithin, returnedAfter, doubledPrefixes } = require('./helpers');

const UNKNOWN = 'b7e0c1a2-0000-4000-8000-00000000dead';

const { sim, credentials } = useSimulator();

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
			credentials: credentials,
			continueOnFail,
		});

		expect(returnedAfter(result, result.startedAt)).toBeLessThanOrEqual(10_000);
		expect(sim.statusRequests(UNKNOWN).length).toBeGreaterThanOrEqual(1);
		// Continue On Fail: one error item (never PENDING); without it: the thrown error, no item.
		if (continueOnFail) {
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json.status).not.toBe('PENDING');
		} else {
			expect(result.items).toHaveLength(0);
			expect(result.error).toBeDefined();
		}
		const [message, description] = continueOnFail
			? [result.items[0].json.error, result.items[0].json.errorDescription]
			: [result.error.message, result.error.description];
		expect(message).toContain(UNKNOWN);
		expect(`${message}\n${description}`).toMatch(/may not be visible yet/i);
	}, 30_000);
});

test('the doubled-prefix check every run passes through catches a doubled task prefix', () => {
	const doubled = `Task ${UNKNOWN}: Task ${UNKNOWN} was not found`;
	const result = { items: [{ json: { error: doubled, errorDescription: 'Network error: Network error: reset' } }] };
	expect(doubledPrefixes(result)).toEqual([doubled, 'Network error: Network error: reset']);
	expect(doubledPrefixes({ error: { message: `Task ${UNKNOWN} was not found` }, items: [] })).toEqual([]);
});
