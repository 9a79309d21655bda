'use strict';
/**
 * Memory benchmark, run as a child process so that its RSS is its own:
 *   node --expose-gc test/bench/memory.js --mode filesystem|default --tasks 20 --mb 50 [--base-url URL]
 * The simulator runs in the parent (its buffers must not count here). Without --base-url the child
 * loads everything, then waits for one line `{"baseUrl": ...}` on stdin: the parent spawns it right
 * after the build, while dist/ certainly exists, and starts it later. Prints `RESULT {json}`.
 *
 * mode filesystem: n8n-core's BinaryDataService initialised with mode 'filesystem' and a temp
 *                  storage path, as N8N_DEFAULT_BINARY_DATA_MODE=filesystem does in n8n.
 * mode default:    mode 'default' (n8n's in-memory mode): the video is held as base64 on the item.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const common = require('./common');

// Warnings go into the report instead of onto stderr.
const warnings = [];
process.removeAllListeners('warning');
process.on('warning', (w) => warnings.push({ name: w.name, message: w.message }));

const { runNode, imageToVideoParameters, makeTempDir, expectedVideoBytes, MB } = common;

function argument(name, fallback) {
	const at = process.argv.indexOf(`--${name}`);
	return at === -1 ? fallback : process.argv[at + 1];
}

let baseUrl = argument('base-url');
const mode = argument('mode', 'filesystem');
const tasks = Number(argument('tasks', 20));
const videoMb = Number(argument('mb', 50));
const apiKey = argument('api-key', 'test-api-key');

/** n8n-core resolves BinaryDataService through its own copy of @n8n/di; use that one. */
function n8nCoreContainer() {
	const corePackage = require.resolve('n8n-core/package.json', { paths: [common.ROOT] });
	const di = require(require.resolve('@n8n/di', { paths: [path.dirname(corePackage)] }));
	return di.Container;
}

async function initBinaryData() {
	const core = require(require.resolve('n8n-core', { paths: [common.ROOT] }));
	const Container = n8nCoreContainer();
	const config = Container.get(core.BinaryDataConfig);
	config.mode = mode;
	config.localStoragePath = makeTempDir('n8n-bench-binary-');
	const service = Container.get(core.BinaryDataService);
	await service.init();
	return { service, storagePath: config.localStoragePath, serviceMode: service.mode };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function settle() {
	if (global.gc) {
		global.gc();
		global.gc();
	}
	return sleep(300);
}

function sha256(buffer) {
	return crypto.createHash('sha256').update(buffer).digest('hex');
}

function duSync(dir) {
	let total = 0;
	let files = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile() || entry.name.endsWith('.metadata')) continue;
		total += fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
		files++;
	}
	return { total, files };
}

function startSignal() {
	return new Promise((resolve, reject) => {
		let text = '';
		process.stdin.setEncoding('utf8');
		process.stdin.on('data', (chunk) => {
			text += chunk;
			const newline = text.indexOf('\n');
			if (newline !== -1) {
				process.stdin.pause();
				resolve(JSON.parse(text.slice(0, newline)));
			}
		});
		process.stdin.on('end', () => reject(new Error('stdin closed before the start signal')));
	});
}

/** RSS, external and heap sampled every 50 ms from now until `stop()`, with getrusage's maxRSS. */
function sampleMemory() {
	const baseline = process.memoryUsage();
	const peaks = { peakRss: baseline.rss, peakExternal: baseline.external, peakHeap: baseline.heapUsed, samples: 0 };
	const timer = setInterval(() => {
		const m = process.memoryUsage();
		peaks.samples++;
		peaks.peakRss = Math.max(peaks.peakRss, m.rss);
		peaks.peakExternal = Math.max(peaks.peakExternal, m.external);
		peaks.peakHeap = Math.max(peaks.peakHeap, m.heapUsed);
	}, 50);
	return {
		baseline,
		stop() {
			clearInterval(timer);
			return { ...peaks, maxRss: process.resourceUsage().maxRSS * 1024, end: process.memoryUsage() };
		},
	};
}

/**
 * An MP4 of `bytes` as a stream of shared 1 MB chunks: its header (ftyp, moov, an mdat of the
 * right size), then filler with the row's number at the end. Nothing of it is held by the test.
 */
function mp4Stream(bytes, row) {
	const { Readable } = require('node:stream');
	const header = require('../support/videos').mp4({ padBytes: 0 });
	header.writeUInt32BE(bytes - (header.length - 8), header.length - 8);
	const filler = Buffer.alloc(MB, 0x11);
	const tail = Buffer.from(`row ${row}`.padStart(16, ' '));
	return Readable.from(
		(function* () {
			yield header;
			let left = bytes - header.length - tail.length;
			while (left > 0) {
				const size = Math.min(left, MB);
				yield size === MB ? filler : filler.subarray(0, size);
				left -= size;
			}
			yield tail;
		})(),
		{ objectMode: false },
	);
}

/**
 * Binary inputs: `rows` rows, each with an MP4 of `fileBytes` in n8n's binary store (filesystem
 * mode), into Upscale with Max Concurrent Requests `cap`; the parent's simulator holds each create
 * for a while so `cap` are in flight. `maxUriChars` raises the node's data-URI cap in this process
 * only, to measure files the 5 MB cap would refuse. Every row is validated (Continue On Fail).
 */
