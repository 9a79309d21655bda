'use strict';
/**
 * Issue 9, point 10: the 30 s grace for "SUCCEEDED without a URL yet" starts again when the task
 * goes back to RUNNING. The poller on virtual time, polling every 6 s from 5 s after submission,
 * fed with plain Runway answers through the node's own classifier.
 */
const { poller } = require('../support/dist');
const { virtualClock, statusOutcome } = require('./helpers');

const TASK = 'task-grace';
const noUrlYet = () => statusOutcome({ id: TASK, status: 'SUCCEEDED' });
const running = () => statusOutcome({ id: TASK, status: 'RUNNING', progress: 0.9 });
const withUrl = () => statusOutcome({ id: TASK, status: 'SUCCEEDED', output: ['https://cdn.example.com/v.mp4'] });
const repeat = (n, answer) => Array.from({ length: n }, answer);
const settings = { ...poller.DEFAULT_POLL_SETTINGS, intervalMs: 6_000, firstDelayMs: 5_000, missingOutputGraceMs: 30_000 };

async function poll(outcomes) {
	const clock = virtualClock();
	const start = clock.now();
	const result = await poller.pollTask({ taskId: TASK, startedAtMs: start }, clock.fetchFrom(outcomes), settings, clock);
	return { result, at: clock.requests.map((t) => (t - start) / 1000) };
}

test('SUCCEEDED without a URL, back to RUNNING, SUCCEEDED without a URL again: the grace restarts, so the URL at 59 s is taken', async () => {
	// Polls at 5, 11, 17, 23 s: no URL; 29 s: RUNNING; 35 to 53 s: no URL; 59 s: the URL.
	const { result, at } = await poll([...repeat(4, noUrlYet), running(), ...repeat(4, noUrlYet), withUrl()]);
	expect(at).toEqual([5, 11, 17, 23, 29, 35, 41, 47, 53, 59]);
	expect(result.kind).toBe('finished');
	expect(result.task.status).toBe('SUCCEEDED');
});

test('after the restart the grace still ends: 30 s of SUCCEEDED without a URL counted from 35 s', async () => {
	const { result, at } = await poll([...repeat(4, noUrlYet), running(), noUrlYet()]);
	expect(result.kind).toBe('error');
	expect(at[at.length - 1]).toBe(65);
	expect(result.problem.message).toContain(TASK);
});
