'use strict';
/*
 * The pair of example workflows in a running n8n (`n8n start`, both published): rows POSTed to
 * "submit rows" are submitted without waiting; the simulator POSTs each task's callback to the
 * production webhook of "receive callbacks", whose From Callback verifies it and stores the
 * video. Results are read from n8n's own execution data (REST API). The test copies differ from
 * the files only in the Callback URL's host (this n8n) and the poll interval.
 */
const path = require('node:path');
const { spawn } = require('node:child_process');
const { useE2eCredential, loadExample, freePort } = require('./harness');
const { startSuite } = require('./suite');
const { expectedVideoBytes } = require('../simulator/server.js');

const TASK_MS = 4000;
const SUBMIT = 'e2eCallbackSubmit';
const RECEIVE = 'e2eCallbackReceive';
const OWNER = { email: 'e2e@example.com', firstName: 'E2E', lastName: 'Owner', password: 'Callback-e2e-2026' };

let suite;
let n8nProcess;
let base;
let cookie = '';
let flatted;

function testCopy(file, id, port) {
	const wf = useE2eCredential(loadExample(file));
	wf.id = id;
	for (const node of wf.nodes) {
		const { parameters } = node;
		if (parameters.callbackUrl) {
			const url = new URL(parameters.callbackUrl);
			parameters.callbackUrl = `http://127.0.0.1:${port}${url.pathname}`;
		}
		if (parameters.waitOptions) parameters.waitOptions.pollInterval = 2;
	}
	return wf;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, check, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		if (n8nProcess.exitCode !== null) throw new Error(`n8n exited (${n8nProcess.exitCode}) while waiting for ${what}`);
		await sleep(250);
	}
}

async function rest(method, route, body) {
	const res = await fetch(`${base}/rest${route}`, {
		method,
		headers: { 'content-type': 'application/json', cookie },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} /rest${route}: HTTP ${res.status} ${text.slice(0, 300)}`);
	return { res, json: JSON.parse(text) };
}

/** Finished executions of a workflow, oldest first. */
async function executions(workflowId) {
	const { json } = await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=50`);
	const results = json.data?.results ?? json.data ?? [];
	return results.filter((e) => e.stoppedAt).sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
}

/** One execution with its run data, as n8n keeps it. */
async function execution(id) {
	const { json } = await rest('GET', `/executions/${id}`);
	const run = json.data;
	return { ...run, data: typeof run.data === 'string' ? flatted.parse(run.data) : run.data };
}

