'use strict';
/**
 * Memory follows requests, not rows: a binary input is checked from its metadata and first bytes
 * before anything is sent, and its data URI is built only when its create gets a request slot.
 * n8n-core's binary data runs in filesystem mode here, so a file can be changed in the store
 * while the batch runs: what each create carries shows when the node read the file.
 */
const fs = require('node:fs');
const path = require('node:path');

const { useSimulator } = require('../support/simulator');
const { runNode } = require('../support/n8n');
const { upscale, waiting } = require('../support/params');
const videos = require('../support/videos');

const fromCore = (name) => require(require.resolve(name, { paths: [path.dirname(require.resolve('n8n-core'))] }));
const { sim, credentials } = useSimulator({ taskDurationMs: 300, pendingMs: 50 });

let storagePath;
beforeAll(async () => {
	const core = require('n8n-core');
	const { Container } = fromCore('@n8n/di');
	const config = Container.get(core.BinaryDataConfig);
	config.mode = 'filesystem';
	storagePath = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'n8n-binary-memory-'));
	config.localStoragePath = storagePath;
	await Container.get(core.BinaryDataService).init();
});
afterAll(() => fs.rmSync(storagePath, { recursive: true, force: true }));

/** A valid MP4 whose last bytes say which row and which version it is. */
function clip(row, version) {
	const bytes = videos.mp4({ padBytes: 64 * 1024 });
	bytes.write(`row ${row} version ${version}`, bytes.length - 32, 'ascii');
	return bytes;
}

/** The stored file (not its metadata) whose bytes are `bytes`. */
function storedFileHolding(bytes) {
	for (const entry of fs.readdirSync(storagePath, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile() || entry.name.endsWith('.metadata')) continue;
		const file = path.join(entry.parentPath ?? entry.path, entry.name);
		if (fs.statSync(file).size === bytes.length && fs.readFileSync(file).equals(bytes)) return file;
	}
	return undefined;
}

const dataUri = (bytes) => `data:video/mp4;base64,${bytes.toString('base64')}`;

test('with Max Concurrent Requests 1, row k+1 is read only after row k\'s create reached the API', async () => {
	const ROWS = 4;
	const before = Array.from({ length: ROWS }, (_, row) => clip(row, 'validated'));
	const after = Array.from({ length: ROWS }, (_, row) => clip(row, 'changed'));
	const replaced = [];
	// When create k arrives, and before it is answered, row k+1's file changes in n8n's store.
	sim.fault('*', {
		times: Infinity,
		when: (record) => {
			if (record.route !== 'createOfficial') return false;
			const next = sim.createRequests().length; // this create is already recorded
			if (next < ROWS) {
				const file = storedFileHolding(before[next]);
				if (file) {
					fs.writeFileSync(file, after[next]);
					replaced.push(next);
				}
			}
			return false;
		},
	});
	const result = await runNode({
		parameters: upscale({ videoSource: 'binary', ...waiting({ maxConcurrentRequests: 1 }) }),
		items: before.map((bytes, row) => ({
			json: { row },
			binary: { data: { data: bytes, fileName: `row${row}.mp4`, mimeType: 'video/mp4' } },
		})),
		credentials,
	});
	expect(result.error).toBeUndefined();
	expect(replaced).toEqual([1, 2, 3]);
	const sent = sim.createRequests().map((r) => r.body.videoUri);
	expect(sent).toHaveLength(ROWS);
	const version = (uri, row) =>
		uri === dataUri(before[row]) ? 'as validated' : uri === dataUri(after[row]) ? 'as changed' : 'other';
	// Each later row was read when its slot came: it carries the file as changed after validation.
	expect(sent.map(version)).toEqual(['as validated', 'as changed', 'as changed', 'as changed']);
	expect(result.items.map((item) => item.json.status)).toEqual(Array(ROWS).fill('SUCCEEDED'));
}, 30_000);

test('a file that became invalid after validation fails its own row when its slot comes, nothing sent for it', async () => {
	const good = clip(0, 'good');
	const spoilt = clip(1, 'to be spoilt');
	sim.fault('*', {
		times: Infinity,
		when: (record) => {
			if (record.route === 'createOfficial') {
				const file = storedFileHolding(spoilt);
				if (file) fs.writeFileSync(file, Buffer.alloc(spoilt.length, 0x20));
			}
			return false;
		},
	});
	const result = await runNode({
		parameters: upscale({ videoSource: 'binary', ...waiting({ maxConcurrentRequests: 1 }) }),
		items: [good, spoilt].map((bytes, row) => ({
			json: { row },
			binary: { data: { data: bytes, fileName: `row${row}.mp4`, mimeType: 'video/mp4' } },
		})),
		credentials,
		continueOnFail: true,
	});
	expect(result.error).toBeUndefined();
	expect(sim.createRequests()).toHaveLength(1);
	const [first, second] = result.items;
	expect(first.json.status).toBe('SUCCEEDED');
	expect(second.json.taskId).toBeUndefined();
	expect(second.json.error).toBe(
		'Input Video Binary Field "data" holds text, not a video the API takes; allowed: MP4, MOV or WebM (checked by content)',
	);
}, 30_000);
