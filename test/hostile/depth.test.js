'use strict';
/**
 * Issue 17, point 5: one status answer nested 20,000 deep (about 39 KB) must not take the batch
 * down with a stack overflow. The bounded reader refuses it as unreadable, and every paid task of
 * the batch is still named, with or without Continue On Fail.
 */
const { useSimulator, i2v, items, runWithin, errorTexts } = require('./helpers');

const { sim, credentials } = useSimulator({ taskDurationMs: 1500 });

const DEPTH = 20_000;
const deepBody = (taskId) =>
	`{"id":"${taskId}","status":"RUNNING","details":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`;

/** Every status answer of the task made from the prompt "deep" is nested DEPTH levels. */
function deepAnswers() {
	sim.fault('task', {
		kind: 'raw',
		times: Infinity,
		when: (record, s) => record.taskId === s.tasksWithPrompt('deep')[0]?.id,
		status: 200,
		headers: { 'content-type': 'application/json' },
		body: '',
	});
	const fault = sim.faults[sim.faults.length - 1];
	// The body names the task it answers for, once the task is known.
	Object.defineProperty(fault, 'body', { get: () => deepBody(sim.tasksWithPrompt('deep')[0]?.id) });
}

const run = (continueOnFail) =>
	runWithin(25_000, {
		parameters: i2v({}, { timeout: 20, requestTimeout: 5, downloadOutput: false }),
		items: items('first', 'deep', 'third'),
		credentials,
		continueOnFail,
	});

test('the body is as deep and as small as the issue says', () => {
	const body = deepBody('x');
	expect(body.length).toBeGreaterThan(39_000);
	expect(body.length).toBeLessThan(41_000);
});

test('a batch of 3 with one status answer 20,000 deep: the error names every paid task', async () => {
	deepAnswers();
	const result = await run(false);
	const ids = [...sim.tasks.keys()];
	expect(ids).toHaveLength(3);
	const texts = errorTexts(result).join('\n');
	expect(texts).not.toMatch(/call stack/i);
	for (const id of ids) expect(texts).toContain(id);
	const deepId = sim.tasksWithPrompt('deep')[0].id;
	expect(result.error.message).toMatch(/deep|nested/i);
	expect(`${result.error.message} ${result.error.description ?? ''}`).toContain(deepId);
}, 40_000);

test('with Continue On Fail: three items, the deep one an error naming its task, the others done', async () => {
	deepAnswers();
	const result = await run(true);
	expect(result.error?.message).toBeUndefined();
	expect(result.items).toHaveLength(3);
	const [first, deep, third] = result.items;
	const idOf = (prompt) => sim.tasksWithPrompt(prompt)[0].id;
	expect(first.json.taskId).toBe(idOf('first'));
	expect(third.json.taskId).toBe(idOf('third'));
	expect(first.json.status).toBe('SUCCEEDED');
	expect(third.json.status).toBe('SUCCEEDED');
	expect(deep.json.taskId).toBe(idOf('deep'));
	expect(deep.json.error).toContain(idOf('deep'));
	expect(deep.json.error).toMatch(/deep|nested/i);
	expect(JSON.stringify(deep.json).length).toBeLessThan(40_000);
}, 40_000);
