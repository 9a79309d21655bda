'use strict';
// Video to Video, Upscale and Character Performance (Act-Two) through the real n8n-core against
// the simulator: the exact bodies sent, waiting and downloading, Continue On Fail, every input the
// node refuses before sending anything, and the refusal of a model retired upstream.
const { expectedVideoBytes } = require('../simulator/server');
const { API_KEY, useSimulator, firstCreateRequest } = require('../support/simulator');
const { runNode } = require('../support/n8n');
const {
	videoToVideo,
	upscale,
	characterPerformance,
	imageToVideo,
	getTask,
	waiting,
	prompts,
} = require('../support/params');
const images = require('../support/images');
const videos = require('../support/videos');

const VIDEO_BYTES = 256 * 1024 + 3;
const UPSCALE_PATH = '/runwayml/v1/video_upscale';
const { sim, credentials } = useSimulator({ taskDurationMs: 1000, pendingMs: 200, videoBytes: VIDEO_BYTES });

const file = (data, fileName, mimeType) => ({ data, fileName, mimeType });
const dataUri = (type, bytes) => `data:${type};base64,${bytes.toString('base64')}`;
const V2V_RATIOS = '1280:720, 720:1280, 1104:832, 960:960, 832:1104, 1584:672, 848:480, 640:480';
const ACT_TWO_RATIOS = '1280:720, 720:1280, 960:960, 1104:832, 832:1104, 1584:672';

