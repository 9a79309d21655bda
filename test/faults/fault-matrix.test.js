'use strict';
/**
 * The node under every simulator fault, in batches, through real n8n-core. Each row of
 * `fault-cases.js` gets its own simulator; the rows run side by side (their waits overlap) in
 * `beforeAll`, and one test per row then checks what came out.
 *
 * For every row: one output item per input item paired to it (or the thrown error), the right
 * status, a message that says what happened and a description that says what to do, transient
 * faults ending in SUCCEEDED, permanent ones not retried, and no prompt ever created twice.
 */
const { expectedVideoBytes, REFUSING_BASE_URL } = require('../simulator/server');
const { CASES, count } = require('./fault-cases');
const {
	startSimulator,
	runNode,
	imageToVideo,
	generate,
	getTask,
	promptOf,
	createsByPrompt,
	tasksByPrompt,
	pool,
} = require('./helpers');

const API_KEY = 'sk-fault-matrix';
const PARALLEL = 10;
const DEFAULT_DURATION_MS = 800;

console.log(`fault matrix: ${count} cases`);

function parametersFor(row) {
	const wait = row.wait ?? {};
	if (row.op === 'i2v') return imageToVideo({}, wait);
	if (row.op === 'gen') return generate({}, wait);
	return getTask(
		{ taskRoute: row.route, ...(row.waitForCompletion === false ? { waitForCompletion: false } : {}) },
		wait,
	);
}

async function runRow(row) {
	const sim = await startSimulator({ apiKey: API_KEY, taskDurationMs: DEFAULT_DURATION_MS, ...row.sim });
	// A refusing port: every connection is refused.
	const baseUrl = row.baseUrl === 'closed' ? REFUSING_BASE_URL : sim.baseUrl;
	const prompts = [];
	const items = [];
	if (row.op === 'get' && row.taskIds) {
		for (const taskId of row.taskIds) {
			prompts.push(null);
			items.push({ json: { taskId } });
		}
	} else {
		for (let i = 0; i < row.n; i++) {
			const directives = [`duration=${DEFAULT_DURATION_MS}`, row.directives, row.itemDirectives?.[i]]
				.filter(Boolean)
				.join(' ');
			const prompt = `${row.id} item ${i} [sim ${directives}]`;
			prompts.push(prompt);
			if (row.op === 'get') {
				const task =
					row.route === 'feed'
						? sim.addTask('createPro', { prompt })
						: sim.addTask('createOfficial', { promptText: prompt });
				items.push({ json: { taskId: task.id, prompt } });
			} else {
				items.push({ json: { prompt } });
			}
		}
	}
	// fault() counts down `times` on the object it is given: never share one between rows.
	for (const [route, spec] of row.faults ?? []) sim.fault(route, typeof spec === 'function' ? spec() : { ...spec });
	const startedAt = Date.now();
	const r = await runNode({
		parameters: parametersFor(row),
		items,
		credentials: { apiKey: API_KEY, baseUrl },
		continueOnFail: row.cof,
	});
	const wallMs = Date.now() - startedAt;
	await sim.close();
	return { r, sim, prompts, wallMs };
}

/** The item a row's fault concerns. */
function targetIndexOf(row, run) {
	const { sim, prompts } = run;
	if (typeof row.target === 'number') return row.target;
	const indexOfTask = (taskId) => prompts.indexOf(sim.tasks.get(taskId)?.prompt);
	switch (row.target) {
		case 'firstCreate': {
			const first = sim.createRequests()[0];
			if (promptOf(first)) return prompts.indexOf(promptOf(first));
			// Reset before the body was read: the one prompt the simulator never saw.
			const seen = createsByPrompt(sim);
			return prompts.findIndex((prompt) => !seen.has(prompt));
		}
		case 'firstStatus': {
			const taskId = sim.statusRequests()[0].taskId;
			if (prompts[0] === null) return run.r.items.findIndex((item) => item.json.taskId === taskId);
			return indexOfTask(taskId);
		}
		case 'firstCdn':
			return indexOfTask(sim.cdnRequests()[0].path.match(/([^/]+)\.mp4$/)[1]);
		default:
			return -1;
	}
}

/** The task id of the target item as the simulator knows it (also when nothing was output). */
function targetTaskIdOf(row, run, target) {
	if (row.target === 'firstStatus') return run.sim.statusRequests()[0].taskId;
	const prompt = run.prompts[target];
	if (prompt === undefined || prompt === null) return undefined;
	return run.sim.tasksWithPrompt(prompt)[0]?.id;
}

function checkSucceeded(row, run, item, index) {
	const { json } = item;
	expect(json.error).toBeUndefined();
	expect(json.status).toBe('SUCCEEDED');
	expect(json.timedOut).toBe(false);
	expect(json.videoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cdn\/videos\/.+\.mp4$/);
	expect(json.outputs).toContain(json.videoUrl);
	expect(json.failure).toBeNull();
	expect(json.finishedAt).not.toBeNull();
	// The result of this item's own task, not another's.
	if (run.prompts[index] !== null) expect(run.sim.tasks.get(json.taskId).prompt).toBe(run.prompts[index]);
	if (row.expect.downloaded) {
		const property = row.wait?.outputBinaryProperty ?? 'data';
		const binary = item.binary?.[property];
		expect(binary).toBeDefined();
		expect(binary.mimeType).toBe('video/mp4');
		if (typeof binary.data === 'string' && !binary.id) {
			const bytes = Buffer.from(binary.data, 'base64');
			expect(bytes.equals(expectedVideoBytes(json.taskId, 64 * 1024))).toBe(true);
		}
	}
}

