'use strict';
/**
 * The task-ID rule: a task ID from any source passes it before it enters a URL path or a file
 * name. A create answered with an ID like `..` names it safely, says the task may exist, and never
 * sends a status request with it. Generated IDs either break the rule or make exactly the path and
 * file name expected.
 */
const path = require('node:path');
const fc = require('fast-check');

const { useSimulator, i2v, generate, getTask, items, runWithin } = require('./helpers');
const { fromCallback } = require('../support/params');

const dist = path.join(__dirname, '..', '..', 'dist', 'nodes', 'CometApiRunway');
const { STATUS_ROUTES } = require(path.join(dist, 'transport', 'routes.js'));
const taskIdRule = require(path.join(dist, 'helpers', 'taskId.js'));

const { sim, credentials } = useSimulator({ taskDurationMs: 300 });
const RUNS = 500;

describe('a create answered with an unusable task ID', () => {
	test.each([
		['..', 'createOfficial', '/runwayml/v1/image_to_video', (id) => ({ id })],
		['../../v1/models', 'createOfficial', '/runwayml/v1/image_to_video', (id) => ({ id })],
		['a/b', 'createOfficial', '/runwayml/v1/image_to_video', (id) => ({ id })],
		['x?y#z', 'createOfficial', '/runwayml/v1/image_to_video', (id) => ({ id })],
		['%2e%2e', 'createOfficial', '/runwayml/v1/image_to_video', (id) => ({ id })],
		['.', 'createPro', '/runway/pro/generate', (id) => ({ code: 200, msg: 'success', data: { task_id: id } })],
		['line\nbreak', 'createPro', '/runway/pro/generate', (id) => ({ code: 200, msg: 'success', data: { task_id: id } })],
		['x'.repeat(300), 'createPro', '/runway/pro/generate', (id) => ({ code: 200, msg: 'success', data: { task_id: id } })],
	].map((row) => [row[0].length > 20 ? `${row[0].slice(0, 8)}… (${row[0].length} characters)` : JSON.stringify(row[0]), ...row]))('%s: only the create is sent, and the item says the task may exist', async (_title, id, route, createPath, body) => {
		sim.fault(route, { status: 200, body: body(id) });
		const parameters = route === 'createPro' ? generate({}, { downloadOutput: true }) : i2v({}, { downloadOutput: true });
		const result = await runWithin(15_000, { parameters, items: items('a fox'), credentials: credentials, continueOnFail: true });
		expect(sim.requests.map((r) => r.path)).toEqual([createPath]);
		const [item] = result.items;
		expect(item.binary).toBeUndefined();
		expect(item.json.error).toContain('answered with a task ID this node cannot use');
		expect(item.json.error).toContain(JSON.stringify(id.slice(0, 57)));
		expect(item.json.error).not.toContain('\n');
		expect(`${item.json.error} ${item.json.errorDescription}`).toMatch(/may have been created/);
	}, 20_000);

	test('without Continue On Fail the node fails with the same words', async () => {
		sim.fault('createOfficial', { status: 200, body: { id: '..' } });
		const result = await runWithin(15_000, { parameters: i2v(), items: items('a fox'), credentials: credentials });
		expect(result.error.message).toContain('answered with a task ID this node cannot use: ".."');
		expect(result.error.description).toMatch(/may have been created/);
		expect(sim.requests.map((r) => r.path)).toEqual(['/runwayml/v1/image_to_video']);
	}, 20_000);
});

describe('the same rule for a typed ID and a callback body', () => {
	test.each(['..', '../../v1/models', 'a/b', '%2e%2e'])('%j is refused before any request', async (id) => {
		const typed = await runWithin(15_000, { parameters: getTask(), items: [{ json: { taskId: id } }], credentials: credentials });
		expect(typed.error.message).toContain('Task ID');
		expect(typed.error.message).toContain('is malformed');
		const body = { task_id: id, status: '3', video_url: 'https://cdn.example/v.mp4' };
		const called = await runWithin(15_000, { parameters: fromCallback(), items: [{ json: { body } }], credentials: credentials });
		expect(called.error.message).toContain('is malformed');
		expect(sim.requests).toHaveLength(0);
	}, 20_000);
});

describe(`generated task IDs (numRuns ${RUNS} each)`, () => {
	const ids = fc.oneof(
		fc.string({ maxLength: 140 }),
		fc.string({ unit: 'binary', maxLength: 140 }),
		fc.stringMatching(/^[A-Za-z0-9_.%\\/?#-]{0,12}$/),
		fc.constantFrom('..', '.', '../../v1/models', 'a/b', 'a\\b', '%2f', 'a?b', 'a#b', 'x'.repeat(129), 'ok-id_1'),
	);

	test('an ID the rule accepts makes exactly the expected status path and file name; any other is refused', () => {
		fc.assert(
			fc.property(ids, (id) => {
				if (!taskIdRule.isUsableTaskId(id)) {
					expect(() => STATUS_ROUTES.official(id)).toThrow(/not usable/);
					expect(() => STATUS_ROUTES.feed(id)).toThrow(/not usable/);
					expect(() => taskIdRule.taskFileName(id, 'mp4')).toThrow(/not usable/);
					return;
				}
				const { path: statusPath } = STATUS_ROUTES.official(id);
				const url = new URL(statusPath, 'https://api.cometapi.com');
				expect(url.pathname.split('/')).toEqual(['', 'runwayml', 'v1', 'tasks', id]);
				expect(url.search).toBe('');
				expect(url.hash).toBe('');
				expect(STATUS_ROUTES.feed(id).body).toEqual({ task_id: id });
				const fileName = taskIdRule.taskFileName(id, 'mp4');
				expect(fileName).not.toMatch(/[/\\]/);
				expect(path.basename(fileName)).toBe(fileName);
				expect(['.', '..']).not.toContain(fileName);
				expect(fileName.length).toBeLessThanOrEqual(140);
			}),
			{ numRuns: RUNS },
		);
	});

	test('a quoted ID is one line and cut short, whatever it holds', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (id) => {
				const quoted = taskIdRule.quoteTaskId(id);
				expect(quoted).not.toMatch(/[\u0000-\u001f]/);
				// 57 characters at most, each escaped to at most 6, between quotes, and the ellipsis.
				expect(quoted.length).toBeLessThanOrEqual(2 + 6 * 57 + 1);
			}),
			{ numRuns: RUNS },
		);
	});
});
