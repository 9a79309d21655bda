'use strict';
/**
 * The project benchmark: `npm run bench` (build, then this file).
 *   1. Batch wait: N = 1, 10, 50 tasks of scaled duration T = 20 s, poll interval 2 s, run one
 *      after another, each on a fresh simulator; plus a stop after 5 s with N = 10.
 *   2. Memory: 20 videos of 50 MB downloaded in a child process, with n8n-core's binary data
 *      in filesystem mode, then in n8n's in-memory ('default') mode for comparison.
 *   3. Soak: test/faults/soak.js runSoak({ items: 200, seed }) when that file exists.
 *   4. Hostile: test/bench/hostile.js (stop during creates; detection with 5 slow downloads).
 *   5. Queue mode: test/bench/queue.js (n8n main + workers on PostgreSQL and Redis): wall time of
 *      20 executions × 10 rows against 1 × 10 rows, and a worker's memory in database binary mode.
 * All ratios are measured within this one run; the machine is shared, so absolute times wobble.
 *   2b. Binary inputs: 40 rows with a binary video each in n8n's binary store (filesystem mode),
 *      Max Concurrent Requests 2, each create held by the simulator; a child's peak RSS growth
 *      from a baseline taken once the inputs are stored, right before the node runs.
 * BENCH_ONLY=batch,memory,binary,soak,hostile,queue (any subset) runs only those sections; the default is all.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const { ROOT, MB, startSimulator, runNode, imageToVideoParameters, percentile, mean, table } = require('./common');

// Node's process warnings are collected and printed once, deduplicated, at the end.
const warnings = new Map();
function noteWarning(where, name, message) {
	const key = `${name}: ${message}`;
	const entry = warnings.get(key) ?? { where: new Set() };
	entry.where.add(where);
	warnings.set(key, entry);
}
process.removeAllListeners('warning');
process.on('warning', (w) => noteWarning('bench process', w.name, w.message));

const T_MS = 20_000;
const INTERVAL_S = 2;
const BATCH_SIZES = [1, 10, 50];
const CANCEL_N = 10;
const CANCEL_AFTER_MS = 5_000;
const MEMORY_TASKS = 20;
const MEMORY_MB = 50;
const MEMORY_TASK_MS = 3_000;
const SOAK_ITEMS = 200;
const SOAK_SEED = 20240601;
const API_KEY = 'test-api-key';
const BINARY_ROWS = 40;
const BINARY_CAP = 2;
const BINARY_HOLD_MS = 1_500;
const SECTIONS = new Set((process.env.BENCH_ONLY || 'batch,memory,binary,soak,hostile,queue').split(',').map((x) => x.trim()));

const s = (ms, digits = 2) => (ms / 1000).toFixed(digits);
const mb = (bytes) => (bytes / MB).toFixed(0);
const verdict = (ok) => (ok ? 'ok' : 'MISSED');

function header() {
	const version = (name) => {
		try {
			return require(require.resolve(`${name}/package.json`, { paths: [ROOT] })).version;
		} catch {
			return '?';
		}
	};
	const os = require('node:os');
	return `bench: node ${process.version}, n8n-core ${version('n8n-core')}, n8n-workflow ${version('n8n-workflow')}, ${os.cpus().length} cpus, ${new Date().toISOString()}`;
}

/** One batch of N tasks of duration T on a fresh simulator. */
async function batch(n) {
	const sim = await startSimulator({ apiKey: API_KEY, taskDurationMs: T_MS });
	try {
		const items = Array.from({ length: n }, (_, i) => ({ json: { prompt: `batch N=${n} item ${i}` } }));
		const t0 = Date.now();
		const result = await runNode({
			parameters: imageToVideoParameters(),
			items,
			credentials: { apiKey: API_KEY, baseUrl: sim.baseUrl },
		});
		const returnedAt = result.nodeReturnedAt ?? Date.now();
		const wall = returnedAt - t0;
		const out = result.items.map((item) => item.json);
		const ok = out.filter((json) => json.status === 'SUCCEEDED');
		const polls = ok.map((json) => sim.statusRequests(json.taskId).length);
		const pollsReported = ok.filter((json, i) => json.polls === polls[i]).length;
		const delays = ok.map((json) => Date.parse(json.finishedAt) - sim.finishTimeOf(json.taskId));
		// Gaps between one task's consecutive status requests, as the simulator saw them.
		const gaps = [];
		for (const json of ok) {
			const at = sim.statusRequests(json.taskId).map((r) => r.at);
			for (let i = 1; i < at.length; i++) gaps.push(at[i] - at[i - 1]);
		}
		return {
			n,
			wall,
			error: result.error ? result.error.message : null,
			succeeded: ok.length,
			creates: sim.createRequests().length,
			pollsMean: mean(polls),
			pollsMax: Math.max(...polls),
			pollsReported,
			delayP50: percentile(delays, 50),
			delayP95: percentile(delays, 95),
			delayMax: Math.max(...delays),
			gaps,
		};
	} finally {
		await sim.close();
	}
}

