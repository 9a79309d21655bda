'use strict';
/**
 * On Error = "Continue (using error output)": n8n-core's own routing (WorkflowExecute) sends a
 * FAILED task, a refused create and a bad input to the error output, each paired to its input
 * row and still carrying the task's fields. "Continue (using regular output)" keeps them on the
 * success output with `error` set.
 */
const { useSimulator } = require('../support/simulator');
const { runNode } = require('../support/n8n');
const { imageToVideo } = require('../faults/helpers');

const KEY = 'sk-error-output-0123456789';
const PROMPTS = [
	'a fine cat',
	'a failing cat [sim outcome=FAILED failureCode=SAFETY.INPUT.TEXT]',
	'a refused cat',
	'x'.repeat(600),
];
const { sim, credentials } = useSimulator({ apiKey: KEY, taskDurationMs: 200 });

async function run(onError) {
	sim.fault('createOfficial', {
		status: 400,
		times: 10,
		when: (record) => String(record.body?.promptText ?? '').includes('refused'),
		body: { error: { message: 'promptText was refused', type: 'comet_api_error', code: 'invalid_request' } },
	});
	return runNode({
		parameters: imageToVideo(),
		items: PROMPTS.map((prompt, index) => ({ json: { prompt, row: index } })),
		credentials,
		nodeSettings: { onError },
	});
}

test('failed rows reach the error output, paired and carrying the task', async () => {
	const result = await run('continueErrorOutput');
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	expect(result.items[0].json.status).toBe('SUCCEEDED');
	expect(result.items[0].json.error).toBeUndefined();

	const errors = result.errorItems;
	expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }, { item: 3 }]);
	// n8n routes only JSON made of error/message/details (the row's item is in `details`), then
	// adds the input row's fields: each error item is its own row's.
	expect(errors.map((item) => item.json.row)).toEqual([1, 2, 3]);
	const [failed, refused, bad] = errors.map((item) => item.json);
	expect(failed.details).toMatchObject({ status: 'FAILED', failureCode: 'SAFETY.INPUT.TEXT', route: 'official' });
	expect(failed.details.taskId).toEqual(expect.any(String));
	expect(failed.details.failure).toEqual(expect.any(String));
	expect(failed.error).toContain(failed.details.taskId);
	expect(failed.details.error).toBe(failed.error);
	expect(refused.error).toContain('promptText was refused');
	expect(refused.details.errorDescription).toEqual(expect.any(String));
	expect(bad.error).toMatch(/prompt/i);
	expect(sim.requests.filter((r) => r.route === 'createOfficial')).toHaveLength(3);
});

test('"Continue (using regular output)" keeps every row on the success output', async () => {
	const result = await run('continueRegularOutput');
	expect(result.errorItems).toEqual([]);
	expect(result.items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	expect(result.items[0].json.error).toBeUndefined();
	expect(result.items[1].json).toMatchObject({ status: 'FAILED', error: expect.any(String) });
	expect(result.items[1].json.taskId).toEqual(expect.any(String));
	expect(result.items[2].json.error).toContain('promptText was refused');
	expect(result.items[3].json.error).toMatch(/prompt/i);
});
