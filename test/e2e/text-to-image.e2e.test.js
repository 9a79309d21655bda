'use strict';
// Image → Text to Image in a real n8n: reference images by URL and from a binary field, the image
// stored as a file of the type its bytes say; examples/text-to-image-then-video.json (the image
// Runway made, animated by Runway); and a request without a reference refused before any request.
const { NODE_TYPE, chainWorkflow, manualTrigger, codeNode, cometNode, useE2eCredential, loadExample } = require('./harness');
const { useSuite, createBodies, brief, expectSuccess } = require('./suite');
const { expectedVideoBytes } = require('../simulator/server.js');
const images = require('../support/images');

const STYLE_PNG = images.png(4, 4);

const withReferences = chainWorkflow('e2eTextToImage', 'e2e: Text to Image with two references', [
	manualTrigger(),
	codeNode(
		'Style file',
		`return [{ json: { subject: 'https://images.example.com/dog.jpg' }, binary: { style: { data: '${STYLE_PNG.toString('base64')}', mimeType: 'image/png', fileName: 'style.png', fileExtension: 'png' } } }];`,
	),
	cometNode('Text to Image', {
		resource: 'image',
		operation: 'textToImage',
		model: 'gen4_image_turbo',
		prompt: '@dog running on a beach, painted like @style [sim duration=2000 image=webp]',
		ratio: '1920:1080',
		referenceImages: {
			image: [
				{ imageSource: 'url', imageUrl: '={{ $json.subject }}', tag: 'dog' },
				{ imageSource: 'binary', binaryPropertyName: 'style', tag: 'style' },
			],
		},
		options: { seed: 7, publicFigureThreshold: 'auto' },
		waitForCompletion: true,
		downloadOutput: true,
		outputBinaryProperty: 'picture',
		waitOptions: { pollInterval: 2 },
	}),
]);

// The builder removed the reference entry a new node starts with.
const noReference = chainWorkflow('e2eTextToImageNoRef', 'e2e: Text to Image without a reference', [
	manualTrigger(),
	cometNode('Text to Image', {
		resource: 'image',
		operation: 'textToImage',
		prompt: 'A lighthouse at dusk',
		ratio: '1280:720',
		referenceImages: {},
		waitForCompletion: true,
		waitOptions: { pollInterval: 2 },
	}),
]);

const example = useE2eCredential(loadExample('text-to-image-then-video.json'));
example.id = 'e2eExampleT2IThenI2V';
for (const n of example.nodes) if (n.type === NODE_TYPE) n.parameters.waitOptions.pollInterval = 2;

const suite = useSuite({ workflows: [withReferences, noReference, example] });

test('Text to Image: URL and binary references with tags, the image stored as WebP by its bytes', async () => {
	const { sim, n8n } = suite;
	const r = expectSuccess(await n8n.execute(withReferences.id));
	const items = r.nodeOutput('Text to Image');
	expect(brief(items)).toHaveLength(1);
	const [item] = items;
	const { taskId } = item.json;
	expect(createBodies(sim)).toEqual([
		{
			model: 'gen4_image_turbo',
			promptText: '@dog running on a beach, painted like @style [sim duration=2000 image=webp]',
			ratio: '1920:1080',
			seed: 7,
			contentModeration: { publicFigureThreshold: 'auto' },
			referenceImages: [
				{ uri: 'https://images.example.com/dog.jpg', tag: 'dog' },
				{ uri: `data:image/png;base64,${STYLE_PNG.toString('base64')}`, tag: 'style' },
			],
		},
	]);
	expect(sim.createRequests()[0].path).toBe('/runwayml/v1/text_to_image');
	const imageUrl = `${sim.baseUrl}/cdn/images/${taskId}.png`;
	expect(item.json).toMatchObject({ route: 'official', status: 'SUCCEEDED', outputUrl: imageUrl, videoUrl: null });
	expect(item.json.file).toMatchObject({ binaryProperty: 'picture', fileName: `${taskId}.webp`, mimeType: 'image/webp' });
	expect(item.binary.picture).toMatchObject({ mimeType: 'image/webp', fileExtension: 'webp', fileName: `${taskId}.webp` });
	expect(n8n.readBinary(item, 'picture').equals(images.webp())).toBe(true);
	expect(JSON.stringify(r.run)).not.toContain(sim.apiKey);
});

test('a Text to Image without a reference image fails the workflow (exit 1) naming the field, and reaches no API', async () => {
	const { sim, n8n } = suite;
	const r = await n8n.execute(noReference.id);
	expect(r.parseError).toBeUndefined();
	expect(r.exitCode).toBe(1);
	const message = `${r.error?.message ?? ''} ${r.error?.description ?? ''}`;
	expect(message).toContain('Reference Images is empty');
	expect(message).toContain('reference_images_empty');
	expect(sim.requests).toHaveLength(0);
});

test('examples/text-to-image-then-video.json: the image Runway made becomes the first frame of a video', async () => {
	const { sim, n8n } = suite;
	const r = expectSuccess(await n8n.execute(example.id));
	const [image] = r.nodeOutput('Text to Image');
	const [video] = r.nodeOutput('Image to Video');
	const [t2i, i2v] = createBodies(sim);
	expect(sim.createRequests().map((q) => q.path)).toEqual(['/runwayml/v1/text_to_image', '/runwayml/v1/image_to_video']);
	expect(t2i).toMatchObject({
		model: 'gen4_image',
		ratio: '1280:720',
		referenceImages: [{ uri: expect.stringMatching(/^https:\/\//), tag: 'cat' }],
	});
	// The image downloaded from the first task is what the second one animates.
	expect(image.binary.data.mimeType).toBe('image/png');
	const made = n8n.readBinary(image, 'data');
	expect(made.equals(images.png())).toBe(true);
	expect(i2v).toMatchObject({
		model: 'gen4_turbo',
		ratio: '1280:720',
		duration: 5,
		promptImage: `data:image/png;base64,${made.toString('base64')}`,
	});
	expect(video.json).toMatchObject({ status: 'SUCCEEDED', videoUrl: `${sim.baseUrl}/cdn/videos/${video.json.taskId}.mp4` });
	expect(video.binary.data.mimeType).toBe('video/mp4');
	expect(n8n.readBinary(video, 'data').equals(expectedVideoBytes(video.json.taskId, 64 * 1024))).toBe(true);
});
