'use strict';
// Runway's cost on every item, every output file of a task stored, and the node as an agent's
// tool: driven through the real n8n-core against the simulator.
const { useSimulator } = require('../support/simulator');
const { runNode, TOOL_NODE_TYPE } = require('../support/n8n');
const { imageToVideo, generate, waiting, prompts } = require('../support/params');
const artifacts = require('../support/artifacts');

const { sim, credentials } = useSimulator({ taskDurationMs: 600, pendingMs: 100 });

const bytesOf = (binary) => Buffer.from(binary.data, 'base64');
const gen45 = (options, wait = { downloadOutput: true }) =>
	imageToVideo({ model: 'gen4.5', prompt: '={{ $json.prompt }}', options, ...waiting(wait) });

describe('cost', () => {
	test("a batch's items' credits add up to what Runway charged, a failed task refunded to 0", async () => {
		const result = await runNode({
			parameters: imageToVideo(waiting()),
			items: prompts('one', 'two [sim outcome=FAILED]', 'three'),
			credentials,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const tasks = [...sim.tasks.values()];
		expect(tasks).toHaveLength(3);
		const charged = tasks.reduce((sum, task) => sum + sim.chargedFor(task), 0);
		expect(charged).toBe(2 * 12 * 5);
		const costs = result.items.map((item) => item.json.cost);
		expect(costs.reduce((sum, cost) => sum + cost.credits, 0)).toBe(charged);
		for (const item of result.items) {
			expect(item.json.cost.estimatedCredits).toBe(sim.tasks.get(item.json.taskId).credits);
		}
		expect(result.items[1].json).toMatchObject({ status: 'FAILED', cost: { estimatedCredits: 60, credits: 0 } });
	}, 20_000);

	test('the wrapped answer shape carries the same figures', async () => {
		sim.configure({ officialShape: 'wrapped' });
		try {
			const result = await runNode({ parameters: imageToVideo(waiting()), items: prompts('one'), credentials });
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.cost).toEqual({ estimatedCredits: 60, credits: 60 });
		} finally {
			sim.configure({ officialShape: 'plain' });
		}
	}, 20_000);

	test("without waiting, the create answer's estimate; a route that reports nothing, null", async () => {
		const created = await runNode({ parameters: imageToVideo(), items: prompts('one'), credentials });
		expect(created.items[0].json.cost).toEqual({ estimatedCredits: 60, credits: null });
		const feed = await runNode({ parameters: generate(), items: prompts('one'), credentials });
		expect(feed.items[0].json.cost).toEqual({ estimatedCredits: null, credits: null });
	}, 20_000);

	test("the create answer's estimate stays when the status answers omit it", async () => {
		sim.configure({ reportCost: false });
		const result = await runNode({
			parameters: imageToVideo(waiting()),
			items: prompts('one'),
			credentials,
			nodeSettings: {},
		}).finally(() => sim.configure({ reportCost: true }));
		// Cost off on every answer: both null, nothing invented.
		expect(result.items[0].json.cost).toEqual({ estimatedCredits: null, credits: null });
		sim.fault('createOfficial', {
			kind: 'raw',
			accept: true,
			status: 200,
			headers: { 'content-type': 'application/json' },
			body: (record, task) => JSON.stringify({ id: task.id, estimatedCost: { credits: 99 } }),
		});
		sim.configure({ reportCost: false });
		const kept = await runNode({ parameters: imageToVideo(waiting()), items: prompts('one'), credentials }).finally(() =>
			sim.configure({ reportCost: true }),
		);
		expect(kept.error).toBeUndefined();
		expect(kept.items[0].json.cost).toEqual({ estimatedCredits: 99, credits: null });
	}, 20_000);
});

describe('every output file', () => {
	test('gen4.5 PNG Sequence: the ZIP on the output field, the WAV on <field>_1, each by its bytes', async () => {
		const result = await runNode({
			parameters: gen45({ outputFormat: 'png_sequence' }, { downloadOutput: true, outputBinaryProperty: 'video' }),
			items: prompts('frames'),
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(sim.createRequests()[0].body.outputFormat).toBe('png_sequence');
		const [item] = result.items;
		const { taskId } = item.json;
		expect(Object.keys(item.binary)).toEqual(['video', 'video_1']);
		expect(item.binary.video).toMatchObject({ mimeType: 'application/zip', fileName: `${taskId}.zip` });
		expect(item.binary.video_1).toMatchObject({ mimeType: 'audio/wav', fileName: `${taskId}_1.wav` });
		expect(bytesOf(item.binary.video).equals(artifacts.zip())).toBe(true);
		expect(bytesOf(item.binary.video_1).equals(artifacts.wav())).toBe(true);
		expect(item.json.files).toEqual([
			{ fileName: `${taskId}.zip`, mimeType: 'application/zip', fileSize: item.binary.video.fileSize, binaryProperty: 'video' },
			{ fileName: `${taskId}_1.wav`, mimeType: 'audio/wav', fileSize: item.binary.video_1.fileSize, binaryProperty: 'video_1' },
		]);
		expect(item.json.file).toEqual(item.json.files[0]);
		expect(item.json.outputs).toHaveLength(2);
		// Neither file is a video: no videoUrl is claimed.
		expect(item.json.videoUrl).toBeNull();
	}, 20_000);

	test('gen4.5 ProRes: one QuickTime movie stored as .mov; MP4, the default, is not sent', async () => {
		const result = await runNode({
			parameters: gen45({ outputFormat: 'prores' }),
			items: prompts('prores'),
			credentials,
		});
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.binary.data).toMatchObject({ mimeType: 'video/quicktime', fileName: `${item.json.taskId}.mov` });
		expect(item.json.files).toHaveLength(1);
		expect(item.json.videoUrl).toBe(item.json.outputUrl);
		sim.reset();
		await runNode({ parameters: gen45({ outputFormat: 'mp4' }, {}), items: prompts('mp4'), credentials });
		expect(sim.createRequests()[0].body).not.toHaveProperty('outputFormat');
	}, 20_000);

	test('Output Format is refused for a value gen4.5 does not take, before any request', async () => {
		const result = await runNode({ parameters: gen45({ outputFormat: 'gif' }), items: prompts('x'), credentials });
		expect(result.error.message).toMatch(/Output Format must be one of mp4, png_sequence, prores, got "gif"/);
		expect(sim.createRequests()).toHaveLength(0);
	}, 20_000);

	test("a file that is not what it claims fails the item, naming which file; the other's limit is its own", async () => {
		sim.fault('cdn', { kind: 'html', status: 200, when: (record) => record.path.endsWith('/audio.wav') });
		const result = await runNode({
			parameters: gen45({ outputFormat: 'png_sequence' }),
			items: prompts('frames'),
			credentials,
			continueOnFail: true,
		});
		const [item] = result.items;
		expect(item.json.error).toMatch(/The output file 2 of 2 of task [\w-]+ was not stored: its URL answered an HTML page/);
		expect(item.json.taskId).toBe([...sim.tasks.keys()][0]);
		expect(item.binary).toBeUndefined();
	}, 20_000);

	test('Maximum Output Size applies to each file: a second file over it fails the item, naming it', async () => {
		// 70 s of 8 kHz 16-bit silence: 1.12 MB, over a 1 MB limit that the ZIP is far below.
		const result = await runNode({
			parameters: gen45({ outputFormat: 'png_sequence' }, { downloadOutput: true, maxOutputSize: 1 }),
			items: prompts('frames [sim wavSeconds=70]'),
			credentials,
			continueOnFail: true,
		});
		const [item] = result.items;
		expect(item.json.error).toMatch(/The output file 2 of 2 of task [\w-]+ was not stored: .*1 MB/);
		expect(sim.cdnRequests().map((r) => r.path.split('/').pop())).toEqual(['frames.zip', 'audio.wav']);
	}, 20_000);
});

describe('as an AI agent tool', () => {
	test('named as n8n names the tool variant, it downloads nothing and answers JSON with URLs, cost and expiry', async () => {
		const result = await runNode({
			parameters: gen45({ outputFormat: 'png_sequence' }),
			items: prompts('frames'),
			credentials,
			nodeType: TOOL_NODE_TYPE,
		});
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.binary).toBeUndefined();
		expect(sim.cdnRequests()).toHaveLength(0);
		expect(item.json).toMatchObject({
			status: 'SUCCEEDED',
			outputs: [expect.stringMatching(/frames\.zip$/), expect.stringMatching(/audio\.wav$/)],
			cost: { estimatedCredits: 60, credits: 60 },
			urlsExpire: '24-48 hours',
		});
		expect(item.json).not.toHaveProperty('file');
	}, 20_000);

	test('as a regular node, the same parameters download and carry no expiry hint', async () => {
		const result = await runNode({ parameters: gen45({ outputFormat: 'prores' }), items: prompts('x'), credentials });
		expect(result.items[0].binary.data).toBeDefined();
		expect(result.items[0].json).not.toHaveProperty('urlsExpire');
	}, 20_000);
});
