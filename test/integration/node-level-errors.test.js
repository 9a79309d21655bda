'use strict';

// An error that ends the whole node (a bad credential, Retry On Fail on) under On Error
// "Continue": each input item comes back carrying the error, not passed through as if it ran.

const { useSimulator } = require('../support/simulator');
const { runNode } = require('../support/n8n');
const { imageToVideo, prompts } = require('../support/params');

const { sim, credentials } = useSimulator({ taskDurationMs: 60_000, pendingMs: 30_000 });

const plainHttp = () => ({ ...credentials, baseUrl: 'http://api.example.com' });

test('a credential the node refuses gives every item its error under Continue On Fail, with 0 requests', async () => {
	const result = await runNode({
		parameters: imageToVideo(),
		items: prompts('a cat', 'a dog'),
		credentials: plainHttp(),
		continueOnFail: true,
	});
	expect(result.items).toHaveLength(2);
	result.items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.json.error).toMatch(/^The Base URL uses plain http:\/\/ to api\.example\.com/);
		expect(item.json.errorDescription).toContain('https://');
	});
	expect(sim.requests).toHaveLength(0);
});

test('Retry On Fail refused under Continue On Fail: every item says why, nothing sent', async () => {
	const result = await runNode({
		parameters: imageToVideo(),
		items: prompts('a cat', 'a dog', 'a fox'),
		credentials,
		continueOnFail: true,
		nodeSettings: { retryOnFail: true, maxTries: 3 },
	});
	expect(result.items.map((item) => item.pairedItem)).toEqual([
		{ item: 0 },
		{ item: 1 },
		{ item: 2 },
	]);
	for (const item of result.items)
		expect(item.json.error).toMatch(/^Retry On Fail is on for this node/);
	expect(sim.requests).toHaveLength(0);
});

test('without Continue On Fail the same credential still stops the node with its error', async () => {
	const result = await runNode({
		parameters: imageToVideo(),
		items: prompts('a cat'),
		credentials: plainHttp(),
	});
	expect(result.error.name).toBe('NodeOperationError');
	expect(result.error.message).toMatch(/^The Base URL uses plain http:\/\//);
	expect(sim.requests).toHaveLength(0);
});
