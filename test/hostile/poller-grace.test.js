'use strict';
/**
 * Issue 9, point 10: the 30 s grace for "SUCCEEDED without a URL yet" starts again when the task
 * goes back to RUNNING. The poller on a virtual clock, polls every 6 s from 5 s after submission.
 */
const { poller } = require('../support/dist');
const { fakeClock, task, succeeded, scripted, settings } = require('../support/poller-script');

const noUrlYet = () => task('SUCCEEDED');
const repeat = (n, answer) => Array.from({ length: n }, answer);

test('SUCCEEDED without a URL, back to RUNNING, SUCCEEDED without a URL again: the grace restarts, so the URL at 59 s is taken', async () => {
	const clock = fakeClock();
	const start = clock.now();
	// Polls at 5, 11, 17, 23 s: no URL; 29 s: RUNNING; 35 to 53 s: no URL; 59 s: the URL.
	const { fetch, calls } = scripted(clock, [...repeat(4, noUrlYet), task('RUNNING'), ...repeat(4, noUrlYet), succeeded()]);
	const result = await poller.pollTask({ taskId: 'task-1', startedAtMs: start }, fetch, settings({ missingOutputGraceMs: 30_000 }), clock);
	expect(calls.map((t) => (t - start) / 1000)).toEqual([5, 11, 17, 23, 29, 35, 41, 47, 53, 59]);
	expect(result.kind).toBe('finished');
	expect(result.task.outputs).toEqual(['https://cdn/v.mp4']);
});

test('after the restart the grace still ends: 30 s of SUCCEEDED without a URL counted from 35 s', async () => {
	const clock = fakeClock();
	const start = clock.now();
	const { fetch, calls } = scripted(clock, [...repeat(4, noUrlYet), task('RUNNING'), noUrlYet()]);
	const result = await poller.pollTask({ taskId: 'task-1', startedAtMs: start }, fetch, settings({ missingOutputGraceMs: 30_000 }), clock);
	expect(result.kind).toBe('error');
	expect((calls[calls.length - 1] - start) / 1000).toBe(65);
	expect(result.problem.message).toContain('task-1');
});
