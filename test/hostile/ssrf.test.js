'use strict';
/**
 * Issue 9, point 4: n8n's own SSRF protection applies to the node's download request. n8n reads
 * its N8N_SSRF_* settings once, when its outbound HTTP service is first made, so they are set here
 * before n8n-core loads, in a file of their own. The API on 127.0.0.1 is allowed by IP range; a
 * CDN on another loopback address (127.0.0.2, in the default blocked ranges) and the host name
 * `localhost` (blocked by name) are refused by n8n before any connection.
 */
process.env.N8N_SSRF_PROTECTION_ENABLED = 'true';
process.env.N8N_SSRF_ALLOWED_IP_RANGES = '127.0.0.1/32';
process.env.N8N_SSRF_BLOCKED_HOSTNAMES = 'localhost';

const { LIVE_KEY, useSimulator, DOWNLOAD, i2v, items, runWithin, startServer, mp4 } = require('./helpers');

const { sim, credentials } = useSimulator({ taskDurationMs: 300 });
let cdn;

beforeAll(async () => {
	cdn = await startServer((req, res) => {
		res.writeHead(200, { 'content-type': 'video/mp4' });
		res.end(mp4(4096));
	}, '127.0.0.2');
});
afterAll(() => cdn.close());

async function downloadFrom(urlOf) {
	sim.fault('task', { status: 200, times: Infinity, body: (record) => ({ id: record.taskId, status: 'SUCCEEDED', output: [urlOf(record.taskId)] }) });
	const result = await runWithin(15_000, {
		parameters: i2v({}, { timeout: 20, requestTimeout: 5, ...DOWNLOAD }),
		items: items('behind SSRF protection'),
		credentials: credentials,
		continueOnFail: true,
	});
	return { result, taskId: [...sim.tasks.keys()][0] };
}

test.each([
	['on another loopback address (127.0.0.2, a blocked IP range)', () => cdn.url, () => cdn.requests, /restricted IP address/],
	['named localhost (a blocked host name)', () => `http://localhost:${sim.port}/cdn`, () => sim.cdnRequests(), /hostname is restricted/],
])('a CDN %s: n8n refuses the download, and the item says it was blocked', async (_title, base, reached, n8nWords) => {
	const { result, taskId } = await downloadFrom((id) => `${base()}/videos/${id}.mp4`);
	// The API itself was reached (allowed by IP range): create and status went through.
	expect(sim.createRequests()).toHaveLength(1);
	expect(sim.statusRequests().length).toBeGreaterThanOrEqual(1);
	expect(reached()).toEqual([]);
	const [item] = result.items;
	expect(item.binary).toBeUndefined();
	expect(item.json.taskId).toBe(taskId);
	expect(item.json.error).toContain(taskId);
	expect(item.json.error).toMatch(/blocked/i);
	expect(`${item.json.error} ${item.json.errorDescription}`).toMatch(n8nWords);
}, 20_000);
