'use strict';
/**
 * A soak run: many items with a seeded random mix of durations, outcomes, response shapes and
 * faults, through the node in real n8n-core under Continue On Fail, both create routes at once.
 * Used by `soak.test.js` and callable from the benchmark:
 *
 *   const { runSoak } = require('./test/faults/soak');
 *   const figures = await runSoak({ items: 200, seed: 42 });
 *   // { items, seed, wallMs, statusRequests, createRequests, cdnRequests, succeededPct,
 *   //   failedPct, rssBeforeMb, rssAfterMb, rssDeltaMb, problems: [] , line }
 *
 * `problems` lists every broken promise (missing or extra output, wrong pairing, a prompt created
 * twice, an unexpected status); it is empty when all is well.
 */
const {
	startSimulator,
	runNode,
	imageToVideo,
	generate,
	prng,
	tasksByPrompt,
} = require('./helpers');

const API_KEY = 'sk-soak';
const FAILURE_CODES = ['SAFETY.INPUT.TEXT', 'SAFETY.INPUT.IMAGE', 'SAFETY.OUTPUT.VIDEO', 'INTERNAL.BAD_OUTPUT', 'ASSET.INVALID', 'INTERNAL'];
const MB = 1024 * 1024;

/** What each item will do, drawn from the seed. */
function planItems(count, random) {
	const plan = [];
	for (let i = 0; i < count; i++) {
		const op = random.chance(0.65) ? 'i2v' : 'gen';
		const directives = [`duration=${random.int(300, 3000)}`];
		const failed = random.chance(0.12);
		if (failed) directives.push(`outcome=FAILED failureCode=${random.pick(FAILURE_CODES)}`);
		if (random.chance(0.15)) directives.push(`notExist=${random.int(500, 3000)}`);
		if (random.chance(0.1)) directives.push(`throttled=${random.int(300, 1500)}`);
		if (!failed && random.chance(0.05)) directives.push(`noUrlFor=${random.int(500, 2500)}`);
		directives.push(`shape=${random.pick(op === 'i2v' ? ['plain', 'wrapped', 'legacy'] : ['wrapped', 'legacy'])}`);
		const download = !failed && random.chance(0.2);
		plan.push({ index: i, op, failed, download, prompt: `soak item ${i} [sim ${directives.join(' ')}]` });
	}
	return plan;
}

const rssMb = () => {
	global.gc?.();
	return process.memoryUsage().rss / MB;
};

/** CometAPI refusing before dispatch: no task exists, so the create may be sent again. */
const NO_CHANNEL = { error: { message: 'No available channel for model gen4', type: 'comet_api_error', code: 'get_channel_failed' } };

/**
 * The most tasks waited on at one moment: each task counts from its creation to the last status
 * request the node made for it. One after another, this would be 1.
 */
function mostAtOnce(sim) {
	const events = [];
	for (const task of sim.tasks.values()) {
		const polls = sim.statusRequests(task.id);
		const lastPollAt = polls.length ? polls[polls.length - 1].at : task.createdAt;
		events.push([task.createdAt, 1], [lastPollAt, -1]);
	}
	events.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
	let now = 0;
	let most = 0;
	for (const [, step] of events) most = Math.max(most, (now += step));
	return most;
}

