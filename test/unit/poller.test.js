'use strict';
const { poller } = require('../support/dist');

const { pollTask, DEFAULT_POLL_SETTINGS, jitteredInterval, backoffDelay } = poller;

/** Virtual time: sleeping moves the clock; an abort ends a sleep at once. */
function fakeClock({ random = () => 0, onSleep } = {}) {
	const clock = {
		t: 1_000_000,
		sleeps: [],
		now: () => clock.t,
		random,
		async sleep(ms, signal) {
			clock.sleeps.push(ms);
			onSleep?.(ms, clock);
			if (signal?.aborted) throw new Error('aborted');
			clock.t += ms;
		},
	};
	return clock;
}

const task = (status, extra = {}) => ({
	kind: 'task',
	task: {
		taskId: 'task-1',
		status,
		rawStatus: status,
		progress: null,
		results: [],
		outputs: [],
		failure: null,
		failureCode: null,
		notVisible: false,
		response: {},
		...extra,
	},
});
const succeeded = () => task('SUCCEEDED', { results: ['https://cdn/v.mp4'], outputs: ['https://cdn/v.mp4'] });
const notVisible = () => task('PENDING', { notVisible: true, rawStatus: 'task_not_exist' });
const transient = (retryAfterMs) => ({ kind: 'transient', problem: { message: 'HTTP 503', description: '' }, retryAfterMs });

/** Answers from a script, recording the virtual time of each request. */
function scripted(clock, answers) {
	const calls = [];
	const fetch = async () => {
		calls.push(clock.now());
		const next = answers.length > 1 ? answers.shift() : answers[0];
		return typeof next === 'function' ? next(clock) : next;
	};
	return { fetch, calls };
}

const settings = (overrides = {}) => ({ ...DEFAULT_POLL_SETTINGS, ...overrides });

describe('cadence', () => {
	test('first poll 5 s after submission, then every interval at most', async () => {
		const clock = fakeClock({ random: () => 0 });
		const start = clock.now();
		const { fetch, calls } = scripted(clock, [task('PENDING'), task('RUNNING'), task('RUNNING'), succeeded()]);
		const result = await pollTask({ taskId: 'task-1', startedAtMs: start }, fetch, settings(), clock);
		expect(result.kind).toBe('finished');
		expect(result.polls).toBe(4);
		expect(calls.map((t) => t - start)).toEqual([5000, 11000, 17000, 23000]);
		expect(result.finishedAtMs).toBe(start + 23000);
	});

	test('time already spent since submission counts toward the first delay', async () => {
		const clock = fakeClock();
		const { fetch, calls } = scripted(clock, [succeeded()]);
		await pollTask({ taskId: 'task-1', startedAtMs: clock.now() - 3000 }, fetch, settings(), clock);
		expect(clock.sleeps[0]).toBe(2000);
	});

	test('a task from elsewhere is polled at once', async () => {
		const clock = fakeClock();
		const start = clock.now();
		const { fetch, calls } = scripted(clock, [succeeded()]);
		await pollTask({ taskId: 'task-1', startedAtMs: start, pollImmediately: true }, fetch, settings(), clock);
		expect(calls).toEqual([start]);
	});

	test('each wait is 85–100% of the interval: 5.1–6 s at the default', () => {
		const s = settings();
		expect(jitteredInterval(s, () => 0)).toBe(6000);
		expect(jitteredInterval(s, () => 0.9999999)).toBe(5100);
		let seed = 7;
		const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		const samples = Array.from({ length: 5000 }, () => jitteredInterval(s, random));
		expect(Math.min(...samples)).toBeGreaterThanOrEqual(5100);
		expect(Math.max(...samples)).toBeLessThanOrEqual(6000);
		const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
		expect(Math.abs(mean - 5550)).toBeLessThan(60);
	});

	test('THROTTLED and PENDING keep the wait going like RUNNING', async () => {
		const clock = fakeClock();
		const { fetch } = scripted(clock, [task('THROTTLED'), task('THROTTLED'), task('PENDING'), succeeded()]);
		const result = await pollTask({ taskId: 'task-1', startedAtMs: clock.now() }, fetch, settings(), clock);
		expect(result).toMatchObject({ kind: 'finished', polls: 4 });
	});
});

