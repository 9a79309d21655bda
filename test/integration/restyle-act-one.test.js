'use strict';
/** Video → Restyle Video and Video → Act-One (CometAPI's compatibility routes) in the real n8n-core. */
const path = require('node:path');
const axios = require('axios');

const { expectedVideoBytes } = require('../simulator/server');
const { API_KEY, useSimulator, firstCreateRequest } = require('../support/simulator');
const { runNode } = require('../support/n8n');
const { restyle, actOne, generate, waiting, prompts } = require('../support/params');
const images = require('../support/images');

const VIDEO_BYTES = 128 * 1024;
const { sim, credentials } = useSimulator({ taskDurationMs: 60_000, pendingMs: 200, videoBytes: VIDEO_BYTES });

const run = (parameters, items = prompts('in the style of a woodcut'), extra = {}) =>
	runNode({ parameters, items, credentials, ...extra });
const file = (data, fileName, mimeType) => ({ data, fileName, mimeType });
/** A short MP4 (an ftyp box and data), as a form upload or a Drive file gives it. */
const clip = () => expectedVideoBytes('source-clip', 4096);
const dataUri = (type, bytes) => `data:${type};base64,${bytes.toString('base64')}`;

describe('Restyle Video', () => {
	test('the documented body on /runway/pro/video2video, the placeholder callback, seconds 5', async () => {
		const result = await run(restyle());
		expect(result.error).toBeUndefined();
		const request = firstCreateRequest(sim, '/runway/pro/video2video');
		expect(request.body).toEqual({
			callback_url: 'https://example.com/webhook',
			prompt: 'in the style of a woodcut',
			model: 'gen4',
			options: { seconds: 5 },
			video: 'https://videos.example.com/dance.mp4',
		});
		const [task] = [...sim.tasks.values()];
		expect(result.items[0].json).toMatchObject({ taskId: task.id, route: 'feed', status: 'PENDING', polls: 0 });
		// Waiting off returns at once: no status request.
		expect(sim.statusRequests()).toHaveLength(0);
	});

	test('structure transformation, flip, 10 seconds, a callback URL and an API version', async () => {
		await run(
			restyle({
				callbackUrl: 'http://127.0.0.1:9/webhook/runway-callback',
				options: { structureTransformation: 0.3, flip: true, seconds: 10, runwayVersion: '2024-09-13' },
			}),
		);
		const [request] = sim.createRequests();
		expect(request.headers['x-runway-version']).toBe('2024-09-13');
		expect(request.body).toMatchObject({
			callback_url: 'http://127.0.0.1:9/webhook/runway-callback',
			options: { seconds: 10, structure_transformation: 0.3, flip: true },
		});
	});

	test('a video from a binary field is sent as a data URI of its real type', async () => {
		const bytes = clip();
		const result = await run(restyle({ videoSource: 'binary', videoBinaryPropertyName: 'clip' }), [
			{ json: { prompt: 'pixelated style' }, binary: { clip: file(bytes, 'clip.bin', 'application/octet-stream') } },
		]);
		expect(result.error).toBeUndefined();
		expect(sim.createRequests()[0].body.video).toBe(dataUri('video/mp4', bytes));
	});

	test('waits on the feed route and downloads the video', async () => {
		const result = await run(restyle(waiting({ downloadOutput: true })), prompts('pixelated [sim duration=1500]'));
		expect(result.error).toBeUndefined();
		const [task] = [...sim.tasks.values()];
		const [item] = result.items;
		expect(item.json).toMatchObject({ taskId: task.id, route: 'feed', status: 'SUCCEEDED', videoUrl: `${sim.baseUrl}/cdn/videos/${task.id}.mp4` });
		expect(sim.statusRequests(task.id)[0].path).toBe('/runway/feed');
		expect(Buffer.from(item.binary.data.data, 'base64').equals(expectedVideoBytes(task.id, VIDEO_BYTES))).toBe(true);
		expect(item.json.file).toMatchObject({ mimeType: 'video/mp4', binaryProperty: 'data' });
	});

	test.each([
		['structure transformation above 1', { options: { structureTransformation: 1.5 } }, 'Structure Transformation must be a number from 0 to 1, got number 1.5'],
		['structure transformation as text', { options: { structureTransformation: 'a lot' } }, 'Structure Transformation must be a number from 0 to 1, got "a lot"'],
		['7 seconds', { options: { seconds: 7 } }, 'Seconds 7 is not allowed; allowed: 5, 10'],
		['flip as text', { options: { flip: 'yes' } }, 'Flip must be true or false, got "yes"'],
		['a prompt that comes out empty', { prompt: '={{ "  " }}' }, 'Prompt is empty'],
		['an http video URL', { videoUrl: 'http://videos.example.com/a.mp4' }, 'Video URL must start with https://'],
		['a model ID with a space', { model: 'gen 4' }, 'Model "gen 4" is not a model ID'],
		['a callback URL that is not http', { callbackUrl: 'ftp://hooks.example.com/x' }, 'Callback URL must start with http:// or https://'],
	])('%s is refused before any request', async (_name, overrides, message) => {
		const result = await run(restyle(overrides));
		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.message).toContain(message);
		expect(sim.requests).toHaveLength(0);
	});

	test('an image in the video field is refused by its content', async () => {
		const result = await run(restyle({ videoSource: 'binary' }), [{ json: { prompt: 'x' }, binary: { data: file(images.png(), 'a.mp4', 'video/mp4') } }]);
		expect(result.error.message).toBe(
			'Input Video Binary Field "data" holds a PNG image, not a video the API takes; allowed: MP4, MOV or WebM (checked by content)',
		);
		expect(sim.requests).toHaveLength(0);
	});

	test('the simulator refuses what the route refuses', async () => {
		const post = (body) =>
			axios.post(`${sim.baseUrl}/runway/pro/video2video`, { callback_url: 'https://example.com/webhook', ...body }, { headers: { authorization: `Bearer ${API_KEY}` } });
		const base = { video: 'https://videos.example.com/a.mp4', prompt: 'x', model: 'gen4' };
		expect((await post({ ...base, model: undefined })).data.msg).toBe('model is required');
		expect((await post({ ...base, options: { structure_transformation: 2 } })).data.msg).toBe('options.structure_transformation must be a number from 0 to 1');
		expect((await post({ ...base, options: { seconds: 7 } })).data.msg).toBe('options.seconds must be 5 or 10');
		expect((await post({ ...base, video: 'http://videos.example.com/a.mp4' })).data.msg).toBe('video must be an https URL or a data:video/ URI');
		expect((await post(base)).data.code).toBe(200);
	});
});

