'use strict';
/**
 * Generate and Restyle Video (the compatibility routes) pick Model and Ratio from lists with a
 * custom entry, and show Callback URL only while not waiting. Saved workflows that typed a model
 * ID or ratio the lists do not hold run unchanged in the real n8n-core: the routes take any value.
 */
const { useSimulator } = require('../support/simulator');
const { runNode } = require('../support/n8n');
const { generate, restyle, actOne, waiting, prompts } = require('../support/params');

const { sim, credentials } = useSimulator({ taskDurationMs: 60_000, pendingMs: 200 });

const run = (parameters, items = prompts('a lighthouse at dusk')) => runNode({ parameters, items, credentials });
const sentBody = () => sim.createRequests()[0].body;
const PLACEHOLDER = 'https://example.com/webhook';
const CALLBACK = 'https://n8n.example.com/webhook/runway-callback';

describe('Model and Ratio as saved', () => {
	test.each([
		['a listed model and ratio', {}, { model: 'gen4', ratio: '1280:720' }],
		['gen4_turbo and 9:16 from the lists', { model: 'gen4_turbo', ratio: '9:16' }, { model: 'gen4_turbo', ratio: '9:16' }],
		['a model ID typed before it was a list', { model: 'gen3a_turbo' }, { model: 'gen3a_turbo' }],
		['a ratio typed before it was a list', { ratio: '1584:672' }, { ratio: '1584:672' }],
		['a model ID from an expression', { model: '={{ "gen4" + "_turbo" }}' }, { model: 'gen4_turbo' }],
		['Custom Model ID', { model: 'custom', customModel: 'gen5_preview' }, { model: 'gen5_preview' }],
		['Custom Ratio', { ratio: 'custom', customRatio: '={{ "21:9" }}' }, { ratio: '21:9' }],
	])('Generate: %s is sent as the route takes it', async (_name, overrides, expected) => {
		const result = await run(generate(overrides));
		expect(result.error).toBeUndefined();
		expect(sentBody()).toMatchObject(expected);
	});

	test.each([
		['a model ID typed before it was a list', { model: 'gen3a_turbo' }, 'gen3a_turbo'],
		['Custom Model ID', { model: 'custom', customModel: 'gen4_aleph' }, 'gen4_aleph'],
	])('Restyle Video: %s is sent as it is', async (_name, overrides, model) => {
		const result = await run(restyle(overrides), prompts('pixelated style'));
		expect(result.error).toBeUndefined();
		expect(sentBody().model).toBe(model);
	});

	test.each([
		['a Custom Model ID that comes out empty', { model: 'custom', customModel: '={{ "" }}' }, 'Custom Model ID is empty'],
		['a Custom Ratio that is not W:H', { ratio: 'custom', customRatio: 'wide' }, 'Custom Ratio must look like 1280:720, got "wide"'],
		['a saved ratio that is not W:H', { ratio: 'landscape' }, 'Ratio must look like 1280:720, got "landscape"'],
	])('Generate: %s is refused before any request, naming the field', async (_name, overrides, message) => {
		const result = await run(generate(overrides));
		expect(result.error.message).toContain(message);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Callback URL shows only while not waiting', () => {
	test.each([
		['generate', generate],
		['restyle', restyle],
		['actOne', actOne],
	])('%s: sent when not waiting, the placeholder while waiting', async (_name, params) => {
		let result = await run(params({ callbackUrl: CALLBACK }));
		expect(result.error).toBeUndefined();
		expect(sentBody().callback_url).toBe(CALLBACK);
		sim.reset();
		// A URL saved beside Wait for Completion on is hidden by the form, so it is not sent.
		result = await run(params({ callbackUrl: CALLBACK, ...waiting({ timeout: 1, downloadOutput: false }) }));
		expect(result.error).toBeUndefined();
		expect(sentBody().callback_url).toBe(PLACEHOLDER);
		sim.reset();
		result = await run(params({ callbackUrl: '' }));
		expect(sentBody().callback_url).toBe(PLACEHOLDER);
	});
});
