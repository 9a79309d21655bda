'use strict';
// Video to Video, Upscale and Character Performance in a real n8n: one short workflow each, waited
// on and downloaded; and upscale_v1 refused as a model retired upstream.
const { chainWorkflow, manualTrigger, codeNode, cometNode } = require('./harness');
const { useSuite, createBodies, brief, expectSuccess } = require('./suite');
const { expectedVideoBytes } = require('../simulator/server.js');
const videos = require('../support/videos');

const CLIP = videos.mp4({ seconds: 4 });
const wait = { waitForCompletion: true, downloadOutput: true, waitOptions: { pollInterval: 2 } };

const videoToVideo = chainWorkflow('e2eVideoToVideo', 'e2e: Video to Video from a binary clip', [
	manualTrigger(),
	codeNode(
		'Clip',
		`return [{ json: { prompt: 'The street turns to a snowy evening [sim duration=2000]' }, binary: { clip: { data: '${CLIP.toString('base64')}', mimeType: 'video/mp4', fileName: 'clip.mp4', fileExtension: 'mp4' } } }];`,
	),
	cometNode('Video to Video', {
		resource: 'video',
		operation: 'videoToVideo',
		videoSource: 'binary',
		videoBinaryPropertyName: 'clip',
		prompt: '={{ $json.prompt }}',
		ratio: '960:960',
		referenceImages: { image: [{ imageSource: 'url', imageUrl: 'https://images.example.com/snow.jpg' }] },
		options: { seed: 4000000000 },
		...wait,
	}),
]);

const upscale = chainWorkflow('e2eUpscale', 'e2e: Upscale a video URL', [
	manualTrigger(),
	cometNode('Upscale', {
		resource: 'video',
		operation: 'upscale',
		videoSource: 'url',
		videoUrl: 'https://videos.example.com/small.mp4',
		...wait,
	}),
]);

const characterPerformance = chainWorkflow('e2eCharacterPerf', 'e2e: Character Performance', [
	manualTrigger(),
	cometNode('Character Performance', {
		resource: 'video',
		operation: 'characterPerformance',
		characterType: 'image',
		imageSource: 'url',
		imageUrl: 'https://images.example.com/portrait.jpg',
		videoSource: 'url',
		videoUrl: 'https://videos.example.com/performance.mp4',
		ratio: '720:1280',
		options: { bodyControl: true, expressionIntensity: 4 },
		...wait,
	}),
]);

const suite = useSuite({ workflows: [videoToVideo, upscale, characterPerformance] });

/** The node's one item: the finished task with its video downloaded, byte for byte. */
function expectVideoItem(r, nodeName, path) {
	const { sim, n8n } = suite;
	const items = r.nodeOutput(nodeName);
	expect(brief(items)).toHaveLength(1);
	const [item] = items;
	const [task] = sim.tasks.values();
	expect(sim.createRequests().map((q) => q.path)).toEqual([path]);
	expect(item.json).toMatchObject({
		taskId: task.id,
		route: 'official',
		status: 'SUCCEEDED',
		videoUrl: `${sim.baseUrl}/cdn/videos/${task.id}.mp4`,
		outputUrl: `${sim.baseUrl}/cdn/videos/${task.id}.mp4`,
		file: { binaryProperty: 'data', mimeType: 'video/mp4', fileName: `${task.id}.mp4` },
	});
	expect(sim.requests.some((q) => q.path === `/runwayml/v1/tasks/${task.id}`)).toBe(true);
	expect(n8n.readBinary(item, 'data').equals(expectedVideoBytes(task.id, 64 * 1024))).toBe(true);
	return item;
}

test('Video to Video: a binary clip from the previous node, transformed and downloaded', async () => {
	const r = expectSuccess(await suite.n8n.execute(videoToVideo.id));
	expectVideoItem(r, 'Video to Video', '/runwayml/v1/video_to_video');
	expect(createBodies(suite.sim)[0]).toEqual({
		videoUri: `data:video/mp4;base64,${CLIP.toString('base64')}`,
		promptText: 'The street turns to a snowy evening [sim duration=2000]',
		model: 'gen4_aleph',
		ratio: '960:960',
		seed: 4000000000,
		references: [{ type: 'image', uri: 'https://images.example.com/snow.jpg' }],
	});
});

test('Upscale: a video URL upscaled and downloaded', async () => {
	const r = expectSuccess(await suite.n8n.execute(upscale.id));
	expectVideoItem(r, 'Upscale', '/runwayml/v1/video_upscale');
	expect(createBodies(suite.sim)[0]).toEqual({ videoUri: 'https://videos.example.com/small.mp4', model: 'upscale_v1' });
});

test('upscale_v1 refused as retired: the workflow fails saying so, naming the current models', async () => {
	const { sim, n8n } = suite;
	sim.configure({ retiredRoutes: { '/runwayml/v1/video_upscale': 'json404' } });
	try {
		const r = await n8n.execute(upscale.id);
		expect(r.parseError).toBeUndefined();
		expect(r.exitCode).toBe(1);
		expect(r.error.message).toContain('Model upscale_v1 is retired upstream: Runway no longer offers it');
		expect(r.error.description).toMatch(/^Choose magnific_video_upscaler_creative \(or enhance_frame_rate for smoother motion\) in Model instead/);
		expect(sim.createRequests()).toHaveLength(1);
		expect(sim.tasks.size).toBe(0);
	} finally {
		sim.configure({ retiredRoutes: {} });
	}
});

test('Character Performance: a portrait animated by a performance video, downloaded', async () => {
	const r = expectSuccess(await suite.n8n.execute(characterPerformance.id));
	expectVideoItem(r, 'Character Performance', '/runwayml/v1/character_performance');
	expect(createBodies(suite.sim)[0]).toEqual({
		model: 'act_two',
		ratio: '720:1280',
		bodyControl: true,
		expressionIntensity: 4,
		character: { type: 'image', uri: 'https://images.example.com/portrait.jpg' },
		reference: { type: 'video', uri: 'https://videos.example.com/performance.mp4' },
	});
});