/** N = 10 tasks, execution stopped after 5 s: how fast does the node give the execution back? */
async function cancelRun() {
	const sim = await startSimulator({ apiKey: API_KEY, taskDurationMs: T_MS });
	try {
		const items = Array.from({ length: CANCEL_N }, (_, i) => ({ json: { prompt: `cancel item ${i}` } }));
		const result = await runNode({
			parameters: imageToVideoParameters(),
			items,
			credentials: { apiKey: API_KEY, baseUrl: sim.baseUrl },
			cancelAfterMs: CANCEL_AFTER_MS,
		});
		const settledAt = result.nodeReturnedAt;
		const message = result.error ? String(result.error.message) : '';
		const taskIds = [...sim.tasks.keys()];
		const lateRequests = sim.requests.filter((r) => r.at > (settledAt ?? Infinity)).length;
		return {
			cancelledAt: result.cancelledAt,
			settledAt,
			toReturn: settledAt === undefined ? null : settledAt - result.cancelledAt,
			submitted: taskIds.length,
			named: taskIds.filter((id) => message.includes(id)).length,
			lateRequests,
		};
	} finally {
		await sim.close();
	}
}

/**
 * Starts a memory child and waits until it has loaded everything and says READY; it then waits on
 * stdin for the simulator's URL.
 */
async function spawnMemoryChild(mode) {
	const child = startMemoryChild(mode);
	await child.ready;
	return child;
}

function startMemoryChild(mode) {
	const child = spawn(
		process.execPath,
		['--expose-gc', path.join(__dirname, 'memory.js'), '--mode', mode, '--tasks', String(MEMORY_TASKS), '--mb', String(MEMORY_MB), '--api-key', API_KEY],
		{ stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, N8N_USER_FOLDER: '' } },
	);
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8');
	child.stdout.on('data', (chunk) => (stdout += chunk));
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
	const ready = new Promise((resolve) => {
		child.stdout.on('data', () => (stdout.includes('READY') ? resolve(true) : undefined));
		exited.then(() => resolve(false));
		setTimeout(() => resolve(false), 30_000).unref();
	});
	return {
		mode,
		ready,
		async run() {
			const sim = await startSimulator({ apiKey: API_KEY, taskDurationMs: MEMORY_TASK_MS, videoBytes: MEMORY_MB * MB });
			try {
				if (child.exitCode === null) child.stdin.write(`${JSON.stringify({ baseUrl: sim.baseUrl })}\n`);
				const code = await exited;
				const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
				const report = line
					? JSON.parse(line.slice('RESULT '.length))
					: { fatal: `no result (exit ${code}): ${(stderr || stdout).trim().split('\n').slice(0, 6).join(' | ')}` };
				report.mode = mode;
				if (stderr.trim() && !report.fatal) report.stderr = stderr.trim().split('\n')[0];
				for (const w of report.warnings ?? []) noteWarning(`${mode} child`, w.name, w.message);
				const cdn = sim.cdnRequests().filter((r) => report.startedAt && r.at >= report.startedAt);
				report.cdnRequests = cdn.length;
				report.firstDownloadAt = cdn.length ? Math.min(...cdn.map((r) => r.at)) : null;
				return report;
			} finally {
				await sim.close();
			}
		},
		kill() {
			if (child.exitCode === null) child.kill();
		},
	};
}

