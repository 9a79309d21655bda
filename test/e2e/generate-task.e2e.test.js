'use strict';
// Generate (CometAPI's compatibility route) with waiting, and Get Task picking up tasks submitted
// without waiting: in a later execution (official route) and in the next node (feed route).
const { chainWorkflow, manualTrigger, cometNode } = require('./harness');
const { useSuite, createBodies, brief, expectSuccess } = require('./suite');
const { expectedVideoBytes } = require('../simulator/server.js');

const generateWait = chainWorkflow('e2eGenerateWait', 'e2e: Generate with waiting', [
	manualTrigger(),
	cometNode('Generate', {
		resource: 'video',
		operation: 'generate',
		imageSource: 'url',
		imageUrl: 'https://images.example.com/lighthouse.jpg',
		prompt: 'Waves break against a lighthouse at dusk [sim duration=3000]',
		model: 'gen4',
		ratio: '1280:720',
		waitForCompletion: true,
		waitOptions: { pollInterval: 2 },
	}),
]);

const submitOnly = chainWorkflow('e2eSubmitOnly', 'e2e: submit without waiting', [
	manualTrigger(),
	cometNode('Submit', {
		resource: 'video',
		operation: 'imageToVideo',
		imageSource: 'url',
		imageUrl: 'https://images.example.com/forest.jpg',
		prompt: 'Fog drifts between pine trees [sim duration=4000]',
		ratio: '1280:720',
		duration: 10,
		waitForCompletion: false,
	}),
]);

const getTaskWorkflow = (taskId) =>
	chainWorkflow('e2eGetTaskLater', 'e2e: Get Task resumes an earlier task', [
		manualTrigger(),
		cometNode('Get Task', {
			resource: 'task',
			operation: 'get',
			taskId,
			taskRoute: 'official',
			waitForCompletion: true,
			downloadOutput: true,
			outputBinaryProperty: 'video',
			waitOptions: { pollInterval: 2 },
		}),
	]);

const generateThenGet = chainWorkflow('e2eGenerateThenGet', 'e2e: Generate, then Get Task (feed)', [
	manualTrigger(),
	cometNode('Generate', {
		resource: 'video',
		operation: 'generate',
		imageSource: 'none',
		prompt: 'A paper boat drifts down a rainy street [sim duration=3000]',
		model: 'gen4',
		ratio: '1280:720',
		waitForCompletion: false,
	}),
	cometNode('Get Task', {
		resource: 'task',
		operation: 'get',
		taskId: '={{ $json.taskId }}',
		taskRoute: 'feed',
		waitForCompletion: true,
		waitOptions: { pollInterval: 2 },
	}),
]);

const suite = useSuite({ workflows: [generateWait, submitOnly, generateThenGet] });

test('Generate with waiting returns the finished video', async () => {
	const { sim, n8n } = suite;
	const r = expectSuccess(await n8n.execute(generateWait.id));
	const items = r.nodeOutput('Generate');
	expect(brief(items)).toHaveLength(1);
	const [task] = [...sim.tasks.values()];
	expect(items[0].json).toMatchObject({
		taskId: task.id,
		route: 'feed',
		status: 'SUCCEEDED',
		videoUrl: `${sim.baseUrl}/cdn/videos/${task.id}.mp4`,
	});
	const creates = sim.createRequests();
	expect(creates).toHaveLength(1);
	expect(creates[0].path).toBe('/runway/pro/generate');
	expect(createBodies(sim)[0]).toMatchObject({
		prompt: generateWait.nodes[1].parameters.prompt,
		model: 'gen4',
		ratio: '1280:720',
		image: 'https://images.example.com/lighthouse.jpg',
		callback_url: 'https://example.com/webhook',
	});
	expect(sim.requests.filter((q) => q.path === '/runway/feed').length).toBeGreaterThanOrEqual(1);
});

test('Get Task in a later execution resumes a task submitted without waiting', async () => {
	const { sim, n8n } = suite;
	const first = expectSuccess(await n8n.execute(submitOnly.id));
	const [submitted] = first.nodeOutput('Submit');
	expect(submitted.json.taskId).toBe([...sim.tasks.keys()][0]);
	expect(['PENDING', 'THROTTLED', 'RUNNING']).toContain(submitted.json.status);
	expect(submitted.json.videoUrl ?? null).toBeNull();
	expect(createBodies(sim)[0]).toMatchObject({ duration: 10, promptImage: 'https://images.example.com/forest.jpg' });

	const later = getTaskWorkflow(submitted.json.taskId);
	const r = expectSuccess(await n8n.runWorkflow(later));
	const [item] = r.nodeOutput('Get Task');
	expect(item.json).toMatchObject({
		taskId: submitted.json.taskId,
		route: 'official',
		status: 'SUCCEEDED',
		videoUrl: `${sim.baseUrl}/cdn/videos/${submitted.json.taskId}.mp4`,
	});
	expect(item.binary?.video?.mimeType).toBe('video/mp4');
	expect(n8n.readBinary(item, 'video').equals(expectedVideoBytes(submitted.json.taskId, 64 * 1024))).toBe(true);
	// Resuming costs nothing: still the one create from the first execution.
	expect(sim.createRequests()).toHaveLength(1);
	expect(sim.requests.some((q) => q.path === `/runwayml/v1/tasks/${submitted.json.taskId}`)).toBe(true);
});

test('Generate without waiting, then Get Task on the feed route in the next node', async () => {
	const { sim, n8n } = suite;
	const r = expectSuccess(await n8n.execute(generateThenGet.id));
	const [submitted] = r.nodeOutput('Generate');
	const [done] = r.nodeOutput('Get Task');
	const [task] = [...sim.tasks.values()];
	expect(submitted.json.taskId).toBe(task.id);
	expect(done.json).toMatchObject({ taskId: task.id, route: 'feed', status: 'SUCCEEDED' });
	expect(done.json.videoUrl).toBe(`${sim.baseUrl}/cdn/videos/${task.id}.mp4`);
	expect(createBodies(sim)[0].image).toBeUndefined();
	expect(sim.createRequests()).toHaveLength(1);
});
