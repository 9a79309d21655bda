'use strict';
/**
 * The API key never leaves the Authorization header to the configured base URL: not in output
 * items (binary metadata included), error messages and descriptions, the thrown error's own
 * properties, context and cause, the run data n8n would store, or anything logged; and never to
 * the CDN when a video is downloaded. Runs every operation, through successes, failures, faults,
 * downloads, a refused credential and a stopped execution.
 */
const { Container, Logger } = require('../support/n8n');
const { LoggerProxy } = require('n8n-workflow');
const { REFUSING_BASE_URL } = require('../simulator/server');

const {
	startSimulator,
	runNode,
	imageToVideo,
	generate,
	getTask,
	pool,
	serialiseError,
	safeStringify,
} = require('./helpers');

const API_KEY = 'sk-test-SECRET-abc123';
const SECRET_FORMS = [
	API_KEY,
	'SECRET-abc123',
	Buffer.from(API_KEY).toString('base64'),
	Buffer.from(`Bearer ${API_KEY}`).toString('base64'),
	encodeURIComponent(API_KEY),
];

/** Everything handed to n8n's loggers and to the console while the runs go on. */
const logged = [];
const record = (channel) => (...args) => logged.push({ channel, args });
const captureLogger = {
	error: record('logger.error'),
	warn: record('logger.warn'),
	info: record('logger.info'),
	debug: record('logger.debug'),
	verbose: record('logger.verbose'),
	scoped() {
		return captureLogger;
	},
};

const expectNoSecret = (label, text) => {
	for (const form of SECRET_FORMS) {
		if (text.includes(form)) throw new Error(`${label} contains the API key (as "${form}")`);
	}
};

const wait = { downloadOutput: true };

/** One row per run. `sim` options, `faults`, `parameters`, `items`, `cof`, `credentials`. */
const SCENARIOS = [
	{ title: 'Image to Video succeeds and downloads (plain shape)', parameters: imageToVideo({}, wait), n: 2 },
	{ title: 'Image to Video succeeds and downloads (wrapped shape)', sim: { officialShape: 'wrapped' }, parameters: imageToVideo({}, wait) },
	{
		title: 'Image to Video FAILED (SAFETY.INPUT.TEXT) and expired download under Continue On Fail',
		parameters: imageToVideo({}, wait),
		directives: ['outcome=FAILED failureCode=SAFETY.INPUT.TEXT', 'expired=1', ''],
		cof: true,
	},
	{
		title: 'Image to Video FAILED without Continue On Fail (thrown)',
		parameters: imageToVideo(),
		directives: ['outcome=FAILED failureCode=INTERNAL'],
	},
	{
		title: 'Image to Video: status faults (500, reset, slow, HTML, malformed) under Continue On Fail',
		parameters: imageToVideo({}, { requestTimeout: 1 }),
		n: 5,
		cof: true,
		faults: [
			['task', { status: 500 }],
			['task', { kind: 'resetAfterBody' }],
			['task', { kind: 'delay', delayMs: 2500 }],
			['task', { kind: 'malformed' }],
			['task', { kind: 'html', status: 200 }],
		],
	},
	{
		title: 'Image to Video: create 500 (thrown)',
		parameters: imageToVideo(),
		faults: [['createOfficial', { status: 500 }]],
	},
	{
		title: 'Image to Video: create reset after an accepted body (thrown)',
		parameters: imageToVideo(),
		faults: [['createOfficial', { kind: 'resetAfterBody', accept: true }]],
	},
	{
		title: 'Image to Video: create slower than the request timeout (thrown)',
		parameters: imageToVideo({}, { requestTimeout: 1 }),
		faults: [['createOfficial', { kind: 'delay', delayMs: 2500 }]],
	},
	{
		title: 'Image to Video: the API refuses the key (401)',
		simKey: 'sk-some-other-key',
		parameters: imageToVideo(),
		cof: true,
	},
	{
		title: 'Image to Video: the CDN resets every download (thrown)',
		parameters: imageToVideo({}, wait),
		n: 1,
		faults: [['cdn', { kind: 'resetBeforeBody', times: 10 }]],
	},
	{
		title: 'Image to Video: execution stopped while waiting',
		sim: { taskDurationMs: 20_000 },
		parameters: imageToVideo(),
		cancelAfterMs: 1500,
	},
	{ title: 'Generate succeeds and downloads (legacy feed)', sim: { feedShape: 'legacy' }, parameters: generate({}, wait) },
	{ title: 'Generate succeeds (wrapped feed), with a binary image', parameters: generate({ imageSource: 'binary' }), binaryImage: true },
	{
		title: 'Generate FAILED and 403 on the feed under Continue On Fail',
		parameters: generate(),
		directives: ['outcome=FAILED', ''],
		faults: [['feed', { status: 403, body: { error: { message: 'forbidden', type: 'comet_api_error', code: '' } } }]],
		cof: true,
	},
	{ title: 'Get Task (official) without waiting', parameters: getTask({ waitForCompletion: false }), get: 'official' },
	{ title: 'Get Task (feed) waiting, with a 429', parameters: getTask({ taskRoute: 'feed' }), get: 'feed', faults: [['feed', { status: 429 }]] },
	{ title: 'Get Task on a task id that does not exist', parameters: getTask({ waitForCompletion: false }), taskIds: ['no-such-task'] },
	{ title: 'connection refused on every create', parameters: imageToVideo(), closed: true, cof: true },
	{ title: 'credential with a non-local http:// Base URL is refused', parameters: imageToVideo(), baseUrl: 'http://api.cometapi.com', refusedBeforeSending: true },
	{ title: 'credential with an ftp:// Base URL is refused', parameters: generate(), baseUrl: 'ftp://api.cometapi.com', refusedBeforeSending: true },
];

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(120, 3)]);

