'use strict';
/**
 * Shared pieces of the benchmark: quiet n8n-core, a private n8n user folder, the node's
 * parameters, a hook on the node's execute() and small statistics/table helpers.
 *
 * Must be required before test/support/n8n.js so that the environment is set first.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n's own logger (winston) prints the node's errors on stdout; the tables must stay readable.
if (!process.env.N8N_LOG_LEVEL) process.env.N8N_LOG_LEVEL = 'silent';
// A user folder of our own, removed on exit (the harness would leave one behind in /tmp).
let ownUserFolder;
if (!process.env.N8N_USER_FOLDER) {
	ownUserFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bench-user-'));
	process.env.N8N_USER_FOLDER = ownUserFolder;
}
const tempDirs = ownUserFolder ? [ownUserFolder] : [];
process.on('exit', () => {
	for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const ROOT = path.join(__dirname, '..', '..');
const { startSimulator, expectedVideoBytes } = require(path.join(ROOT, 'test', 'simulator', 'server.js'));
const { runNode } = require(path.join(ROOT, 'test', 'support', 'n8n.js'));

function makeTempDir(prefix) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	tempDirs.push(dir);
	return dir;
}

/** Image to Video parameters as a saved workflow would hold them. */
function imageToVideoParameters(waitOptions = {}) {
	return {
		resource: 'video',
		operation: 'imageToVideo',
		imageSource: 'url',
		imageUrl: 'https://example.com/a.jpg',
		model: 'gen4_turbo',
		promptText: '={{ $json.prompt }}',
		ratio: '1280:720',
		duration: 5,
		waitForCompletion: true,
		waitOptions: {
			pollInterval: 2,
			timeout: 600,
			maxConcurrentRequests: 5,
			downloadVideo: false,
			...waitOptions,
		},
	};
}

/**
 * The harness takes its nodeReturnedAt when n8n-core reports the workflow finished, which on a stop
 * happens before the node's execute() settles. This hook records when execute() really settles,
 * and how (result or error), for every instance the harness creates.
 */
const executeHook = { settledAt: undefined, error: undefined, settled: undefined };
(function hookExecute() {
	const entry = Object.values(require.cache).find((m) => /CometApiRunway\.node\.js$/.test(m.filename));
	if (!entry) throw new Error('bench: the built node was not loaded by the harness');
	const proto = entry.exports.CometApiRunway.prototype;
	const original = proto.execute;
	proto.execute = async function (...args) {
		let resolveSettled;
		executeHook.settled = new Promise((resolve) => (resolveSettled = resolve));
		executeHook.settledAt = undefined;
		executeHook.error = undefined;
		try {
			return await original.apply(this, args);
		} catch (error) {
			executeHook.error = error;
			throw error;
		} finally {
			executeHook.settledAt = Date.now();
			resolveSettled();
		}
	};
})();

/** Nearest-rank percentile of numbers. */
function percentile(values, p) {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[rank - 1];
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/** Left-aligned first column, right-aligned others. */
function table(header, rows) {
	const all = [header, ...rows].map((row) => row.map((cell) => String(cell)));
	const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
	const line = (row) =>
		row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
	return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

const MB = 1024 * 1024;

module.exports = {
	ROOT,
	MB,
	startSimulator,
	expectedVideoBytes,
	runNode,
	imageToVideoParameters,
	executeHook,
	makeTempDir,
	percentile,
	mean,
	table,
};
