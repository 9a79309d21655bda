'use strict';
/**
 * Task → From Callback in the real n8n-core: the body an n8n Webhook received from CometAPI,
 * verified against the feed route (or not), refused when forged, downloaded with every guarantee
 * of the polling path; and the simulator's own callbacks, received over HTTP and read back.
 */
const http = require('node:http');
const crypto = require('node:crypto');

const { expectedVideoBytes, PLACEHOLDER_CALLBACK_URL } = require('../simulator/server');
const { API_KEY, useSimulator } = require('../support/simulator');
const { runNode } = require('../support/n8n');
const { fromCallback, generate, waiting } = require('../support/params');

const VIDEO_BYTES = 256 * 1024;
const { sim, credentials } = useSimulator({ taskDurationMs: 60_000, pendingMs: 200, videoBytes: VIDEO_BYTES });

/** A compatibility-route task at the simulator; `[sim duration=0]` makes it ended already. */
const task = (prompt = 'a fox runs [sim duration=0]', path = '/runway/pro/generate') =>
	sim.addTask('createPro', { prompt, callback_url: PLACEHOLDER_CALLBACK_URL }, path);

/** Items as an n8n Webhook node emits them, one per received body. */
const received = (...bodies) =>
	bodies.map((body) => ({
		json: {
			headers: { 'content-type': 'application/json' },
			params: {},
			query: {},
			body,
			webhookUrl: 'http://localhost:5678/webhook/runway-callback',
			executionMode: 'production',
		},
	}));

const run = (parameters, items, extra = {}) => runNode({ parameters, items, credentials, ...extra });
const videoOf = (item) => Buffer.from(item.binary.data.data, 'base64');
const apiRequests = () => sim.requests.filter((r) => r.route !== 'cdn');
const withoutTimes = ({ finishedAt, ...json }) => json;

