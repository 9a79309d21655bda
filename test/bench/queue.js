'use strict';
/**
 * Queue-mode bench: the cached n8n 2.41.0 as main + workers on PostgreSQL and Redis
 * (test/e2e/queue/cluster.js), the webhook workflows of test/e2e/queue/workflows.js, and the
 * CometAPI simulator in this process.
 *   A. Wall: one execution of 10 rows, then 20 executions of 10 rows at once (two workers,
 *      concurrency 10 each), tasks of T = 20 s; the ratio of the two walls (goal ≤ 1.5).
 *   B. Memory in database binary mode (queue mode's default): one worker, restarted before each
 *      run and warmed up with one small download; then one execution of R rows of 50 MB videos with
 *      k downloads at once. Peak RSS growth of the worker's process tree over its RSS before the
 *      run: VmHWM after a reset through /proc/<pid>/clear_refs (exact peak), and VmRSS sampled
 *      every 50 ms. k = 1, 2, 3, 5 with 10 rows, then 50 rows at the proposed default and at 5.
 * Run alone: `node test/bench/queue.js` after `npm run build`; `npm run bench` runs it as the
 * section "queue". Settings: BENCH_QUEUE_ONLY=wall or =memory runs one part;
 * BENCH_QUEUE_K=1,2,3,5 (k of the 10-row runs), BENCH_QUEUE_DEFAULT=2 and BENCH_QUEUE_BIG_K=2,5
 * (k of the 50-row runs); BENCH_QUEUE_BINARY_MODE=filesystem measures that mode instead (all
 * processes on one host share the user folder).
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const { table } = require('./common');
const harness = require(path.join(ROOT, 'test', 'e2e', 'harness'));
const { startCluster } = require(path.join(ROOT, 'test', 'e2e', 'queue', 'cluster'));
const { batchWorkflow, downloadWorkflow, rows } = require(path.join(ROOT, 'test', 'e2e', 'queue', 'workflows'));

const MB = 1024 * 1024;
const T_MS = 20_000;
const EXECUTIONS = 20;
const ROWS = 10;
const VIDEO_MB = 50;
const MEMORY_ROWS = 10;
const BIG_ROWS = 50;
const GOAL_RATIO = 1.5;
const GOAL_GROWTH_MB = 400;
const K_VALUES = (process.env.BENCH_QUEUE_K || '1,2,3,5').split(',').map(Number);
const PROPOSED_DEFAULT = Number(process.env.BENCH_QUEUE_DEFAULT || 2);
const BIG_K_VALUES = (process.env.BENCH_QUEUE_BIG_K || `${PROPOSED_DEFAULT},5`).split(',').map(Number);
/** n8n's binary data mode; queue mode's default is `database`. `filesystem` (one host, shared folder) compares. */
const BINARY_MODE = process.env.BENCH_QUEUE_BINARY_MODE || 'database';
const API_KEY = 'bench-queue-key';
const PARTS = new Set((process.env.BENCH_QUEUE_ONLY || 'wall,memory').split(',').map((x) => x.trim()));

const s = (ms, digits = 1) => (ms / 1000).toFixed(digits);
const mb = (bytes) => (bytes / MB).toFixed(0);
const verdict = (ok) => (ok ? 'ok' : 'MISSED');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// A process tree's memory, from /proc
// ---------------------------------------------------------------------------------------------

/** `pid` and all its descendants. */
function processTree(pid) {
	const parentOf = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			// Fields after the command name (which may hold spaces): state, ppid, ...
			parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			/* ended meanwhile */
		}
	}
	const tree = [pid];
	for (let i = 0; i < tree.length; i++) {
		for (const [child, parent] of parentOf) if (parent === tree[i]) tree.push(child);
	}
	return tree;
}

