'use strict';
/**
 * Issue 17, item 6: the key echoed in other forms. A plain-text error longer than any cut with
 * the key near its end, `Bearer <key>` in base64, the key upper-cased, the key split over two
 * fields, a task ID holding the key (and so the file name), and a key shorter than six characters:
 * none of it reaches items, binary metadata, errors, stored run data or log lines.
 */
const { startSimulator } = require('../simulator/server');
const { safeStringify } = require('../faults/helpers');
const { LIVE_KEY, DOWNLOAD, i2v, items, runWithin, everythingOf } = require('./helpers');

const SHORT_KEY = 'k3Y9z';
const fold = (text) => text.toLowerCase();
const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');

/** The key as written, in any case, URL-encoded, in any base64 run, or 8 of its characters. */
function leaks(text, key) {
	const found = [];
	const lower = fold(text);
	const folded = fold(key);
	if (key.length >= 8) {
		for (let i = 0; i + 8 <= folded.length; i++) if (lower.includes(folded.slice(i, i + 8))) found.push(folded.slice(i, i + 8));
	} else if (new RegExp(`(^|[^a-z0-9])${folded}([^a-z0-9]|$)`).test(lower)) found.push(key);
	const needle = Buffer.from(key.length >= 8 ? key : `Bearer ${key}`);
	for (const run of text.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
		for (let shift = 0; shift < 4; shift++) {
			if (Buffer.from(run.slice(shift), 'base64').indexOf(needle) !== -1) found.push(`base64 ${run}`);
		}
	}
	return [...new Set(found)];
}

const refuse = (body) => [['createOfficial', { times: 100, ...body }]];
const SCENARIOS = [
	{
		title: 'a plain-text error of 400 characters, the key at character 290',
		faults: () => refuse({ kind: 'raw', status: 400, headers: { 'content-type': 'text/plain' }, body: `${'x'.repeat(290)} ${LIVE_KEY} trailing` }),
	},
	{
		title: 'Bearer <key> in base64, at each offset',
		faults: () => refuse({ status: 400, body: { error: { message: ['', 'a', 'ab'].map((pad) => `auth=${b64(`${pad}Bearer ${LIVE_KEY}`)}`).join(' '), code: 'invalid_request' } } }),
	},
	{
		title: 'the key upper-cased and URL-encoded',
		faults: () => refuse({ status: 401, body: { error: { message: `bad key ${LIVE_KEY.toUpperCase()} (${encodeURIComponent(`Bearer ${LIVE_KEY}`)})`, code: 'invalid_request' } } }),
	},
	{
		title: 'the key split over two fields of a FAILED status answer',
		faults: () => [['task', { status: 200, times: 100, body: (r) => ({ id: r.taskId, status: 'FAILED', failure: `refused ${LIVE_KEY.slice(0, 13)}`, detail: `${LIVE_KEY.slice(13)} was the key` }) }]],
	},
	{
		title: 'a task ID holding the key, downloaded to a file named after it',
		parameters: () => i2v({}, DOWNLOAD),
		faults: (sim) => [
			['createOfficial', { status: 200, accept: true, times: 100, body: (r, task) => ({ id: `${task.id.slice(0, 8)}-${LIVE_KEY}` }) }],
			['task', { status: 200, times: 100, body: (r) => ({ id: r.taskId, status: 'SUCCEEDED', output: [`${sim.baseUrl}/cdn/videos/${[...sim.tasks.keys()][0]}.mp4`] }) }],
		],
		downloads: true,
	},
	{
		title: 'a key of five characters, echoed as a word and as Bearer base64',
		key: SHORT_KEY,
		faults: () => refuse({ status: 401, body: { error: { message: `key ${SHORT_KEY.toUpperCase()} refused; auth=${b64(`Bearer ${SHORT_KEY}`)}`, code: 'invalid_request' } } }),
	},
];

describe.each(SCENARIOS.map((scenario) => [scenario.title, scenario]))('%s', (_title, scenario) => {
	test.each([true, false])('Continue On Fail %s: the key is nowhere', async (cof) => {
		const key = scenario.key ?? LIVE_KEY;
		const sim = await startSimulator({ apiKey: key, taskDurationMs: 200 });
		try {
			for (const [route, spec] of scenario.faults(sim)) sim.fault(route, spec);
			const result = await runWithin(20_000, {
				parameters: scenario.parameters ? scenario.parameters() : i2v(),
				items: items('the one row'),
				credentials: { apiKey: key, baseUrl: sim.baseUrl },
				continueOnFail: cof,
			}, () => sim.close());
			expect(result.items.length > 0 || result.error !== undefined).toBe(true);
			if (scenario.downloads && cof) {
				expect(result.items[0].binary?.data?.fileName).toMatch(/\.mp4$/);
			}
			expect(leaks(everythingOf(result), key)).toEqual([]);
			expect(leaks(safeStringify(result.log), key)).toEqual([]);
		} finally {
			await sim.close().catch(() => undefined);
		}
	}, 30_000);
});
