'use strict';
// Image → Text to Image through the real n8n-core: the request as Runway takes it, the image as a
// file decided by its bytes, Get Task on its route, and every bad value refused before a request.
const axios = require('axios');

const { API_KEY, useSimulator, firstCreateRequest } = require('../support/simulator');
const { runNode } = require('../support/n8n');
const { textToImage, getTask, waiting, prompts } = require('../support/params');
const images = require('../support/images');
const { CometApiRunway } = require('../../dist/nodes/CometApiRunway/CometApiRunway.node.js');
const { sampleImageBytes } = require('../simulator/server');

const RATIOS = [
	'1920:1080', '1080:1920', '1024:1024', '1360:768', '1080:1080', '1168:880', '1440:1080', '1080:1440',
	'1808:768', '2112:912', '1280:720', '720:1280', '720:720', '960:720', '720:960', '1680:720',
];
const { sim, credentials } = useSimulator({ taskDurationMs: 1000, pendingMs: 200 });

const file = (data, fileName, mimeType) => ({ data, fileName, mimeType });
const url = (imageUrl, tag) => ({ imageSource: 'url', imageUrl, ...(tag === undefined ? {} : { tag }) });
const binary = (binaryPropertyName, tag) => ({ imageSource: 'binary', binaryPropertyName, ...(tag === undefined ? {} : { tag }) });
const refs = (...entries) => ({ referenceImages: { image: entries } });

