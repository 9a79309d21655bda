'use strict';
// In a real n8n: with On Error "Continue (using error output)" failed rows reach the error
// branch, which counts them; and a worker killed mid-wait leaves every accepted task ID in its log.
const { spawn } = require('node:child_process');
const { manualTrigger, codeNode, cometNode, freePort } = require('./harness');
const { useSuite, expectSuccess } = require('./suite');

const imageToVideo = (waitOptions) => ({
	resource: 'video',
	operation: 'imageToVideo',
	imageSource: 'url',
	imageUrl: 'https://images.example.com/a.jpg',
	model: 'gen4_turbo',
	prompt: '={{ $json.prompt }}',
	ratio: '1280:720',
	duration: 5,
	waitForCompletion: true,
	waitOptions,
});

const rows = (prompts) => `return ${JSON.stringify(prompts)}.map((prompt, row) => ({ json: { row, prompt } }));`;
const count = "return [{ json: { count: $input.all().length, rows: $input.all().map((item) => item.json.row), items: $input.all().map((item) => item.json) } }];";

/** Rows → the node → its success output to one counter, its error output to another. */
function branchedWorkflow() {
	const nodes = [
		manualTrigger(),
		codeNode('Rows', rows([
			'Branch 0: a calm lake [sim duration=1500]',
			'Branch 1: refused [sim duration=1500 outcome=FAILED failureCode=SAFETY.INPUT.TEXT]',
			'x'.repeat(600),
			'Branch 3: a windy field [sim duration=1500]',
		])),
		cometNode('Image to Video', imageToVideo({ pollInterval: 2, timeout: 120 }), { onError: 'continueErrorOutput' }),
		codeNode('Count success', count),
		codeNode('Count errors', count),
	];
	nodes.forEach((node, i) => (node.position = [i * 240, 0]));
	const connections = {
		'Manual Trigger': { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
		Rows: { main: [[{ node: 'Image to Video', type: 'main', index: 0 }]] },
		'Image to Video': {
			main: [
				[{ node: 'Count success', type: 'main', index: 0 }],
				[{ node: 'Count errors', type: 'main', index: 0 }],
			],
		},
	};
	return { id: 'e2eErrorBranch', name: 'e2e: error output branch', active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

function longWaitWorkflow() {
	const nodes = [
		manualTrigger(),
		codeNode('Rows', rows([0, 1, 2].map((i) => `Journal ${i}: held running [sim duration=600000]`))),
		cometNode('Image to Video', imageToVideo({ pollInterval: 2, timeout: 900 })),
	];
	nodes.forEach((node, i) => (node.position = [i * 240, 0]));
	const connections = {
		'Manual Trigger': { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
		Rows: { main: [[{ node: 'Image to Video', type: 'main', index: 0 }]] },
	};
	return { id: 'e2eKilledMidWait', name: 'e2e: killed mid-wait', active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

const branched = branchedWorkflow();
const longWait = longWaitWorkflow();
const suite = useSuite({ workflows: [branched, longWait] });

test('the error branch gets the failed rows, each with its task ID; the success branch the rest', async () => {
	const { sim, n8n } = suite;
	const r = expectSuccess(await n8n.execute(branched.id));
	const [success] = r.nodeOutput('Count success').map((item) => item.json);
	const [errors] = r.nodeOutput('Count errors').map((item) => item.json);
	expect(success.count).toBe(2);
	const idOf = (prefix) => sim.tasksWithPrompt(prefix)[0].id;
	expect(success.items.map((item) => item.taskId)).toEqual([idOf('Branch 0:'), idOf('Branch 3:')]);
	expect(errors.count).toBe(2);
	expect(errors.rows).toEqual([1, 2]);
	const [failed, bad] = errors.items;
	expect(failed.details).toMatchObject({ taskId: idOf('Branch 1:'), status: 'FAILED', failureCode: 'SAFETY.INPUT.TEXT' });
	expect(failed.error).toContain(idOf('Branch 1:'));
	expect(bad.error).toMatch(/prompt/i);
	expect(sim.createRequests()).toHaveLength(3);
});

test('n8n killed mid-wait: every accepted task ID is in its log', async () => {
	const { sim, n8n } = suite;
	const child = spawn(n8n.paths.nodeBin, [n8n.paths.n8nBin, 'execute', `--id=${longWait.id}`], {
		cwd: n8n.folder,
		env: { ...n8n.env, N8N_LOG_LEVEL: 'info', N8N_LOG_OUTPUT: 'console', N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
	try {
		// Wait until all three creates were taken and the node polls them.
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline && !(sim.tasks.size === 3 && sim.requests.some((r) => r.route === 'task'))) {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		expect(sim.tasks.size).toBe(3);
	} finally {
		child.kill('SIGKILL');
	}
	const { signal } = await exited;
	expect(signal).toBe('SIGKILL');
	const ids = [...sim.tasks.keys()];
	for (const id of ids) expect(output).toContain(`task ${id} accepted`);
	expect(output).not.toContain(sim.apiKey);
	process.stderr.write(`[e2e] killed mid-wait: ${ids.length} task IDs found in n8n's log\n`);
});
