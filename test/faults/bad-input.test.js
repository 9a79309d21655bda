'use strict';
/**
 * Bad input across the three operations and the credential: every case must be refused before
 * anything is sent (the simulator receives no request at all), with a message naming the field.
 * Under Continue On Fail a bad item becomes an error item paired to it while good items still run.
 */
const { startSimulator, runNode, imageToVideo, generate, getTask } = require('./helpers');
const images = require('../support/images');

const API_KEY = 'sk-bad-input';

// Images are built here, never committed.
const png = (size = 256) => {
	const real = images.png();
	return Buffer.concat([real, Buffer.alloc(Math.max(0, size - real.length), 7)]);
};
const gif = () => Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(200, 1)]);
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), Buffer.alloc(200, 0x20)]);
const text = () => Buffer.from('This is a note, not a picture.\nSecond line of plain text.\n');

const file = (data, fileName, mimeType) => ({ data, fileName, mimeType });
const withBinary = (binary, json = { prompt: 'a cat' }) => [{ json, binary }];
const prompt = (value) => [{ json: { prompt: value } }];

const long = (length) => 'x'.repeat(length);

/**
 * Each row: op (params builder), params (overrides), wait (waitOptions overrides), items,
 * credentials (overrides), field (what the message must name), message (the rest of it).
 */
