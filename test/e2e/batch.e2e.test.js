'use strict';
// Batches as users build them: ten spreadsheet-like rows into one node, every video paired to its
// row and all of them waited on together; a failed task under "Continue On Fail" next to good ones.
const { chainWorkflow, manualTrigger, codeNode, cometNode } = require('./harness');
const { useSuite, createBodies, brief, expectSuccess } = require('./suite');

const TASK_MS = 4000;
const ROWS = 10;

function pairedIndex(item) {
	const p = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof p === 'number' ? p : p?.item;
}

const imageToVideo = (extra = {}) => ({
	resource: 'video',
	operation: 'imageToVideo',
	imageSource: 'url',
	imageUrl: '={{ $json.image_url }}',
	model: 'gen4_turbo',
	prompt: '={{ $json.prompt }}',
	ratio: '1280:720',
	duration: 5,
	waitForCompletion: true,
	waitOptions: { pollInterval: 2, timeout: 120 },
	...extra,
});

// A Code node stands in for a spreadsheet read: one item per row.
const rowsCode = `return Array.from({ length: ${ROWS} }, (_, i) => ({ json: {
	row: i + 2,
	image_url: 'https://images.example.com/products/' + (i + 1) + '.jpg',
	prompt: 'Row ' + i + ': product ' + (i + 1) + ' turns slowly on a white table [sim duration=${TASK_MS}]',
} }));`;

const batch = chainWorkflow('e2eBatchTen', 'e2e: ten rows to ten videos', [
	manualTrigger(),
	codeNode('Rows', rowsCode),
	cometNode('Image to Video', imageToVideo()),
	// What a "write back" step sees: n8n resolves each video's row through pairedItem.
	codeNode(
		'Write back',
		"return $input.all().map((item, i) => ({ json: { taskId: item.json.taskId, videoUrl: item.json.videoUrl, row: $('Rows').itemMatching(i).json.row, prompt: $('Rows').itemMatching(i).json.prompt } }));",
	),
]);

const mixedCode = `return [
	{ json: { image_url: 'https://images.example.com/a.jpg', prompt: 'Mixed 0: a calm lake [sim duration=2000]' } },
	{ json: { image_url: 'https://images.example.com/b.jpg', prompt: 'Mixed 1: refused one [sim duration=2000 outcome=FAILED failureCode=SAFETY.INPUT.TEXT]' } },
	{ json: { image_url: 'https://images.example.com/c.jpg', prompt: 'Mixed 2: a windy field [sim duration=3000]' } },
];`;
const mixed = chainWorkflow('e2eContinueOnFail', 'e2e: failed task under Continue On Fail', [
	manualTrigger(),
	codeNode('Rows', mixedCode),
	cometNode('Image to Video', imageToVideo(), { onError: 'continueRegularOutput' }),
]);

const suite = useSuite({ workflows: [batch, mixed] });

test('10 rows → 10 videos, each paired to its row, in about one task time', async () => {
	const { sim, n8n } = suite;
	const r = expectSuccess(await n8n.execute(batch.id));
	const items = r.nodeOutput('Image to Video');
	expect(brief(items)).toHaveLength(ROWS);

	// One create per row, never repeated.
	expect(sim.createRequests()).toHaveLength(ROWS);
	expect(sim.tasks.size).toBe(ROWS);

	items.forEach((item, i) => {
		expect(pairedIndex(item)).toBe(i);
		const created = sim.tasksWithPrompt(`Row ${i}:`);
		expect(created).toHaveLength(1);
		expect(item.json.taskId).toBe(created[0].id);
		expect(created[0].body.promptImage).toBe(`https://images.example.com/products/${i + 1}.jpg`);
		expect(item.json.status).toBe('SUCCEEDED');
		expect(item.json.videoUrl).toBe(`${sim.baseUrl}/cdn/videos/${created[0].id}.mp4`);
	});

	// n8n itself resolves every output back to its row.
	const written = r.nodeOutput('Write back');
	expect(written).toHaveLength(ROWS);
	written.forEach((w, i) => {
		expect(w.json.row).toBe(i + 2);
		expect(sim.tasks.get(w.json.taskId).prompt).toBe(w.json.prompt);
	});

	// Waited on together: the node's own time is about one task, far from 10 × TASK_MS.
	const nodeMs = r.nodeRun('Image to Video').executionTime;
	process.stderr.write(`[e2e] 10 rows: node time ${nodeMs} ms for tasks of ${TASK_MS} ms each\n`);
	expect(nodeMs).toBeGreaterThanOrEqual(TASK_MS);
	expect(nodeMs).toBeLessThan(3 * TASK_MS);
});

test('a failed task under "Continue On Fail" sits next to the successful ones', async () => {
	const { sim, n8n } = suite;
	const r = expectSuccess(await n8n.execute(mixed.id));
	const items = r.nodeOutput('Image to Video');
	expect(brief(items)).toHaveLength(3);
	expect(items.map(pairedIndex)).toEqual([0, 1, 2]);
	expect(sim.createRequests()).toHaveLength(3);

	const idOf = (i) => sim.tasksWithPrompt(`Mixed ${i}:`)[0].id;
	expect(items[0].json).toMatchObject({ taskId: idOf(0), status: 'SUCCEEDED' });
	expect(items[2].json).toMatchObject({ taskId: idOf(2), status: 'SUCCEEDED' });

	const failed = items[1].json;
	expect(failed.taskId).toBe(idOf(1)); // the paid task's id reaches the user
	expect(failed.status).toBe('FAILED');
	expect(failed.failureCode).toBe('SAFETY.INPUT.TEXT');
	expect(typeof failed.error).toBe('string');
	expect(failed.error).toContain(idOf(1));
	expect(failed.videoUrl ?? null).toBeNull();
	expect(createBodies(sim).map((b) => b.promptImage)).toEqual(
		expect.arrayContaining(['https://images.example.com/a.jpg', 'https://images.example.com/b.jpg', 'https://images.example.com/c.jpg']),
	);
});