describe('transient failures', () => {
	test('exponential backoff with equal jitter, capped', () => {
		const s = settings();
		expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, s, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
		expect([1, 2, 3, 7].map((n) => backoffDelay(n, s, () => 1))).toEqual([1000, 2000, 4000, 30000]);
	});

	test('retries after a transient answer with growing delays, then finishes', async () => {
		const clock = fakeClock({ random: () => 0 });
		const start = clock.now();
		const { fetch, calls } = scripted(clock, [transient(), transient(), transient(), succeeded()]);
		const result = await pollTask({ taskId: 'task-1', startedAtMs: start }, fetch, settings({ firstDelayMs: 0 }), clock);
		expect(result).toMatchObject({ kind: 'finished', polls: 4 });
		const gaps = calls.slice(1).map((t, i) => t - calls[i]);
		expect(gaps).toEqual([500, 1000, 2000]);
	});

	test('Retry-After wins when it is longer than the backoff', async () => {
		const clock = fakeClock({ random: () => 0 });
		const { fetch, calls } = scripted(clock, [transient(9000), succeeded()]);
		await pollTask({ taskId: 'task-1', startedAtMs: clock.now() }, fetch, settings({ firstDelayMs: 0 }), clock);
		expect(calls[1] - calls[0]).toBe(9000);
	});

	test('a good answer resets the streak', async () => {
		const clock = fakeClock({ random: () => 0 });
		const { fetch, calls } = scripted(clock, [transient(), transient(), task('RUNNING'), transient(), succeeded()]);
		await pollTask({ taskId: 'task-1', startedAtMs: clock.now() }, fetch, settings({ firstDelayMs: 0 }), clock);
		const gaps = calls.slice(1).map((t, i) => t - calls[i]);
		expect(gaps).toEqual([500, 1000, 6000, 500]);
	});

	test('gives up after too many transient failures in a row, saying how many', async () => {
		const clock = fakeClock({ random: () => 0 });
		const { fetch } = scripted(clock, [transient()]);
		const result = await pollTask(
			{ taskId: 'task-1', startedAtMs: clock.now() },
			fetch,
			settings({ firstDelayMs: 0, maxTransientFailures: 3 }),
			clock,
		);
		expect(result.kind).toBe('error');
		expect(result.polls).toBe(4);
		expect(result.problem.message).toMatch(/gave up after 4 attempts/);
	});

	test('a permanent failure ends the wait at once', async () => {
		const clock = fakeClock();
		const { fetch } = scripted(clock, [{ kind: 'permanent', problem: { message: 'HTTP 401', description: 'key' } }]);
		const result = await pollTask({ taskId: 'task-1', startedAtMs: clock.now() }, fetch, settings(), clock);
		expect(result).toMatchObject({ kind: 'error', polls: 1, problem: { message: 'HTTP 401' } });
	});
});

describe('task_not_exist grace window', () => {
	test('inside the window it counts as pending', async () => {
		const clock = fakeClock();
		const { fetch } = scripted(clock, [notVisible(), notVisible(), notVisible(), succeeded()]);
		const result = await pollTask({ taskId: 'task-1', startedAtMs: clock.now() }, fetch, settings(), clock);
		expect(result).toMatchObject({ kind: 'finished', polls: 4 });
	});

	test('after the window it is an error naming the task', async () => {
		const clock = fakeClock();
		const { fetch, calls } = scripted(clock, [notVisible()]);
		const start = clock.now();
		const result = await pollTask({ taskId: 'task-1', startedAtMs: start }, fetch, settings({ graceMs: 20000 }), clock);
		expect(result.kind).toBe('error');
		expect(result.problem.message).toBe('Task task-1 was not found at CometAPI');
		expect(result.problem.apiCode).toBe('task_not_exist');
		expect(calls.at(-1) - start).toBeGreaterThan(20000);
		expect(calls.at(-2) - start).toBeLessThanOrEqual(20000);
	});
});

