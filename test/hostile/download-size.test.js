'use strict';
/**
 * Issue 17, point 4: downloads are bounded in size. The node asks for identity encoding; a
 * compressed body is never stored unpacked beyond its declared length; Maximum Output Size ends
 * an endless body mid-stream and stores nothing; a body shorter than its Content-Length, or a
 * gzip stream cut short, is an error, never a stored file. Refusals that a retry cannot mend are
 * not retried. The downloads come from a real local HTTP server, through real n8n-core.
 */
const zlib = require('node:zlib');
const { LIVE_KEY, useSimulator, i2v, items, runWithin, startServer, peakRssGrowth, mp4, MP4_START } = require('./helpers');

const MB = 1024 * 1024;
const { sim, credentials } = useSimulator({ taskDurationMs: 300 });

/** A CDN of its own: `serve(req, res)` answers every download. */
let cdn;
let serve = (_req, res) => res.end();
beforeAll(async () => {
	cdn = await startServer((req, res) => serve(req, res));
});
afterAll(() => cdn.close());
afterEach(() => (cdn.requests.length = 0));

/** Every status answer says SUCCEEDED with one output on the local CDN. */
function outputOnCdn() {
	sim.fault('task', {
		status: 200,
		times: Infinity,
		body: (record) => ({ id: record.taskId, status: 'SUCCEEDED', output: [`${cdn.url}/videos/${record.taskId}.mp4`] }),
	});
}

const run = (wait = {}) =>
	runWithin(30_000, {
		parameters: i2v({}, { timeout: 25, requestTimeout: 5, downloadOutput: true, ...wait }),
		items: items('download limits'),
		credentials: credentials,
		continueOnFail: true,
	});

/** Nothing stored, and the error names the task and what to do. */
function expectRefused(result, pattern) {
	const [item] = result.items;
	const taskId = [...sim.tasks.keys()][0];
	expect(result.error?.message).toBeUndefined();
	expect(item.json.taskId).toBe(taskId);
	expect(item.binary).toBeUndefined();
	expect(item.json.file).toBeUndefined();
	expect(item.json.error).toContain(taskId);
	expect(item.json.error).toMatch(pattern);
	expect(item.json.errorDescription).toMatch(/Get Task|Maximum Output Size|Timeout/);
	return item;
}

/** A gzip body that unpacks to an MP4-looking file of `size` bytes. */
const gzipBomb = (size) => zlib.gzipSync(Buffer.concat([MP4_START, Buffer.alloc(size - MP4_START.length)]), { level: 9 });

test('a plain download asks for identity encoding and is stored whole', async () => {
	outputOnCdn();
	const file = mp4(256 * 1024);
	serve = (_req, res) => {
		res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': file.length });
		res.end(file);
	};
	const result = await run();
	expect(cdn.requests[0].headers['accept-encoding']).toBe('identity');
	const [item] = result.items;
	expect(item.json.error).toBeUndefined();
	expect(Buffer.from(item.binary.data.data, 'base64').equals(file)).toBe(true);
}, 40_000);

test('a gzip bomb (64 KB that unpacks to 64 MB, Content-Length of the packed size): refused, nothing stored, not retried', async () => {
	outputOnCdn();
	const bomb = gzipBomb(64 * MB);
	expect(bomb.length).toBeLessThan(128 * 1024);
	serve = (_req, res) => {
		res.writeHead(200, { 'content-type': 'video/mp4', 'content-encoding': 'gzip', 'content-length': bomb.length });
		res.end(bomb);
	};
	const { value: result, growth } = await peakRssGrowth(() => run());
	expectRefused(result, /compressed|Content-Length/i);
	expect(cdn.requests).toHaveLength(1);
	expect(growth).toBeLessThan(48 * MB);
}, 40_000);

test('a chunked gzip bomb with Maximum Output Size 2 MB: ended at the cap, nothing stored, not retried', async () => {
	outputOnCdn();
	const bomb = gzipBomb(64 * MB);
	serve = (_req, res) => {
		res.writeHead(200, { 'content-type': 'video/mp4', 'content-encoding': 'gzip' });
		res.end(bomb);
	};
	const result = await run({ maxOutputSize: 2 });
	expectRefused(result, /larger than 2 MB|Maximum Output Size/i);
	expect(cdn.requests).toHaveLength(1);
}, 40_000);

test('an endless body ends at Maximum Output Size (8 MB): nothing stored, memory does not grow past the cap', async () => {
	outputOnCdn();
	let sent = 0;
	serve = (_req, res) => {
		res.writeHead(200, { 'content-type': 'video/mp4' });
		const block = Buffer.alloc(64 * 1024, 0x22);
		res.write(MP4_START);
		const pump = () => {
			while (!res.destroyed) {
				sent += block.length;
				if (!res.write(block)) return res.once('drain', pump);
			}
		};
		pump();
	};
	const { value: result, growth } = await peakRssGrowth(() => run({ maxOutputSize: 8 }));
	expectRefused(result, /larger than 8 MB|Maximum Output Size/i);
	expect(cdn.requests).toHaveLength(1);
	expect(sent).toBeLessThan(64 * MB);
	expect(growth).toBeLessThan(40 * MB);
}, 40_000);

test('a body shorter than its Content-Length (the connection cut halfway): an error, never a stored file', async () => {
	outputOnCdn();
	const file = mp4(256 * 1024);
	serve = (_req, res) => {
		res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': file.length });
		res.write(file.subarray(0, file.length / 2), () => res.socket.end());
	};
	const result = await run();
	expectRefused(result, /could not be downloaded|shorter|cut/i);
}, 40_000);

test('a gzip stream cut in half, its Content-Length matching the cut: an error, never a stored file', async () => {
	outputOnCdn();
	const whole = zlib.gzipSync(Buffer.concat([MP4_START, Buffer.from('frame data '.repeat(2000))]));
	const cut = whole.subarray(0, Math.floor(whole.length / 2));
	serve = (_req, res) => {
		res.writeHead(200, { 'content-type': 'video/mp4', 'content-encoding': 'gzip', 'content-length': cut.length });
		res.end(cut);
	};
	const result = await run();
	const item = expectRefused(result, /compressed|Content-Length|could not be downloaded/i);
	expect(`${item.json.error} ${item.json.errorDescription}`).toMatch(/Content-Length/);
}, 40_000);
