'use strict';
/**
 * Issue 9, point 9: an item's `response` is at most 16 KB of JSON, cut with a marker; an answer
 * of many MB is refused as not CometAPI's, and the node stops reading it (the server cannot finish
 * sending) instead of holding it (memory does not grow by anything like its size).
 */
const { LIVE_KEY, useSimulator, i2v, getTask, items, runWithin, addFault, peakRssGrowth } = require('./helpers');

const MB = 1024 * 1024;
const HUGE = 64 * MB;
const LIMIT = 16 * 1024;

const { sim, credentials } = useSimulator({ taskDurationMs: 300 });

/** Where the answer was cut, said in the text itself. */
const MARKER = /truncated|\bcut\b/i;
/** The JSON text `response` holds: kept as an object, or already cut to a string. */
const jsonText = (response) => (typeof response === 'string' ? response : JSON.stringify(response));
const bigLog = () => 'step ok; '.repeat(35_000);

test('a 300 KB status answer: `response` is at most 16 KB of JSON, with a marker saying it was cut', async () => {
	const task = sim.addTask('createOfficial', { promptText: 'done [sim duration=0]' });
	sim.fault('task', { status: 200, times: Infinity, body: (r) => ({ id: r.taskId, status: 'SUCCEEDED', output: [`${sim.baseUrl}/cdn/videos/${r.taskId}.mp4`], log: bigLog() }) });
	const result = await runWithin(10_000, {
		parameters: getTask({ waitForCompletion: false }),
		items: [{ json: { taskId: task.id } }],
		credentials,
	});
	const [item] = result.items;
	expect(item.json.status).toBe('SUCCEEDED');
	const response = jsonText(item.json.response);
	expect(response.length).toBeLessThanOrEqual(LIMIT);
	expect(response).toMatch(MARKER);
}, 20_000);

test('a 300 KB create answer (not waiting): `response` is at most 16 KB of JSON, with a marker', async () => {
	sim.fault('createOfficial', { status: 200, accept: true, body: (r, task) => ({ id: task.id, log: bigLog() }) });
	const result = await runWithin(10_000, {
		parameters: i2v({ waitForCompletion: false }),
		items: items('big create answer'),
		credentials,
	});
	const [item] = result.items;
	expect(item.json.taskId).toBe([...sim.tasks.keys()][0]);
	const response = jsonText(item.json.response);
	expect(response.length).toBeLessThanOrEqual(LIMIT);
	expect(response).toMatch(MARKER);
}, 20_000);

describe('answers of 64 MB', () => {
	beforeAll(async () => {
		// A first small run, so that what n8n loads once does not count as growth below.
		const task = sim.addTask('createOfficial', { promptText: 'warm-up [sim duration=0]' });
		await runWithin(10_000, { parameters: getTask({ waitForCompletion: false }), items: [{ json: { taskId: task.id } }], credentials });
	}, 20_000);

	test('a 64 MB status answer (chunked) is refused as not CometAPI’s, not read to its end, not held in memory', async () => {
		const task = sim.addTask('createOfficial', { promptText: 'huge status [sim duration=0]' });
		const huge = addFault(sim, 'task', { kind: 'huge', bytes: HUGE, contentLength: false, id: task.id, times: Infinity });
		const { value: result, growth } = await peakRssGrowth(() =>
			runWithin(15_000, {
				parameters: getTask({ waitForCompletion: false }),
				items: [{ json: { taskId: task.id } }],
				credentials,
				continueOnFail: true,
			}),
		);
		const [item] = result.items;
		expect(huge.finished).toBe(false);
		expect(huge.sent).toBeLessThan(HUGE / 2);
		expect(item.json.error).toMatch(/too large|larger than/i);
		expect(item.json.error).toMatch(/CometAPI/);
		expect(JSON.stringify(item.json).length).toBeLessThanOrEqual(2 * LIMIT);
		expect(growth).toBeLessThan(HUGE / 2);
	}, 30_000);

	test('a 64 MB create answer is refused, not read to its end, and the create is not sent again', async () => {
		const huge = addFault(sim, 'createOfficial', { kind: 'huge', bytes: HUGE, id: 'task-in-a-huge-answer' });
		const { value: result, growth } = await peakRssGrowth(() =>
			runWithin(15_000, {
				parameters: i2v({ waitForCompletion: false }),
				items: items('huge create answer'),
				credentials,
				continueOnFail: true,
			}),
		);
		expect(sim.createRequests()).toHaveLength(1);
		expect(huge.finished).toBe(false);
		expect(huge.sent).toBeLessThan(HUGE / 2);
		expect(result.items[0].json.error).toMatch(/too large|larger than/i);
		expect(result.items[0].json.error).toMatch(/CometAPI/);
		expect(growth).toBeLessThan(HUGE / 2);
	}, 30_000);
});
