'use strict';
const { expectedVideoBytes } = require('../simulator/server');
const { API_KEY, useSimulator } = require('../support/simulator');
const { runNode } = require('../support/n8n');
const { imageToVideo, generate, getTask, waiting, prompts } = require('../support/params');
const images = require('../support/images');

const VIDEO_BYTES = 3 * 1024 * 1024 + 17;
const { sim, credentials } = useSimulator({ taskDurationMs: 1000, pendingMs: 200, videoBytes: VIDEO_BYTES });

const file = (data, fileName, mimeType) => ({ data, fileName, mimeType });
const withImage = (binary, prompt = 'animate') => [{ json: { prompt }, binary }];

describe('image from binary data', () => {
	test.each([
		['PNG', images.png(), 'photo.png', 'image/png', 'image/png'],
		['JPEG', images.jpeg(), 'photo.jpg', 'image/jpeg', 'image/jpeg'],
		['WebP declared as octet-stream', images.webp(), 'upload.bin', 'application/octet-stream', 'image/webp'],
	])('%s reaches Image to Video as a data URI of its real type', async (_name, bytes, fileName, declared, sniffed) => {
		const result = await runNode({
			parameters: imageToVideo({ imageSource: 'binary', binaryPropertyName: 'data' }),
			items: withImage({ data: file(bytes, fileName, declared) }),
			credentials,
		});
		expect(result.error).toBeUndefined();
		const [request] = sim.createRequests();
		expect(request.body.promptImage).toBe(`data:${sniffed};base64,${bytes.toString('base64')}`);
		expect(result.items[0].json.status).toBe('PENDING');
	});

	test('Generate takes a binary start frame and a binary end frame from another field', async () => {
		const start = images.png(4, 4);
		const end = images.jpeg();
		const result = await runNode({
			parameters: generate({
				imageSource: 'binary',
				binaryPropertyName: 'start',
				options: { lastImageBinaryPropertyName: 'end' },
			}),
			items: withImage({ start: file(start, 's.png', 'image/png'), end: file(end, 'e.jpg', 'image/jpeg') }),
			credentials,
		});
		expect(result.error).toBeUndefined();
		const [request] = sim.createRequests();
		expect(request.body.image).toBe(`data:image/png;base64,${start.toString('base64')}`);
		expect(request.body.last_image).toBe(`data:image/jpeg;base64,${end.toString('base64')}`);
	});

	test.each([
		[
			'a missing property',
			{ photo: file(images.png(), 'p.png', 'image/png') },
			'Input Binary Field "data" is not on item 0; the item has: photo',
		],
		['a GIF', { data: file(images.gif(), 'anim.gif', 'image/gif') }, 'Input Binary Field "data" holds a GIF image, not an image the API takes; allowed: JPEG, PNG or WebP (checked by content)'],
		[
			'a text file renamed .png',
			{ data: file(Buffer.from('just some notes, not a picture\n'), 'notes.png', 'image/png') },
			'Input Binary Field "data" holds text, not an image the API takes; allowed: JPEG, PNG or WebP (checked by content)',
		],
		[
			'a 6 MB image',
			{ data: file(images.png(8, 8, 6 * 1024 * 1024), 'huge.png', 'image/png') },
			'Input Binary Field "data" is 6.00 MB, which is 8.00 MB as the data URI sent; Runway takes at most 5.00 MB',
		],
	])('%s is refused before any request', async (_name, binary, message) => {
		const result = await runNode({
			parameters: imageToVideo({ imageSource: 'binary', binaryPropertyName: 'data' }),
			items: withImage(binary),
			credentials,
		});
		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.message).toBe(message);
		expect(sim.requests).toHaveLength(0);
	});

	test('an item without any binary data says so', async () => {
		const result = await runNode({
			parameters: imageToVideo({ imageSource: 'binary' }),
			items: prompts('no file'),
			credentials,
		});
		expect(result.error.message).toBe('Input Binary Field "data" is not on item 0; the item has no binary data');
		expect(sim.requests).toHaveLength(0);
	});
});