async function binaryInputsMain() {
	const rows = Number(argument('rows', 40));
	const fileBytes = Number(argument('file-bytes', 11 * MB));
	const cap = Number(argument('cap', 2));
	const maxUriChars = argument('max-uri-chars');
	await initBinaryData();
	if (maxUriChars) {
		const constants = require(path.join(common.ROOT, 'dist', 'nodes', 'CometApiRunway', 'helpers', 'constants.js'));
		constants.MEDIA.dataUriMaxChars = Number(maxUriChars);
	}
	const parameters = {
		resource: 'video',
		operation: 'upscale',
		videoSource: 'binary',
		videoBinaryPropertyName: 'data',
		model: 'upscale_v1',
		waitForCompletion: true,
		waitOptions: { pollInterval: 2, timeout: 600, maxConcurrentRequests: cap },
	};
	const credentials = { apiKey, baseUrl };
	const row = (i, bytes) => ({ json: { row: i }, binary: { data: { data: mp4Stream(bytes, i), fileName: `row${i}.mp4`, mimeType: 'video/mp4' } } });
	const warm = await runNode({ parameters, items: [row(-1, 256 * 1024)], credentials, continueOnFail: true });
	if (warm.error || warm.items[0].json.error) throw new Error(`warm-up failed: ${warm.error?.message ?? warm.items[0].json.error}`);

	// The baseline is taken once the inputs are in n8n's binary store, right before the node runs:
	// the promise is about the node's own memory while it runs, not about n8n storing its input.
	let sampler;
	const beforeNode = async () => {
		await settle();
		sampler = sampleMemory();
	};
	const items = Array.from({ length: rows }, (_, i) => row(i, fileBytes));
	const startedAt = Date.now();
	const result = await runNode({ parameters, items, credentials, continueOnFail: true, beforeNode });
	const peaks = sampler.stop();
	const out = result.items ?? [];
	const report = {
		scenario: 'binary-inputs',
		rows,
		fileBytes,
		cap,
		maxUriChars: maxUriChars ? Number(maxUriChars) : null,
		startedAt,
		error: result.error ? result.error.message : null,
		succeeded: out.filter((item) => item.json.status === 'SUCCEEDED').length,
		refused: out.filter((item) => item.json.error).length,
		firstRefusal: out.find((item) => item.json.error)?.json.error ?? null,
		baselineRss: sampler.baseline.rss,
		peakRssSampled: peaks.peakRss,
		maxRss: peaks.maxRss,
		samples: peaks.samples,
		warnings,
	};
	process.stdout.write(`RESULT ${JSON.stringify(report)}\n`);
}

async function main() {
	if (!baseUrl) {
		process.stdout.write('READY\n');
		baseUrl = (await startSignal()).baseUrl;
	}
	if (argument('scenario') === 'binary-inputs') return await binaryInputsMain();
	const binary = await initBinaryData();
	const credentials = { apiKey, baseUrl };
	const parameters = imageToVideoParameters({ downloadOutput: true });

	// Warm-up: load every code path once (HTTP, binary store, file-type) so the baseline holds them.
	const warm = await runNode({
		parameters,
		items: [{ json: { prompt: 'warm-up [sim duration=300 videoBytes=65536]' } }],
		credentials,
	});
	if (warm.error) throw new Error(`warm-up failed: ${warm.error.message}`);

	await settle();
	const sampler = sampleMemory();
	const { baseline } = sampler;

	const diskBefore = mode === 'default' ? { total: 0, files: 0 } : duSync(binary.storagePath);
	const items = Array.from({ length: tasks }, (_, i) => ({ json: { prompt: `memory ${mode} item ${i}` } }));
	const startedAt = Date.now();
	const result = await runNode({ parameters, items, credentials });
	const returnedAt = result.nodeReturnedAt ?? Date.now();
	const { peakRss, peakExternal, peakHeap, samples, maxRss, end } = sampler.stop();

	const out = result.items;
	const failures = out.filter((item) => item.json.status !== 'SUCCEEDED' || !item.binary?.data);
	const storedBytes = out.map((item) => item.binary?.data?.bytes ?? 0);

	// Checks after the measurement: sizes (and for two files, content) of what was stored.
	const checks = [];
	for (const item of [out[0], out[out.length - 1]].filter(Boolean)) {
		const data = item.binary?.data;
		if (!data) continue;
		const expected = expectedVideoBytes(item.json.taskId, videoMb * MB);
		let bytes;
		let where;
		if (data.id) {
			const filePath = binary.service.getPath(data.id);
			where = path.relative(binary.storagePath, filePath);
			bytes = fs.readFileSync(filePath);
		} else {
			where = 'base64 on the item';
			bytes = Buffer.from(data.data, 'base64');
		}
		checks.push({
			taskId: item.json.taskId,
			where,
			size: bytes.length,
			sizeOk: bytes.length === videoMb * MB,
			contentOk: sha256(bytes) === sha256(expected),
		});
	}
	const diskAfter = mode === 'default' ? { total: 0, files: 0 } : duSync(binary.storagePath);
	const disk = { total: diskAfter.total - diskBefore.total, files: diskAfter.files - diskBefore.files };

	const report = {
		mode,
		serviceMode: binary.serviceMode,
		tasks,
		videoBytes: videoMb * MB,
		error: result.error ? result.error.message : null,
		failures: failures.length,
		baselineRss: baseline.rss,
		peakRssSampled: peakRss,
		maxRss,
		peakExternal,
		baselineExternal: baseline.external,
		peakHeap,
		baselineHeap: baseline.heapUsed,
		endRss: end.rss,
		samples,
		startedAt,
		returnedAt,
		storedBytesTotal: storedBytes.reduce((a, b) => a + b, 0),
		storedFiles: storedBytes.filter((b) => b > 0).length,
		disk,
		checks,
		warnings,
		binaryIds: out.slice(0, 1).map((item) => item.binary?.data?.id ?? null),
	};
	process.stdout.write(`RESULT ${JSON.stringify(report)}\n`);
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stdout.write(`RESULT ${JSON.stringify({ mode, fatal: String(error?.stack ?? error) })}\n`);
		process.exit(1);
	},
);
