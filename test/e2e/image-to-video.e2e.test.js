'use strict';
// A user's first workflow: an image URL → Image to Video (waiting) → the video as a file, in a real
// n8n; and a bad input that n8n must refuse before anything reaches the API.
const { NODE_TYPE, chainWorkflow, manualTrigger, cometNode, useE2eCredential, loadExample } = require('./harness');
const { useSuite, createBodies, brief, expectSuccess } = require('./suite');
const { expectedVideoBytes } = require('../simulator/server.js');

const example = useE2eCredential(loadExample('image-to-video.json'));
example.id = 'e2eExampleI2V';
const exampleNode = example.nodes.find((n) => n.type === NODE_TYPE);
exampleNode.parameters.waitOptions.pollInterval = 2; // the test's copy polls at the minimum

const longPrompt = 'A slow pan across a quiet harbour at dawn. '.repeat(12) + 'x'; // 529 characters
const badInput = chainWorkflow('e2eBadPrompt', 'e2e: prompt too long', [
	manualTrigger(),
	cometNode('Image to Video', {
		resource: 'video',
		operation: 'imageToVideo',
		imageSource: 'url',
		imageUrl: 'https://example.com/harbour.jpg',
		prompt: longPrompt,
		ratio: '1280:720',
		duration: 5,
		waitForCompletion: true,
		waitOptions: { pollInterval: 2 },
	}),
]);

const suite = useSuite({ workflows: [example, badInput] });

test('examples/image-to-video.json: image URL → video downloaded as binary', async () => {
	const { sim, n8n } = suite;
	const r = expectSuccess(await n8n.execute(example.id));
	expect(r.run.workflowData?.nodes?.find((n) => n.name === exampleNode.name)?.type ?? NODE_TYPE).toBe(NODE_TYPE);

	const items = r.nodeOutput(exampleNode.name);
	expect(brief(items)).toHaveLength(1);
	const [item] = items;
	expect([...sim.tasks.keys()]).toEqual([item.json.taskId]);
	const taskId = item.json.taskId;
	expect(item.json).toMatchObject({
		taskId,
		route: 'official',
		status: 'SUCCEEDED',
		videoUrl: `${sim.baseUrl}/cdn/videos/${taskId}.mp4`,
		timedOut: false,
	});
	expect(item.json.polls).toBeGreaterThanOrEqual(1);
	expect(item.pairedItem).toEqual({ item: 0 });

	// The request n8n sent is the one the user configured.
	const [body] = createBodies(sim);
	expect(body).toMatchObject({
		promptImage: exampleNode.parameters.imageUrl,
		model: 'gen4_turbo',
		promptText: exampleNode.parameters.prompt,
		ratio: '1280:720',
		duration: 5,
	});
	const create = sim.createRequests()[0];
	expect(create.headers.authorization).toBe(`Bearer ${sim.apiKey}`);
	expect(create.headers['x-runway-version']).toBe('2024-11-06');

	// The video is on the item as a file, byte for byte what the CDN served.
	const bin = item.binary?.data;
	expect(bin).toBeDefined();
	expect(bin.mimeType).toBe('video/mp4');
	const bytes = n8n.readBinary(item, 'data');
	expect(bytes.length).toBe(64 * 1024);
	expect(bytes.equals(expectedVideoBytes(taskId, 64 * 1024))).toBe(true);

	// The key went only to the API: not to the CDN, not into the run data.
	const cdn = sim.requests.filter((q) => q.path.startsWith('/cdn/'));
	expect(cdn.length).toBeGreaterThanOrEqual(1);
	for (const q of cdn) expect(q.headers.authorization).toBeUndefined();
	expect(JSON.stringify(r.run)).not.toContain(sim.apiKey);
});

test('a prompt over 512 characters fails the workflow (exit 1) and reaches no API', async () => {
	const { sim, n8n } = suite;
	const r = await n8n.execute(badInput.id);
	expect(r.parseError).toBeUndefined();
	expect(r.exitCode).toBe(1);
	const message = `${r.error?.message ?? ''} ${r.error?.description ?? ''}`;
	expect(message).toMatch(/prompt/i);
	expect(message).toMatch(/512/);
	expect(r.nodeError('Image to Video')).toBeDefined();
	expect(sim.requests).toHaveLength(0);
});
