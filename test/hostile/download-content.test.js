'use strict';
/**
 * Issue 9, point 4: a download is stored only when its Content-Type is video/* (or
 * application/octet-stream) and its first bytes are a video container (MP4/MOV `ftyp`, WebM
 * EBML); a poster is never taken for the video; output URLs on internal hosts are refused before
 * any request, while loopback stays allowed when the Base URL is itself loopback.
 *
 * Every request to a host other than loopback goes through a recording proxy (HTTP_PROXY), which
 * stands in for whatever listens on 10.x, 169.254.169.254 or fd00::1 and answers with an MP4.
 */
const { startSimulator, expectedVideoBytes } = require('../simulator/server');
const { pool } = require('../faults/helpers');
const { png } = require('../support/images');
const { LIVE_KEY, DOWNLOAD, i2v, generate, items, runWithin, startServer, mp4 } = require('./helpers');

const HTML_PAGE = '<!DOCTYPE html><html><head><title>AccessDenied</title></head><body><h1>AccessDenied</h1><p>Request has expired</p></body></html>';
const raw = (contentType, body) => ['cdn', { kind: 'raw', status: 200, headers: { 'content-type': contentType }, body, times: Infinity }];
/** Every status answer says SUCCEEDED with this one output URL. */
const outputAt = (urlOf) => ['task', { status: 200, times: Infinity, body: (record) => ({ id: record.taskId, status: 'SUCCEEDED', output: [urlOf(record.taskId)] }) }];
const webm = () => Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(2048, 0x42)]);

/** `refused`: what the message must say arrived; `stored`: the bytes that must be stored. */
const CASES = [
	{ title: 'a 200 text/html "AccessDenied" page', faults: () => [raw('text/html', HTML_PAGE)], refused: /an HTML page/i },
	{ title: 'video/mp4 declared over HTML bytes', faults: () => [raw('video/mp4', HTML_PAGE)], refused: /an HTML page/i },
	{ title: 'application/octet-stream over PNG bytes', faults: () => [raw('application/octet-stream', png(16, 16))], refused: /a PNG image/i },
	{ title: 'video/mp4 declared over plain text', faults: () => [raw('video/mp4', 'Access denied. Contact your administrator.')], refused: /\btext\b/i },
	{ title: 'application/octet-stream over MP4 bytes is stored', faults: () => [raw('application/octet-stream', mp4(4096))], stored: () => mp4(4096) },
	{ title: 'video/webm over WebM (EBML) bytes is stored', faults: () => [raw('video/webm', webm())], stored: () => webm() },
	...['169.254.169.254', '10.0.0.5', '192.168.1.20', '172.16.0.9', '[fd00::1]'].map((host) => ({
		title: `an output URL on ${host} is refused before any request`,
		faults: () => [outputAt((taskId) => `http://${host}/latest/${taskId}.mp4`)],
		internal: host.replace(/[[\]]/g, ''),
	})),
	{
		title: 'an output URL on localhost is allowed when the Base URL is loopback',
		faults: (sim) => [outputAt((taskId) => `http://localhost:${sim.port}/cdn/videos/${taskId}.mp4`)],
		stored: (taskId) => expectedVideoBytes(taskId, 64 * 1024),
	},
];

let proxy;
let runs;

/** One case on its own simulator. */
async function runCase(row) {
	const sim = await startSimulator({ apiKey: LIVE_KEY, taskDurationMs: 300 });
	for (const [route, spec] of row.faults(sim)) sim.fault(route, spec);
	const result = await runWithin(15_000, {
		parameters: i2v({}, { timeout: 20, requestTimeout: 5, ...DOWNLOAD }),
		items: items(row.title),
		credentials: { apiKey: LIVE_KEY, baseUrl: sim.baseUrl },
		continueOnFail: true,
	}, () => sim.close());
	await sim.close().catch(() => undefined);
	return { result, sim, taskId: [...sim.tasks.keys()][0] };
}

beforeAll(async () => {
	proxy = await startServer((req, res) => {
		res.writeHead(200, { 'content-type': 'video/mp4' });
		res.end(mp4(8192));
	});
	process.env.HTTP_PROXY = proxy.url;
	process.env.NO_PROXY = '127.0.0.1,localhost';
	runs = await pool(CASES, 6, runCase);
}, 60_000);

afterAll(async () => {
	delete process.env.HTTP_PROXY;
	delete process.env.NO_PROXY;
	await proxy.close();
});

describe.each(CASES.map((row, index) => [row.title, index]))('%s', (_title, index) => {
	test('outcome', () => {
		const row = CASES[index];
		const outcome = runs[index];
		if (outcome.error) throw outcome.error;
		const { result, sim, taskId } = outcome.value;
		expect(result.error?.message).toBeUndefined();
		const [item] = result.items;
		expect(item.json.taskId).toBe(taskId);
		if (row.stored) {
			expect(item.json.error).toBeUndefined();
			expect(Buffer.from(item.binary.data.data, 'base64').equals(row.stored(taskId))).toBe(true);
			return;
		}
		if (row.internal) expect(proxy.requests.filter((r) => r.url.includes(row.internal))).toEqual([]);
		expect(item.binary).toBeUndefined();
		expect(item.json.file).toBeUndefined();
		expect(item.json.error).toContain(taskId);
		if (row.refused) {
			expect(item.json.error).toMatch(row.refused);
			expect(`${item.json.error} ${item.json.errorDescription}`).toMatch(/Get Task/);
			expect(sim.cdnRequests().length).toBeGreaterThanOrEqual(1);
		}
		if (row.internal) expect(item.json.error).toContain(row.internal);
	});
});

test('a legacy answer whose only URL is the poster: the poster is never downloaded, and the task is no video success', async () => {
	const sim = await startSimulator({ apiKey: LIVE_KEY, taskDurationMs: 300, feedShape: 'legacy' });
	const posterOf = (taskId) => sim.urlsOf({ id: taskId }).poster;
	sim.fault('feed', {
		status: 200,
		times: Infinity,
		body: (record) => {
			const task = sim.tasks.get(record.taskId);
			const body = sim.legacy(task, sim.stateOf(task));
			body.data.video_url = null;
			return body;
		},
	});
	const result = await runWithin(12_000, {
		parameters: generate({}, { timeout: 5, requestTimeout: 5, ...DOWNLOAD }),
		items: items('poster only'),
		credentials: { apiKey: LIVE_KEY, baseUrl: sim.baseUrl },
		continueOnFail: true,
	}, () => sim.close());
	await sim.close().catch(() => undefined);

	const taskId = [...sim.tasks.keys()][0];
	const [item] = result.items;
	// The answers did offer the poster.
	expect(sim.statusRequests().length).toBeGreaterThanOrEqual(1);
	expect(sim.cdnRequests().map((r) => r.path)).toEqual([]);
	expect(item.binary).toBeUndefined();
	expect(item.json.videoUrl ?? null).not.toBe(posterOf(taskId));
	const videoSuccess = item.json.status === 'SUCCEEDED' && !item.json.timedOut && item.json.error === undefined;
	expect(videoSuccess).toBe(false);
}, 20_000);
