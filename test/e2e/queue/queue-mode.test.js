'use strict';
// n8n in queue mode, as operators run it at scale: a main takes the webhooks, Redis holds the queue,
// two workers run the executions, PostgreSQL holds the data and, by default, the binary data.
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { simulatorModule } = require('../harness');
const { startCluster } = require('./cluster');
const { batchWorkflow, downloadWorkflow, rows } = require('./workflows');

const EXECUTIONS = 20;
const ROWS = 10;
const TASK_MS = 3000;
const DOWNLOAD_BYTES = 8 * 1024 * 1024;
const API_KEY = `sk-queue-${crypto.randomBytes(12).toString('hex')}`;

const batch = batchWorkflow('queueBatchRows', 'queue-rows');
const download = downloadWorkflow('queueDownload', 'queue-download');

const sha256 = (buffer) => crypto.createHash('sha256').update(buffer).digest('hex');

let sim;
let cluster;
beforeAll(async () => {
	sim = await simulatorModule().startSimulator({ apiKey: API_KEY, taskDurationMs: TASK_MS });
	// Debug logs: the most n8n writes, for the check that the API key is in none of them.
	cluster = await startCluster({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, workflows: [batch, download], workers: 2, logLevel: 'debug' });
	process.stderr.write(
		`[queue] PostgreSQL ${cluster.postgres.version} :${cluster.postgres.port}, Redis :${cluster.redis.port}, ` +
			`main :${new URL(cluster.main.url).port}, ${cluster.workers.length} workers; up in ${(cluster.startMs / 1000).toFixed(1)} s\n`,
	);
});
afterAll(async () => {
	await cluster?.stop();
	await sim?.close();
});

test(`${EXECUTIONS} executions × ${ROWS} rows at once: every item SUCCEEDED and paired to its row, one create per row, both workers used`, async () => {
	sim.reset();
	const before = cluster.workers.map((w) => w.startedExecutions().length);
	const t0 = Date.now();
	const answers = await Promise.all(
		Array.from({ length: EXECUTIONS }, (_, e) => cluster.webhook('queue-rows', { rows: rows(ROWS, `e${e}`, { directives: `duration=${TASK_MS}` }) })),
	);
	process.stderr.write(`[queue] ${EXECUTIONS} × ${ROWS} rows answered in ${Date.now() - t0} ms\n`);

	const seenTasks = new Set();
	answers.forEach((answer, e) => {
		expect({ execution: e, status: answer.status }).toEqual({ execution: e, status: 200 });
		expect(Array.isArray(answer.body)).toBe(true);
		expect(answer.body).toHaveLength(ROWS);
		answer.body.forEach((item, i) => {
			const rowId = `e${e}-r${i}`;
			expect({ rowId: item.rowId, status: item.status }).toEqual({ rowId, status: 'SUCCEEDED' });
			const task = sim.tasks.get(item.taskId);
			expect(task).toBeDefined();
			// The task created for this item came from this row's prompt and image.
			expect(task.prompt.startsWith(`Row ${rowId}:`)).toBe(true);
			expect(task.body.promptImage).toBe(`https://images.example.com/e${e}/${i}.jpg`);
			expect(item.videoUrl).toBe(`${sim.baseUrl}/cdn/videos/${item.taskId}.mp4`);
			seenTasks.add(item.taskId);
		});
	});
	expect(seenTasks.size).toBe(EXECUTIONS * ROWS);

	// One create per row, never repeated.
	const creates = sim.createRequests();
	expect(creates).toHaveLength(EXECUTIONS * ROWS);
	const perRow = new Map();
	for (const r of creates) {
		const row = String(r.body.promptText ?? r.body.prompt).match(/^Row (\S+):/)[1];
		perRow.set(row, (perRow.get(row) ?? 0) + 1);
	}
	expect(perRow.size).toBe(EXECUTIONS * ROWS);
	expect([...perRow.values()].every((n) => n === 1)).toBe(true);

	// Both workers took executions, and together exactly these.
	const took = cluster.workers.map((w, i) => w.startedExecutions().length - before[i]);
	process.stderr.write(`[queue] executions per worker: ${took.join(', ')}\n`);
	expect(took.every((n) => n > 0)).toBe(true);
	expect(took.reduce((a, b) => a + b, 0)).toBe(EXECUTIONS);

	const finished = await cluster.postgres.query(
		`SELECT status, count(*)::int AS n FROM execution_entity WHERE "workflowId" = $1 GROUP BY status`,
		[batch.id],
	);
	expect(finished).toEqual([{ status: 'success', n: EXECUTIONS }]);
});

