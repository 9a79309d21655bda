'use strict';
const { useSimulator } = require('../support/simulator');
const { runNode } = require('../support/n8n');
const { imageToVideo, generate, getTask, waiting, prompts } = require('../support/params');

const { sim, credentials } = useSimulator({ taskDurationMs: 1500, pendingMs: 300 });
afterEach(() => sim.configure({ officialShape: 'plain', feedShape: 'wrapped', latencyMs: 0 }));

/** Image to Video, waiting with the given wait options. */
const waitOn = (waitOptions = {}, overrides = {}) => imageToVideo({ ...waiting(waitOptions), ...overrides });

function createsPerPrompt() {
	const counts = {};
	for (const request of sim.createRequests()) {
		const prompt = request.body.promptText ?? request.body.prompt;
		counts[prompt] = (counts[prompt] ?? 0) + 1;
	}
	return counts;
}

test('a batch of 12 mixed items is waited on together: successes, failures, late ids, throttling, 429/503 on polls', async () => {
	const specs = [
		'ok-1 [sim duration=1000]',
		'ok-2 [sim duration=2500]',
		'ok-3 [sim duration=4000]',
		'ok-4 [sim duration=1500 shape=wrapped]',
		'ok-5 [sim duration=3000 shape=wrapped]',
		'ok-6 [sim duration=2000 notExist=2500]',
		'ok-7 [sim duration=1000 throttled=2500]',
		'ok-8 [sim duration=3500]',
		'bad-1 [sim duration=1500 outcome=FAILED failureCode=SAFETY.INPUT.TEXT]',
		'bad-2 [sim duration=2500 outcome=FAILED failureCode=INTERNAL.BAD_OUTPUT shape=wrapped]',
		'bad-3 [sim duration=1000 outcome=CANCELLED]',
		'ok-9 [sim duration=2000]',
	];
	sim.fault('task', { status: 429, headers: { 'retry-after': '1' }, times: 3 });
	sim.fault('task', { status: 503, body: { error: { message: 'upstream busy', code: '' } }, times: 3 });
	const started = Date.now();
	const result = await runNode({ parameters: waitOn(), items: prompts(...specs), credentials, continueOnFail: true });
	const wall = Date.now() - started;

	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(12);
	result.items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		const task = sim.tasksWithPrompt(specs[index])[0];
		expect(item.json.taskId).toBe(task.id);
		expect(item.json.submittedAt).not.toBeNull();
		expect(item.json.polls).toBeGreaterThanOrEqual(1);
	});
	const ok = result.items.filter((_, i) => specs[i].startsWith('ok'));
	for (const item of ok) {
		expect(item.json).toMatchObject({ status: 'SUCCEEDED', progress: 100, timedOut: false });
		expect(item.json.videoUrl).toBe(`${sim.baseUrl}/cdn/videos/${item.json.taskId}.mp4`);
		expect(item.json.outputs[0]).toBe(item.json.videoUrl);
		// The API's own finish time where it gives one (whole seconds), else when the node saw it.
		const finishedSecond = Math.floor(sim.finishTimeOf(item.json.taskId) / 1000) * 1000;
		expect(Date.parse(item.json.finishedAt)).toBeGreaterThanOrEqual(finishedSecond);
		expect(Date.parse(item.json.finishedAt)).toBeLessThanOrEqual(Date.now());
		expect(item.json.error).toBeUndefined();
	}
	const [bad1, bad2, bad3] = [8, 9, 10].map((i) => result.items[i].json);
	expect(bad1).toMatchObject({ status: 'FAILED', failureCode: 'SAFETY.INPUT.TEXT', videoUrl: null });
	expect(bad1.error).toBe(`Task ${bad1.taskId} failed: The generation failed. [SAFETY.INPUT.TEXT]`);
	expect(bad1.errorDescription).toMatch(/moderation/);
	expect(bad2).toMatchObject({ status: 'FAILED', failureCode: 'INTERNAL.BAD_OUTPUT', rawStatus: 'FAILURE' });
	expect(bad2.error).toMatch(new RegExp(`^Task ${bad2.taskId} failed: The generation failed\\. \\[INTERNAL\\.BAD_OUTPUT\\]`));
	expect(bad3.status).toBe('CANCELLED');
	expect(bad3.error).toBe(`Task ${bad3.taskId} was cancelled: no reason given`);

	// One create per item, whatever happened on the polls.
	expect(Object.values(createsPerPrompt())).toEqual(new Array(12).fill(1));
	// Waited on together: about the longest task, not the sum (≈ 30 s one by one).
	expect(wall).toBeLessThan(15_000);
	// Each poll waited its turn: the 6 transient answers were retried and nothing ended in error.
	const statusAnswers = sim.statusRequests().length;
	expect(statusAnswers).toBeGreaterThanOrEqual(12 + 6);
}, 30_000);