/** { rss, hwm } in bytes, or null when the process is gone. */
function memoryOf(pid) {
	try {
		const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (name) => Number((text.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm')) ?? [])[1] ?? 0) * 1024;
		return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
	} catch {
		return null;
	}
}

/** Resets a process's VmHWM to its current RSS (Linux ≥ 4.0, own processes). */
function resetPeak(pid) {
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/** Runs `fn` while watching the memory of `pid`'s process tree; returns { value, memory }. */
async function watchMemory(pid, fn) {
	let tree = processTree(pid);
	const base = new Map(tree.map((p) => [p, memoryOf(p)?.rss ?? 0]));
	const baseTotal = [...base.values()].reduce((a, b) => a + b, 0);
	const exact = tree.map(resetPeak).every(Boolean);
	let peakSampled = baseTotal;
	let ticks = 0;
	const seen = new Set(tree);
	const sampler = setInterval(() => {
		if (++ticks % 20 === 0) {
			tree = processTree(pid);
			for (const p of tree) seen.add(p);
		}
		const total = tree.reduce((sum, p) => sum + (memoryOf(p)?.rss ?? 0), 0);
		if (total > peakSampled) peakSampled = total;
	}, 50);
	let value;
	try {
		value = await fn();
	} finally {
		clearInterval(sampler);
	}
	// Each process's own peak over its RSS before the run (the whole peak for a process started
	// during the run): exact per process, an upper bound for the tree when several grow.
	let hwmGrowth = 0;
	for (const p of seen) {
		const m = memoryOf(p);
		if (m) hwmGrowth += Math.max(0, m.hwm - (base.get(p) ?? 0));
	}
	return { value, memory: { baseTotal, sampledGrowth: peakSampled - baseTotal, hwmGrowth, exact, processes: seen.size } };
}

// ---------------------------------------------------------------------------------------------
// Runs
// ---------------------------------------------------------------------------------------------

function checkAnswer(answer, expectedRows) {
	const items = Array.isArray(answer.body) ? answer.body : [];
	const ok = items.filter((item) => item.status === 'SUCCEEDED').length;
	const problem =
		answer.status !== 200 ? `HTTP ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}` : items.length !== expectedRows ? `${items.length} items for ${expectedRows} rows` : null;
	return { items, ok, problem };
}

async function wallSection(cluster, sim, out) {
	// Warm-up: every worker loads the node and its code paths once.
	await Promise.all(Array.from({ length: 4 }, (_, i) => cluster.webhook('bench-rows', { rows: rows(2, `warm${i}`, { directives: 'duration=300' }) })));
	let t0 = Date.now();
	const single = checkAnswer(await cluster.webhook('bench-rows', { rows: rows(ROWS, 'one', { directives: `duration=${T_MS}` }) }), ROWS);
	const wallOne = Date.now() - t0;

	sim.reset();
	const before = cluster.workers.map((w) => w.startedExecutions().length);
	t0 = Date.now();
	const answers = await Promise.all(
		Array.from({ length: EXECUTIONS }, (_, e) => cluster.webhook('bench-rows', { rows: rows(ROWS, `many${e}`, { directives: `duration=${T_MS}` }) })),
	);
	const wallMany = Date.now() - t0;
	const many = answers.map((a) => checkAnswer(a, ROWS));
	const took = cluster.workers.map((w, i) => w.startedExecutions().length - before[i]);
	const okMany = many.reduce((sum, r) => sum + r.ok, 0);
	const ratio = wallMany / wallOne;

	out(`wall, tasks of T = ${s(T_MS, 0)} s, poll interval 2 s: 1 × ${ROWS} rows ${s(wallOne, 2)} s (${single.ok}/${ROWS} SUCCEEDED); ` +
		`${EXECUTIONS} × ${ROWS} rows at once ${s(wallMany, 2)} s (${okMany}/${EXECUTIONS * ROWS} SUCCEEDED, ${sim.createRequests().length} creates, executions per worker ${took.join(' + ')})`);
	for (const r of [single, ...many]) if (r.problem) out(`  problem: ${r.problem}`);
	out(`bench: queue-mode wall ratio ${EXECUTIONS}×${ROWS} rows / 1×${ROWS} rows = ${ratio.toFixed(2)} (goal ≤ ${GOAL_RATIO}: ${verdict(ratio <= GOAL_RATIO)})`);
	return { wallOne, wallMany, ratio };
}

async function memoryRun(cluster, sim, { k, rowCount, tag }) {
	const worker = await cluster.restartWorker(0);
	const warm = checkAnswer(await cluster.webhook('bench-memory', { rows: rows(1, `${tag}-warm`, { directives: 'duration=300 videoBytes=65536', concurrency: 1 }) }), 1);
	if (warm.problem || warm.ok !== 1) throw new Error(`memory warm-up failed: ${warm.problem ?? JSON.stringify(warm.items).slice(0, 300)}`);
	await sleep(2000);
	sim.reset();
	const videoBytes = VIDEO_MB * MB;
	const t0 = Date.now();
	const { value: answer, memory } = await watchMemory(worker.pid, () =>
		cluster.webhook('bench-memory', { rows: rows(rowCount, tag, { directives: `duration=2000 videoBytes=${videoBytes}`, concurrency: k }) }),
	);
	const wall = Date.now() - t0;
	const result = checkAnswer(answer, rowCount);
	const stored = await storedVideos(cluster, result.items.map((item) => `${item.taskId}.mp4`), videoBytes);
	return { k, rowCount, wall, ok: result.ok, problem: result.problem, storedFiles: stored.files, storedBytes: stored.bytes, videoBytes, ...memory };
}

/** How many of the named videos n8n stored (and how many bytes), then removes them for the next run. */
async function storedVideos(cluster, names, videoBytes) {
	if (BINARY_MODE === 'database') {
		const [row] = await cluster.postgres.query(
			'SELECT count(*)::int AS files, coalesce(sum("fileSize"), 0)::bigint AS bytes FROM binary_data WHERE "fileName" = ANY($1)',
			[names],
		);
		await cluster.postgres.query('DELETE FROM binary_data WHERE "fileName" = ANY($1)', [names]);
		return { files: row.files, bytes: Number(row.bytes) };
	}
	// Other modes: the files of that size in the user folder's store (names there are n8n's own ids).
	const dir = path.join(cluster.n8n.folder, '.n8n', 'storage');
	const files = fs.existsSync(dir)
		? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => path.join(f.parentPath ?? f.path, f.name))
		: [];
	const videos = files.filter((f) => fs.statSync(f).size === videoBytes);
	for (const f of videos) fs.rmSync(f, { force: true });
	return { files: Math.min(videos.length, names.length), bytes: Math.min(videos.length, names.length) * videoBytes };
}

async function memorySection(cluster, sim, out) {
	await cluster.stopWorker(1);
	const runs = [];
	for (const k of K_VALUES) runs.push(await memoryRun(cluster, sim, { k, rowCount: MEMORY_ROWS, tag: `k${k}` }));
	const big = [];
	for (const k of new Set([PROPOSED_DEFAULT, ...BIG_K_VALUES])) big.push(await memoryRun(cluster, sim, { k, rowCount: BIG_ROWS, tag: `big${k}` }));
	out(
		table(
			['downloads at once (k)', 'rows', 'videos stored', 'worker base MB', 'peak growth MB (VmHWM)', 'sampled MB', 'growth / k MB', 'wall s'],
			[...runs, ...big].map((r) => [
				r.k,
				r.rowCount,
				`${r.storedFiles}/${r.rowCount}${r.storedBytes === r.rowCount * r.videoBytes ? '' : ' WRONG SIZE'}`,
				mb(r.baseTotal),
				mb(r.hwmGrowth),
				mb(r.sampledGrowth),
				mb(r.hwmGrowth / r.k),
				s(r.wall),
			]),
		),
	);
	for (const r of [...runs, ...big]) {
		if (r.problem || r.ok !== r.rowCount) out(`  k=${r.k}, ${r.rowCount} rows: ${r.ok} SUCCEEDED; ${r.problem ?? ''}`);
		if (!r.exact) out(`  k=${r.k}, ${r.rowCount} rows: VmHWM could not be reset; the VmHWM column is the process's peak since it started`);
	}
	// Least-squares slope of growth over k: what one more download at once costs.
	if (runs.length >= 2) {
		const mk = runs.reduce((a, r) => a + r.k, 0) / runs.length;
		const mg = runs.reduce((a, r) => a + r.hwmGrowth, 0) / runs.length;
		const slope = runs.reduce((a, r) => a + (r.k - mk) * (r.hwmGrowth - mg), 0) / runs.reduce((a, r) => a + (r.k - mk) ** 2, 0);
		out(`per download at once: ${mb(slope)} MB (slope over k = ${runs.map((r) => r.k).join(', ')}), fixed part ${mb(mg - slope * mk)} MB; video ${VIDEO_MB} MB`);
	}
	const chosen = big.find((r) => r.k === PROPOSED_DEFAULT);
	out(
		`bench: memory ${BINARY_MODE}-mode peak RSS growth of a worker, ${BIG_ROWS} × ${VIDEO_MB} MB at ${PROPOSED_DEFAULT} downloads at once = ${mb(chosen.hwmGrowth)} MB ` +
			`(goal < ${GOAL_GROWTH_MB} MB: ${verdict(chosen.hwmGrowth < GOAL_GROWTH_MB * MB && chosen.storedFiles === BIG_ROWS)})`,
	);
	return { runs, big };
}

/** The whole section; `out` prints one line. */
async function queueSection({ out = (line) => console.log(line), sections = PARTS } = {}) {
	const tarball = await harness.buildAndPack({ skipBuild: true });
	const sim = await harness.simulatorModule().startSimulator({ apiKey: API_KEY, taskDurationMs: T_MS });
	let cluster;
	try {
		cluster = await startCluster({
			apiKey: API_KEY,
			baseUrl: sim.baseUrl,
			tarball,
			workflows: [batchWorkflow('benchQueueRows', 'bench-rows'), downloadWorkflow('benchQueueMemory', 'bench-memory', { respond: 'json' })],
			workers: 2,
			env: BINARY_MODE === 'database' ? {} : { N8N_DEFAULT_BINARY_DATA_MODE: BINARY_MODE },
		});
		out(
			`Queue mode: n8n 2.41.0 main + ${cluster.workers.length} workers (concurrency 10 each), PostgreSQL ${cluster.postgres.version}, Redis; ` +
				`binary data mode ${BINARY_MODE}${BINARY_MODE === 'database' ? " (queue mode's default)" : ''}; cluster up in ${s(cluster.startMs)} s`,
		);
		const result = {};
		if (sections.has('wall')) result.wall = await wallSection(cluster, sim, out);
		if (sections.has('memory')) result.memory = await memorySection(cluster, sim, out);
		return result;
	} finally {
		await cluster?.stop();
		await sim.close();
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
}

module.exports = { queueSection, processTree, memoryOf, watchMemory };

if (require.main === module) {
	queueSection().then(
		() => process.exit(0),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
