'use strict';
/**
 * The runner's create and status steps (`runner/submit`, `runner/status`) against a fake
 * transport: n8n's HTTP helper answers from a script, time is virtual. A failure here points at
 * the create-retry rule or at how the runner reads the transport's results, not at the simulator
 * or n8n-core.
 */
const path = require('node:path');
const { Readable } = require('node:stream');

const { limiter } = require('../support/dist');

const runner = path.join(__dirname, '..', '..', 'dist', 'nodes', 'CometApiRunway', 'runner');
const { submitTask } = require(path.join(runner, 'submit.js'));
const { TaskFailure } = require(path.join(runner, 'failure.js'));
const { statusFetcher } = require(path.join(runner, 'status.js'));

const REQUEST = {
	route: 'official',
	output: 'video',
	path: '/runwayml/v1/image_to_video',
	body: { promptText: 'a cat', model: 'gen4_turbo' },
	runwayVersion: '2024-11-06',
};

const WAIT = {
	waitForCompletion: true,
	pollIntervalMs: 2000,
	timeoutMs: 60_000,
	onTimeout: 'returnPending',
	downloadOutput: false,
	outputBinaryProperty: 'data',
	maxConcurrentRequests: 1,
	maxConcurrentDownloads: 1,
	requestTimeoutMs: 10_000,
	maxOutputBytes: 1024,
};

const answer = (statusCode, body, headers = {}) => ({
	statusCode,
	headers: { 'content-type': 'application/json', ...headers },
	body: Readable.from([Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))]),
});

/**
 * A run whose HTTP helper answers each request with the next entry of `script` (an answer, or an
 * Error to throw), recording the options it was called with. `stopped` aborts the batch first.
 */
function fakeRun(script, { stopped = false } = {}) {
	const sent = [];
	const sleeps = [];
	const failures = [];
	const batch = new AbortController();
	if (stopped) batch.abort();
	const clock = {
		t: 1_000_000,
		now: () => clock.t,
		random: () => 0,
		async sleep(ms) {
			sleeps.push(ms);
			clock.t += ms;
		},
	};
	const ctx = {
		getCredentials: async () => ({ apiKey: 'sk-unit', baseUrl: 'https://api.cometapi.com' }),
		getExecutionCancelSignal: () => undefined,
		helpers: {
			async httpRequestWithAuthentication(_type, options) {
				sent.push(options);
				const next = script.shift();
				if (next instanceof Error) throw next;
				if (!next) throw new Error('the script has no answer left');
				return next;
			},
		},
	};
	const run = {
		ctx,
		clock,
		requests: limiter.createLimiter(1),
		downloads: limiter.createLimiter(1),
		signal: batch.signal,
		createSignal: new AbortController().signal,
		baseUrl: 'https://api.cometapi.com',
		log: () => undefined,
		failed: (failure) => failures.push(failure),
	};
	const watch = { sentAt: [], knownTimes: 0, sent: (at) => watch.sentAt.push(at), known: () => watch.knownTimes++ };
	return { run, sent, sleeps, failures, watch };
}

const submit = (fake) => submitTask(fake.run, REQUEST, WAIT, fake.watch);

const envelope = (message, code = '') => ({ error: { message, type: 'comet_api_error', param: '', code } });