test('without Continue On Fail the first failure throws, naming its task, code and every other task', async () => {
	const specs = ['fine-a [sim duration=6000]', 'boom [sim duration=1000 outcome=FAILED failureCode=ASSET.INVALID]', 'fine-b [sim duration=6000]'];
	const started = Date.now();
	const result = await runNode({ parameters: waitOn(), items: prompts(...specs), credentials });
	const [fineA, boom, fineB] = specs.map((s) => sim.tasksWithPrompt(s)[0].id);
	expect(result.items).toEqual([]);
	expect(result.error.name).toBe('NodeApiError');
	expect(result.error.message).toContain(`Task ${boom} failed: The generation failed. [ASSET.INVALID]`);
	expect(result.error.message).toContain(`Other tasks submitted in this execution: ${fineA} (`);
	expect(result.error.message).toContain(fineB);
	expect(result.error.description).toContain(`All task IDs submitted in this execution: ${fineA}`);
	// It does not wait for the others to finish.
	expect(Date.now() - started).toBeLessThan(5500);
}, 20_000);

test('onTimeout returnPending gives the last status with timedOut, and Get Task resumes it later', async () => {
	const result = await runNode({
		parameters: waitOn({ timeout: 3 }),
		items: prompts('slow [sim duration=7000]'),
		credentials,
	});
	expect(result.error).toBeUndefined();
	const pending = result.items[0].json;
	expect(pending).toMatchObject({ timedOut: true, finishedAt: null, videoUrl: null });
	expect(['PENDING', 'RUNNING']).toContain(pending.status);
	expect(pending.polls).toBeGreaterThanOrEqual(1);

	const resumed = await runNode({
		parameters: getTask(waiting()),
		items: [{ json: pending }],
		credentials,
	});
	expect(resumed.error).toBeUndefined();
	expect(resumed.items[0].json).toMatchObject({ taskId: pending.taskId, status: 'SUCCEEDED', timedOut: false });
	expect(resumed.items[0].json.videoUrl).toContain(pending.taskId);
	expect(resumed.items[0].pairedItem).toEqual({ item: 0 });
	expect(sim.createRequests()).toHaveLength(1);
}, 30_000);

test('onTimeout error throws, naming the task id and how to pick it up', async () => {
	const result = await runNode({
		parameters: waitOn({ timeout: 2, onTimeout: 'error' }),
		items: prompts('too slow [sim duration=30000]'),
		credentials,
	});
	const id = sim.tasksWithPrompt('too slow')[0].id;
	expect(result.error.name).toBe('NodeOperationError');
	expect(result.error.message).toMatch(new RegExp(`^Task ${id} did not finish within 2 s \\(last status (PENDING|RUNNING)\\)`));
	expect(result.error.description).toContain(`Run Get Task with task ID ${id}`);
}, 20_000);

test('stopping the execution ends the wait within a second and names the submitted tasks', async () => {
	const result = await runNode({
		parameters: waitOn(),
		items: prompts('long-1 [sim duration=60000]', 'long-2 [sim duration=60000]', 'long-3 [sim duration=60000]'),
		credentials,
		cancelAfterMs: 2600,
	});
	expect(result.cancelledAt).toBeDefined();
	expect(result.nodeReturnedAt - result.cancelledAt).toBeLessThan(1000);
	expect(sim.createRequests()).toHaveLength(3);
	const requestsAfterCancel = sim.requests.filter((r) => r.at > result.cancelledAt + 50);
	expect(requestsAfterCancel).toHaveLength(0);
}, 20_000);

