'use strict';
/**
 * Shared pieces of the hostile suite: a realistic API key made at run time, parameters under the
 * old and the new names alike, runs with a time limit (a node that overruns is stopped and its
 * servers closed, so a test reports the time it took instead of hanging), small servers of its
 * own. Every run's messages are checked for doubled prefixes by the test that made the run.
 */

const { runNode, imageToVideo, generate, getTask, safeStringify, serialiseError } = require('../faults/helpers');
const { answers } = require('../support/dist');
const { recordingServer } = require('../support/servers');
const { useSimulator: useSharedSimulator } = require('../support/simulator');

/** A realistic CometAPI key, long enough that no text matches it by chance. */
const LIVE_KEY = ['sk', 'hostile', '0123456789abcdef'].join('-');

/** Download the output, under the wait option's old and new names. */
const DOWNLOAD = { downloadOutput: true };

/** Image to Video, waiting, with the prompt under its old and new names. */
const i2v = (overrides = {}, wait = {}) =>
	imageToVideo({ prompt: '={{ $json.prompt }}', ...overrides }, wait);

const items = (...prompts) => prompts.map((prompt) => ({ json: { prompt } }));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The shared simulator helper (`support/simulator.js`), its simulator knowing LIVE_KEY. */
const useSimulator = (options = {}, mode = {}) => useSharedSimulator({ apiKey: LIVE_KEY, ...options }, mode);

/**
 * Runs the node, and if it has not returned after `limitMs` stops the execution and calls
 * `onOverrun` (close the servers). Returns runNode's result plus `startedAt` and `overran`.
 */
async function runWithin(limitMs, options, onOverrun = async () => undefined) {
	const control = {};
	const startedAt = Date.now();
	const running = runNode({ ...options, control });
	let timer;
	const overran = await Promise.race([
		running.then(() => false),
		new Promise((resolve) => (timer = setTimeout(() => resolve(true), limitMs))),
	]);
	clearTimeout(timer);
	if (overran) {
		control.cancel();
		await onOverrun();
	}
	const result = await running;
	expectNoDoubledPrefixes(result);
	return { ...result, startedAt, overran };
}

/** How long after `fromMs` the node returned (Infinity when it never did). */
const returnedAfter = (result, fromMs) =>
	result.nodeReturnedAt === undefined ? Infinity : result.nodeReturnedAt - fromMs;

/** Message and description of the thrown error and of every error item. */
function errorTexts(result) {
	const texts = [];
	if (result.error) texts.push(result.error.message, result.error.description);
	for (const item of result.items ?? []) texts.push(item.json?.error, item.json?.errorDescription);
	return texts.filter((text) => typeof text === 'string' && text !== '');
}

/**
 * Everything the run produced that a user could see or n8n would store, as one text. Its log
 * lines are `result.log` (runs going on side by side share one logger, so check those together).
 */
const everythingOf = (result) =>
	[safeStringify(result.items), serialiseError(result.error), safeStringify(result.run)].join('\n');

/** "Task X: Task X was not found", "Network error: Network error: …" and the like. */
const DOUBLINGS = [/\b[Tt]ask ([\w-]+):? [Tt]he \w+ of task \1\b/, /\b[Tt]ask ([\w-]+):? [Tt]ask \1\b/, /(\b[A-Z][\w ]{3,40}: )\1/];

/** The messages and descriptions of a run that double a prefix. */
const doubledPrefixes = (result) => errorTexts(result).filter((text) => DOUBLINGS.some((pattern) => pattern.test(text)));

/** Fails the calling test when a message or description of its run doubles a prefix. */
function expectNoDoubledPrefixes(result) {
	expect(doubledPrefixes(result)).toEqual([]);
}

/** Adds a simulator fault and returns the object the simulator keeps (it records progress on it). */
function addFault(sim, route, spec) {
	sim.fault(route, spec);
	return sim.faults[sim.faults.length - 1];
}

/** Peak growth of this process's resident memory while `run()` goes on, in bytes. */
async function peakRssGrowth(run) {
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
	const timer = setInterval(sample, 20);
	try {
		const value = await run();
		sample();
		return { value, growth: peak - baseline };
	} finally {
		clearInterval(timer);
	}
}

/**
 * Virtual time for the poller: `sleep` moves the clock at once and is recorded in `sleeps`;
 * `requests` holds the time of each status request made through `fetchFrom`.
 */
function virtualClock(start = Date.parse('2026-11-23T10:00:00Z')) {
	const clock = { t: start, sleeps: [], requests: [], random: () => 0 };
	clock.now = () => clock.t;
	clock.sleep = async (ms) => {
		clock.sleeps.push(ms);
		clock.t += ms;
	};
	/** A status fetcher answering from `outcomes` in turn (the last one repeats). */
	clock.fetchFrom = (outcomes) => async () => {
		clock.requests.push(clock.t);
		return outcomes.length > 1 ? outcomes.shift() : outcomes[0];
	};
	return clock;
}

/** What the node makes of a status answer with this body, through its own classifier. */
const statusOutcome = (body, statusCode = 200, headers = {}) =>
	answers.classifyStatusAnswer({ statusCode, headers, body }, Date.now());

/** The first bytes of an MP4 file: an `ftyp` box. */
const MP4_START = Buffer.from('000000186674797069736f6d0000020069736f6d6d703431', 'hex');

/** A small MP4-looking file of `size` bytes. */
const mp4 = (size = 4096) => Buffer.concat([MP4_START, Buffer.alloc(size - MP4_START.length, 0x11)]);

module.exports = {
	LIVE_KEY,
	DOWNLOAD,
	useSimulator,
	i2v,
	generate,
	getTask,
	items,
	sleep,
	runWithin,
	returnedAfter,
	errorTexts,
	everythingOf,
	doubledPrefixes,
	startServer: recordingServer,
	addFault,
	peakRssGrowth,
	virtualClock,
	statusOutcome,
	mp4,
	MP4_START,
};