beforeAll(async () => {
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	const workflows = [
		testCopy('submit-rows-with-callback.json', SUBMIT, port),
		testCopy('receive-callbacks.json', RECEIVE, port),
	];
	suite = await startSuite({ simulator: { taskDurationMs: TASK_MS }, workflows });
	const { n8n } = suite;
	flatted = require(path.join(n8n.paths.n8nDir, 'node_modules', 'flatted'));
	for (const { id } of workflows) {
		const published = await n8n.n8n(['publish:workflow', `--id=${id}`]);
		if (published.code !== 0) throw new Error(`publish:workflow ${id}: ${published.stdout}${published.stderr}`);
	}
	n8nProcess = spawn(n8n.paths.nodeBin, [n8n.paths.n8nBin, 'start'], {
		cwd: n8n.folder,
		env: {
			...n8n.env,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			WEBHOOK_URL: `${base}/`,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		},
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	n8nProcess.stdout.on('data', (d) => (output = (output + d).slice(-4000)));
	n8nProcess.stderr.on('data', (d) => (output = (output + d).slice(-4000)));
	try {
		// The receiving webhook is live once n8n says it takes POST there.
		await until(
			'the webhooks',
			async () => {
				const text = await fetch(`${base}/webhook/runway-callback`).then((r) => r.text(), () => '');
				return /POST/.test(text);
			},
			120_000,
		);
	} catch (error) {
		error.message += `\n${output}`;
		throw error;
	}
	const setup = await rest('POST', '/owner/setup', OWNER);
	cookie = setup.res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}, 240_000);

afterAll(async () => {
	if (n8nProcess && n8nProcess.exitCode === null) {
		const exited = new Promise((resolve) => n8nProcess.once('exit', resolve));
		process.kill(-n8nProcess.pid, 'SIGTERM');
		const timer = setTimeout(() => n8nProcess.exitCode === null && process.kill(-n8nProcess.pid, 'SIGKILL'), 15_000);
		await exited;
		clearTimeout(timer);
	}
	await suite?.close();
});

test('rows submitted without waiting; callbacks received, verified and stored as videos; a forged one refused', async () => {
	const { sim, n8n } = suite;
	const rows = [
		{ prompt: `Row A: a kite over the dunes [sim duration=${TASK_MS}]` },
		{ prompt: `Row B: rain on a tin roof [sim duration=${TASK_MS} callback=twice]` },
		{ prompt: `Row C: a forged result [sim duration=${TASK_MS} callback=forged]` },
	];
	const posted = Date.now();
	const answer = await fetch(`${base}/webhook/runway-submit`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ rows }),
	});
	const answeredMs = Date.now() - posted;
	expect(answer.status).toBe(200);
	const submitted = await answer.json();
	expect(submitted).toHaveLength(3);
	const ids = submitted.map((item) => item.taskId);
	for (const item of submitted) expect(item).toMatchObject({ route: 'feed', status: 'PENDING', polls: 0 });
	expect(sim.createRequests().map((r) => r.body.callback_url)).toEqual(Array(3).fill(`${base}/webhook/runway-callback`));

	// The submitting execution ended before any task did: nothing was held while they ran.
	const [submitRun] = await until('the submitting execution', async () => (await executions(SUBMIT)).filter((e) => e.status === 'success'), 30_000);
	const submitMs = Date.parse(submitRun.stoppedAt) - Date.parse(submitRun.startedAt);
	expect(submitMs).toBeLessThan(TASK_MS);

	await sim.waitForCallbacks(4, 60_000);
	expect(sim.callbacks.every((c) => c.status === 200)).toBe(true);
	expect(Date.parse(submitRun.stoppedAt)).toBeLessThan(Math.min(...sim.callbacks.map((c) => c.sentAt)));

	const runs = await until(
		'four receiving executions',
		async () => {
			const list = await executions(RECEIVE);
			return list.length >= 4 && list;
		},
		60_000,
	);
	expect(runs).toHaveLength(4);
	const received = [];
	for (const summary of runs) {
		const run = await execution(summary.id);
		const runData = run.data.resultData.runData;
		const taskId = runData['CometAPI callback'][0].data.main[0][0].json.body.task_id;
		const fromCallback = runData['From Callback'][0];
		received.push({ taskId, status: run.status, runData, fromCallback, startedAt: Date.parse(run.startedAt) });
	}
	const [a, b, c] = ids;
	const of = (id) => received.filter((r) => r.taskId === id);
	expect(of(a)).toHaveLength(1);
	expect(of(b)).toHaveLength(2);
	expect(of(c)).toHaveLength(1);

	const stored = [];
	for (const r of [...of(a), ...of(b)]) {
		expect(r.status).toBe('success');
		const [item] = r.fromCallback.data.main[0];
		expect(item.json).toMatchObject({ taskId: r.taskId, route: 'feed', status: 'SUCCEEDED', verified: true });
		expect(item.json.videoUrl).toBe(`${sim.baseUrl}/cdn/videos/${r.taskId}.mp4`);
		const [kept] = r.runData['Store the video'][0].data.main[0];
		expect(kept.binary.data.mimeType).toBe('video/mp4');
		expect(n8n.readBinary(kept, 'data').equals(expectedVideoBytes(r.taskId, 64 * 1024))).toBe(true);
		stored.push(item.json);
	}
	// The duplicate callback gave the same result.
	const [first, second] = of(b).map((r) => r.fromCallback.data.main[0][0].json);
	const { finishedAt: _f1, ...one } = first;
	const { finishedAt: _f2, ...two } = second;
	expect(two).toEqual(one);

	// The forged callback: refused, nothing stored, its URL never fetched.
	const [forged] = of(c);
	expect(forged.status).toBe('error');
	expect(forged.fromCallback.error.message).toBe(
		`The callback for task ${c} was not trusted: its video URL ${sim.baseUrl}/cdn/forged/${c}.mp4 is not one CometAPI gives for this task`,
	);
	expect(forged.runData['Store the video']).toBeUndefined();
	expect(sim.cdnRequests().map((r) => r.path)).not.toContain(`/cdn/forged/${c}.mp4`);

	// Callback to item: from the simulator's POST to From Callback's item with the video.
	const toItem = [...of(a), ...of(b)].map((r) => {
		const sent = sim.callbacks.filter((cb) => cb.taskId === r.taskId && cb.sentAt <= r.startedAt + 50).pop();
		return r.fromCallback.startTime + r.fromCallback.executionTime - sent.sentAt;
	});
	process.stderr.write(
		`\n[e2e callback] submission: execution ${submitMs} ms (HTTP answer ${answeredMs} ms) for 3 rows of ${TASK_MS} ms tasks; ` +
			`callback → item with video: ${toItem.map((ms) => `${ms} ms`).join(', ')}\n`,
	);
	expect(Math.max(...toItem)).toBeLessThan(10_000);
});
