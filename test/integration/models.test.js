'use strict';
// The models Runway offers today, through the real n8n-core against the simulator: aleph2's
// keyframes and outpainting, the new upscalers, gen4.5's corrected table and veo3.1's options,
// legacy models labelled and their refusal worded as retired, and saved workflows of version 1
// (Ratio and Duration under one name) running unchanged next to version 1.1's per-model fields.
const { NodeHelpers } = require('n8n-workflow');

const { useSimulator } = require('../support/simulator');
const { runNode } = require('../support/n8n');
const { imageToVideo, videoToVideo, upscale, characterPerformance } = require('../support/params');
const images = require('../support/images');
const { CometApiRunway } = require('../../dist/nodes/CometApiRunway/CometApiRunway.node.js');

const { sim, credentials } = useSimulator({ taskDurationMs: 60_000 });
const { description } = new CometApiRunway();
const CURRENT = { typeVersion: 1.1 };
const file = (data, fileName, mimeType) => ({ data, fileName, mimeType });
const dataUri = (type, bytes) => `data:${type};base64,${bytes.toString('base64')}`;
const run = (parameters, more = {}) =>
	runNode({ parameters, credentials, nodeSettings: CURRENT, items: [{ json: { prompt: 'a slow pan' } }], ...more });

/** A new node's parameters (version 1.1): what the editor saves, without version 1's field names. */
const current = (operation, overrides) => ({ resource: 'video', operation, waitForCompletion: false, ...overrides });

describe('the description', () => {
	const modelOptions = (operation, version) => {
		const node = { name: 'R', type: 'cometApiRunway', typeVersion: version, parameters: {} };
		const values = NodeHelpers.getNodeParameters(description.properties, { resource: 'video', operation }, true, false, node, description);
		const [model] = description.properties.filter((p) => p.name === 'model' && NodeHelpers.displayParameter(values, p, node, description));
		return { model, values };
	};

	test('the node has versions 1 and 1.1; a new node is 1.1', () => {
		expect(description.version).toEqual([1, 1.1]);
	});

	test.each([
		['videoToVideo', ['aleph2', 'gen4_aleph'], { gen4_aleph: 'aleph2' }, 'aleph2', 'gen4_aleph'],
		['upscale', ['magnific_video_upscaler_creative', 'enhance_frame_rate', 'upscale_v1'], { upscale_v1: 'magnific_video_upscaler_creative' }, 'magnific_video_upscaler_creative', 'upscale_v1'],
		['imageToVideo', ['gen4.5', 'gen4_turbo', 'gen3a_turbo', 'veo3', 'veo3.1', 'veo3.1_fast'], { gen3a_turbo: 'gen4_turbo', veo3: 'veo3.1' }, 'gen4_turbo', 'gen4_turbo'],
	])('%s: its models, the legacy ones labelled with their ID kept, the default per version', (operation, ids, legacy, newDefault, oldDefault) => {
		const { model } = modelOptions(operation, 1.1);
		expect(model.options.map((o) => o.value)).toEqual([...ids, 'custom']);
		for (const option of model.options) {
			if (option.value in legacy) {
				expect(option.name).toBe(`${option.value} (legacy)`);
				expect(option.description).toMatch(new RegExp(`^Retired by Runway; CometAPI may refuse it\\. Use ${legacy[option.value]}`));
			} else {
				expect(option.name).not.toMatch(/legacy/);
			}
		}
		expect(modelOptions(operation, 1.1).values.model).toBe(newDefault);
		expect(modelOptions(operation, 1).values.model).toBe(oldDefault);
	});
});