async function runScenario(scenario, index) {
	const sim = await startSimulator({ apiKey: scenario.simKey ?? API_KEY, taskDurationMs: 600, ...scenario.sim });
	const baseUrl = scenario.closed ? REFUSING_BASE_URL : (scenario.baseUrl ?? sim.baseUrl);
	const n = scenario.n ?? scenario.directives?.length ?? 2;
	const items = [];
	if (scenario.taskIds) {
		for (const taskId of scenario.taskIds) items.push({ json: { taskId } });
	} else {
		for (let i = 0; i < n; i++) {
			const prompt = `secret run ${index} item ${i} [sim duration=600 ${scenario.directives?.[i] ?? ''}]`;
			if (scenario.get) {
				const task =
					scenario.get === 'feed'
						? sim.addTask('createPro', { prompt })
						: sim.addTask('createOfficial', { promptText: prompt });
				items.push({ json: { taskId: task.id } });
			} else {
				items.push({
					json: { prompt },
					...(scenario.binaryImage ? { binary: { data: { data: PNG, fileName: 'frame.png', mimeType: 'image/png' } } } : {}),
				});
			}
		}
	}
	for (const [route, spec] of scenario.faults ?? []) sim.fault(route, { ...spec });
	const result = await runNode({
		parameters: scenario.parameters,
		items,
		credentials: { apiKey: API_KEY, baseUrl },
		continueOnFail: scenario.cof ?? false,
		cancelAfterMs: scenario.cancelAfterMs,
	});
	// runNode routes n8n's logger (and LoggerProxy) into result.log for each run.
	for (const entry of result.log) logged.push({ channel: `logger.${entry.level}`, args: entry.args });
	await sim.close();
	return { result, sim };
}

let runs = [];

beforeAll(async () => {
	LoggerProxy.init(captureLogger);
	Container.set(Logger, captureLogger);
	for (const method of ['log', 'info', 'warn', 'error', 'debug']) {
		jest.spyOn(console, method).mockImplementation(record(`console.${method}`));
	}
	runs = await pool(SCENARIOS, 8, runScenario);
}, 90_000);

afterAll(() => {
	jest.restoreAllMocks();
});

describe.each(SCENARIOS.map((scenario, index) => [scenario.title, index]))('%s', (_title, index) => {
	test('the key is in no output, error or stored run data', () => {
		const outcome = runs[index];
		if (outcome.error) throw outcome.error;
		const { result } = outcome.value;
		const scenario = SCENARIOS[index];
		// The run did something: output items or an error to search (a stopped run has neither).
		if (scenario.cancelAfterMs) expect(result.run.status).toBe('canceled');
		else expect(result.items.length > 0 || result.error !== undefined).toBe(true);
		expectNoSecret('output items', safeStringify(result.items));
		for (const item of result.items) {
			expectNoSecret('item.json.error', String(item.json.error ?? ''));
			expectNoSecret('item.json.errorDescription', String(item.json.errorDescription ?? ''));
		}
		if (result.error) {
			expectNoSecret('error.message', String(result.error.message));
			expectNoSecret('error.description', String(result.error.description ?? ''));
			expectNoSecret('the thrown error', serialiseError(result.error));
			expectNoSecret('error.context', safeStringify(result.error.context ?? null));
			expectNoSecret('error.cause', safeStringify(result.error.cause ?? null));
		}
		expectNoSecret('runNode log', safeStringify(result.log));
		// What n8n would save as the execution.
		expectNoSecret('run data', safeStringify(result.run));
		if (scenario.refusedBeforeSending) {
			expect(result.error.message).toMatch(/Base URL/);
			expect(outcome.value.sim.requests).toHaveLength(0);
		}
	});
});

test('the key went only in the Authorization header to the API, never to the CDN', () => {
	let apiRequests = 0;
	let cdnRequests = 0;
	for (const outcome of runs) {
		if (!outcome.value) continue;
		for (const request of outcome.value.sim.requests) {
			const withoutAuth = { ...request, headers: { ...request.headers, authorization: undefined } };
			expectNoSecret(`request ${request.method} ${request.path} outside its Authorization header`, safeStringify(withoutAuth));
			if (request.route === 'cdn') {
				cdnRequests++;
				expect(request.headers.authorization).toBeUndefined();
				expect(request.headers.cookie).toBeUndefined();
			} else {
				apiRequests++;
				expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
			}
		}
	}
	expect(apiRequests).toBeGreaterThan(20);
	expect(cdnRequests).toBeGreaterThan(3);
});

test("nothing logged (n8n's logger, LoggerProxy, console) holds the key", () => {
	// The capture is live: n8n-core logged the runs through it.
	expect(logged.filter((entry) => entry.channel.startsWith('logger.')).length).toBeGreaterThan(0);
	expectNoSecret('logs', safeStringify(logged));
});