function memoryRows(reports) {
	const rows = [];
	for (const r of reports) {
		const label = r.mode === 'filesystem' ? 'filesystem (streams to disk)' : 'default (in memory, comparison)';
		if (r.fatal) {
			rows.push([label, 'FAILED', '', '', '', '', '', '']);
			continue;
		}
		const peak = Math.max(r.peakRssSampled, r.maxRss);
		const seconds = (r.returnedAt - r.firstDownloadAt) / 1000;
		rows.push([
			label,
			`${r.storedFiles}/${r.tasks}`,
			mb(r.baselineRss),
			mb(peak),
			mb(peak - r.baselineRss),
			mb(r.storedBytesTotal),
			(r.storedBytesTotal / MB / seconds).toFixed(0),
			r.mode === 'filesystem' ? `${r.disk.files} files, ${mb(r.disk.total)} MB` : 'none',
		]);
	}
	return rows;
}

async function soak() {
	const file = path.join(ROOT, 'test', 'faults', 'soak.js');
	if (!fs.existsSync(file)) return ['soak: skipped (test/faults/soak.js not present)'];
	const mod = require(file);
	if (typeof mod.runSoak !== 'function') return ['soak: skipped (test/faults/soak.js does not export runSoak)'];
	const t0 = Date.now();
	let figures;
	try {
		figures = await mod.runSoak({ items: SOAK_ITEMS, seed: SOAK_SEED });
	} catch (error) {
		return [`soak: FAILED after ${s(Date.now() - t0, 1)} s: ${String(error?.message ?? error).split('\n')[0]}`];
	}
	const lines = [`soak: runSoak({ items: ${SOAK_ITEMS}, seed: ${SOAK_SEED} }) took ${s(Date.now() - t0, 1)} s`];
	if (figures && typeof figures === 'object') {
		for (const [key, value] of Object.entries(figures)) {
			const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
			lines.push(`  ${key}: ${key === 'line' || text.length <= 110 ? text : `${text.slice(0, 107)}...`}`);
		}
	} else {
		lines.push(`  ${String(figures)}`);
	}
	return lines;
}

async function main() {
	const started = Date.now();
	console.log(header());
	const children = SECTIONS.has('memory') ? await Promise.all([spawnMemoryChild('filesystem'), spawnMemoryChild('default')]) : [];
	if (SECTIONS.has('batch')) await batchSection();
	if (SECTIONS.has('memory')) await memorySection(children);
	if (SECTIONS.has('binary')) await binarySection();
	if (SECTIONS.has('soak')) {
		console.log('');
		for (const line of await soak()) console.log(line);
	}
	if (SECTIONS.has('hostile')) {
		console.log('');
		console.log('4. Hostile conditions (issue 9)');
		for (const line of await require('./hostile').hostileSection()) console.log(line);
	}
	if (SECTIONS.has('queue')) {
		console.log('');
		await require('./queue').queueSection();
	}
	console.log('');
	for (const [key, entry] of warnings) console.log(`node warning (${[...entry.where].join(', ')}): ${key}`);
	console.log(`bench: total ${s(Date.now() - started, 0)} s`);
	for (const child of children) child.kill();
}