test('Generate waits on the feed route and returns video, poster and last frame (legacy shape)', async () => {
	sim.configure({ feedShape: 'legacy' });
	const result = await runNode({
		parameters: generate(waiting()),
		items: prompts('moon [sim duration=1500]'),
		credentials,
	});
	expect(result.error).toBeUndefined();
	const json = result.items[0].json;
	expect(json).toMatchObject({ route: 'feed', status: 'SUCCEEDED', rawStatus: '3' });
	expect(json.outputs).toEqual([
		`${sim.baseUrl}/cdn/videos/${json.taskId}.mp4`,
		`${sim.baseUrl}/cdn/posters/${json.taskId}.png`,
		`${sim.baseUrl}/cdn/frames/${json.taskId}.png`,
	]);
	const polls = sim.statusRequests();
	expect(polls.every((r) => r.method === 'POST' && r.path === '/runway/feed' && r.body.task_id === json.taskId)).toBe(true);
}, 20_000);

test('Max Concurrent Requests caps requests in flight, never the number of tasks waited on', async () => {
	sim.configure({ latencyMs: 150 });
	const specs = Array.from({ length: 10 }, (_, i) => `capped-${i} [sim duration=2000]`);
	const started = Date.now();
	const result = await runNode({
		parameters: waitOn({ maxConcurrentRequests: 2 }),
		items: prompts(...specs),
		credentials,
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((i) => i.json.status)).toEqual(new Array(10).fill('SUCCEEDED'));
	expect(sim.maxInFlight).toBe(2);
	expect(Date.now() - started).toBeLessThan(9000);
}, 30_000);

describe('create requests are never repeated once the API may have taken them', () => {
	test('a proven 503 refusal and a 429 are retried, and only one task exists', async () => {
		sim.fault('createOfficial', { status: 503, body: { error: { message: 'No available channel', code: 'get_channel_failed' } } });
		sim.fault('createOfficial', { status: 429, headers: { 'retry-after': '0' } });
		const result = await runNode({ parameters: imageToVideo(), items: prompts('retry me'), credentials });
		expect(result.error).toBeUndefined();
		expect(sim.createRequests()).toHaveLength(3);
		expect(sim.tasks.size).toBe(1);
		expect(result.items[0].json.taskId).toBe([...sim.tasks.keys()][0]);
	});

	test('a reset after the body was read is not retried, and the error says the task may exist', async () => {
		sim.fault('createOfficial', { kind: 'resetAfterBody', accept: true });
		const result = await runNode({ parameters: imageToVideo(), items: prompts('lost answer'), credentials });
		expect(sim.createRequests()).toHaveLength(1);
		expect(sim.tasks.size).toBe(1);
		expect(result.error.message).toMatch(/The create request failed: the connection to CometAPI broke/);
		expect(result.error.description).toMatch(/may have been created and charged; it was not sent again/);
	});

	test('a 504 after sending is not retried either', async () => {
		sim.fault('createOfficial', { status: 504, body: { error: { message: 'gateway timeout', code: '' } } });
		const result = await runNode({ parameters: imageToVideo(), items: prompts('gateway'), credentials });
		expect(sim.createRequests()).toHaveLength(1);
		expect(result.error.message).toBe('CometAPI answered the create request with HTTP 504: gateway timeout');
		expect(result.error.description).toMatch(/not sent again/);
	});

	test('a request timeout after sending is not retried', async () => {
		sim.fault('createOfficial', { kind: 'delay', delayMs: 2500 });
		const result = await runNode({
			parameters: imageToVideo(waiting({ requestTimeout: 1 })),
			items: prompts('slow create'),
			credentials,
		});
		expect(sim.createRequests()).toHaveLength(1);
		expect(result.error.message).toMatch(/The create request timed out/);
	}, 15_000);
});