function checkMessage(expected, message, description) {
	expect(message).toMatch(expected.message);
	if (expected.notMessage) expect(message).not.toMatch(expected.notMessage);
	if (expected.description) expect(description ?? '').toMatch(expected.description);
}

function checkErrorItem(row, run, item) {
	const { json } = item;
	const expected = row.expect;
	expect(typeof json.error).toBe('string');
	checkMessage(expected, json.error, json.errorDescription);
	if (expected.status) expect(json.status).toBe(expected.status);
	if (expected.failureCode) expect(json.failureCode).toBe(expected.failureCode);
	if (expected.taskIdInMessage) {
		expect(json.taskId).toEqual(expect.any(String));
		expect(json.error).toContain(json.taskId);
	}
}

function checkPending(row, run, item, index) {
	const { json } = item;
	const expected = row.expect;
	expect(json.error).toBeUndefined();
	expect(json.status).toBe(expected.status);
	expect(json.timedOut).toBe(expected.timedOut ?? true);
	expect(json.videoUrl).toBeNull();
	expect(json.finishedAt).toBeNull();
	expect(json.taskId).toEqual(expect.any(String));
	if (expected.rawStatus) expect(json.rawStatus).toBe(expected.rawStatus);
	if (expected.response) expect(JSON.stringify(json.response)).toMatch(expected.response);
	if (run.prompts[index]) expect(run.sim.tasks.get(json.taskId).prompt).toBe(run.prompts[index]);
}

function verify(row, run) {
	const { r, sim, prompts } = run;
	const expected = row.expect;
	const target = targetIndexOf(row, run);

	// One output item per input item, paired to it, or the thrown error.
	if (expected.kind === 'thrown') {
		expect(r.items).toHaveLength(0);
		expect(r.error).toBeDefined();
		checkMessage(expected, r.error.message, r.error.description);
		if (expected.taskIdInMessage) {
			const taskId = targetTaskIdOf(row, run, target);
			expect(taskId).toEqual(expect.any(String));
			expect(r.error.message).toContain(taskId);
		}
		if (expected.mentionsOthers) {
			const text = `${r.error.message}\n${r.error.description}`;
			const others = [...sim.tasks.values()].filter((task) => task.prompt !== prompts[target]);
			expect(others.length).toBeGreaterThan(0);
			for (const task of others) expect(text).toContain(task.id);
		}
	} else {
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(prompts.length);
		r.items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
	}

	// Never two tasks for one prompt; a create is only ever repeated after a certain refusal.
	for (const [prompt, tasks] of tasksByPrompt(sim)) expect([prompt, tasks]).toEqual([prompt, 1]);
	if (row.op !== 'get' && row.baseUrl !== 'closed') {
		const creates = createsByPrompt(sim);
		for (const prompt of prompts) {
			const sent = creates.get(prompt) ?? 0;
			if (row.createRetries) {
				expect(sent).toBeGreaterThanOrEqual(1);
				expect(sent).toBeLessThanOrEqual(1 + row.createRetries);
			} else {
				expect([prompt, Math.min(sent, 2)]).toEqual([prompt, sent === 0 ? 0 : 1]);
			}
		}
		// A request cut before its body was read carries no prompt; it still counts once.
		if (!row.createRetries) expect(sim.createRequests()).toHaveLength(prompts.length);
		if (row.createRetries && expected.kind === 'succeeded') {
			for (const prompt of prompts) expect(sim.tasksWithPrompt(prompt)).toHaveLength(1);
		}
	}

	// Per item.
	r.items.forEach((item, index) => {
		const kind = expected.all || expected.kind === 'allError' || index === target ? expected.kind : 'succeeded';
		if (kind === 'succeeded') checkSucceeded(row, run, item, index);
		else if (kind === 'error' || kind === 'allError') checkErrorItem(row, run, item);
		else if (kind === 'pending') checkPending(row, run, item, index);
	});

	// Transient faults were all met and survived.
	if (expected.kind === 'succeeded') {
		for (const fault of sim.faults) expect(fault.times).toBe(0);
	}

	// Permanent answers are not asked again.
	if (row.permanent === 'status') {
		const taskId = sim.statusRequests()[0].taskId;
		expect(sim.statusRequests(taskId)).toHaveLength(1);
	}
	if (row.permanent === 'cdn') {
		const taskId = r.items[target].json.taskId;
		expect(sim.cdnRequests().filter((request) => request.path.includes(taskId))).toHaveLength(1);
	}

	if (row.check) row.check(run, target);
}

let results = [];
let wallMs = 0;

beforeAll(async () => {
	const started = Date.now();
	// The long rows first, so that their waits overlap with everything else.
	const weight = (row) => (row.optIn ? 2 : row.long ? 1 : 0);
	const order = CASES.map((row, index) => index).sort((a, b) => weight(CASES[b]) - weight(CASES[a]));
	const ordered = await pool(order, PARALLEL, (index) => runRow(CASES[index]));
	results = new Array(CASES.length);
	order.forEach((index, position) => (results[index] = ordered[position]));
	wallMs = Date.now() - started;
	console.log(`fault matrix: ${count} cases ran in ${(wallMs / 1000).toFixed(1)} s`);
}, process.env.FAULTS_LONG === '1' ? 600_000 : 200_000);

describe.each(CASES.map((row) => [`${row.id} ${row.title}`, row]))('%s', (_name, row) => {
	test('outcome', () => {
		const result = results[CASES.indexOf(row)];
		expect(result).toBeDefined();
		if (result.error) throw result.error;
		verify(row, result.value);
	});
});

module.exports = { count };