async function batchSection() {
	console.log('');
	console.log(`1. Batch wait: scaled task duration T = ${s(T_MS, 0)} s, poll interval ${INTERVAL_S} s (each node wait 85–100% of it), maxConcurrentRequests 5; N run one after another`);
	const batches = [];
	for (const n of BATCH_SIZES) batches.push(await batch(n));
	console.log(
		table(
			['N', 'ok', 'creates', 'wall s', 'wall/T', 'speed-up N·T/wall', 'polls/task mean (max)', 'detect p50 s', 'detect p95 s', 'detect max s'],
			batches.map((b) => [
				b.n,
				`${b.succeeded}/${b.n}`,
				b.creates,
				s(b.wall),
				(b.wall / T_MS).toFixed(2),
				((b.n * T_MS) / b.wall).toFixed(1),
				`${b.pollsMean.toFixed(1)} (${b.pollsMax})`,
				s(b.delayP50),
				s(b.delayP95),
				s(b.delayMax),
			]),
		),
	);
	for (const b of batches) {
		if (b.error) console.log(`  N=${b.n} error: ${b.error}`);
		if (b.pollsReported !== b.succeeded) console.log(`  N=${b.n}: item.polls differs from the simulator's count for ${b.succeeded - b.pollsReported} items`);
	}
	const gaps = batches.flatMap((b) => b.gaps);
	console.log(
		`poll gaps seen by the simulator (all N, ${gaps.length} gaps): min ${s(Math.min(...gaps))}, p50 ${s(percentile(gaps, 50))}, p95 ${s(percentile(gaps, 95))}, max ${s(Math.max(...gaps))} s`,
	);
	const cancel = await cancelRun();
	const c = cancel.toReturn;
	console.log(
		`stop: N=${CANCEL_N}, stopped after ${s(CANCEL_AFTER_MS, 0)} s: execute() returned ${c === null ? 'never' : `${c} ms`} after the stop; ` +
			`error names ${cancel.named}/${cancel.submitted} task IDs; ${cancel.lateRequests} requests after return`,
	);
	const last = batches[batches.length - 1];
	const goals = [
		`wall/T ≤ 1.25 at N=50: ${verdict(last.wall / T_MS <= 1.25)}`,
		`polls/task ≤ ${T_MS / 1000 / INTERVAL_S + 2}: ${verdict(batches.every((b) => b.pollsMax <= T_MS / 1000 / INTERVAL_S + 2))}`,
		`detect p95 ≤ ${INTERVAL_S} s: ${verdict(batches.every((b) => b.delayP95 <= INTERVAL_S * 1000))}`,
		`stop → return ≤ 1 s: ${verdict(c !== null && c <= 1000)}`,
	];
	console.log(`goals: ${goals.join('; ')}`);
	console.log(`bench: N=50 wall/T = ${(last.wall / T_MS).toFixed(2)}`);
}

async function memorySection(children) {
	console.log('');
	console.log(`2. Memory: ${MEMORY_TASKS} tasks × ${MEMORY_MB} MB video, downloadOutput on, child process, RSS sampled every 50 ms (+ getrusage maxRSS)`);
	const reports = [];
	for (const child of children) reports.push(await child.run());
	console.log(
		table(['binary data mode', 'videos', 'base MB', 'peak MB', 'growth MB', 'downloaded MB', 'MB/s', 'on disk'], memoryRows(reports)),
	);
	for (const r of reports) {
		if (r.fatal) {
			console.log(`  ${r.mode}: ${r.fatal.slice(0, 400)}`);
			continue;
		}
		if (r.stderr) console.log(`  ${r.mode} child stderr: ${r.stderr}`);
		if (r.error || r.failures) console.log(`  ${r.mode}: ${r.failures} items without video; error: ${r.error}`);
		for (const check of r.checks) {
			console.log(
				`  ${r.mode} check ${check.taskId.slice(0, 8)}: ${check.size} bytes (${check.sizeOk ? '= 50 MB' : 'WRONG SIZE'}), content ${check.contentOk ? 'matches' : 'DIFFERS'}, ${check.where}`,
			);
		}
	}
	const fsReport = reports.find((r) => r.mode === 'filesystem' && !r.fatal);
	const memReport = reports.find((r) => r.mode === 'default' && !r.fatal);
	if (fsReport) {
		const growth = Math.max(fsReport.peakRssSampled, fsReport.maxRss) - fsReport.baselineRss;
		let line = `bench: memory filesystem-mode peak RSS growth = ${mb(growth)} MB (goal < 150 MB: ${verdict(growth < 150 * MB)})`;
		if (memReport) {
			const memGrowth = Math.max(memReport.peakRssSampled, memReport.maxRss) - memReport.baselineRss;
			line += `; in-memory mode ${mb(memGrowth)} MB (${(memGrowth / growth).toFixed(1)}×)`;
		}
		console.log(line);
	}
}

/**
 * One binary-inputs run in a child (test/bench/memory.js --scenario binary-inputs). The simulator
 * holds each create for BINARY_HOLD_MS, so the cap's worth are in flight, and keeps only the start
 * of each data URI it receives so that its own memory stays small.
 */
