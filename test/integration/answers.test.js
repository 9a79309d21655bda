'use strict';
// What the node does with answers that were misread before: through real n8n-core and the simulator.
const { useSimulator } = require('../support/simulator');
const { runNode } = require('../support/n8n');
const { imageToVideo, getTask, prompts } = require('../support/params');

const { sim, credentials } = useSimulator({ taskDurationMs: 1500, pendingMs: 300 });

describe('a create the API may have taken is never sent again', () => {
	test('a relay that takes the task, then answers 503: one create, and the error says it may exist', async () => {
		sim.fault('createOfficial', {
			status: 503,
			accept: true,
			body: { error: { message: 'upstream unavailable', type: 'upstream_error', code: '' } },
		});
		const result = await runNode({ parameters: imageToVideo(), items: prompts('taken then 503'), credentials });
		expect(sim.createRequests()).toHaveLength(1);
		expect(sim.tasks.size).toBe(1);
		expect(result.error.message).toMatch(/HTTP 503/);
		expect(result.error.description).toMatch(/may (still )?have been created[\s\S]*not sent again/);
		expect(result.error.description).toMatch(/sent at \d{4}-\d\d-\d\dT/);
	});

	test('CometAPI refusing before dispatch (503 get_channel_failed) is sent again, one task in all', async () => {
		sim.fault('createOfficial', {
			status: 503,
			body: { error: { message: 'No available channel for model gen4_turbo', type: 'comet_api_error', code: 'get_channel_failed' } },
		});
		const result = await runNode({ parameters: imageToVideo(), items: prompts('no channel once'), credentials });
		expect(result.error).toBeUndefined();
		expect(sim.createRequests()).toHaveLength(2);
		expect(result.items[0].json.taskId).toBe([...sim.tasks.keys()][0]);
	});

	test('a 200 answer beginning with a BOM names its task', async () => {
		sim.fault('createOfficial', {
			status: 200,
			accept: true,
			headers: { 'content-type': 'application/json' },
			body: (_record, task) => `\ufeff{"code":0,"data":{"task_id":"${task.id}"}}{"trace":"x"}`,
			kind: 'raw',
		});
		const result = await runNode({ parameters: imageToVideo(), items: prompts('bom answer'), credentials });
		expect(sim.createRequests()).toHaveLength(1);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.taskId).toBe([...sim.tasks.keys()][0]);
	});
});

describe('Get Task', () => {
	test('an answer about a different task is an error, never the asked task\'s output', async () => {
		await runNode({ parameters: imageToVideo(), items: prompts('asked task'), credentials });
		const asked = sim.tasksWithPrompt('asked task')[0];
		sim.fault('task', {
			status: 200,
			body: { id: 'someone-elses-task', status: 'SUCCEEDED', output: ['https://cdn.example/other.mp4'] },
		});
		const result = await runNode({
			parameters: getTask({ continueOnFail: true }),
			items: [{ json: { taskId: asked.id } }],
			credentials,
			continueOnFail: true,
		});
		const json = result.error ? { error: result.error.message } : result.items[0].json;
		expect(JSON.stringify(json)).not.toContain('other.mp4');
		expect(JSON.stringify(result.error?.message ?? json.error)).toMatch(
			new RegExp(`answered about task someone-elses-task, not ${asked.id}`),
		);
	});
});
