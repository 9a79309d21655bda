'use strict';
// Image to Video's models: the form offers each model's own ratios and durations, and the node
// sends what the model takes and refuses the rest before any request, naming what is allowed.
const { NodeHelpers } = require('n8n-workflow');

const { useSimulator } = require('../support/simulator');
const { runNode } = require('../support/n8n');
const { imageToVideo } = require('../support/params');
const { CometApiRunway } = require('../../dist/nodes/CometApiRunway/CometApiRunway.node.js');

const GEN4 = ['1280:720', '720:1280', '1104:832', '832:1104', '960:960', '1584:672'];
const VEO = ['1280:720', '720:1280', '1080:1920', '1920:1080'];
const TWO_TO_TEN = [2, 3, 4, 5, 6, 7, 8, 9, 10];
// Runway's image_to_video models (cometapi-runway-api.md §10.1): ratios, durations, a ratio and a
// duration each one refuses.
const MODELS = {
	'gen4.5': { ratios: GEN4, durations: TWO_TO_TEN, badRatio: '672:1584', badDuration: 1 },
	gen4_turbo: { ratios: GEN4, durations: TWO_TO_TEN, badRatio: '672:1584', badDuration: 11 },
	gen3a_turbo: { ratios: ['1280:768', '768:1280'], durations: [5, 10], badRatio: '1280:720', badDuration: 8 },
	veo3: { ratios: VEO, durations: [8], badRatio: '960:960', badDuration: 5 },
	'veo3.1': { ratios: VEO, durations: [4, 6, 8], badRatio: '1584:672', badDuration: 5 },
	'veo3.1_fast': { ratios: VEO, durations: [4, 6, 8], badRatio: '1280:768', badDuration: 10 },
};

const { sim, credentials } = useSimulator({ taskDurationMs: 60_000 });

describe('the form', () => {
	const { description } = new CometApiRunway();
	const node = { name: 'Runway', typeVersion: 1, type: 'cometApiRunway', parameters: {} };
	/** The fields n8n shows, with the values it fills in, for the parameters a workflow saved. */
	const form = (saved) => {
		const values = NodeHelpers.getNodeParameters(description.properties, saved, true, false, node, description);
		const shown = description.properties.filter((p) => NodeHelpers.displayParameter(values, p, node, description));
		return { values, shown: (name) => shown.filter((p) => p.name === name) };
	};
	const base = { resource: 'video', operation: 'imageToVideo' };

	test('Model offers the known models and Custom Model ID, gen4_turbo by default, and takes no expression', () => {
		const { values, shown } = form(base);
		const [model] = shown('model');
		expect(model.options.map((o) => o.value)).toEqual([...Object.keys(MODELS), 'custom']);
		expect(model.noDataExpression).toBe(true);
		expect(values).toMatchObject({ model: 'gen4_turbo', ratio: '1280:720', duration: 5 });
	});

	test.each(Object.entries(MODELS))('%s: one Ratio and one Duration, offering only what it takes', (model, { ratios, durations }) => {
		const { values, shown } = form({ ...base, model });
		const [ratio, ...moreRatios] = shown('ratio');
		const [duration, ...moreDurations] = shown('duration');
		expect(moreRatios).toEqual([]);
		expect(moreDurations).toEqual([]);
		expect(ratio.options.map((o) => o.value)).toEqual(ratios);
		expect(duration.options.map((o) => o.value)).toEqual(durations);
		expect(ratios).toContain(values.ratio);
		expect(durations).toContain(values.duration);
		expect(shown('customModel')).toEqual([]);
	});

	test('Custom Model ID, or an ID saved by hand, shows a free Ratio and Duration', () => {
		for (const saved of [{ model: 'custom', customModel: 'gen5' }, { model: 'gen4' }]) {
			const { values, shown } = form({ ...base, ...saved });
			expect(shown('ratio').map((p) => p.type)).toEqual(['string']);
			expect(shown('duration').map((p) => p.type)).toEqual(['number']);
			expect(values).toMatchObject({ ratio: '1280:720', duration: 5 });
		}
		expect(form({ ...base, model: 'custom' }).shown('customModel')).toHaveLength(1);
	});

	test('a saved gen4_turbo, 1280:720, 5 s keeps its values, and saves as before', () => {
		const saved = { ...base, model: 'gen4_turbo', ratio: '1280:720', duration: 5 };
		expect(form(saved).values).toMatchObject({ model: 'gen4_turbo', ratio: '1280:720', duration: 5 });
		expect(NodeHelpers.getNodeParameters(description.properties, saved, false, false, node, description)).toEqual({});
	});
});