describe('create', () => {
	test('an accepted create: one POST with the API version, the task ID returned', async () => {
		const fake = fakeRun([answer(200, { id: 'task-1' })]);
		const submitted = await submit(fake);
		expect(submitted).toMatchObject({ taskId: 'task-1', submittedAtMs: 1_000_000 });
		expect(fake.sent).toHaveLength(1);
		expect(fake.sent[0]).toMatchObject({ method: 'POST', url: REQUEST.path, body: REQUEST.body, disableFollowRedirect: true });
		expect(fake.sent[0].headers['X-Runway-Version']).toBe('2024-11-06');
		expect(fake.watch.sentAt).toEqual([1_000_000]);
		expect(fake.watch.knownTimes).toBe(1);
	});

	test('429 with Retry-After: sent again after at least the wait asked for, then accepted', async () => {
		const fake = fakeRun([answer(429, envelope('rate limited'), { 'retry-after': '7' }), answer(200, { id: 'task-2' })]);
		const submitted = await submit(fake);
		expect(submitted.taskId).toBe('task-2');
		expect(fake.sent).toHaveLength(2);
		expect(fake.sleeps).toHaveLength(1);
		expect(fake.sleeps[0]).toBeGreaterThanOrEqual(7_000);
	});

	test('503 proving no task was made (no channel) is sent again; a bare 503 is not', async () => {
		const noChannel = fakeRun([answer(503, envelope('No available channel for model gen4_turbo', 'get_channel_failed')), answer(200, { id: 'task-3' })]);
		expect((await submit(noChannel)).taskId).toBe('task-3');
		expect(noChannel.sent).toHaveLength(2);

		const bare = fakeRun([answer(503, envelope('upstream busy')), answer(200, { id: 'never' })]);
		const failure = await submit(bare).catch((error) => error);
		expect(failure).toBeInstanceOf(TaskFailure);
		expect(failure.message).toMatch(/HTTP 503/);
		expect(failure.problem.description).toMatch(/may have been created/);
		expect(bare.sent).toHaveLength(1);
		expect(bare.failures).toEqual([failure]);
	});

	test('a connection reset after sending is never sent again, and says the task may exist', async () => {
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		const fake = fakeRun([reset, answer(200, { id: 'never' })]);
		const failure = await submit(fake).catch((error) => error);
		expect(failure).toBeInstanceOf(TaskFailure);
		expect(failure.problem.description).toMatch(/may have been created[\s\S]*not sent again/);
		expect(fake.sent).toHaveLength(1);
	});

	test('a 429 that never ends: at most 4 attempts, then a failure saying how many', async () => {
		const fake = fakeRun(Array.from({ length: 6 }, () => answer(429, envelope('rate limited'))));
		const failure = await submit(fake).catch((error) => error);
		expect(failure).toBeInstanceOf(TaskFailure);
		expect(failure.message).toMatch(/after 4 attempts/);
		expect(fake.sent).toHaveLength(4);
	});

	test('a batch already stopped sends nothing', async () => {
		const fake = fakeRun([answer(200, { id: 'never' })], { stopped: true });
		const failure = await submit(fake).catch((error) => error);
		expect(failure).toBeInstanceOf(TaskFailure);
		expect(fake.sent).toHaveLength(0);
		expect(fake.watch.sentAt).toEqual([]);
	});
});

describe('status', () => {
	const fetchStatus = (fake, route, taskId = 'task-9') => statusFetcher(fake.run, route, '2024-11-06', 5_000)(taskId);
	const plain = { id: 'task-9', status: 'SUCCEEDED', output: ['https://cdn.example.com/v.mp4'] };

	test('official route: GET /runwayml/v1/tasks/{id}, the answer classified as the task', async () => {
		const fake = fakeRun([answer(200, plain)]);
		const outcome = await fetchStatus(fake, 'official');
		expect(fake.sent).toHaveLength(1);
		expect(fake.sent[0]).toMatchObject({ method: 'GET', url: '/runwayml/v1/tasks/task-9', timeout: 5_000 });
		expect(outcome).toMatchObject({ kind: 'task', task: { taskId: 'task-9', status: 'SUCCEEDED' } });
	});

	test('feed route: POST /runway/feed with the task id in the body', async () => {
		const fake = fakeRun([answer(200, { code: 'success', data: { task_id: 'task-9', status: 'IN_PROGRESS' } })]);
		const outcome = await fetchStatus(fake, 'feed');
		expect(fake.sent[0]).toMatchObject({ method: 'POST', url: '/runway/feed', body: { task_id: 'task-9' } });
		expect(outcome.kind).toBe('task');
	});

	test('a broken connection is transient, worded as the status request', async () => {
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		const outcome = await fetchStatus(fakeRun([reset]), 'official');
		expect(outcome).toMatchObject({ kind: 'transient', problem: { message: expect.stringMatching(/^The status request/) } });
	});

	test('a stopped batch sends no status request', async () => {
		const fake = fakeRun([answer(200, plain)], { stopped: true });
		const outcome = await fetchStatus(fake, 'official');
		expect(fake.sent).toHaveLength(0);
		expect(outcome.kind).toBe('transient');
	});
});