describe('verified with CometAPI (the default)', () => {
	test('a documented callback becomes the task as CometAPI reports it, verified: true', async () => {
		const t = task();
		const body = sim.callbackBody(t);
		const result = await run(fromCallback(), received(body));
		expect(result.error).toBeUndefined();
		const [status] = sim.statusRequests();
		expect(sim.statusRequests()).toHaveLength(1);
		expect(status).toMatchObject({ method: 'POST', path: '/runway/feed', body: { task_id: t.id } });
		expect(status.headers.authorization).toBe(`Bearer ${API_KEY}`);
		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			taskId: t.id,
			route: 'feed',
			status: 'SUCCEEDED',
			rawStatus: 'SUCCESS',
			outputUrl: `${sim.baseUrl}/cdn/videos/${t.id}.mp4`,
			videoUrl: `${sim.baseUrl}/cdn/videos/${t.id}.mp4`,
			verified: true,
			polls: 1,
			timedOut: false,
			// This execution did not submit the task: the time is the one CometAPI gives (whole seconds).
			submittedAt: new Date(Math.floor(t.createdAt / 1000) * 1000).toISOString(),
			failure: null,
		});
		// The item is CometAPI's answer, not the callback's words.
		expect(item.json.response).toMatchObject({ code: 'success', data: { task_id: t.id, status: 'SUCCESS' } });
		expect(item.binary).toBeUndefined();
	});

	test('with waiting and Download Output the video is stored from the URL CometAPI gave, without the key', async () => {
		const t = task();
		const result = await run(fromCallback(waiting({ downloadOutput: true })), received(sim.callbackBody(t)));
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toMatchObject({ status: 'SUCCEEDED', verified: true });
		expect(item.json.file).toEqual({ fileName: `${t.id}.mp4`, mimeType: 'video/mp4', fileSize: expect.anything(), binaryProperty: 'data' });
		expect(videoOf(item).equals(expectedVideoBytes(t.id, VIDEO_BYTES))).toBe(true);
		const [download] = sim.cdnRequests();
		expect(sim.cdnRequests()).toHaveLength(1);
		expect(download.path).toBe(`/cdn/videos/${t.id}.mp4`);
		expect(download.headers.authorization).toBeUndefined();
	});

	test('the legacy feed shape verifies the same way', async () => {
		sim.configure({ feedShape: 'legacy' });
		try {
			const t = task();
			const result = await run(fromCallback(), received(sim.callbackBody(t)));
			const urls = sim.urlsOf(t);
			expect(result.items[0].json).toMatchObject({
				status: 'SUCCEEDED',
				rawStatus: '3',
				verified: true,
				outputs: [urls.video, urls.poster, urls.lastFrame],
			});
		} finally {
			sim.configure({ feedShape: 'wrapped' });
		}
	});

	test('a duplicate callback yields the same result, in one execution and in the next', async () => {
		const t = task();
		const body = sim.callbackBody(t);
		const parameters = fromCallback(waiting({ downloadOutput: true }));
		const first = await run(parameters, received(body, body));
		const again = await run(parameters, received(body));
		const items = [...first.items, ...again.items];
		expect(items).toHaveLength(3);
		for (const item of items) {
			expect(withoutTimes(item.json)).toEqual(withoutTimes(items[0].json));
			expect(videoOf(item).equals(videoOf(items[0]))).toBe(true);
		}
		expect(items[0].json).toMatchObject({ taskId: t.id, status: 'SUCCEEDED', verified: true });
	});

	test.each([
		['the simulator CDN (real video bytes, not the task’s)', (t) => sim.forgedUrlOf(t)],
		['another host', () => 'https://attacker.example/video.mp4'],
	])('a video URL pointing elsewhere (%s) is refused: no success item, nothing downloaded', async (_name, urlOf) => {
		const t = task();
		const forged = { ...sim.callbackBody(t), video_url: urlOf(t) };
		const parameters = fromCallback(waiting({ downloadOutput: true }));
		const result = await run(parameters, received(forged));
		expect(result.error.message).toBe(
			`The callback for task ${t.id} was not trusted: its video URL ${forged.video_url} is not one CometAPI gives for this task`,
		);
		expect(result.error.description).toMatch(/Nothing was downloaded/);
		expect(sim.cdnRequests()).toHaveLength(0);

		const tolerant = await run(parameters, received(forged), { continueOnFail: true });
		const [item] = tolerant.items;
		expect(item.binary).toBeUndefined();
		expect(item.json).toMatchObject({ taskId: t.id, status: null, outputUrl: null, verified: false });
		expect(item.json.error).toMatch(/was not trusted/);
		expect(sim.cdnRequests()).toHaveLength(0);
	});

	test.each([
		['read once', fromCallback()],
		['waiting', fromCallback(waiting({ downloadOutput: true }))],
	])('an unknown task ID is refused (%s)', async (_name, parameters) => {
		const stranger = crypto.randomUUID();
		const body = { ...sim.callbackBody(task()), task_id: stranger };
		const result = await run(parameters, received(body), { continueOnFail: true });
		const [item] = result.items;
		expect(item.json.error).toBe(
			`The callback for task ${stranger} was not trusted: CometAPI does not know this task (task_not_exist)`,
		);
		expect(item.json).toMatchObject({ taskId: stranger, status: null, verified: false });
		expect(item.binary).toBeUndefined();
		expect(sim.statusRequests(stranger)).toHaveLength(1);
		expect(sim.cdnRequests()).toHaveLength(0);
	});

	test('a success body for a task CometAPI says is still running never gives a success item', async () => {
		const t = task('still going [sim duration=60000]');
		const claim = sim.callbackBody(t);
		const once = await run(fromCallback(), received(claim));
		expect(once.error).toBeUndefined();
		expect(once.items[0].json).toMatchObject({ taskId: t.id, outputUrl: null, verified: true });
		expect(['PENDING', 'RUNNING']).toContain(once.items[0].json.status);

		const started = Date.now();
		const waited = await run(fromCallback(waiting({ downloadOutput: true, timeout: 3 })), received(claim));
		const [item] = waited.items;
		expect(item.json).toMatchObject({ status: 'RUNNING', timedOut: true, outputUrl: null, verified: true });
		expect(item.json.polls).toBeGreaterThanOrEqual(1);
		expect(item.binary).toBeUndefined();
		expect(Date.now() - started).toBeLessThan(8000);
		expect(sim.cdnRequests()).toHaveLength(0);
	});

	test('a success body for a task CometAPI says failed is refused', async () => {
		const t = task('refused [sim duration=0 outcome=FAILED]');
		const claim = { ...sim.callbackBody(t), status: '3', video_url: `${sim.baseUrl}/cdn/videos/${t.id}.mp4`, msg: null };
		const result = await run(fromCallback(waiting({ downloadOutput: true })), received(claim));
		expect(result.error.message).toBe(
			`The callback for task ${t.id} was not trusted: it says the task succeeded, but CometAPI says FAILED (The generation failed.)`,
		);
		expect(sim.cdnRequests()).toHaveLength(0);
	});

	test('a callback ahead of CometAPI: waiting reads the feed route until it reports the end', async () => {
		const t = task('nearly done [sim duration=2500]');
		const result = await run(fromCallback(waiting({ downloadOutput: true })), received(sim.callbackBody(t)));
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toMatchObject({ status: 'SUCCEEDED', verified: true });
		expect(item.json.polls).toBeGreaterThanOrEqual(2);
		expect(videoOf(item).equals(expectedVideoBytes(t.id, VIDEO_BYTES))).toBe(true);
	});

	test('a failure callback that CometAPI confirms is the task failing, as when polling', async () => {
		const t = task('refused [sim duration=0 outcome=FAILED]');
		const result = await run(fromCallback(waiting()), received(sim.callbackBody(t)), { continueOnFail: true });
		const [item] = result.items;
		expect(item.json.error).toBe(`Task ${t.id} failed: The generation failed.`);
		expect(item.json).toMatchObject({ status: 'FAILED', verified: true });
	});

	test('Callback Body Field reaches a body elsewhere in the item', async () => {
		const t = task();
		const items = [{ json: { data: { callback: sim.callbackBody(t) } } }];
		const result = await run(fromCallback({ callbackBodyField: 'data.callback' }), items);
		expect(result.items[0].json).toMatchObject({ taskId: t.id, status: 'SUCCEEDED', verified: true });
	});
});