describe('video as binary', () => {
	test('each finished video is streamed into the item, byte for byte, without the API key', async () => {
		const result = await runNode({
			parameters: imageToVideo({
				...waiting({ downloadOutput: true, outputBinaryProperty: 'video' }),
			}),
			items: prompts('clip one', 'clip two'),
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		for (const [index, item] of result.items.entries()) {
			const { taskId } = item.json;
			expect(item.pairedItem).toEqual({ item: index });
			const binary = item.binary.video;
			expect(binary).toMatchObject({ mimeType: 'video/mp4', fileName: `${taskId}.mp4`, fileExtension: 'mp4' });
			const bytes = Buffer.from(binary.data, 'base64');
			expect(bytes.length).toBe(VIDEO_BYTES);
			expect(bytes.equals(expectedVideoBytes(taskId, VIDEO_BYTES))).toBe(true);
			expect(item.json.file).toEqual({ binaryProperty: 'video', fileName: `${taskId}.mp4`, mimeType: 'video/mp4', fileSize: item.binary.video.fileSize });
			expect(item.json.outputUrl).toBe(item.json.videoUrl);
			expect(item.json.status).toBe('SUCCEEDED');
		}
		const cdn = sim.cdnRequests();
		expect(cdn.map((r) => r.path).sort()).toEqual(result.items.map((i) => `/cdn/videos/${i.json.taskId}.mp4`).sort());
		for (const request of cdn) expect(request.headers.authorization).toBeUndefined();
		for (const request of sim.requests.filter((r) => r.route !== 'cdn')) {
			expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
		}
	}, 20_000);

	test('an expired URL gives an error that names the task and says to run Get Task', async () => {
		const result = await runNode({
			parameters: imageToVideo({ ...waiting({ downloadOutput: true }) }),
			items: prompts('gone [sim expired=1]'),
			credentials,
		});
		const id = sim.tasksWithPrompt('gone')[0].id;
		expect(result.error.name).toBe('NodeApiError');
		expect(result.error.message).toBe(
			`The video of task ${id} could not be downloaded: its URL answered HTTP 410 (expired or missing)`,
		);
		expect(result.error.description).toContain(`Run Get Task for task ${id} to get fresh URLs`);
		expect(sim.cdnRequests()).toHaveLength(1);
	}, 20_000);

	test('under Continue On Fail the item keeps its task fields next to the error', async () => {
		sim.configure({ expiredStatus: 403 });
		try {
			const result = await runNode({
				parameters: imageToVideo({ ...waiting({ downloadOutput: true }) }),
				items: prompts('fine', 'stale [sim expired=1]'),
				credentials,
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();
			const [fine, stale] = result.items;
			expect(fine.binary.data.fileName).toBe(`${fine.json.taskId}.mp4`);
			expect(stale.binary).toBeUndefined();
			expect(stale.json).toMatchObject({ status: 'SUCCEEDED', taskId: sim.tasksWithPrompt('stale')[0].id });
			expect(stale.json.videoUrl).toBe(`${sim.baseUrl}/cdn/videos/${stale.json.taskId}.mp4`);
			expect(stale.json.error).toMatch(/answered HTTP 403 \(expired or missing\)/);
			expect(stale.pairedItem).toEqual({ item: 1 });
		} finally {
			sim.configure({ expiredStatus: 410 });
		}
	}, 20_000);

	test('Get Task with waiting downloads a finished task again with fresh URLs', async () => {
		await runNode({ parameters: imageToVideo(), items: prompts('later'), credentials });
		const id = sim.tasksWithPrompt('later')[0].id;
		const result = await runNode({
			parameters: getTask({ ...waiting({ downloadOutput: true }) }),
			items: [{ json: { taskId: id } }],
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(Buffer.from(result.items[0].binary.data.data, 'base64').equals(expectedVideoBytes(id, VIDEO_BYTES))).toBe(true);
	}, 20_000);
});

describe('Download Output by default', () => {
	test('a node that never set Download Output stores the file when it waits', async () => {
		const result = await runNode({ parameters: imageToVideo(waiting()), items: prompts('default file'), credentials });
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.binary.data.fileName).toBe(`${item.json.taskId}.mp4`);
		expect(item.json.file).toMatchObject({ binaryProperty: 'data', mimeType: 'video/mp4' });
		expect(Buffer.from(item.binary.data.data, 'base64').equals(expectedVideoBytes(item.json.taskId, VIDEO_BYTES))).toBe(true);
	}, 20_000);

	test('a saved workflow that turned Download Output off keeps returning URLs only', async () => {
		const result = await runNode({
			parameters: imageToVideo(waiting({ downloadOutput: false })),
			items: prompts('urls only'),
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].binary).toBeUndefined();
		expect(result.items[0].json.videoUrl).toMatch(/\/cdn\/videos\/.+\.mp4$/);
		expect(sim.cdnRequests()).toHaveLength(0);
	}, 20_000);

	test('Get Task that reads once downloads nothing', async () => {
		await runNode({ parameters: imageToVideo(), items: prompts('read once'), credentials });
		const result = await runNode({
			parameters: getTask(),
			items: [{ json: { taskId: sim.tasksWithPrompt('read once')[0].id } }],
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].binary).toBeUndefined();
		expect(sim.cdnRequests()).toHaveLength(0);
	}, 20_000);
});