describe('timeout', () => {
	test('returns timedOut with the last status, after a final poll at the deadline', async () => {
		const clock = fakeClock();
		const start = clock.now();
		const { fetch, calls } = scripted(clock, [task('RUNNING', { progress: 40 })]);
		const result = await pollTask({ taskId: 'task-1', startedAtMs: start }, fetch, settings({ timeoutMs: 20000 }), clock);
		expect(result.kind).toBe('timedOut');
		expect(result.task).toMatchObject({ status: 'RUNNING', progress: 40 });
		expect(calls.map((t) => t - start)).toEqual([5000, 11000, 17000, 20000]);
	});

	test('a timeout during a long Retry-After still polls once at the deadline', async () => {
		const clock = fakeClock();
		const start = clock.now();
		const { fetch, calls } = scripted(clock, [transient(60000), task('RUNNING')]);
		const result = await pollTask({ taskId: 'task-1', startedAtMs: start }, fetch, settings({ timeoutMs: 30000 }), clock);
		expect(result.kind).toBe('timedOut');
		expect(calls.map((t) => t - start)).toEqual([5000, 30000]);
	});
});

describe('success without an output URL', () => {
	test('polls again until the URL appears', async () => {
		const clock = fakeClock();
		const { fetch } = scripted(clock, [task('SUCCEEDED'), task('SUCCEEDED'), succeeded()]);
		const result = await pollTask({ taskId: 'task-1', startedAtMs: clock.now() }, fetch, settings(), clock);
		expect(result).toMatchObject({ kind: 'finished', polls: 3 });
		expect(result.task.outputs).toEqual(['https://cdn/v.mp4']);
	});

	test('gives up after the grace with a message that says to run Get Task', async () => {
		const clock = fakeClock();
		const { fetch } = scripted(clock, [task('SUCCEEDED')]);
		const result = await pollTask({ taskId: 'task-1', startedAtMs: clock.now() }, fetch, settings({ missingOutputGraceMs: 12000 }), clock);
		expect(result.kind).toBe('error');
		expect(result.problem.message).toMatch(/succeeded but CometAPI gave no output URL/);
		expect(result.problem.description).toMatch(/Get Task/);
	});
});

describe('cancellation', () => {
	test('an abort during a sleep ends the wait without another request', async () => {
		const controller = new AbortController();
		const clock = fakeClock({
			onSleep: (_ms, c) => {
				if (c.sleeps.length === 3) controller.abort();
			},
		});
		const { fetch, calls } = scripted(clock, [task('RUNNING')]);
		const result = await pollTask({ taskId: 'task-1', startedAtMs: clock.now() }, fetch, settings(), clock, controller.signal);
		expect(result.kind).toBe('aborted');
		expect(calls).toHaveLength(2);
		expect(result.task.status).toBe('RUNNING');
	});

	test('an abort during a request is seen as soon as it returns', async () => {
		const controller = new AbortController();
		const clock = fakeClock();
		const fetch = async () => {
			controller.abort();
			return task('RUNNING');
		};
		const result = await pollTask({ taskId: 'task-1', startedAtMs: clock.now() }, fetch, settings(), clock, controller.signal);
		expect(result).toMatchObject({ kind: 'aborted', polls: 1 });
	});

	test('an already aborted signal makes no request', async () => {
		const controller = new AbortController();
		controller.abort();
		const clock = fakeClock();
		const { fetch, calls } = scripted(clock, [succeeded()]);
		const result = await pollTask({ taskId: 'task-1', startedAtMs: clock.now() }, fetch, settings(), clock, controller.signal);
		expect(result.kind).toBe('aborted');
		expect(calls).toHaveLength(0);
	});
});