describe('verification off', () => {
	test('the callback as it came, verified: false, and not a request to CometAPI', async () => {
		const t = task();
		const body = sim.callbackBody(t);
		const result = await run(fromCallback({ verify: false }), received(body));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			taskId: t.id,
			route: 'feed',
			status: 'SUCCEEDED',
			rawStatus: '3',
			outputUrl: body.video_url,
			outputs: [body.video_url, body.poster, body.last_frame],
			verified: false,
			polls: 0,
			response: body,
		});
		expect(apiRequests()).toHaveLength(0);
	});

	describe('the download keeps every guarantee of the polling path', () => {
		const unverified = (options) => fromCallback({ verify: false, ...waiting({ downloadOutput: true, ...options }) });

		test('stored from the URL the callback gives, checked as a video, the key never sent', async () => {
			const t = task();
			const result = await run(unverified(), received(sim.callbackBody(t)));
			expect(result.error).toBeUndefined();
			expect(videoOf(result.items[0]).equals(expectedVideoBytes(t.id, VIDEO_BYTES))).toBe(true);
			const [download] = sim.cdnRequests();
			expect(download.headers.authorization).toBeUndefined();
			expect(JSON.stringify(download.headers)).not.toContain(API_KEY);
			expect(apiRequests()).toHaveLength(0);
		});

		test('an internal host is refused without a request', async () => {
			const body = { ...sim.callbackBody(task()), video_url: 'http://169.254.169.254/latest/meta-data/video.mp4' };
			const result = await run(unverified(), received(body));
			expect(result.error.message).toMatch(/its URL is refused because its host 169\.254\.169\.254 is on a link-local address/);
			expect(sim.cdnRequests()).toHaveLength(0);
		});

		test('an internal host in another spelling is refused without a request', async () => {
			// The simulator's CDN on 127.0.0.1, spelled through IPv6 and as numbers. The Base URL is
			// public, and verification is off, so nothing else is sent anywhere.
			const port = sim.port;
			const spellings = [
				`[::ffff:127.0.0.1]:${port}`,
				`[0:0:0:0:0:ffff:7f00:1]:${port}`,
				`[::ffff:0.0.0.0]:${port}`,
				`[::127.0.0.1]:${port}`,
				`[64:ff9b::7f00:1]:${port}`,
				`0x7f000001:${port}`,
			];
			const bodies = spellings.map((host) => {
				const t = task();
				return { ...sim.callbackBody(t), video_url: `http://${host}/cdn/videos/${t.id}.mp4` };
			});
			const publicBase = { apiKey: API_KEY, baseUrl: 'https://api.cometapi.com' };
			const result = await run(unverified(), received(...bodies), { credentials: publicBase, continueOnFail: true });
			expect(result.items).toHaveLength(spellings.length);
			for (const [index, item] of result.items.entries()) {
				expect(item.binary).toBeUndefined();
				expect(item.json.taskId).toBe(bodies[index].task_id);
				expect(item.json.error).toMatch(/its URL is refused because its host .+ is on (this machine \(loopback\)|an unspecified address)/);
			}
			expect(sim.requests).toHaveLength(0);
		});

		test('a mapped link-local host is refused even beside a Base URL on this machine', async () => {
			const t = task();
			const body = { ...sim.callbackBody(t), video_url: `http://[::ffff:169.254.169.254]:${sim.port}/latest/meta-data/video.mp4` };
			const result = await run(unverified(), received(body), { continueOnFail: true });
			expect(result.items[0].json.error).toMatch(/its URL is refused because its host \[::ffff:a9fe:a9fe\] is on a link-local address/);
			expect(result.items[0].binary).toBeUndefined();
			expect(sim.requests).toHaveLength(0);
		});

		test.each([
			['[::ffff:169.254.169.254]', /link-local/],
			['[::ffff:10.0.0.1]', /a private network/],
		])('a redirect to %s is refused before that hop is requested', async (host, words) => {
			const t = task();
			sim.fault('cdn', { kind: 'raw', status: 302, headers: { location: `http://${host}/latest/video.mp4` } });
			const result = await run(unverified({ timeout: 5, requestTimeout: 2 }), received(sim.callbackBody(t)), { continueOnFail: true });
			const [item] = result.items;
			expect(item.binary).toBeUndefined();
			expect(item.json.error).toMatch(/its URL is refused because its host \[::ffff:[0-9a-f:]+\] is on /);
			expect(item.json.error).toMatch(words);
			expect(sim.cdnRequests()).toHaveLength(1);
		});

		test('bytes that are not a video are not stored', async () => {
			const t = task();
			sim.fault('cdn', { kind: 'raw', status: 200, headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html>gone</html>' });
			const result = await run(unverified(), received(sim.callbackBody(t)), { continueOnFail: true });
			const [item] = result.items;
			expect(item.json.error).toMatch(/was not stored: its URL answered an HTML page \(Content-Type text\/html\), not a video file/);
			expect(item.binary).toBeUndefined();
		});

		test('a download that stalls ends within the Timeout', async () => {
			const t = task();
			sim.fault('cdn', { kind: 'stall', bytes: VIDEO_BYTES });
			const started = Date.now();
			const result = await run(unverified({ timeout: 3, requestTimeout: 2 }), received(sim.callbackBody(t)));
			expect(result.error.message).toMatch(new RegExp(`The video of task ${t.id} was not stored`));
			expect(Date.now() - started).toBeLessThan(8000);
		});
	});
});