describe('each model sends what it takes', () => {
	test.each(Object.entries(MODELS))('%s: every ratio and every duration', async (model, { ratios, durations }) => {
		const combos = [
			...ratios.map((ratio) => ({ ratio, duration: durations[0] })),
			...durations.map((duration) => ({ ratio: ratios[0], duration })),
		];
		const result = await runNode({
			parameters: imageToVideo({ model, ratio: '={{ $json.ratio }}', duration: '={{ $json.duration }}' }),
			items: combos.map((c) => ({ json: { prompt: `${c.ratio} ${c.duration}`, ...c } })),
			credentials,
		});
		expect(result.error).toBeUndefined();
		const sent = sim.createRequests().map(({ body }) => ({ model: body.model, ratio: body.ratio, duration: body.duration }));
		expect(sent).toHaveLength(combos.length);
		expect(sent).toEqual(expect.arrayContaining(combos.map((c) => ({ model, ...c }))));
	});

	test('another model ID is checked loosely: any W:H ratio, whole seconds from 1 to 60', async () => {
		const result = await runNode({
			parameters: imageToVideo({ model: 'custom', customModel: 'gen5_preview', ratio: '2048:858', duration: 12 }),
			items: [{ json: { prompt: 'custom' } }],
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(sim.createRequests()[0].body).toMatchObject({ model: 'gen5_preview', ratio: '2048:858', duration: 12 });
	});

	test('a known ID typed in Custom Model ID is checked as that model', async () => {
		const result = await runNode({
			parameters: imageToVideo({ model: 'custom', customModel: 'veo3', ratio: '1280:720', duration: 5 }),
			items: [{ json: { prompt: 'veo' } }],
			credentials,
		});
		expect(result.error.message).toBe('Duration 5 is not allowed for model veo3; allowed: 8');
		expect(sim.requests).toHaveLength(0);
	});
});

describe('refused before any request, with the allowed values named', () => {
	test.each(Object.entries(MODELS))('%s: a ratio and a duration it does not take', async (model, { ratios, durations, badRatio, badDuration }) => {
		const ratio = await runNode({
			parameters: imageToVideo({ model, ratio: badRatio, duration: durations[0] }),
			items: [{ json: { prompt: 'x' } }],
			credentials,
		});
		expect(ratio.error.name).toBe('NodeOperationError');
		expect(ratio.error.message).toBe(`Ratio ${badRatio} is not available for model ${model}; allowed: ${ratios.join(', ')}`);
		const duration = await runNode({
			parameters: imageToVideo({ model, ratio: ratios[0], duration: badDuration }),
			items: [{ json: { prompt: 'x' } }],
			credentials,
		});
		expect(duration.error.message).toBe(`Duration ${badDuration} is not allowed for model ${model}; allowed: ${durations.join(', ')}`);
		expect(sim.requests).toHaveLength(0);
	});

	test.each([
		['a ratio that is not W:H', { ratio: 'wide' }, 'Ratio must look like 1280:720, got "wide"'],
		['0 seconds', { duration: 0 }, 'Duration 0 is not allowed for model gen5_preview; allowed: a whole number from 1 to 60'],
		['2.5 seconds', { duration: 2.5 }, 'Duration must be a whole number, got number 2.5'],
		['an ID with a space', { customModel: 'gen 5' }, 'Custom Model ID "gen 5" is not a model ID; use letters, digits, ".", "_" or "-" (e.g. gen4_turbo)'],
	])('another model ID: %s', async (_name, overrides, message) => {
		const result = await runNode({
			parameters: imageToVideo({ model: 'custom', customModel: 'gen5_preview', ratio: '1280:720', duration: 5, ...overrides }),
			items: [{ json: { prompt: 'x' } }],
			credentials,
		});
		expect(result.error.message).toBe(message);
		expect(sim.requests).toHaveLength(0);
	});
});