describe('the request', () => {
	test('URL and binary references with their tags, seed, moderation and version reach the official route', async () => {
		const paint = images.png(4, 4);
		const result = await runNode({
			parameters: textToImage({
				ratio: '1920:1080',
				...refs(url('https://example.com/cat.jpg', 'cat'), binary('style', 'paint_1'), url('https://images.example.com/room.webp')),
				options: { seed: 4294967295, publicFigureThreshold: 'low', runwayVersion: '2024-11-06' },
			}),
			items: [{ json: { prompt: '@cat asleep in @paint_1 style' }, binary: { style: file(paint, 'paint.bin', 'application/octet-stream') } }],
			credentials,
		});
		expect(result.error).toBeUndefined();
		const request = firstCreateRequest(sim, '/runwayml/v1/text_to_image');
		expect(request.body).toEqual({
			model: 'gen4_image',
			promptText: '@cat asleep in @paint_1 style',
			ratio: '1920:1080',
			seed: 4294967295,
			contentModeration: { publicFigureThreshold: 'low' },
			referenceImages: [
				{ uri: 'https://example.com/cat.jpg', tag: 'cat' },
				{ uri: `data:image/png;base64,${paint.toString('base64')}`, tag: 'paint_1' },
				{ uri: 'https://images.example.com/room.webp' },
			],
		});
		const task = sim.tasksWithPrompt('@cat asleep')[0];
		expect(result.items[0].json).toMatchObject({
			taskId: task.id,
			route: 'official',
			status: 'PENDING',
			outputUrl: null,
			videoUrl: null,
		});
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('gen4_image_turbo, and another model ID typed in Custom Model ID with a ratio of its own', async () => {
		await runNode({ parameters: textToImage({ model: 'gen4_image_turbo' }), items: prompts('turbo @cat'), credentials });
		await runNode({
			parameters: textToImage({ model: 'custom', customModel: '={{ $json.model }}', ratio: '1536:1024' }),
			items: [{ json: { prompt: 'custom @cat', model: 'gen4_image_next' } }],
			credentials,
		});
		const [turbo, custom] = sim.createRequests().map((r) => r.body);
		expect(turbo).toEqual({
			model: 'gen4_image_turbo',
			promptText: 'turbo @cat',
			ratio: '1280:720',
			referenceImages: [{ uri: 'https://example.com/cat.jpg', tag: 'cat' }],
		});
		expect(custom).toMatchObject({ model: 'gen4_image_next', ratio: '1536:1024' });
	});

	test('every ratio Runway lists for gen4_image is offered and sent', async () => {
		const node = new CometApiRunway();
		const ratio = node.description.properties.find(
			(p) => p.name === 'ratio' && p.type === 'options' && p.displayOptions?.show?.operation?.includes('textToImage'),
		);
		expect(ratio.options.map((o) => o.value)).toEqual(RATIOS);
		const result = await runNode({
			parameters: textToImage({ ratio: '={{ $json.ratio }}' }),
			items: RATIOS.map((r) => ({ json: { prompt: `@cat at ${r}`, ratio: r } })),
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(sim.createRequests().map((r) => r.body.ratio).sort()).toEqual([...RATIOS].sort());
	});

	test('as an AI tool ($fromAI), the tool call fills the prompt and the reference', async () => {
		const { description } = new CometApiRunway();
		expect(description.usableAsTool.replacements.description).toMatch(/JSON only, never files/);
		const operation = description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('image'));
		expect(operation.options).toEqual([expect.objectContaining({ value: 'textToImage', action: 'Generate an image from a prompt and reference images' })]);
		const result = await runNode({
			parameters: textToImage({
				prompt: "={{ $fromAI('prompt', 'What the image shows; name the reference as @ref', 'string') }}",
				...refs(url("={{ $fromAI('reference_url', 'Public https URL of a reference image', 'string') }}", 'ref')),
			}),
			items: [{ json: { prompt: '@ref on the moon', reference_url: 'https://images.example.com/dog.png' } }],
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(sim.createRequests()[0].body).toMatchObject({
			promptText: '@ref on the moon',
			referenceImages: [{ uri: 'https://images.example.com/dog.png', tag: 'ref' }],
		});
	});
});

describe('the image', () => {
	test.each([
		['png', 'image/png', 'png'],
		['jpeg', 'image/jpeg', 'jpg'],
		['webp', 'image/webp', 'webp'],
	])('a %s result is stored as %s with the .%s extension, whatever its URL says', async (format, mimeType, extension) => {
		const result = await runNode({
			parameters: textToImage(waiting({ downloadOutput: true, outputBinaryProperty: 'image' })),
			items: prompts(`@cat [sim image=${format}]`),
			credentials,
		});
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		const { taskId } = item.json;
		const imageUrl = `${sim.baseUrl}/cdn/images/${taskId}.png`;
		expect(item.json).toMatchObject({ status: 'SUCCEEDED', outputUrl: imageUrl, videoUrl: null, outputs: [imageUrl] });
		expect(item.binary.image).toMatchObject({ mimeType, fileName: `${taskId}.${extension}`, fileExtension: extension });
		expect(Buffer.from(item.binary.image.data, 'base64').equals(images[format]())).toBe(true);
		expect(item.json.file).toEqual({
			binaryProperty: 'image',
			fileName: `${taskId}.${extension}`,
			mimeType,
			fileSize: item.binary.image.fileSize,
		});
		const cdn = sim.cdnRequests();
		expect(cdn.map((r) => r.path)).toEqual([`/cdn/images/${taskId}.png`]);
		expect(cdn[0].headers.authorization).toBeUndefined();
	}, 20_000);

	test('Get Task reads a Text to Image task on the official route and downloads its image', async () => {
		const created = await runNode({ parameters: textToImage(), items: prompts('@cat later'), credentials });
		const { taskId } = created.items[0].json;
		const result = await runNode({
			parameters: getTask(waiting({ downloadOutput: true })),
			items: [{ json: { taskId } }],
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(sim.statusRequests(taskId).every((r) => r.path === `/runwayml/v1/tasks/${taskId}`)).toBe(true);
		expect(result.items[0].json).toMatchObject({ taskId, status: 'SUCCEEDED', videoUrl: null });
		expect(result.items[0].binary.data).toMatchObject({ mimeType: 'image/png', fileName: `${taskId}.png` });
	}, 20_000);

	test('where a person looks (the demo, the examples), the image is a real picture: the sample gradient', async () => {
		const result = await runNode({ parameters: textToImage(waiting()), items: prompts('@cat to look at [sim video=sample]'), credentials });
		expect(result.error).toBeUndefined();
		const bytes = Buffer.from(result.items[0].binary.data.data, 'base64');
		expect(bytes.equals(sampleImageBytes())).toBe(true);
		expect(bytes.readUInt32BE(16)).toBe(160); // IHDR width: not a dot
		expect(bytes.readUInt32BE(20)).toBe(90);
	}, 20_000);
});

describe('refused before any request, naming the field', () => {
	test('a new node starts with one reference entry, whose empty Image URL n8n flags before running', async () => {
		const parameters = textToImage();
		delete parameters.referenceImages;
		await expect(runNode({ parameters, items: [{ json: { prompt: 'a cat' } }], credentials })).rejects.toThrow(
			'Parameter "Image URL" is required',
		);
		expect(sim.createRequests()).toHaveLength(0);
	});

	const long = `${'a'.repeat(999)}😀`; // 1,001 UTF-16 units
	test.each([
		[
			'no reference image for gen4_image',
			{ referenceImages: {} },
			[{ json: { prompt: 'a cat' } }],
			'Reference Images is empty: CometAPI refuses gen4_image without one (it answers reference_images_empty); add 1 to 3 reference images',
		],
		[
			'no reference image for gen4_image_turbo',
			{ model: 'gen4_image_turbo', referenceImages: { image: [] } },
			[{ json: { prompt: 'a cat' } }],
			'Reference Images is empty: Runway requires one for gen4_image_turbo; add 1 to 3 reference images',
		],
		[
			'four reference images',
			refs(...['a', 'b', 'c', 'd'].map((n) => url(`https://example.com/${n}.jpg`))),
			[{ json: { prompt: 'a cat' } }],
			'Reference Images has 4 images; Runway takes 1 to 3',
		],
		[
			'a tag starting with a digit',
			refs(url('https://example.com/cat.jpg', '1cat')),
			[{ json: { prompt: '@1cat' } }],
			'Reference Image 1 Tag "1cat" is not a tag; a tag has 3 to 16 letters, digits or underscores and starts with a letter (the prompt names the image as @tag)',
		],
		[
			'a tag of two characters',
			refs(url('https://example.com/cat.jpg'), url('https://example.com/dog.jpg', 'ab')),
			[{ json: { prompt: '@ab' } }],
			'Reference Image 2 Tag "ab" is not a tag; a tag has 3 to 16 letters, digits or underscores and starts with a letter (the prompt names the image as @tag)',
		],
		[
			'a tag of 17 characters',
			refs(url('https://example.com/cat.jpg', 'a'.repeat(17))),
			[{ json: { prompt: 'a cat' } }],
			`Reference Image 1 Tag "${'a'.repeat(17)}" is not a tag; a tag has 3 to 16 letters, digits or underscores and starts with a letter (the prompt names the image as @tag)`,
		],
		[
			'the same tag twice',
			refs(url('https://example.com/cat.jpg', 'pet'), url('https://example.com/dog.jpg', 'pet')),
			[{ json: { prompt: '@pet' } }],
			'Reference Image 2 Tag "pet" is used by another reference image; each tag names one image',
		],
		[
			'a prompt of 1,001 UTF-16 units',
			{},
			[{ json: { prompt: long } }],
			'Prompt is 1001 characters long (most emoji count as 2); at most 1000 are allowed',
		],
		['an empty prompt', {}, [{ json: { prompt: '  ' } }], 'Prompt is empty'],
		[
			'a ratio gen4_image does not take',
			{ ratio: '1280:768' },
			[{ json: { prompt: 'a cat' } }],
			`Ratio 1280:768 is not available for model gen4_image; allowed: ${RATIOS.join(', ')}`,
		],
		[
			'a reference URL on plain http',
			refs(url('http://example.com/cat.jpg', 'cat')),
			[{ json: { prompt: '@cat' } }],
			'Reference Image 1 URL must start with https://, got "http:…"; Runway only fetches public https:// URLs',
		],
		[
			'a reference URL on an IP address',
			refs(url('https://example.com/cat.jpg'), url('https://203.0.113.9/dog.jpg')),
			[{ json: { prompt: 'a dog' } }],
			'Reference Image 2 URL uses an IP address (203.0.113.9) instead of a domain name; Runway only fetches public https:// URLs',
		],
		[
			'a reference binary that is a text file',
			refs(url('https://example.com/cat.jpg'), binary('notes')),
			[{ json: { prompt: 'a cat' }, binary: { notes: file(Buffer.from('shopping list: milk, eggs\n'), 'notes.png', 'image/png') } }],
			'Reference Image 2 Binary Field "notes" holds text, not an image the API takes; allowed: JPEG, PNG or WebP (checked by content)',
		],
		[
			'a reference binary that is a GIF',
			refs(binary('data')),
			[{ json: { prompt: 'a cat' }, binary: { data: file(images.gif(), 'a.gif', 'image/gif') } }],
			'Reference Image 1 Binary Field "data" holds a GIF image, not an image the API takes; allowed: JPEG, PNG or WebP (checked by content)',
		],
		[
			'a reference binary field the item lacks',
			refs(binary('photo')),
			[{ json: { prompt: 'a cat' } }],
			'Reference Image 1 Binary Field "photo" is not on item 0; the item has no binary data',
		],
		[
			'a seed above 4294967295',
			{ options: { seed: 4294967296 } },
			[{ json: { prompt: 'a cat' } }],
			'Seed must be between 0 and 4294967295, got 4294967296',
		],
		[
			'a Custom Model ID that resolves to nothing',
			{ model: 'custom', customModel: '={{ $json.model }}' },
			[{ json: { prompt: 'a cat', model: ' ' } }],
			'Custom Model ID is empty',
		],
	])('%s', async (_name, overrides, items, message) => {
		const result = await runNode({ parameters: textToImage(overrides), items, credentials });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error.message).toBe(message);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('the simulator answers as CometAPI would', () => {
	const post = (body) =>
		axios.post(`${sim.baseUrl}/runwayml/v1/text_to_image`, body, {
			headers: { authorization: `Bearer ${API_KEY}`, 'x-runway-version': '2024-11-06' },
			validateStatus: () => true,
		});

	test('gen4_image without a reference image: reference_images_empty; a ratio off the list: refused', async () => {
		const empty = await post({ model: 'gen4_image', promptText: 'a cat', ratio: '1280:720' });
		expect(empty.status).toBe(400);
		expect(empty.data.error.code).toBe('reference_images_empty');
		const ratio = await post({ model: 'gen4_image', promptText: 'a cat', ratio: '1280:768', referenceImages: [{ uri: 'https://example.com/c.jpg' }] });
		expect(ratio.status).toBe(400);
		expect(ratio.data.error.message).toMatch(/ratio 1280:768/);
		const ok = await post({ model: 'gen4_image', promptText: 'a cat', ratio: '1280:720', referenceImages: [{ uri: 'https://example.com/c.jpg', tag: 'cat' }] });
		expect(ok.status).toBe(200);
		expect(sim.tasks.get(ok.data.id)).toMatchObject({ output: 'image', action: 'TEXT_TO_IMAGE' });
	});
});
