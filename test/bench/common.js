'use strict';
/**
 * Shared pieces of the benchmark: quiet n8n-core, a private n8n user folder, the node's
 * parameters and small statistics/table helpers.
 *
 * Must be required before test/support/n8n.js so that the environment is set first.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n's own logger (winston) prints the node's errors on stdout; the tables must stay readable.
if (!process.env.N8N_LOG_LEVEL) process.env.N8N_LOG_LEVEL = 'silent';
const tempDirs = [];
process.on('exit', () => {
	for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const ROOT = path.join(__dirname, '..', '..');
const { startSimulator, expectedVideoBytes } = require(path.join(ROOT, 'test', 'simulator', 'server.js'));
const { runNode } = require(path.join(ROOT, 'test', 'support', 'n8n.js'));
const { waitParameters } = require(path.join(ROOT, 'test', 'support', 'params.js'));

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
		prompt: '={{ $json.prompt }}',
		ratio: '1280:720',
		duration: 5,
		waitForCompletion: true,
		...waitParameters({ pollInterval: 2, timeout: 600, maxConcurrentRequests: 5, ...waitOptions }),
	};
}

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
	makeTempDir,
	percentile,
	mean,
	table,
};
