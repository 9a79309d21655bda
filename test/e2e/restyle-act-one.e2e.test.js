'use strict';
// Video → Restyle Video and Video → Act-One (compatibility routes) in a real n8n: each waits on the
// feed route and downloads its video; a value the route refuses stops the node before any request.
const { chainWorkflow, manualTrigger, cometNode } = require('./harness');
const { useSuite, createBodies, expectSuccess } = require('./suite');
const { expectedVideoBytes } = require('../simulator/server.js');

const restyleParameters = (options) => ({
	resource: 'video',
	operation: 'restyle',
	videoSource: 'url',
	videoUrl: 'https://videos.example.com/skateboard.mp4',
	prompt: 'a pixel-art skater [sim duration=2000]',
	model: 'gen4',
	options,
	waitForCompletion: true,
	downloadOutput: true,
	waitOptions: { pollInterval: 2 },
});

const restyle = chainWorkflow('e2eRestyle', 'e2e: Restyle Video', [
	manualTrigger(),
	cometNode('Restyle Video', restyleParameters({ structureTransformation: 0.3, flip: true, seconds: 10 })),
]);

const actOne = chainWorkflow('e2eActOne', 'e2e: Act-One', [
	manualTrigger(),
	cometNode('Act-One', {
		resource: 'video',
		operation: 'actOne',
		videoSource: 'url',
		videoUrl: 'https://videos.example.com/performance.mp4',
		imageSource: 'url',
		imageUrl: 'https://images.example.com/robot.png',
		waitForCompletion: true,
		waitOptions: { pollInterval: 2 },
	}),
]);

const refused = chainWorkflow('e2eRestyleRefused', 'e2e: Restyle Video refused', [
	manualTrigger(),
	cometNode('Restyle Video', restyleParameters({ structureTransformation: 1.5 })),
]);

const suite = useSuite({ workflows: [restyle, actOne, refused] });

test('Restyle Video waits on the feed route and returns the video file', async () => {
	const { sim, n8n } = suite;
	const r = expectSuccess(await n8n.execute(restyle.id));
	const [item] = r.nodeOutput('Restyle Video');
	const [task] = [...sim.tasks.values()];
	expect(sim.createRequests()[0].path).toBe('/runway/pro/video2video');
	expect(createBodies(sim)[0]).toEqual({
		callback_url: 'https://example.com/webhook',
		prompt: restyle.nodes[1].parameters.prompt,
		model: 'gen4',
		options: { seconds: 10, structure_transformation: 0.3, flip: true },
		video: 'https://videos.example.com/skateboard.mp4',
	});
	expect(item.json).toMatchObject({ taskId: task.id, route: 'feed', status: 'SUCCEEDED' });
	expect(item.binary?.data?.mimeType).toBe('video/mp4');
	expect(n8n.readBinary(item, 'data').equals(expectedVideoBytes(task.id, 64 * 1024))).toBe(true);
	expect(sim.statusRequests(task.id).every((q) => q.path === '/runway/feed')).toBe(true);
});

test('Act-One sends the performance and the character and waits for the result', async () => {
	const { sim, n8n } = suite;
	const r = expectSuccess(await n8n.execute(actOne.id));
	const [item] = r.nodeOutput('Act-One');
	const [task] = [...sim.tasks.values()];
	expect(sim.createRequests()[0].path).toBe('/runway/pro/act_one');
	expect(createBodies(sim)[0]).toEqual({
		callback_url: 'https://example.com/webhook',
		video: 'https://videos.example.com/performance.mp4',
		image: 'https://images.example.com/robot.png',
	});
	expect(item.json).toMatchObject({ taskId: task.id, route: 'feed', status: 'SUCCEEDED', videoUrl: `${sim.baseUrl}/cdn/videos/${task.id}.mp4` });
});

test('a Structure Transformation out of range stops the node before any request', async () => {
	const { sim, n8n } = suite;
	const r = await n8n.execute(refused.id);
	expect(r.exitCode).not.toBe(0);
	expect(r.nodeError('Restyle Video').message).toBe('Structure Transformation must be a number from 0 to 1, got number 1.5');
	expect(sim.requests).toHaveLength(0);
});
