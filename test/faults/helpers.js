'use strict';
/**
 * Shared pieces of the fault, bad-input, secrets and soak suites: node parameters as a saved
 * workflow holds them, the simulator's records grouped per item, and a small worker pool so that
 * many cases (each with its own simulator) wait side by side.
 */
const { startSimulator } = require('../simulator/server');
const { runNode } = require('../support/n8n');
const params = require('../support/params');

/** Waits short enough for a test, on top of the shared waiting settings. */
const FAULT_WAIT = { timeout: 60, requestTimeout: 10, maxConcurrentRequests: 5 };

/** The shared parameter builders, waiting by default, with `wait` for the wait options. */
const waiting = (build) => (overrides = {}, wait = {}) =>
	build({ options: {}, ...params.waiting({ ...FAULT_WAIT, ...wait }), ...overrides });

const imageToVideo = waiting(params.imageToVideo);
const generate = waiting((overrides) =>
	params.generate({ imageSource: 'url', imageUrl: 'https://example.com/cat.jpg', ...overrides }),
);
const getTask = waiting(params.getTask);

/** The prompt a create request carried, on either route. */
const promptOf = (request) => {
	const body = request.body && typeof request.body === 'object' ? request.body : {};
	return String(body.promptText ?? body.prompt ?? '');
};

/** Create requests per prompt: `Map(prompt → count)`. */
function createsByPrompt(sim) {
	const counts = new Map();
	for (const request of sim.createRequests()) {
		const prompt = promptOf(request);
		counts.set(prompt, (counts.get(prompt) ?? 0) + 1);
	}
	return counts;
}

/** Tasks the simulator took per prompt (a task accepted twice would be paid twice). */
function tasksByPrompt(sim) {
	const counts = new Map();
	for (const task of sim.tasks.values()) counts.set(task.prompt, (counts.get(task.prompt) ?? 0) + 1);
	return counts;
}

/** Runs `worker` over `inputs`, at most `limit` at once, keeping the order of results. */
async function pool(inputs, limit, worker) {
	const results = new Array(inputs.length);
	let next = 0;
	const lanes = Array.from({ length: Math.min(limit, inputs.length) }, async () => {
		while (next < inputs.length) {
			const index = next++;
			try {
				results[index] = { value: await worker(inputs[index], index) };
			} catch (error) {
				results[index] = { error };
			}
		}
	});
	await Promise.all(lanes);
	return results;
}

/** A small seeded PRNG (mulberry32), so every run of a random mix can be repeated. */
function prng(seed) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (list) => list[Math.floor(next() * list.length)],
		chance: (p) => next() < p,
	};
}

/** JSON of anything, Error properties, Buffers and cycles included, for searching it as text. */
function safeStringify(value) {
	const seen = new WeakSet();
	return JSON.stringify(value, (key, v) => {
		if (typeof v === 'object' && v !== null) {
			if (seen.has(v)) return '[circular]';
			seen.add(v);
			if (v instanceof Error) {
				const plain = {};
				for (const name of Object.getOwnPropertyNames(v)) plain[name] = v[name];
				return plain;
			}
			if (Buffer.isBuffer(v)) return v.toString('latin1');
		}
		if (typeof v === 'bigint') return String(v);
		if (typeof v === 'function') return `[function ${v.name}]`;
		return v;
	});
}

/** Everything a thrown error carries, as text: own properties, context, cause and stack. */
function serialiseError(error) {
	if (!error) return '';
	return [
		JSON.stringify(error, Object.getOwnPropertyNames(error)),
		safeStringify(error),
		safeStringify(error.context ?? null),
		safeStringify(error.cause ?? null),
		String(error.stack ?? ''),
	].join('\n');
}

module.exports = {
	startSimulator,
	runNode,
	imageToVideo,
	generate,
	getTask,
	promptOf,
	createsByPrompt,
	tasksByPrompt,
	pool,
	prng,
	serialiseError,
	safeStringify,
};
