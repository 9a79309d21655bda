'use strict';
/**
 * Issue 9, point 6: whatever the API or the CDN echoes (the Authorization header, the bare key),
 * the key is in no item, no thrown message or description, no stored run data and no log line,
 * under Continue On Fail and without it.
 */
const { startSimulator } = require('../simulator/server');
const { pool, safeStringify } = require('../faults/helpers');
const { LIVE_KEY, DOWNLOAD, i2v, items, runWithin, everythingOf } = require('./helpers');

/** The key's own tail: found even if a prefix such as "sk-" were cut off. */
const FORMS = [LIVE_KEY, LIVE_KEY.slice(-16)];
const echo = (record) => `authorization=${record.headers.authorization}; key=${LIVE_KEY}`;
const videoOf = (sim, taskId) => `${sim.baseUrl}/cdn/videos/${taskId}.mp4`;

/** Each scenario: the faults that echo the key, and the route they answer on. */
const SCENARIOS = [
	{
		title: 'a create error body: invalid header set: authorization=Bearer …',
		route: 'createOfficial',
		faults: () => [['createOfficial', { status: 400, times: 100, body: (r) => ({ error: { message: `invalid header set: ${echo(r)}`, type: 'comet_api_error', param: '', code: 'invalid_request' } }) }]],
	},
	{
		title: 'an extra field of a 200 create answer (not waiting)',
		route: 'createOfficial',
		parameters: () => i2v({ waitForCompletion: false }),
		faults: () => [['createOfficial', { status: 200, accept: true, times: 100, body: (r, task) => ({ id: task.id, debug: { request: echo(r) } }) }]],
	},
	{
		title: 'a status body kept in `response`',
		route: 'task',
		faults: (sim) => [['task', { status: 200, times: 100, body: (r) => ({ id: r.taskId, status: 'SUCCEEDED', output: [videoOf(sim, r.taskId)], trace: echo(r) }) }]],
	},
	{
		title: 'the failure text of a FAILED task',
		route: 'task',
		faults: () => [['task', { status: 200, times: 100, body: (r) => ({ id: r.taskId, status: 'FAILED', failure: `upstream refused the request (${echo(r)})`, failureCode: 'INTERNAL' }) }]],
	},
	{
		title: 'a status error body',
		route: 'task',
		faults: () => [['task', { status: 400, times: 100, body: (r) => ({ error: { message: `bad credentials ${echo(r)}`, type: 'comet_api_error', code: 'invalid_request' } }) }]],
	},
	{
		title: 'an HTML error page',
		route: 'createOfficial',
		faults: () => [['createOfficial', { kind: 'raw', status: 403, times: 100, headers: { 'content-type': 'text/html' }, body: `<html><body><h1>403</h1><pre>Authorization: Bearer ${LIVE_KEY}</pre></body></html>` }]],
	},
	{
		title: 'a download error from the CDN',
		route: 'cdn',
		parameters: () => i2v({}, DOWNLOAD),
		faults: () => [['cdn', { status: 403, times: 100, body: { error: `AccessDenied: signature does not match Bearer ${LIVE_KEY}` } }]],
	},
];

const expectClean = (text) => {
	for (const form of FORMS) expect(text.includes(form) ? `contains ${form}` : 'clean').toBe('clean');
};

const RUNS = SCENARIOS.flatMap((scenario) => [false, true].map((cof) => ({ scenario, cof })));
let outcomes;

async function runScenario({ scenario, cof }) {
	const sim = await startSimulator({ apiKey: LIVE_KEY, taskDurationMs: 300 });
	for (const [route, spec] of scenario.faults(sim)) sim.fault(route, spec);
	const result = await runWithin(20_000, {
		parameters: scenario.parameters ? scenario.parameters() : i2v(),
		items: items(`echo ${scenario.title}`, 'second item [sim duration=300]'),
		credentials: { apiKey: LIVE_KEY, baseUrl: sim.baseUrl },
		continueOnFail: cof,
	}, () => sim.close());
	await sim.close().catch(() => undefined);
	return { result, sim };
}

beforeAll(async () => {
	outcomes = await pool(RUNS, 7, runScenario);
}, 60_000);

describe.each(RUNS.map(({ scenario, cof }, index) => [scenario.title, cof ? 'with' : 'without', index]))('%s, %s Continue On Fail', (_title, _cof, index) => {
	test('the key is nowhere in items, errors or run data', () => {
		const outcome = outcomes[index];
		if (outcome.error) throw outcome.error;
		const { result, sim } = outcome.value;
		const { scenario } = RUNS[index];
		// The echo was sent, and the run produced something to search.
		expect(sim.requests.some((r) => r.route === scenario.route)).toBe(true);
		expect(result.items.length > 0 || result.error !== undefined).toBe(true);
		expectClean(everythingOf(result));
	});
});

test('no log line of any run holds the key', () => {
	const logs = outcomes.map((outcome) => outcome.value?.result.log ?? []);
	expect(logs.flat().length).toBeGreaterThan(0);
	expectClean(safeStringify(logs));
});
