'use strict';
/**
 * Help texts that name operations or routes are built from the registry and the route table, so a
 * new operation appears in them without anyone typing its name: Get's Task Route names, for each
 * route family, its status route and every operation that creates tasks on it.
 */
const path = require('node:path');

const dist = path.join(__dirname, '..', '..', 'dist', 'nodes', 'CometApiRunway');
const { CometApiRunway } = require(path.join(dist, 'CometApiRunway.node.js'));
const { findOperation } = require(path.join(dist, 'actions', 'registry.js'));
const { taskRouteProperty } = require(path.join(dist, 'actions', 'fields', 'taskRoute.js'));
const { STATUS_PATHS, STATUS_ROUTES } = require(path.join(dist, 'transport', 'routes.js'));

const { properties } = new CometApiRunway().description;

/** Every operation the node panel lists, as the registry holds it. */
const operations = properties
	.filter((p) => p.name === 'operation')
	.flatMap((selector) => selector.options.map((o) => findOperation(selector.displayOptions.show.resource[0], o.value)));
const creating = operations.filter((op) => op.meta.createRoute);

/** What a Task Route option says: its status route, and the operation names it lists. */
function said(option) {
	const [, route, list] = option.description.match(/^(\S+ \S+), for tasks from (.+)$/);
	return { route, names: list.split(/, | and /).sort() };
}

/** Per family, the operations a Task Route field leaves out or names wrongly. */
function wrongNames(taskRoute) {
	return taskRoute.options.flatMap((option) => {
		const expected = creating.filter((op) => op.meta.createRoute.family === option.value).map((op) => op.meta.name).sort();
		const { names } = said(option);
		return expected.join() === names.join() ? [] : [{ family: option.value, expected, names }];
	});
}

const getTaskRoute = () => properties.find((p) => p.name === 'taskRoute' && p.displayOptions.show.operation.includes('get'));

test('the node has operations that create tasks on each route family', () => {
	expect(operations.every(Boolean)).toBe(true);
	const families = new Set(creating.map((op) => op.meta.createRoute.family));
	expect([...families].sort()).toEqual(['feed', 'official']);
});

test("Get's Task Route names every operation that creates tasks, each under its own route family", () => {
	const taskRoute = getTaskRoute();
	expect(taskRoute.options.map((o) => o.value).sort()).toEqual(['feed', 'official']);
	expect(wrongNames(taskRoute)).toEqual([]);
});

test('the check sees an operation missing from the list it is built from', () => {
	const metas = operations.map((op) => op.meta);
	const missing = metas.find((meta) => meta.createRoute);
	const built = taskRouteProperty(metas.filter((meta) => meta !== missing));
	expect(wrongNames(built)).toEqual([expect.objectContaining({ family: missing.createRoute.family })]);
});

test('each option shows the status route the node calls for that family', () => {
	for (const option of getTaskRoute().options) {
		const { method, path: template } = STATUS_PATHS[option.value];
		expect(said(option).route).toBe(`${method} ${template}`);
		const call = STATUS_ROUTES[option.value]('task_1');
		expect(call.method).toBe(method);
		expect(call.path).toBe(template.replace('{ID}', 'task_1'));
	}
});

describe('the size a binary input may have', () => {
	const { MAX_FILE_WORDS, dataUriLength } = require(path.join(dist, 'helpers', 'media.js'));
	const { MEDIA } = require(path.join(dist, 'helpers', 'constants.js'));
	const mb = Number(MAX_FILE_WORDS.match(/([\d.]+) MB/)[1]);

	test('the form says it on every Binary File source, as the refusal does', () => {
		const binarySources = properties
			.filter((p) => /Source$/.test(p.displayName) && Array.isArray(p.options))
			.flatMap((p) => p.options.filter((o) => o.value === 'binary'));
		expect(binarySources.length).toBeGreaterThan(5);
		for (const option of binarySources) expect(option.description).toContain(`${MAX_FILE_WORDS} at most`);
	});

	test('a file of that size fits the data URI cap, and one a tenth of a MB larger does not', () => {
		const bytes = (size) => Math.floor(size * 1024 * 1024);
		expect(dataUriLength('video/quicktime', bytes(mb))).toBeLessThanOrEqual(MEDIA.dataUriMaxChars);
		expect(dataUriLength('image/png', bytes(mb + 0.1))).toBeGreaterThan(MEDIA.dataUriMaxChars);
	});
});