/** One task, waited on and downloaded: the item carries the video the CDN served, byte for byte. */
function expectDownloadedVideo(result) {
	expect(result.error).toBeUndefined();
	const [item] = result.items;
	const { taskId } = item.json;
	expect([...sim.tasks.keys()]).toEqual([taskId]);
	expect(item.json).toMatchObject({
		taskId,
		route: 'official',
		status: 'SUCCEEDED',
		outputUrl: `${sim.baseUrl}/cdn/videos/${taskId}.mp4`,
		videoUrl: `${sim.baseUrl}/cdn/videos/${taskId}.mp4`,
		timedOut: false,
	});
	expect(item.json.polls).toBeGreaterThanOrEqual(1);
	expect(item.binary.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${taskId}.mp4` });
	expect(Buffer.from(item.binary.data.data, 'base64').equals(expectedVideoBytes(taskId, VIDEO_BYTES))).toBe(true);
	expect(item.json.file).toEqual({ binaryProperty: 'data', fileName: `${taskId}.mp4`, mimeType: 'video/mp4', fileSize: item.binary.data.fileSize });
	// Polled on the official task route, the one its create route belongs to.
	const polls = sim.statusRequests(taskId);
	expect(polls.length).toBe(item.json.polls);
	for (const poll of polls) expect(poll).toMatchObject({ method: 'GET', path: `/runwayml/v1/tasks/${taskId}` });
	return item;
}

describe('Video to Video', () => {
	test('a video URL and a prompt: the exact body on /runwayml/v1/video_to_video', async () => {
		const result = await runNode({ parameters: videoToVideo(), items: prompts('make it rain'), credentials });
		expect(result.error).toBeUndefined();
		const request = firstCreateRequest(sim, '/runwayml/v1/video_to_video');
		expect(request.body).toEqual({
			videoUri: 'https://example.com/clip.mp4',
			promptText: 'make it rain',
			model: 'gen4_aleph',
			ratio: '1280:720',
		});
		const [task] = sim.tasks.values();
		expect(task.action).toBe('VIDEO_TO_VIDEO');
		expect(result.items[0].json).toMatchObject({ taskId: task.id, route: 'official', status: 'PENDING', response: { id: task.id } });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('an MP4 from a binary field, a reference image URL, the largest seed, moderation and a version', async () => {
		const clip = videos.mp4();
		await runNode({
			parameters: videoToVideo({
				videoSource: 'binary',
				videoBinaryPropertyName: 'clip',
				ratio: '640:480',
				referenceImages: { image: [{ imageSource: 'url', imageUrl: 'https://example.com/style.jpg' }] },
				options: { seed: 4294967295, publicFigureThreshold: 'low', runwayVersion: '2025-01-01' },
			}),
			items: [{ json: { prompt: 'watercolour' }, binary: { clip: file(clip, 'clip.mp4', 'video/mp4') } }],
			credentials,
		});
		const [request] = sim.createRequests();
		expect(request.headers['x-runway-version']).toBe('2025-01-01');
		expect(request.body).toEqual({
			videoUri: dataUri('video/mp4', clip),
			promptText: 'watercolour',
			model: 'gen4_aleph',
			ratio: '640:480',
			seed: 4294967295,
			references: [{ type: 'image', uri: 'https://example.com/style.jpg' }],
			contentModeration: { publicFigureThreshold: 'low' },
		});
	});

	test('a WebM declared as octet-stream and a PNG reference from another binary field', async () => {
		const clip = videos.webm();
		const still = images.png(4, 4);
		await runNode({
			parameters: videoToVideo({
				videoSource: 'binary',
				referenceImages: { image: [{ imageSource: 'binary', binaryPropertyName: 'style' }] },
			}),
			items: [
				{
					json: { prompt: 'in the style of the still' },
					binary: { data: file(clip, 'clip.bin', 'application/octet-stream'), style: file(still, 's.png', 'image/png') },
				},
			],
			credentials,
		});
		const [request] = sim.createRequests();
		expect(request.body.videoUri).toBe(dataUri('video/webm', clip));
		expect(request.body.references).toEqual([{ type: 'image', uri: dataUri('image/png', still) }]);
	});

	test('a Custom Model ID is sent as typed, its ratio checked only for shape', async () => {
		const result = await runNode({
			parameters: videoToVideo({ model: 'custom', customModel: 'gen4_aleph_next', ratio: '1920:1080' }),
			items: prompts('typed model'),
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(sim.createRequests()[0].body).toMatchObject({ model: 'gen4_aleph_next', ratio: '1920:1080' });
	});

	test('waits on the official task route and downloads the video', async () => {
		const result = await runNode({
			parameters: videoToVideo({ ...waiting({ downloadOutput: true }) }),
			items: prompts('dusk'),
			credentials,
		});
		expectDownloadedVideo(result);
	}, 20_000);

	test('Continue On Fail: a refused item and a failed task each get an error item; the rest go on', async () => {
		const tooLong = 'x'.repeat(1001);
		const result = await runNode({
			parameters: videoToVideo({ ...waiting() }),
			items: prompts('fine', tooLong, 'refused [sim outcome=FAILED failureCode=SAFETY.INPUT.TEXT]'),
			credentials,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const [fine, invalid, failed] = result.items;
		expect(fine.json).toMatchObject({ status: 'SUCCEEDED', taskId: sim.tasksWithPrompt('fine')[0].id });
		expect(invalid.json).toEqual({
			error: 'Prompt is 1001 characters long (most emoji count as 2); at most 1000 are allowed',
			errorDescription: 'Fix the Prompt field; nothing was sent to CometAPI.',
		});
		const failedId = sim.tasksWithPrompt('refused')[0].id;
		expect(failed.json).toMatchObject({ taskId: failedId, status: 'FAILED', failureCode: 'SAFETY.INPUT.TEXT' });
		expect(failed.json.error).toBe(`Task ${failedId} failed: The generation failed. [SAFETY.INPUT.TEXT]`);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sim.createRequests()).toHaveLength(2);
	}, 20_000);
});

describe('Upscale', () => {
	test('a video URL: the exact body on /runwayml/v1/video_upscale', async () => {
		const result = await runNode({ parameters: upscale(), credentials });
		expect(result.error).toBeUndefined();
		const request = firstCreateRequest(sim, UPSCALE_PATH);
		expect(request.body).toEqual({ videoUri: 'https://example.com/clip.mp4', model: 'upscale_v1' });
		const [task] = sim.tasks.values();
		expect(task.action).toBe('VIDEO_UPSCALE');
		expect(result.items[0].json).toMatchObject({ taskId: task.id, route: 'official', status: 'PENDING' });
	});

	test('a newer upscale model typed in Custom Model ID is sent as typed', async () => {
		const result = await runNode({ parameters: upscale({ model: 'custom', customModel: 'upscale_v2' }), credentials });
		expect(result.error).toBeUndefined();
		expect(sim.createRequests()[0].body).toEqual({ videoUri: 'https://example.com/clip.mp4', model: 'upscale_v2' });
	});

	test('a QuickTime file from a binary field is sent as a video/quicktime data URI', async () => {
		const clip = videos.mov();
		await runNode({
			parameters: upscale({ videoSource: 'binary' }),
			items: [{ json: {}, binary: { data: file(clip, 'take.mov', 'video/quicktime') } }],
			credentials,
		});
		expect(sim.createRequests()[0].body).toEqual({ videoUri: dataUri('video/quicktime', clip), model: 'upscale_v1' });
	});

	test('waits on the official task route and downloads the video', async () => {
		const result = await runNode({ parameters: upscale({ ...waiting({ downloadOutput: true }) }), credentials });
		expectDownloadedVideo(result);
	}, 20_000);

	const REASON = 'Model upscale_v1 is retired upstream: Runway no longer offers it';
	test.each([
		['a JSON 404 (Invalid URL)', 'json404', `CometAPI refused the task with HTTP 404: Invalid URL (POST ${UPSCALE_PATH}). ${REASON}`, '404'],
		['an HTML 404 page', 'html404', `CometAPI answered with an HTML page instead of JSON. ${REASON}`, '404'],
		['Runway\'s 410 "sunset"', 'gone', `CometAPI refused the task with HTTP 410: The video_upscale endpoint has been sunset.. ${REASON}`, '410'],
		['a 400 naming the model unsupported', 'unsupported', `CometAPI refused the task with HTTP 400: model upscale_v1 is not supported (request id: sim-400). ${REASON}`, '400'],
	])('upscale_v1 refused as %s: the error says it is retired upstream and names the current models', async (_name, style, message, httpCode) => {
		sim.configure({ retiredRoutes: { [UPSCALE_PATH]: style } });
		try {
			const result = await runNode({ parameters: upscale({ ...waiting() }), credentials });
			expect(result.items).toEqual([]);
			expect(result.error.name).toBe('NodeApiError');
			expect(result.error.message).toBe(message);
			expect(result.error.description).toMatch(
				/^Choose magnific_video_upscaler_creative \(or enhance_frame_rate for smoother motion\) in Model instead; upscale_v1 is kept only so saved workflows load\. \(.+\)$/,
			);
			expect(String(result.error.httpCode)).toBe(httpCode);
			expect(sim.createRequests()).toHaveLength(1);
			expect(sim.statusRequests()).toHaveLength(0);
		} finally {
			sim.configure({ retiredRoutes: {} });
		}
	});

	test('a refusal of the request itself (not the route) is not worded as a retirement', async () => {
		sim.fault('createOfficial', {
			status: 400,
			body: { error: { message: 'videoUri could not be fetched (HTTP 403)', type: 'comet_api_error', code: 'invalid_request' } },
		});
		const result = await runNode({ parameters: upscale(), credentials });
		expect(result.error.message).toBe('CometAPI refused the task with HTTP 400: videoUri could not be fetched (HTTP 403)');
		expect(`${result.error.message} ${result.error.description}`).not.toMatch(/retired/);
	});

	test('the same 404 on another route keeps its usual wording', async () => {
		sim.configure({ retiredRoutes: { '/runwayml/v1/image_to_video': 'json404' } });
		try {
			const result = await runNode({ parameters: imageToVideo(), items: prompts('x'), credentials });
			expect(result.error.message).toBe('CometAPI refused the task with HTTP 404: Invalid URL (POST /runwayml/v1/image_to_video)');
			expect(result.error.description).not.toMatch(/retired/);
		} finally {
			sim.configure({ retiredRoutes: {} });
		}
	});

	test('Continue On Fail: every refused upscale_v1 item carries the retirement message', async () => {
		sim.configure({ retiredRoutes: { [UPSCALE_PATH]: 'json404' } });
		try {
			const result = await runNode({ parameters: upscale(), items: [{ json: {} }, { json: {} }], credentials, continueOnFail: true });
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(2);
			for (const item of result.items) {
				expect(item.json.error).toContain(REASON);
				expect(item.json.errorDescription).toMatch(/^Choose magnific_video_upscaler_creative /);
			}
		} finally {
			sim.configure({ retiredRoutes: {} });
		}
	});
});

describe('Character Performance', () => {
	test('a character image URL and a performance video URL: the exact body on /runwayml/v1/character_performance', async () => {
		const result = await runNode({ parameters: characterPerformance(), credentials });
		expect(result.error).toBeUndefined();
		const request = firstCreateRequest(sim, '/runwayml/v1/character_performance');
		expect(request.body).toEqual({
			model: 'act_two',
			ratio: '1280:720',
			character: { type: 'image', uri: 'https://example.com/face.jpg' },
			reference: { type: 'video', uri: 'https://example.com/performance.mp4' },
		});
		const [task] = sim.tasks.values();
		expect(task.action).toBe('CHARACTER_PERFORMANCE');
		expect(result.items[0].json).toMatchObject({ taskId: task.id, route: 'official', status: 'PENDING' });
	});

	test('a character video and a performance video from binary fields (character and performance), with every option', async () => {
		const character = videos.mp4({ seconds: 4 });
		const performance = videos.webm();
		await runNode({
			parameters: characterPerformance({
				characterType: 'video',
				characterVideoSource: 'binary', // its binary field defaults to "character"
				videoSource: 'binary',
				videoBinaryPropertyName: 'performance',
				ratio: '1584:672',
				options: { bodyControl: true, expressionIntensity: 5, seed: 7, publicFigureThreshold: 'auto' },
			}),
			items: [
				{
					json: {},
					binary: {
						character: file(character, 'me.mp4', 'video/mp4'),
						performance: file(performance, 'act.webm', 'video/webm'),
					},
				},
			],
			credentials,
		});
		expect(sim.createRequests()[0].body).toEqual({
			model: 'act_two',
			ratio: '1584:672',
			bodyControl: true,
			expressionIntensity: 5,
			seed: 7,
			contentModeration: { publicFigureThreshold: 'auto' },
			character: { type: 'video', uri: dataUri('video/mp4', character) },
			reference: { type: 'video', uri: dataUri('video/webm', performance) },
		});
	});

	test('a character video by URL, a character image from a binary field', async () => {
		await runNode({
			parameters: characterPerformance({ characterType: 'video', characterVideoUrl: 'https://example.com/me.mp4', options: { bodyControl: false } }),
			credentials,
		});
		expect(sim.createRequests()[0].body).toMatchObject({ bodyControl: false, character: { type: 'video', uri: 'https://example.com/me.mp4' } });
		sim.reset();
		const face = images.jpeg();
		await runNode({
			parameters: characterPerformance({ imageSource: 'binary', binaryPropertyName: 'face' }),
			items: [{ json: {}, binary: { face: file(face, 'face.jpg', 'image/jpeg') } }],
			credentials,
		});
		expect(sim.createRequests()[0].body.character).toEqual({ type: 'image', uri: dataUri('image/jpeg', face) });
	});

	test('waits on the official task route and downloads the video', async () => {
		const result = await runNode({ parameters: characterPerformance({ ...waiting({ downloadOutput: true }) }), credentials });
		expectDownloadedVideo(result);
	}, 20_000);

	test('Get Task picks up a task submitted without waiting and downloads its video', async () => {
		await runNode({ parameters: characterPerformance(), credentials });
		const [task] = sim.tasks.values();
		const result = await runNode({
			parameters: getTask({ ...waiting({ downloadOutput: true }) }),
			items: [{ json: { taskId: task.id } }],
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ taskId: task.id, status: 'SUCCEEDED' });
		expect(Buffer.from(result.items[0].binary.data.data, 'base64').equals(expectedVideoBytes(task.id, VIDEO_BYTES))).toBe(true);
		expect(sim.createRequests()).toHaveLength(1);
	}, 20_000);

	test('Continue On Fail: an item without its performance file gets an error item, the other its task', async () => {
		const performance = videos.mp4();
		const result = await runNode({
			parameters: characterPerformance({ videoSource: 'binary' }),
			items: [{ json: {}, binary: { data: file(performance, 'a.mp4', 'video/mp4') } }, { json: {} }],
			credentials,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const [sent, missing] = result.items;
		expect(sent.json).toMatchObject({ taskId: [...sim.tasks.keys()][0], status: 'PENDING' });
		expect(missing.json.error).toBe('Performance Video Binary Field "data" is not on item 1; the item has no binary data');
		expect(sim.createRequests()).toHaveLength(1);
	});
});

describe('refused before any request, naming the field', () => {
	const HTTP_VIDEO = 'Video URL must start with https://, got "http:…"; Runway only fetches public https:// URLs';
	const bigMp4 = videos.mp4({ padBytes: 17 * 1024 * 1024 - 156 });
	const sixMbMp4 = videos.mp4({ padBytes: 6 * 1024 * 1024 - 156 });
	const binaryItem = (binary, json = { prompt: 'p' }) => [{ json, binary }];

	test.each([
		// Video to Video
		['V2V: a ratio gen4_aleph does not offer', videoToVideo({ ratio: '1280:768' }), prompts('p'), `Ratio 1280:768 is not available for model gen4_aleph; allowed: ${V2V_RATIOS}`],
		['V2V: seed 4294967296', videoToVideo({ options: { seed: 4294967296 } }), prompts('p'), 'Seed must be between 0 and 4294967295, got 4294967296'],
		['V2V: a negative seed', videoToVideo({ options: { seed: -1 } }), prompts('p'), 'Seed must be between 0 and 4294967295, got -1'],
		['V2V: a prompt that comes out empty', videoToVideo(), prompts('  '), 'Prompt is empty'],
		[
			'V2V: a prompt of 1,001 UTF-16 units (an emoji counts 2)',
			videoToVideo(),
			prompts(`${'x'.repeat(999)}🎬`),
			'Prompt is 1001 characters long (most emoji count as 2); at most 1000 are allowed',
		],
		[
			'V2V: two reference images',
			videoToVideo({
				referenceImages: {
					image: [
						{ imageSource: 'url', imageUrl: 'https://example.com/a.jpg' },
						{ imageSource: 'binary', binaryPropertyName: 'style' },
					],
				},
			}),
			binaryItem({ style: file(images.png(), 's.png', 'image/png') }),
			'Reference Images has 2 images; Video to Video takes at most 1',
		],
		[
			'V2V: a video as the reference image',
			videoToVideo({ referenceImages: { image: [{ imageSource: 'binary', binaryPropertyName: 'style' }] } }),
			binaryItem({ style: file(videos.mp4(), 's.mp4', 'video/mp4') }),
			'Reference Image 1 Binary Field "style" holds a video, not an image the API takes; allowed: JPEG, PNG or WebP (checked by content)',
		],
		[
			'V2V: a reference image URL on plain http',
			videoToVideo({ referenceImages: { image: [{ imageSource: 'url', imageUrl: 'http://example.com/a.jpg' }] } }),
			prompts('p'),
			'Reference Image 1 URL must start with https://, got "http:…"; Runway only fetches public https:// URLs',
		],
		[
			'V2V: a PNG given as the video',
			videoToVideo({ videoSource: 'binary' }),
			binaryItem({ data: file(images.png(), 'clip.mp4', 'video/mp4') }),
			'Input Video Binary Field "data" holds a PNG image, not a video the API takes; allowed: MP4, MOV or WebM (checked by content)',
		],
		[
			'V2V: a 17 MB video binary',
			videoToVideo({ videoSource: 'binary' }),
			binaryItem({ data: file(bigMp4, 'big.mp4', 'video/mp4') }),
			'Input Video Binary Field "data" is 17.00 MB, which is 22.67 MB as the data URI sent; Runway takes at most 5.00 MB',
		],
		[
			'V2V: a 6 MB video binary (over the 5 MB every data URI may have)',
			videoToVideo({ videoSource: 'binary' }),
			binaryItem({ data: file(sixMbMp4, 'six.mp4', 'video/mp4') }),
			'Input Video Binary Field "data" is 6.00 MB, which is 8.00 MB as the data URI sent; Runway takes at most 5.00 MB',
		],
		['V2V: an http:// video URL', videoToVideo({ videoUrl: 'http://example.com/clip.mp4' }), prompts('p'), HTTP_VIDEO],
		['V2V: a video URL on an IP address', videoToVideo({ videoUrl: 'https://10.0.0.5/clip.mp4' }), prompts('p'), 'Video URL uses an IP address (10.0.0.5) instead of a domain name; Runway only fetches public https:// URLs'],
		['V2V: a public figure threshold Runway does not know', videoToVideo({ options: { publicFigureThreshold: 'high' } }), prompts('p'), 'Public Figure Threshold must be auto or low, got "high"'],
		[
			'V2V: a custom model ID with a space',
			videoToVideo({ model: 'custom', customModel: 'gen4 aleph' }),
			prompts('p'),
			'Custom Model ID "gen4 aleph" is not a model ID; use letters, digits, ".", "_" or "-" (e.g. gen4_turbo)',
		],
		// Upscale
		['Upscale: an http:// video URL', upscale({ videoUrl: 'http://example.com/clip.mp4' }), [{ json: {} }], HTTP_VIDEO],
		[
			'Upscale: a PNG given as the video',
			upscale({ videoSource: 'binary' }),
			binaryItem({ data: file(images.png(), 'clip.mov', 'video/quicktime') }),
			'Input Video Binary Field "data" holds a PNG image, not a video the API takes; allowed: MP4, MOV or WebM (checked by content)',
		],
		['Upscale: no video binary on the item', upscale({ videoSource: 'binary' }), [{ json: {} }], 'Input Video Binary Field "data" is not on item 0; the item has no binary data'],
		['Upscale: a custom model ID that comes out empty', upscale({ model: 'custom', customModel: '={{ $json.model }}' }), [{ json: { model: '' } }], 'Custom Model ID is empty'],
		// Character Performance
		['Act-Two: expression intensity 6', characterPerformance({ options: { expressionIntensity: 6 } }), [{ json: {} }], 'Expression Intensity 6 is not allowed; allowed: 1, 2, 3, 4, 5'],
		['Act-Two: expression intensity 0', characterPerformance({ options: { expressionIntensity: 0 } }), [{ json: {} }], 'Expression Intensity 0 is not allowed; allowed: 1, 2, 3, 4, 5'],
		['Act-Two: expression intensity 2.5', characterPerformance({ options: { expressionIntensity: 2.5 } }), [{ json: {} }], 'Expression Intensity must be a whole number, got number 2.5'],
		['Act-Two: a ratio act_two does not offer', characterPerformance({ ratio: '848:480' }), [{ json: {} }], `Ratio 848:480 is not available for model act_two; allowed: ${ACT_TWO_RATIOS}`],
		['Act-Two: seed 4294967296', characterPerformance({ options: { seed: 4294967296 } }), [{ json: {} }], 'Seed must be between 0 and 4294967295, got 4294967296'],
		[
			'Act-Two: a video given as the character image',
			characterPerformance({ imageSource: 'binary' }),
			binaryItem({ data: file(videos.mp4(), 'face.jpg', 'image/jpeg') }),
			'Character Image Binary Field "data" holds a video, not an image the API takes; allowed: JPEG, PNG or WebP (checked by content)',
		],
		[
			'Act-Two: a PNG given as the character video',
			characterPerformance({ characterType: 'video', characterVideoSource: 'binary', characterVideoBinaryPropertyName: 'me' }),
			binaryItem({ me: file(images.png(), 'me.mp4', 'video/mp4') }),
			'Character Video Binary Field "me" holds a PNG image, not a video the API takes; allowed: MP4, MOV or WebM (checked by content)',
		],
		[
			'Act-Two: an http:// character image URL',
			characterPerformance({ imageUrl: 'http://example.com/face.jpg' }),
			[{ json: {} }],
			'Character Image URL must start with https://, got "http:…"; Runway only fetches public https:// URLs',
		],
		[
			'Act-Two: a character video URL that comes out empty',
			characterPerformance({ characterType: 'video', characterVideoUrl: '={{ $json.url }}' }),
			[{ json: { url: '' } }],
			'Character Video URL is empty',
		],
		[
			'Act-Two: an http:// performance video URL',
			characterPerformance({ videoUrl: 'http://example.com/act.mp4' }),
			[{ json: {} }],
			'Performance Video URL must start with https://, got "http:…"; Runway only fetches public https:// URLs',
		],
		[
			'Act-Two: a 17 MB performance video',
			characterPerformance({ videoSource: 'binary' }),
			binaryItem({ data: file(bigMp4, 'act.mp4', 'video/mp4') }),
			'Performance Video Binary Field "data" is 17.00 MB, which is 22.67 MB as the data URI sent; Runway takes at most 5.00 MB',
		],
	])('%s', async (_name, parameters, items, message) => {
		const result = await runNode({ parameters, items, credentials });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error.message).toBe(message);
		expect(sim.requests).toHaveLength(0);
	});

	test('a binary video over 5 MB is refused before any request, pointing to Video URL for larger files', async () => {
		const result = await runNode({
			parameters: videoToVideo({ videoSource: 'binary' }),
			items: binaryItem({ data: file(sixMbMp4, 'six.mp4', 'video/mp4') }),
			credentials,
		});
		expect(result.error.message).toBe(
			'Input Video Binary Field "data" is 6.00 MB, which is 8.00 MB as the data URI sent; Runway takes at most 5.00 MB',
		);
		expect(result.error.description).toContain('give it by URL in Video URL instead');
		expect(sim.requests).toHaveLength(0);
	});

	test('one bad item of a batch stops the batch before any request', async () => {
		const result = await runNode({
			parameters: characterPerformance({ options: { expressionIntensity: '={{ $json.intensity }}' } }),
			items: [{ json: { intensity: 3 } }, { json: { intensity: 9 } }],
			credentials,
		});
		expect(result.error.message).toBe('Expression Intensity 9 is not allowed; allowed: 1, 2, 3, 4, 5');
		expect(result.error.description).toBe('Fix the Expression Intensity field; nothing was sent to CometAPI.');
		expect(sim.requests).toHaveLength(0);
	});
});

describe('the simulator refuses what CometAPI and Runway refuse on these routes', () => {
	const post = async (path, body) => {
		const response = await fetch(`${sim.baseUrl}${path}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return { status: response.status, body: await response.json() };
	};
	const v2v = { videoUri: 'https://example.com/a.mp4', promptText: 'p', model: 'gen4_aleph', ratio: '1280:720' };
	const act = {
		model: 'act_two',
		ratio: '1280:720',
		character: { type: 'image', uri: 'https://example.com/face.jpg' },
		reference: { type: 'video', uri: 'https://example.com/act.mp4' },
	};

	test.each([
		['V2V: gen4_aleph without promptText', '/runwayml/v1/video_to_video', { ...v2v, promptText: undefined }, 'promptText and ratio are required for gen4_aleph'],
		['V2V: a ratio gen4_aleph does not take', '/runwayml/v1/video_to_video', { ...v2v, ratio: '1280:768' }, 'ratio must be one of'],
		['V2V: seed 4294967296', '/runwayml/v1/video_to_video', { ...v2v, seed: 4294967296 }, 'seed must be an integer from 0 to 4294967295'],
		['V2V: a prompt of 1,001 characters', '/runwayml/v1/video_to_video', { ...v2v, promptText: 'x'.repeat(1001) }, 'promptText must be at most 1000 characters'],
		['V2V: two references', '/runwayml/v1/video_to_video', { ...v2v, references: [{ type: 'image', uri: 'https://e.com/1.jpg' }, { type: 'image', uri: 'https://e.com/2.jpg' }] }, 'at most 1 item'],
		['V2V: an image data URI as the video', '/runwayml/v1/video_to_video', { ...v2v, videoUri: 'data:image/png;base64,AAAA' }, 'videoUri must be an https URL or a data:video/ URI'],
		['V2V: an unknown moderation threshold', '/runwayml/v1/video_to_video', { ...v2v, contentModeration: { publicFigureThreshold: 'high' } }, 'publicFigureThreshold must be auto or low'],
		['Upscale: no videoUri', '/runwayml/v1/video_upscale', { model: 'upscale_v1' }, 'videoUri is required'],
		['Upscale: an http:// videoUri', '/runwayml/v1/video_upscale', { model: 'upscale_v1', videoUri: 'http://example.com/a.mp4' }, 'videoUri must be an https URL'],
		['Act-Two: expressionIntensity 6', '/runwayml/v1/character_performance', { ...act, expressionIntensity: 6 }, 'expressionIntensity must be an integer from 1 to 5'],
		['Act-Two: a ratio act_two does not take', '/runwayml/v1/character_performance', { ...act, ratio: '848:480' }, 'ratio must be one of'],
		['Act-Two: an image as the reference', '/runwayml/v1/character_performance', { ...act, reference: { type: 'image', uri: 'https://example.com/a.jpg' } }, 'reference must be {type: video, uri}'],
		['Act-Two: an audio character', '/runwayml/v1/character_performance', { ...act, character: { type: 'audio', uri: 'https://example.com/a.mp3' } }, 'character must be {type: image | video, uri}'],
		['Act-Two: bodyControl not a boolean', '/runwayml/v1/character_performance', { ...act, bodyControl: 'yes' }, 'bodyControl must be a boolean'],
		['Act-Two: no ratio', '/runwayml/v1/character_performance', { ...act, ratio: undefined }, 'ratio is required'],
	])('%s', async (_name, path, body, message) => {
		const answer = await post(path, body);
		expect(answer.status).toBe(400);
		expect(answer.body.error.message).toContain(message);
		expect(sim.tasks.size).toBe(0);
	});

	test('valid bodies are taken', async () => {
		for (const [path, body] of [
			['/runwayml/v1/video_to_video', { ...v2v, seed: 4294967295, references: [{ type: 'image', uri: 'data:image/png;base64,AAAA' }] }],
			['/runwayml/v1/video_upscale', { model: 'upscale_v1', videoUri: 'data:video/mp4;base64,AAAA' }],
			['/runwayml/v1/character_performance', { ...act, bodyControl: true, expressionIntensity: 1 }],
		]) {
			const answer = await post(path, body);
			expect(answer).toEqual({ status: 200, body: { id: expect.any(String), estimatedCost: { credits: expect.any(Number) } } });
		}
		expect(sim.tasks.size).toBe(3);
	});
});