describe('Act-One', () => {
	test('the performance video and the character image on /runway/pro/act_one', async () => {
		const result = await run(actOne());
		expect(result.error).toBeUndefined();
		const request = firstCreateRequest(sim, '/runway/pro/act_one');
		expect(request.body).toEqual({
			callback_url: 'https://example.com/webhook',
			video: 'https://videos.example.com/performance.mp4',
			image: 'https://images.example.com/character.png',
		});
		expect(result.items[0].json).toMatchObject({ route: 'feed', status: 'PENDING', polls: 0 });
		expect(sim.statusRequests()).toHaveLength(0);
	});

	test('both from binary fields, and waiting with the download', async () => {
		const video = clip();
		const image = images.jpeg();
		// Act-One takes no prompt, so no directive: the task's time comes from the simulator.
		sim.configure({ taskDurationMs: 1500 });
		const result = await run(
			actOne({
				videoSource: 'binary',
				videoBinaryPropertyName: 'performance',
				imageSource: 'binary',
				binaryPropertyName: 'character',
				...waiting({ downloadOutput: true, outputBinaryProperty: 'result' }),
			}),
			[{ json: {}, binary: { performance: file(video, 'p.mp4', 'video/mp4'), character: file(image, 'c.jpg', 'image/jpeg') } }],
		).finally(() => sim.configure({ taskDurationMs: 60_000 }));
		expect(result.error).toBeUndefined();
		const [request] = sim.createRequests();
		expect(request.body).toEqual({
			callback_url: 'https://example.com/webhook',
			video: dataUri('video/mp4', video),
			image: dataUri('image/jpeg', image),
		});
		const [task] = [...sim.tasks.values()];
		expect(result.items[0].json).toMatchObject({ taskId: task.id, status: 'SUCCEEDED', file: { binaryProperty: 'result' } });
		expect(Buffer.from(result.items[0].binary.result.data, 'base64').equals(expectedVideoBytes(task.id, VIDEO_BYTES))).toBe(true);
	});

	test.each([
		['a character image URL that comes out empty', { imageUrl: '={{ "" }}' }, 'Character Image URL is empty'],
		['an image URL on an IP address', { imageUrl: 'https://10.0.0.5/c.png' }, 'Character Image URL uses an IP address (10.0.0.5) instead of a domain name'],
		['a data: video URL typed in', { videoUrl: 'data:video/mp4;base64,AAAA' }, 'Performance Video URL must start with https://'],
	])('%s is refused before any request', async (_name, overrides, message) => {
		const result = await run(actOne(overrides));
		expect(result.error.message).toContain(message);
		expect(sim.requests).toHaveLength(0);
	});

	test('a GIF as the character is refused by its content', async () => {
		const result = await run(actOne({ imageSource: 'binary' }), [{ json: {}, binary: { data: file(images.gif(), 'c.gif', 'image/gif') } }]);
		expect(result.error.message).toContain('Character Image Binary Field "data" holds a GIF image, not an image the API takes');
		expect(sim.requests).toHaveLength(0);
	});

	test('the simulator refuses a missing or wrong input', async () => {
		const post = (body) =>
			axios.post(`${sim.baseUrl}/runway/pro/act_one`, { callback_url: 'https://example.com/webhook', ...body }, { headers: { authorization: `Bearer ${API_KEY}` } });
		expect((await post({ video: 'https://v.example.com/a.mp4' })).data.msg).toBe('image is required');
		expect((await post({ video: 'https://v.example.com/a.mp4', image: 'data:video/mp4;base64,AAAA' })).data.msg).toBe('image must be an https URL or a data:image/ URI');
	});
});