describe('Video to Video: aleph2', () => {
	test('a new node: aleph2 with no prompt, keyframes by URL and binary, and a target aspect ratio', async () => {
		const still = images.png();
		const result = await run(
			current('videoToVideo', {
				videoSource: 'url',
				videoUrl: 'https://example.com/clip.mp4',
				keyframes: {
					keyframe: [
						{ imageSource: 'url', imageUrl: 'https://example.com/first.jpg', seconds: 0 },
						{ imageSource: 'binary', binaryPropertyName: 'still', seconds: 2.5 },
					],
				},
				targetAspectRatio: '21:9',
			}),
			{ items: [{ json: {}, binary: { still: file(still, 'still.png', 'image/png') } }] },
		);
		expect(result.error).toBeUndefined();
		expect(sim.createRequests()[0].body).toEqual({
			model: 'aleph2',
			videoUri: 'https://example.com/clip.mp4',
			keyframes: [
				{ seconds: 0, uri: 'https://example.com/first.jpg' },
				{ seconds: 2.5, uri: dataUri('image/png', still) },
			],
			targetAspectRatio: '21:9',
		});
		expect(result.items[0].json.taskId).toBeTruthy();
	});

	test('six keyframes, or a keyframe past 30 s, are refused before any request, naming the field', async () => {
		const frame = (seconds) => ({ imageSource: 'url', imageUrl: 'https://example.com/k.jpg', seconds });
		const six = await run(current('videoToVideo', { videoUrl: 'https://example.com/clip.mp4', keyframes: { keyframe: [0, 1, 2, 3, 4, 5].map(frame) } }));
		expect(six.error.message).toBe('Keyframes has 6 images; aleph2 takes at most 5');
		const late = await run(current('videoToVideo', { videoUrl: 'https://example.com/clip.mp4', keyframes: { keyframe: [frame(31)] } }));
		expect(late.error.message).toBe('Keyframe 1 At (Seconds) must be a number from 0 to 30, got number 31');
		expect(sim.createRequests()).toHaveLength(0);
	});

	test('gen4_aleph in a new node: its ratio field and a single Reference Image', async () => {
		const result = await run(
			current('videoToVideo', {
				videoUrl: 'https://example.com/clip.mp4',
				prompt: 'watercolour',
				model: 'gen4_aleph',
				ratio: '640:480',
				referenceImageSource: 'url',
				referenceImageUrl: 'https://example.com/style.jpg',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(sim.createRequests()[0].body).toEqual({
			model: 'gen4_aleph',
			videoUri: 'https://example.com/clip.mp4',
			promptText: 'watercolour',
			ratio: '640:480',
			references: [{ type: 'image', uri: 'https://example.com/style.jpg' }],
		});
	});

	test('a saved version 1 workflow (model left at its old default, a Reference Images list) runs unchanged', async () => {
		const { model, ...saved } = videoToVideo({
			ratio: '848:480',
			referenceImages: { image: [{ imageSource: 'url', imageUrl: 'https://example.com/style.jpg' }] },
		});
		expect(model).toBe('gen4_aleph');
		const result = await runNode({ parameters: saved, credentials, items: [{ json: { prompt: 'ink' } }] });
		expect(result.error).toBeUndefined();
		expect(sim.createRequests()[0].body).toEqual({
			model: 'gen4_aleph',
			videoUri: 'https://example.com/clip.mp4',
			promptText: 'ink',
			ratio: '848:480',
			references: [{ type: 'image', uri: 'https://example.com/style.jpg' }],
		});
	});
});

describe('Upscale', () => {
	test.each([
		['a new node', {}, 'magnific_video_upscaler_creative'],
		['enhance_frame_rate', { model: 'enhance_frame_rate' }, 'enhance_frame_rate'],
	])('%s: the body as sent', async (_name, overrides, model) => {
		const result = await run(current('upscale', { videoUrl: 'https://example.com/clip.mp4', ...overrides }));
		expect(result.error).toBeUndefined();
		expect(sim.createRequests()[0].body).toEqual({ videoUri: 'https://example.com/clip.mp4', model });
	});

	test('a saved version 1 workflow that left Model at its default still sends upscale_v1', async () => {
		const { model: _model, ...saved } = upscale();
		await runNode({ parameters: saved, credentials });
		expect(sim.createRequests()[0].body.model).toBe('upscale_v1');
	});
});

describe('Image to Video', () => {
	test('gen4.5 requires a prompt and takes 1,000 characters, refused above before any request', async () => {
		const base = current('imageToVideo', { imageUrl: 'https://example.com/cat.jpg', model: 'gen4.5', prompt: '={{ $json.prompt }}' });
		const none = await run(base, { items: [{ json: { prompt: '' } }] });
		expect(none.error.message).toMatch(/^Prompt is empty/);
		const long = await run(base, { items: [{ json: { prompt: 'x'.repeat(1001) } }] });
		expect(long.error.message).toBe('Prompt is 1001 characters long (most emoji count as 2); at most 1000 are allowed');
		expect(sim.createRequests()).toHaveLength(0);
		const ok = await run(base, { items: [{ json: { prompt: 'x'.repeat(1000) } }] });
		expect(ok.error).toBeUndefined();
		expect(sim.createRequests()[0].body).toEqual({
			model: 'gen4.5',
			promptImage: 'https://example.com/cat.jpg',
			promptText: 'x'.repeat(1000),
			ratio: '1280:720',
			duration: 5,
		});
	});

	test('veo3.1: Negative Prompt and Audio are sent when set, and only then', async () => {
		const base = current('imageToVideo', { imageUrl: 'https://example.com/cat.jpg', model: 'veo3.1', prompt: 'rain' });
		await run({ ...base, options: { negativePrompt: 'people', audio: false } });
		expect(sim.createRequests()[0].body).toEqual({
			model: 'veo3.1',
			promptImage: 'https://example.com/cat.jpg',
			promptText: 'rain',
			ratio: '1280:720',
			duration: 8,
			negativePrompt: 'people',
			audio: false,
		});
		await run(base);
		expect(sim.createRequests()[1].body).not.toHaveProperty('audio');
		expect(sim.createRequests()[1].body).not.toHaveProperty('negativePrompt');
	});

	test('a refused legacy model: the error says it is retired upstream and names the model to use', async () => {
		sim.configure({ retiredModels: ['gen3a_turbo'] });
		try {
			const result = await run(current('imageToVideo', { imageUrl: 'https://example.com/cat.jpg', model: 'gen3a_turbo', prompt: 'rain' }));
			expect(result.error.message).toBe(
				'CometAPI refused the task with HTTP 400: model gen3a_turbo is not supported (request id: sim-400). Model gen3a_turbo is retired upstream: Runway no longer offers it',
			);
			expect(result.error.description).toMatch(/^Choose gen4_turbo in Model instead; gen3a_turbo is kept only so saved workflows load\. \(/);
			expect(sim.createRequests()).toHaveLength(1);
		} finally {
			sim.configure({ retiredModels: [] });
		}
	});

	test('the same refusal of a current model is not worded as a retirement', async () => {
		sim.configure({ retiredModels: ['gen4_turbo'] });
		try {
			const result = await run(current('imageToVideo', { imageUrl: 'https://example.com/cat.jpg', prompt: 'rain' }));
			expect(result.error.message).toBe('CometAPI refused the task with HTTP 400: model gen4_turbo is not supported (request id: sim-400)');
		} finally {
			sim.configure({ retiredModels: [] });
		}
	});
});

describe('saved workflows of version 1 keep their Ratio and Duration', () => {
	test.each([
		['gen4_turbo, left at its defaults', {}, { model: 'gen4_turbo', ratio: '1280:720', duration: 5 }],
		['gen4_turbo 1280:720 saved', { model: 'gen4_turbo', ratio: '1280:720', duration: 5 }, { ratio: '1280:720', duration: 5 }],
		['veo3.1 720:1280, 4 s', { model: 'veo3.1', ratio: '720:1280', duration: 4 }, { model: 'veo3.1', ratio: '720:1280', duration: 4 }],
		['gen3a_turbo 768:1280, 10 s', { model: 'gen3a_turbo', ratio: '768:1280', duration: 10 }, { ratio: '768:1280', duration: 10 }],
	])('Image to Video %s', async (_name, saved, sent) => {
		const { model: _m, ratio: _r, duration: _d, ...rest } = imageToVideo();
		const result = await runNode({ parameters: { ...rest, ...saved }, credentials, items: [{ json: { prompt: 'rain' } }] });
		expect(result.error).toBeUndefined();
		expect(sim.createRequests()[0].body).toMatchObject(sent);
	});

	test('Character Performance 960:960 and a custom model ratio', async () => {
		await runNode({ parameters: characterPerformance({ ratio: '960:960' }), credentials });
		await runNode({ parameters: characterPerformance({ model: 'custom', customModel: 'act_three', ratio: '999:1000' }), credentials });
		expect(sim.createRequests().map((r) => r.body.ratio)).toEqual(['960:960', '999:1000']);
	});
});

describe('the form: switching Model never keeps a Ratio or Duration the new model refuses', () => {
	const node = { name: 'R', type: 'cometApiRunway', typeVersion: 1.1, parameters: {} };
	/** What the editor does on every change: keep the shown fields' values, fill the new ones' defaults. */
	const edit = (values) => NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description);
	const shown = (values, base) =>
		description.properties.filter(
			(p) => (p.name === base || p.name.startsWith(`${base}_`)) && NodeHelpers.displayParameter(values, p, node, description),
		);
	/** Sets the one shown field of `base` (Ratio or Duration) to `value`, whatever it is named. */
	const choose = (values, base, value) => {
		const [field, ...more] = shown(values, base);
		expect(more).toEqual([]);
		return edit({ ...values, [field.name]: value });
	};

	test.each([
		['imageToVideo', 'gen4.5', { ratio: '1584:672', duration: 9 }, 'gen3a_turbo', { ratio: '1280:768', duration: 5 }],
		['imageToVideo', 'gen4_turbo', { ratio: '832:1104', duration: 3 }, 'veo3.1', { ratio: '1280:720', duration: 8 }],
		['imageToVideo', 'veo3.1', { duration: 4 }, 'veo3', { duration: 8 }],
		['imageToVideo', 'custom', { ratio: '999:1000', duration: 42 }, 'gen4_turbo', { ratio: '1280:720', duration: 5 }],
		['videoToVideo', 'custom', { ratio: '999:1000' }, 'gen4_aleph', { ratio: '1280:720' }],
		['characterPerformance', 'custom', { ratio: '999:1000' }, 'act_two', { ratio: '1280:720' }],
		['textToImage', 'custom', { ratio: '999:1000' }, 'gen4_image', { ratio: '1280:720' }],
	])('%s: %s with %j, then %s, shows %j', (operation, from, chosen, to, expected) => {
		let values = edit({ resource: operation === 'textToImage' ? 'image' : 'video', operation, model: from, customModel: 'x' });
		for (const [base, value] of Object.entries(chosen)) values = choose(values, base, value);
		values = edit({ ...values, model: to });
		for (const [base, value] of Object.entries(expected)) {
			const [field, ...more] = shown(values, base);
			expect(more).toEqual([]);
			expect(values[field.name]).toBe(value);
			expect(field.options.map((o) => o.value)).toContain(value);
			expect(field.description).toContain(String(field.options.at(-1).value));
		}
	});
});
