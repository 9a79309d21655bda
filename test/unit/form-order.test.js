'use strict';

// Every operation's form, as the built node describes it (dist/), asks for things in one order
// (test/support/field-order.js); and the pieces of the forms agree across operations.

const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const { CometApiRunway } = require(path.join(root, 'dist/nodes/CometApiRunway/CometApiRunway.node.js'));
const { properties } = new CometApiRunway().description;

const { ORDER, classify: classifyName, outOfOrder } = require('../support/field-order');

const classify = (property) => classifyName(property.name, property.type);

const operationProperty = (resource) =>
	properties.find(
		(property) =>
			property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);
const resources = properties.find((property) => property.name === 'resource').options;
const operations = resources.flatMap(({ value: resource }) =>
	operationProperty(resource).options.map(({ value: operation }) => [resource, operation]),
);

/** The fields an operation's form shows (any state of its selectors), in their order. */
const fieldsOf = (resource, operation) =>
	properties.filter((property) => {
		const show = property.displayOptions?.show;
		return show?.resource?.includes(resource) && show?.operation?.includes(operation);
	});

const byName = (resource, operation, name) =>
	fieldsOf(resource, operation).filter((property) => property.name === name);

describe('every form asks in one order: input media, prompt, model, ratio, duration, options, waiting', () => {
	test('every operation of the node panel is checked', () => {
		// Read from the operation pickers, so a new operation is checked without a change here.
		expect(operations.length).toBeGreaterThanOrEqual(10);
		expect(new Set(operations.map((pair) => pair.join('/'))).size).toBe(operations.length);
	});

	test.each(operations)('%s → %s', (resource, operation) => {
		const fields = fieldsOf(resource, operation);
		expect(fields.length).toBeGreaterThan(0);
		expect(outOfOrder(fields)).toEqual([]);
	});

	test('the check sees a field out of order, and a field it does not know', () => {
		expect(outOfOrder([{ name: 'imageSource' }, { name: 'model' }, { name: 'prompt' }])).toEqual([['prompt', 'prompt']]);
		expect(outOfOrder([{ name: 'options' }, { name: 'somethingNew' }])).toEqual([['somethingNew', 'unclassified']]);
		expect(outOfOrder([{ name: 'waitForCompletion' }, { name: 'callbackUrl' }, { name: 'waitOptions' }])).toEqual([]);
	});
});

describe('Model and Ratio are pickers everywhere', () => {
	const withModel = operations.filter(([r, o]) => byName(r, o, 'model').length > 0);

	test.each(withModel)('%s → %s: Model is a list with Custom Model ID', (resource, operation) => {
		for (const model of byName(resource, operation, 'model')) {
			expect(model.type).toBe('options');
			expect(model.options.map((option) => option.name)).toContain('Custom Model ID');
		}
		expect(byName(resource, operation, 'customModel')).toHaveLength(1);
	});

	test.each([['generate'], ['restyle']])(
		'video → %s: the compatibility models are listed, gen4 first and the default',
		(operation) => {
			const [model] = byName('video', operation, 'model');
			expect(model.default).toBe('gen4');
			expect(model.options.map((option) => option.value).slice(0, 2)).toEqual(['gen4', 'gen4_turbo']);
		},
	);

	test('video → generate: Ratio lists the documented ratios and a custom entry', () => {
		const [ratio] = byName('video', 'generate', 'ratio');
		expect(ratio.type).toBe('options');
		expect(ratio.default).toBe('1280:720');
		expect(ratio.options.map((option) => option.value)).toEqual([
			'1280:720',
			'720:1280',
			'16:9',
			'9:16',
			'1:1',
			'custom',
		]);
		const [customRatio] = byName('video', 'generate', 'customRatio');
		expect(customRatio.displayOptions.show.ratio).toEqual(['custom']);
	});

	test.each(operations.filter(([r, o]) => byName(r, o, 'ratio').length > 0))(
		'%s → %s: Ratio is a list wherever it shows',
		(resource, operation) => {
			// A known model's Ratio lists what it takes; the one for any other model ID may be typed.
			const ratios = byName(resource, operation, 'ratio');
			const typed = ratios.filter((ratio) => ratio.type !== 'options');
			for (const ratio of typed) expect(ratio.displayOptions.hide.model).toBeDefined();
			expect(ratios.length - typed.length).toBeGreaterThan(0);
		},
	);
});

describe('Callback URL shows only while not waiting', () => {
	const withCallback = operations.filter(([r, o]) => byName(r, o, 'callbackUrl').length > 0);

	test('the three compatibility operations have it', () => {
		expect(withCallback.map(([, o]) => o).sort()).toEqual(['actOne', 'generate', 'restyle']);
	});

	test.each(withCallback)('%s → %s', (resource, operation) => {
		const [callbackUrl] = byName(resource, operation, 'callbackUrl');
		expect(callbackUrl.displayOptions.show.waitForCompletion).toEqual([false]);
	});
});

describe("Act-One's inputs are named for what they are", () => {
	test('character image, then performance video, as Character Performance names them', () => {
		const shown = fieldsOf('video', 'actOne')
			.filter((field) => classify(field) === 'input')
			.map((field) => [field.name, field.displayName]);
		expect(shown).toEqual([
			['imageSource', 'Character Image Source'],
			['imageUrl', 'Character Image URL'],
			['binaryPropertyName', 'Character Image Binary Field'],
			['videoSource', 'Performance Video Source'],
			['videoUrl', 'Performance Video URL'],
			['videoBinaryPropertyName', 'Performance Video Binary Field'],
		]);
		const performance = fieldsOf('video', 'characterPerformance')
			.filter((field) => field.name.startsWith('video'))
			.map((field) => field.displayName);
		expect(performance).toEqual([
			'Performance Video Source',
			'Performance Video URL',
			'Performance Video Binary Field',
		]);
	});
});