async function runSoak({ items = 200, seed = 20261122, parallelRequests = 10 } = {}) {
	const random = prng(seed);
	const plan = planItems(items, random);
	const sim = await startSimulator({ apiKey: API_KEY, taskDurationMs: 1000 });
	// Transient trouble on the poll routes and on creates; the node must ride through all of it.
	const faults = [
		['task', { status: 429, times: random.int(5, 15) }],
		['task', { status: 503, times: random.int(5, 15) }],
		['task', { status: 429, headers: { 'retry-after': '1' }, times: random.int(2, 6) }],
		['task', { kind: 'resetAfterBody', times: random.int(2, 6) }],
		['feed', { status: 429, times: random.int(3, 10) }],
		['feed', { status: 503, times: random.int(3, 10) }],
		['feed', { kind: 'resetBeforeBody', times: random.int(2, 6) }],
		['createOfficial', { status: 429, times: random.int(1, 5) }],
		// Only a 503 proving no task was made is resent (the create-retry rule); a bare one is not.
		['createPro', { status: 503, body: NO_CHANNEL, times: random.int(1, 3) }],
	];
	for (const [route, spec] of faults) sim.fault(route, spec);

	const rssBeforeMb = rssMb();
	const startedAt = Date.now();
	const wait = {
		pollInterval: 2,
		timeout: 180,
		requestTimeout: 10,
		maxConcurrentRequests: parallelRequests,
		downloadOutput: '={{ $json.download }}',
	};
	const batches = ['i2v', 'gen'].map((op) => plan.filter((entry) => entry.op === op));
	const results = await Promise.all(
		batches.map((batch, b) =>
			batch.length === 0
				? { items: [] }
				: runNode({
						parameters: b === 0 ? imageToVideo({}, wait) : generate({}, wait),
						items: batch.map((entry) => ({ json: { prompt: entry.prompt, download: entry.download } })),
						credentials: { apiKey: API_KEY, baseUrl: sim.baseUrl },
						continueOnFail: true,
					}),
		),
	);
	const wallMs = Date.now() - startedAt;
	await sim.close();

	const problems = [];
	let succeeded = 0;
	let failed = 0;
	batches.forEach((batch, b) => {
		const result = results[b];
		if (result.error) problems.push(`${b === 0 ? 'i2v' : 'gen'} batch threw: ${result.error.message}`);
		if (result.items.length !== batch.length) {
			problems.push(`${b === 0 ? 'i2v' : 'gen'} batch: ${result.items.length} outputs for ${batch.length} inputs`);
		}
		batch.forEach((entry, position) => {
			const item = result.items[position];
			const label = `item ${entry.index}`;
			if (!item) return;
			if (item.pairedItem?.item !== position) problems.push(`${label}: paired to ${JSON.stringify(item.pairedItem)}`);
			const { json } = item;
			const task = json.taskId ? sim.tasks.get(json.taskId) : undefined;
			if (!task) problems.push(`${label}: no task id the simulator knows (${json.taskId})`);
			else if (task.prompt !== entry.prompt) problems.push(`${label}: holds the result of another item's task`);
			if (entry.failed) {
				if (json.status !== 'FAILED' || !json.error) problems.push(`${label}: expected a FAILED error item, got ${json.status} ${json.error ?? ''}`);
				else failed++;
			} else if (json.error || json.status !== 'SUCCEEDED' || !json.videoUrl) {
				problems.push(`${label}: expected SUCCEEDED, got ${json.status} ${json.error ?? ''}`);
			} else {
				succeeded++;
				if (entry.download && !item.binary?.data) problems.push(`${label}: video not downloaded`);
				if (!entry.download && item.binary) problems.push(`${label}: downloaded without being asked`);
			}
		});
	});
	const tasks = tasksByPrompt(sim);
	for (const entry of plan) {
		const count = tasks.get(entry.prompt) ?? 0;
		if (count !== 1) problems.push(`item ${entry.index}: ${count} tasks created`);
	}
	const rssAfterMb = rssMb();
	const figures = {
		items,
		seed,
		wallMs,
		statusRequests: sim.statusRequests().length,
		createRequests: sim.createRequests().length,
		cdnRequests: sim.cdnRequests().length,
		succeededPct: Math.round((succeeded / items) * 1000) / 10,
		failedPct: Math.round((failed / items) * 1000) / 10,
		expectedFailedPct: Math.round((plan.filter((entry) => entry.failed).length / items) * 1000) / 10,
		maxInFlight: sim.maxInFlight,
		maxTasksWaitedOn: mostAtOnce(sim),
		rssBeforeMb: Math.round(rssBeforeMb),
		rssAfterMb: Math.round(rssAfterMb),
		rssDeltaMb: Math.round((rssAfterMb - rssBeforeMb) * 10) / 10,
		problems,
	};
	figures.line =
		`soak: ${items} items, ${(wallMs / 1000).toFixed(1)} s wall, ${figures.statusRequests} status requests, ` +
		`at most ${figures.maxInFlight} requests in flight and ${figures.maxTasksWaitedOn} tasks waited on at once, ${figures.succeededPct}% succeeded (${figures.failedPct}% FAILED as planned), ` +
		`rss ${figures.rssDeltaMb >= 0 ? '+' : ''}${figures.rssDeltaMb} MB (seed ${seed})`;
	return figures;
}

module.exports = { runSoak, planItems };

if (require.main === module) {
	const seed = Number(process.env.SOAK_SEED ?? 20261122);
	const items = Number(process.env.SOAK_ITEMS ?? 200);
	runSoak({ items, seed }).then((figures) => {
		console.log(figures.line);
		if (figures.problems.length) {
			console.error(figures.problems.join('\n'));
			process.exitCode = 1;
		}
	});
}