async function binaryInputsRun({ fileBytes, maxUriChars }) {
	const sim = await startSimulator({ apiKey: API_KEY, taskDurationMs: 500 });
	sim.fault('createOfficial', {
		kind: 'hold',
		holdMs: BINARY_HOLD_MS,
		times: Infinity,
		when: (record) => {
			const uri = record.body?.videoUri;
			if (typeof uri === 'string') record.body.videoUri = `${uri.slice(0, 40)}…(${uri.length} chars)`;
			return true;
		},
	});
	const args = ['--scenario', 'binary-inputs', '--rows', String(BINARY_ROWS), '--file-bytes', String(fileBytes), '--cap', String(BINARY_CAP)];
	if (maxUriChars) args.push('--max-uri-chars', String(maxUriChars));
	try {
		const child = spawn(process.execPath, ['--expose-gc', path.join(__dirname, 'memory.js'), ...args, '--base-url', sim.baseUrl, '--api-key', API_KEY], {
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, N8N_USER_FOLDER: '' },
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const code = await new Promise((resolve) => child.on('close', resolve));
		const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
		if (!line) return { fatal: `no result (exit ${code}): ${(stderr || stdout).trim().split('\n').slice(0, 6).join(' | ')}` };
		const report = JSON.parse(line.slice('RESULT '.length));
		if (report.fatal) return report;
		for (const w of report.warnings ?? []) noteWarning('binary-inputs child', w.name, w.message);
		const at = sim.createRequests().filter((r) => r.at >= report.startedAt).map((r) => r.at);
		report.creates = at.length;
		// Creates the simulator held at once: each is held BINARY_HOLD_MS from its arrival.
		report.maxInFlight = Math.max(0, ...at.map((t) => at.filter((u) => u <= t && u > t - BINARY_HOLD_MS).length));
		report.growth = Math.max(report.peakRssSampled, report.maxRss) - report.baselineRss;
		return report;
	} finally {
		await sim.close();
	}
}

async function binarySection() {
	const MAX_VALID = Math.floor((5 * MB - 'data:video/mp4;base64,'.length) / 4) * 3;
	console.log('');
	console.log(
		`2b. Binary inputs: ${BINARY_ROWS} rows, a binary MP4 each in n8n's binary store (filesystem mode), Upscale, Max Concurrent Requests ${BINARY_CAP}, ` +
			`each create held ${s(BINARY_HOLD_MS, 1)} s by the simulator; child process, RSS sampled every 50 ms (+ getrusage maxRSS)`,
	);
	const cases = [
		{ label: '11 MB, cap raised to 16 MB in the child', fileBytes: 11 * MB, maxUriChars: 16 * MB },
		{ label: `${(MAX_VALID / MB).toFixed(2)} MB (largest valid at 5 MB)`, fileBytes: MAX_VALID },
		{ label: '11 MB at the 5 MB cap (all refused)', fileBytes: 11 * MB },
	];
	const reports = [];
	for (const c of cases) reports.push({ ...c, ...(await binaryInputsRun(c)) });
	console.log(
		table(
			['files', 'sent', 'refused', 'max in flight', 'base MB', 'peak MB', 'growth MB'],
			reports.map((r) =>
				r.fatal
					? [r.label, 'FAILED', '', '', '', '', '']
					: [r.label, `${r.creates}/${BINARY_ROWS}`, r.refused, r.maxInFlight, mb(r.baselineRss), mb(Math.max(r.peakRssSampled, r.maxRss)), mb(r.growth)],
			),
		),
	);
	for (const r of reports) {
		if (r.fatal) console.log(`  ${r.label}: ${r.fatal.slice(0, 400)}`);
		else if (r.error) console.log(`  ${r.label}: error ${r.error}`);
	}
	const [raised, valid, refused] = reports;
	if (refused && !refused.fatal) console.log(`  refusal: ${refused.firstRefusal}`);
	if (raised && !raised.fatal) {
		console.log(`binary inputs: ${BINARY_ROWS} rows x 11 MB, cap ${BINARY_CAP}: peak growth ${mb(raised.growth)} MB (goal < 150 MB: ${verdict(raised.growth < 150 * MB)}; data-URI cap raised to 16 MB in the bench's child, 5 MB refuses such files)`);
	}
	if (valid && !valid.fatal) {
		console.log(`binary inputs: ${BINARY_ROWS} rows x ${(MAX_VALID / MB).toFixed(2)} MB (largest valid), cap ${BINARY_CAP}: peak growth ${mb(valid.growth)} MB`);
	}
	if (refused && !refused.fatal) {
		console.log(`binary inputs: ${BINARY_ROWS} rows x 11 MB refused at the 5 MB cap: ${refused.refused}/${BINARY_ROWS} refused, ${refused.creates} requests, peak growth ${mb(refused.growth)} MB`);
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