test('a downloaded video is stored in PostgreSQL (database binary mode) and arrives intact', async () => {
	sim.reset();
	const answer = await cluster.webhook(
		'queue-download',
		{ rows: rows(1, 'dl', { directives: `duration=2000 videoBytes=${DOWNLOAD_BYTES}`, concurrency: 2 }) },
		{ raw: true },
	);
	expect(answer.status).toBe(200);
	expect(answer.headers.get('content-type')).toMatch(/^video\/mp4/);
	expect(sim.createRequests()).toHaveLength(1);
	const [taskId] = sim.tasks.keys();
	const expected = simulatorModule().expectedVideoBytes(taskId, DOWNLOAD_BYTES);
	expect(answer.body.length).toBe(DOWNLOAD_BYTES);
	expect(sha256(answer.body)).toBe(sha256(expected));
	expect(sim.cdnRequests()).toHaveLength(1);

	// The bytes live in n8n's binary_data table, tied to the execution, not in a file.
	const stored = await cluster.postgres.query(
		`SELECT "sourceType" AS "sourceType", "mimeType" AS "mimeType", "fileName" AS "fileName", "fileSize" AS "fileSize", encode(sha256(data), 'hex') AS sha
		 FROM binary_data WHERE "fileName" = $1`,
		[`${taskId}.mp4`],
	);
	expect(stored).toEqual([{ sourceType: 'execution', mimeType: 'video/mp4', fileName: `${taskId}.mp4`, fileSize: DOWNLOAD_BYTES, sha: sha256(expected) }]);
	const files = fs.readdirSync(cluster.n8n.folder, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
	const sameSize = files.filter((f) => fs.statSync(path.join(f.parentPath ?? f.path, f.name)).size === DOWNLOAD_BYTES);
	expect(sameSize).toEqual([]);
});

test('the API key is in no log (main, workers, PostgreSQL, Redis) and in no stored execution', async () => {
	const logs = cluster.logFiles();
	const names = logs.map((f) => path.basename(f)).sort();
	expect(names).toEqual(['main.log', 'postgres.log', 'redis.log', 'worker-1.log', 'worker-2.log']);
	for (const file of logs) {
		const text = fs.readFileSync(file, 'utf8');
		expect({ file: path.basename(file), hasKey: text.includes(API_KEY) }).toEqual({ file: path.basename(file), hasKey: false });
	}
	expect(cluster.workers.every((w) => w.log().includes('Worker finished execution'))).toBe(true);
	const leaks = await cluster.postgres.query(
		`SELECT count(*)::int AS n FROM execution_data WHERE data LIKE '%' || $1 || '%' OR "workflowData"::text LIKE '%' || $1 || '%'`,
		[API_KEY],
	);
	expect(leaks).toEqual([{ n: 0 }]);
	const executions = await cluster.postgres.query('SELECT count(*)::int AS n FROM execution_data');
	expect(executions[0].n).toBeGreaterThanOrEqual(EXECUTIONS + 1);
});

test('stopping leaves no process, no open port and no folder behind', async () => {
	const ports = [cluster.postgres.port, cluster.redis.port, Number(new URL(cluster.main.url).port)];
	const { root } = cluster;
	await cluster.stop();
	expect(cluster.anyAlive()).toBe(false);
	expect(fs.existsSync(root)).toBe(!!process.env.E2E_KEEP); // E2E_KEEP keeps the folder for a look
	const open = await Promise.all(
		ports.map(
			(port) =>
				new Promise((resolve) => {
					const socket = net.connect(port, '127.0.0.1');
					socket.on('connect', () => {
						socket.destroy();
						resolve(port);
					});
					socket.on('error', () => resolve(null));
				}),
		),
	);
	expect(open.filter(Boolean)).toEqual([]);
});
