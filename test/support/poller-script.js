'use strict';
/** A virtual clock and scripted status answers, for testing the poller without a network. */
const { poller } = require('./dist');

const { DEFAULT_POLL_SETTINGS } = poller;

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
		outputs: [],
		failure: null,
		failureCode: null,
		notVisible: false,
		response: {},
		...extra,
	},
});
const succeeded = () => task('SUCCEEDED', { outputs: ['https://cdn/v.mp4'] });
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

module.exports = { fakeClock, task, succeeded, notVisible, transient, scripted, settings };
