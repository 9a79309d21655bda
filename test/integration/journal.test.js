'use strict';
/**
 * Issue 17, item 11: n8n stores nothing until the node returns, so each accepted create goes to
 * n8n's log the moment its answer arrives (task ID, route, item index, execution ID; never the
 * key), before the wait: a worker that dies mid-wait leaves every task ID in its log.
 */
const { useSimulator } = require('../support/simulator');
const { runNode } = require('../support/n8n');
const { imageToVideo, generate } = require('../faults/helpers');

const KEY = 'sk-journal-0123456789abcdef';
const { sim, credentials } = useSimulator({ apiKey: KEY, taskDurationMs: 300 });

const infoLines = (log) =>
	log.filter((entry) => entry.level === 'info').map((entry) => String(entry.args[0]));

test.each([
	['Image to Video (official route)', () => imageToVideo(), 'official'],
	['Generate (compat route)', () => generate(), 'pro'],
])('%s: one info line per accepted task, before the wait ends', async (_title, parameters, route) => {
	sim.fault(route === 'official' ? 'createOfficial' : 'createPro', {
		status: 400,
		times: 10,
		when: (record) => JSON.stringify(record.body ?? '').includes('refused'),
		body: { error: { message: 'refused', type: 'comet_api_error', code: 'invalid_request' } },
	});
	const result = await runNode({
		parameters: parameters(),
		items: ['one', 'refused', 'three'].map((prompt) => ({ json: { prompt } })),
		credentials,
		continueOnFail: true,
	});
	const accepted = result.items.filter((item) => !item.json.error);
	expect(accepted).toHaveLength(2);
	const lines = infoLines(result.log).filter((line) => line.includes('accepted'));
	expect(lines).toHaveLength(2);
	accepted.forEach((item, n) => {
		const itemIndex = n === 0 ? 0 : 2;
		const line = lines.find((text) => text.includes(item.json.taskId));
		expect(line).toBeDefined();
		expect(line).toContain(`item ${itemIndex}`);
		expect(line).toContain(`route ${item.json.route}`);
		expect(line).toContain('execution exec-1');
	});
	expect(JSON.stringify(result.log)).not.toContain(KEY);
});

test('the line is written when the create is answered, before the wait', async () => {
	const result = await runNode({
		parameters: imageToVideo({}, { timeout: 60 }),
		items: [{ json: { prompt: 'slow [sim duration=2500]' } }],
		credentials,
	});
	expect(result.items[0].json.status).toBe('SUCCEEDED');
	const entry = result.log.find((e) => e.level === 'info' && String(e.args[0]).includes(result.items[0].json.taskId));
	expect(entry).toBeDefined();
	const firstPoll = sim.requests.find((r) => r.route === 'task');
	expect(entry.at).toBeLessThanOrEqual(firstPoll.at);
	expect(result.nodeReturnedAt - entry.at).toBeGreaterThan(1500);
});