describe('refused before any request', () => {
	test.each([
		['a body that is not a callback', received({ hello: 'world' }), 'The callback body (item field "body") is not a CometAPI callback: it has no task_id and no status'],
		['a body without status', received({ task_id: 'abc' }), 'is not a CometAPI callback: it has no status'],
		['an item without the field', [{ json: { query: {} } }], 'Callback Body Field "body" is not on item 0: item 0 has only query'],
	])('%s', async (_name, items, message) => {
		const result = await run(fromCallback(waiting({ downloadOutput: true })), items);
		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.message).toContain(message);
		expect(result.error.description).toMatch(/task_id and status/);
		expect(sim.requests).toHaveLength(0);
	});
});

describe("the simulator's callbacks, received over HTTP and read by From Callback", () => {
	let receiver;
	let bodies;
	beforeAll(async () => {
		bodies = [];
		receiver = http.createServer((req, res) => {
			let text = '';
			req.on('data', (chunk) => (text += chunk));
			req.on('end', () => {
				bodies.push({ method: req.method, type: req.headers['content-type'], body: JSON.parse(text) });
				res.writeHead(200).end('ok');
			});
		});
		await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	});
	afterAll(() => new Promise((resolve) => receiver.close(resolve)));

	test('once, never, twice, forged; and never to the placeholder', async () => {
		const url = `http://127.0.0.1:${receiver.address().port}/webhook/runway-callback`;
		const prompts = ['plain [sim duration=300]', 'never [sim callback=none duration=300]', 'twice [sim callback=twice duration=300]', 'forged [sim callback=forged duration=300]'];
		const submitted = await run(
			generate({ callbackUrl: url }),
			prompts.map((prompt) => ({ json: { prompt } })),
		);
		expect(submitted.error).toBeUndefined();
		await run(generate(), [{ json: { prompt: 'placeholder [sim duration=300]' } }]);
		await sim.waitForCallbacks(4, 10_000);
		await new Promise((resolve) => setTimeout(resolve, 700));

		const [plain, never, twice, forged, placeholder] = submitted.items.map((item) => item.json.taskId).concat([...sim.tasks.keys()][4]);
		const ids = bodies.map((b) => b.body.task_id);
		expect(ids.sort()).toEqual([plain, twice, twice, forged].sort());
		expect(ids).not.toContain(never);
		expect(sim.callbacks.map((c) => c.taskId)).not.toContain(placeholder);
		for (const { method, type, body } of bodies) {
			expect(method).toBe('POST');
			expect(type).toMatch(/^application\/json/);
			expect(Object.keys(body).sort()).toEqual(
				['task_id', 'status', 'prompt', 'prompt_en', 'video_url', 'poster', 'last_frame', 'msg', 'point', 'refund', 'create_time', 'update_time'].sort(),
			);
			expect(body.status).toBe('3');
		}
		expect(bodies.find((b) => b.body.task_id === forged).body.video_url).toBe(`${sim.baseUrl}/cdn/forged/${forged}.mp4`);

		// What the webhook received, in the order it came, through From Callback.
		const result = await run(fromCallback(waiting({ downloadOutput: true })), received(...bodies.map((b) => b.body)), { continueOnFail: true });
		const byTask = (id) => result.items.filter((item) => item.json.taskId === id);
		expect(byTask(plain)[0].json).toMatchObject({ status: 'SUCCEEDED', verified: true });
		const [one, two] = byTask(twice);
		expect(withoutTimes(one.json)).toEqual(withoutTimes(two.json));
		expect(videoOf(one).equals(videoOf(two))).toBe(true);
		expect(byTask(forged)[0].json.error).toMatch(/was not trusted: its video URL .* is not one CometAPI gives/);
		expect(byTask(forged)[0].binary).toBeUndefined();
		expect(sim.cdnRequests().map((r) => r.path)).not.toContain(`/cdn/forged/${forged}.mp4`);
	});
});