const CASES = [
	// Image to Video: image URL
	{ title: 'empty Image URL', op: imageToVideo, params: { imageUrl: '' }, field: /Image URL/, message: /is empty|required/ },
	{ title: 'Image URL from an expression resolving to empty', op: imageToVideo, params: { imageUrl: '={{ $json.image }}' }, field: /Image URL/, message: /empty/ },
	{ title: 'blank Image URL', op: imageToVideo, params: { imageUrl: '   ' }, field: /Image URL/, message: /is empty/ },
	{ title: 'Image URL that is not a URL', op: imageToVideo, params: { imageUrl: 'cat.jpg' }, field: /Image URL/, message: /not a valid URL/ },
	{
		title: 'Image URL from an expression resolving to ftp://',
		op: imageToVideo,
		params: { imageUrl: '={{ $json.image }}' },
		items: [{ json: { prompt: 'a cat', image: 'ftp://files.example.com/cat.jpg' } }],
		field: /Image URL/,
		message: /must start with https:\/\//,
	},
	{ title: 'Image URL with file://', op: imageToVideo, params: { imageUrl: 'file:///etc/passwd' }, field: /Image URL/, message: /must start with http/ },
	{ title: 'Image URL of the wrong type (number)', op: imageToVideo, params: { imageUrl: '={{ 42 }}' }, field: /Image URL/, message: /not a valid URL/ },
	// Image to Video: prompt, seed, duration, model, ratio, version
	{ title: 'Prompt of 513 characters', op: imageToVideo, params: { prompt: long(513) }, field: /Prompt/, message: /513 characters long \(most emoji count as 2\); at most 512/ },
	{
		title: 'Prompt from an expression resolving to 600 characters',
		op: imageToVideo,
		params: { prompt: '={{ $json.p }}' },
		items: [{ json: { p: long(600) } }],
		field: /Prompt/,
		message: /600 characters long \(most emoji count as 2\); at most 512/,
	},
	{
		title: 'Prompt from an expression resolving to an object',
		op: imageToVideo,
		params: { prompt: '={{ $json.p }}' },
		items: [{ json: { p: { text: 'a cat' } } }],
		field: /Prompt/,
		message: /must be text/,
	},
	{ title: 'Seed -1', op: imageToVideo, params: { options: { seed: -1 } }, field: /Seed/, message: /between 0 and 999999999, got -1/ },
	{ title: 'Seed 1000000000', op: imageToVideo, params: { options: { seed: 1000000000 } }, field: /Seed/, message: /between 0 and 999999999, got 1000000000/ },
	{ title: 'Seed of the wrong type (text)', op: imageToVideo, params: { options: { seed: 'lucky' } }, field: /Seed/, message: /whole number/ },
	{ title: 'Seed 1.5', op: imageToVideo, params: { options: { seed: 1.5 } }, field: /Seed/, message: /whole number/ },
	{ title: 'Duration 11', op: imageToVideo, params: { duration: 11 }, field: /Duration/, message: /11 is not allowed for model gen4_turbo; allowed: 2, 3, 4, 5, 6, 7, 8, 9, 10/ },
	{ title: 'Duration of the wrong type (text)', op: imageToVideo, params: { duration: 'five' }, field: /Duration/, message: /whole number/ },
	{
		title: 'gen3a_turbo with ratio 1280:720',
		op: imageToVideo,
		params: { model: 'gen3a_turbo', ratio: '1280:720' },
		field: /Ratio/,
		message: /not available for model gen3a_turbo; allowed: 1280:768, 768:1280/,
	},
	{ title: 'Ratio 16x9', op: imageToVideo, params: { ratio: '16x9' }, field: /Ratio/, message: /must look like 1280:720/ },
	{ title: 'empty Model', op: imageToVideo, params: { model: '' }, field: /Model/, message: /is empty/ },
	{ title: 'Model with a space', op: imageToVideo, params: { model: 'gen4 turbo' }, field: /Model/, message: /not a model ID/ },
	{ title: 'Runway API Version not a date', op: imageToVideo, params: { options: { runwayVersion: 'latest' } }, field: /Runway API Version/, message: /date like 2024-11-06/ },
	// Image to Video: binary image
	{
		title: 'binary image missing from the item',
		op: imageToVideo,
		params: { imageSource: 'binary' },
		items: prompt('a cat'),
		field: /Input Binary Field/,
		message: /"data" is not on item 0; the item has no binary data/,
	},
	{
		title: 'binary image under another field name',
		op: imageToVideo,
		params: { imageSource: 'binary', binaryPropertyName: 'photo' },
		items: withBinary({ data: file(png(), 'cat.png', 'image/png') }),
		field: /Input Binary Field/,
		message: /"photo" is not on item 0; the item has: data/,
	},
	{
		title: 'empty Input Binary Field',
		op: imageToVideo,
		params: { imageSource: 'binary', binaryPropertyName: '' },
		items: withBinary({ data: file(png(), 'cat.png', 'image/png') }),
		field: /Input Binary Field/,
		message: /is empty|required/,
	},
	{
		title: 'GIF bytes',
		op: imageToVideo,
		params: { imageSource: 'binary' },
		items: withBinary({ data: file(gif(), 'cat.gif', 'image/gif') }),
		field: /Input Binary Field "data"/,
		message: /a GIF image.*allowed: JPEG, PNG or WebP/,
	},
	{
		title: 'a text file named .png with mimeType image/png',
		op: imageToVideo,
		params: { imageSource: 'binary' },
		items: withBinary({ data: file(text(), 'cat.png', 'image/png') }),
		field: /Input Binary Field "data"/,
		message: /holds text, not an image/,
	},
	{
		title: 'a 6 MB PNG',
		op: imageToVideo,
		params: { imageSource: 'binary' },
		items: withBinary({ data: file(png(6 * 1024 * 1024), 'big.png', 'image/png') }),
		field: /Input Binary Field "data"/,
		message: /6\.00 MB.*at most 5\.00 MB/,
	},
	// Waiting options
	{ title: 'Poll Interval 1 s (below the minimum)', op: imageToVideo, wait: { pollInterval: 1 }, field: /Poll Interval/, message: /from 2 to 3600, got/ },
	{ title: 'Timeout 0', op: imageToVideo, wait: { timeout: 0 }, field: /Timeout/, message: /from 1 to 86400/ },
	{ title: 'Request Timeout 0', op: imageToVideo, wait: { requestTimeout: 0 }, field: /Request Timeout/, message: /from 1 to 600/ },
	{ title: 'Max Concurrent Requests 0', op: imageToVideo, wait: { maxConcurrentRequests: 0 }, field: /Max Concurrent Requests/, message: /from 1 to 50/ },
	{ title: 'On Timeout unknown', op: imageToVideo, wait: { onTimeout: 'explode' }, field: /On Timeout/, message: /returnPending or error/ },
	{ title: 'empty Output Binary Field', op: imageToVideo, wait: { downloadOutput: true, outputBinaryProperty: '' }, field: /Output Binary Field/, message: /is empty/ },
	// Generate
	{ title: 'Generate: empty Prompt', op: generate, params: { prompt: '' }, field: /Prompt/, message: /is empty|required/ },
	{ title: 'Generate: Prompt from an expression resolving to blanks', op: generate, items: prompt('   '), field: /Prompt/, message: /is empty/ },
	{ title: 'Generate: Prompt of 513 characters', op: generate, params: { prompt: long(513) }, field: /Prompt/, message: /513 characters long/ },
	{ title: 'Generate: Motion Vector x 11', op: generate, params: { options: { motionVector: { x: 11 } } }, field: /Motion Vector/, message: /x must be a number from -10 to 10/ },
	{ title: 'Generate: Motion Vector bg_y_pan -10.5', op: generate, params: { options: { motionVector: { bg_y_pan: -10.5 } } }, field: /Motion Vector/, message: /bg_y_pan must be a number from -10 to 10/ },
	{ title: 'Generate: Motion Vector axis of the wrong type', op: generate, params: { options: { motionVector: { z: 'fast' } } }, field: /Motion Vector/, message: /z must be a number/ },
	{ title: 'Generate: Callback URL ftp://', op: generate, params: { callbackUrl: 'ftp://hooks.example.com/done', waitForCompletion: false }, field: /Callback URL/, message: /must start with http/ },
	{ title: 'Generate: Last Image URL not a URL', op: generate, params: { options: { lastImageUrl: 'end-frame' } }, field: /Last Image URL/, message: /not a valid URL/ },
	{ title: 'Generate: Seconds 7', op: generate, params: { options: { seconds: 7 } }, field: /Seconds/, message: /7 is not allowed; allowed: 5, 10/ },
	{ title: 'Generate: Ratio "wide"', op: generate, params: { ratio: 'wide' }, field: /Ratio/, message: /must look like/ },
	{
		title: 'Generate: PDF bytes as the binary image',
		op: generate,
		params: { imageSource: 'binary' },
		items: withBinary({ data: file(pdf(), 'cat.png', 'image/png') }),
		field: /Input Binary Field "data"/,
		message: /a PDF document/,
	},
	// Get Task
	{ title: 'Get Task: empty Task ID', op: getTask, params: { taskId: '' }, field: /Task ID/, message: /is empty|required/ },
	{ title: 'Get Task: Task ID with spaces', op: getTask, params: { taskId: 'abc def' }, field: /Task ID/, message: /malformed/ },
	{ title: 'Get Task: Task ID with slashes', op: getTask, params: { taskId: '../../v1/models' }, field: /Task ID/, message: /malformed/ },
	{
		title: 'Get Task: Task ID from an expression resolving to nothing',
		op: getTask,
		params: { taskId: '={{ $json.taskId }}' },
		items: [{ json: { id: 'x' } }],
		field: /Task ID/,
		message: /empty|must be text/,
	},
	{
		// An upstream HTTP node's error text flowing into the field: the message must still name it.
		title: 'Get Task: Task ID holding an upstream error text',
		op: getTask,
		params: { taskId: '={{ $json.taskId }}' },
		items: [{ json: { taskId: 'Error: connect ECONNREFUSED 10.0.0.1:443' } }],
		field: /Task ID/,
		message: /malformed/,
	},
	{ title: 'Get Task: unknown Task Route', op: getTask, params: { taskId: 'abc-123', taskRoute: 'v2' }, field: /Task Route/, message: /official or feed/ },
	// Credential
	{ title: 'credential Base URL ftp://', op: imageToVideo, credentials: { baseUrl: 'ftp://api.cometapi.com' }, field: /Base URL/, message: /must start with https:\/\// },
	{ title: 'credential Base URL http:// not local', op: imageToVideo, credentials: { baseUrl: 'http://api.cometapi.com' }, field: /Base URL/, message: /plain http:\/\/ to api\.cometapi\.com.*unencrypted/ },
	{ title: 'credential Base URL http://localhost.example.com', op: generate, credentials: { baseUrl: 'http://localhost.example.com' }, field: /Base URL/, message: /unencrypted/ },
	{ title: 'credential Base URL without a scheme', op: getTask, params: { taskId: 'abc-123' }, credentials: { baseUrl: 'api.cometapi.com' }, field: /Base URL/, message: /not a valid URL|must start/ },
	{ title: 'credential Base URL empty', op: imageToVideo, credentials: { baseUrl: '' }, field: /Base URL/, message: /is empty/ },
	{ title: 'credential Base URL ending in /v1', op: imageToVideo, credentials: { baseUrl: 'https://api.cometapi.com/v1/' }, field: /Base URL/, message: /ends with \/v1: remove \/v1/ },
	{ title: 'credential Base URL with a user name', op: imageToVideo, credentials: { baseUrl: 'https://me:pw@api.cometapi.com' }, field: /Base URL/, message: /user name or password/ },
	{ title: 'credential API Key empty', op: imageToVideo, credentials: { apiKey: '' }, field: /API Key/i, message: /empty|missing/i },
];

let sim;

/**
 * Runs the node; n8n itself refuses a workflow whose required parameter is empty (it throws
 * WorkflowHasIssuesError naming the parameter before the node runs): that counts as refused too.
 */
async function runRefusable(options) {
	try {
		return await runNode(options);
	} catch (error) {
		return { items: [], error, thrownByN8n: true };
	}
}

beforeAll(async () => {
	sim = await startSimulator({ apiKey: API_KEY, taskDurationMs: 500 });
});

afterAll(async () => {
	await sim.close();
});

console.log(`bad input: ${CASES.length} cases`);

test.each(CASES.map((row, index) => [`B${String(index + 1).padStart(2, '0')} ${row.title}`, row]))(
	'%s is refused before any request',
	async (_name, row) => {
		sim.reset();
		const result = await runRefusable({
			parameters: row.op(row.params ?? {}, row.wait ?? {}),
			items: row.items ?? prompt('a cat walks in the rain'),
			credentials: { apiKey: API_KEY, baseUrl: sim.baseUrl, ...row.credentials },
		});
		expect(sim.requests).toHaveLength(0);
		expect(result.items).toHaveLength(0);
		expect(result.error).toBeDefined();
		expect(result.error.message).toMatch(row.field);
		expect(result.error.message).toMatch(row.message);
		// And what to do about it (n8n's own parameter check shows the field in the editor instead).
		if (!result.thrownByN8n) expect(result.error.description ?? '').toMatch(/\w/);
	},
	20_000,
);

describe('Continue On Fail', () => {
	test('bad items become error items paired to them; good items still run', async () => {
		sim.reset();
		const items = [
			{ json: { prompt: 'good 0 [sim duration=300]', image: 'https://example.com/0.jpg' } },
			{ json: { prompt: long(513), image: 'https://example.com/1.jpg' } },
			{ json: { prompt: 'good 2 [sim duration=300]', image: 'https://example.com/2.jpg' } },
			{ json: { prompt: 'bad url', image: 'ftp://example.com/3.jpg' } },
			{ json: { prompt: 'good 4 [sim duration=300]', image: 'https://example.com/4.jpg' } },
		];
		const result = await runNode({
			parameters: imageToVideo({ imageUrl: '={{ $json.image }}' }),
			items,
			credentials: { apiKey: API_KEY, baseUrl: sim.baseUrl },
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(items.length);
		result.items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
		for (const index of [0, 2, 4]) {
			const { json } = result.items[index];
			expect(json.error).toBeUndefined();
			expect(json.status).toBe('SUCCEEDED');
			expect(sim.tasks.get(json.taskId).prompt).toBe(items[index].json.prompt);
		}
		expect(result.items[1].json.error).toMatch(/Prompt is 513 characters long/);
		expect(result.items[1].json.taskId).toBeUndefined();
		expect(result.items[3].json.error).toMatch(/Image URL must start with http/);
		expect(result.items[3].json.errorDescription).toMatch(/\w/);
		// Only the good items were sent, once each.
		const sent = sim.createRequests().map((request) => request.body.promptText).sort();
		expect(sent).toEqual([items[0].json.prompt, items[2].json.prompt, items[4].json.prompt].sort());
	}, 30_000);

	test('without Continue On Fail one bad item anywhere in the batch stops it before any request', async () => {
		sim.reset();
		const result = await runNode({
			parameters: generate(),
			items: [{ json: { prompt: 'good 0' } }, { json: { prompt: 'good 1' } }, { json: { prompt: '' } }],
			credentials: { apiKey: API_KEY, baseUrl: sim.baseUrl },
		});
		expect(result.error.message).toMatch(/Prompt is empty/);
		expect(sim.requests).toHaveLength(0);
	}, 20_000);

	test('a bad credential fails the whole run even under Continue On Fail, with nothing sent', async () => {
		sim.reset();
		const result = await runNode({
			parameters: imageToVideo(),
			items: prompt('a cat'),
			credentials: { apiKey: API_KEY, baseUrl: 'http://api.cometapi.com' },
			continueOnFail: true,
		});
		const text = result.error ? result.error.message : JSON.stringify(result.items.map((item) => item.json));
		expect(text).toMatch(/Base URL/);
		expect(sim.requests).toHaveLength(0);
	}, 20_000);
});

module.exports = { count: CASES.length };