describe('the form', () => {
	const { CometApiRunway } = require(path.join(__dirname, '..', '..', 'dist', 'nodes', 'CometApiRunway', 'CometApiRunway.node.js'));
	const fields = (operation) =>
		new CometApiRunway().description.properties.filter((p) => p.displayOptions?.show?.operation?.includes(operation));
	const field = (operation, name) => fields(operation).find((p) => p.name === name);

	test("Act-One's video and image fields say 16:9 only", () => {
		for (const name of ['videoUrl', 'videoBinaryPropertyName', 'imageUrl', 'binaryPropertyName']) {
			const property = field('actOne', name);
			expect(`${property.description} ${property.hint ?? ''}`).toMatch(/16:9/);
		}
	});

	test.each(['generate', 'restyle', 'actOne'])('%s: the Callback URL field says how to point it at an n8n Webhook', (operation) => {
		const { description } = field(operation, 'callbackUrl');
		expect(description).toMatch(/https:\/\/example\.com\/webhook/);
		expect(description).toMatch(/production URL of a workflow whose Webhook node is followed by Task → From Callback/);
		expect(description).toMatch(/always while waiting, the placeholder/);
	});

	test.each([
		['generate', generate],
		['restyle', restyle],
		['actOne', actOne],
	])('%s with a callback URL and waiting off returns at once', async (_name, builder) => {
		const started = Date.now();
		const result = await run(builder({ callbackUrl: 'https://n8n.example.com/webhook/runway-callback' }), prompts('a [sim duration=60000]'));
		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeLessThan(3000);
		expect(result.items[0].json).toMatchObject({ status: 'PENDING', polls: 0 });
		expect(sim.statusRequests()).toHaveLength(0);
	});
});
