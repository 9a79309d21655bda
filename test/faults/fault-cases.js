'use strict';
/**
 * The fault table: one row per (fault × route × response shape). `fault-matrix.test.js` runs
 * every row as a batch through the node in real n8n-core against its own simulator.
 *
 * Row fields
 *   id, title
 *   op        'i2v' (Image to Video, official route) | 'gen' (Generate, compat route + feed) |
 *             'get' (Get Task on pre-created tasks; taskRoute from `route`)
 *   sim       simulator options (shapes, notExistStyle, expiredStatus…)
 *   n         items in the batch (default 3)
 *   directives   extra `[sim …]` directives for every item; itemDirectives[i] for one item
 *   faults    [[route, spec]] queued with sim.fault()
 *   wait      waitOptions overrides; cof: Continue On Fail (default true)
 *   target    which item the fault concerns: 'firstCreate' | 'firstStatus' | 'firstCdn' | index
 *   expect    { kind: 'succeeded' | 'error' | 'pending' | 'thrown' | 'allError', status, message,
 *               description, notMessage, failureCode, taskIdInMessage, mentionsOthers,
 *               rawStatus, response, timedOut, all (every item, not only the target), downloaded }
 *   createRetries  extra create requests allowed because the fault certainly refused them
 *   permanent 'status' | 'cdn': the faulted request must not be repeated
 *   check     extra assertions: (run, targetIndex) => void
 */
const { promptOf } = require('./helpers');

const SECOND = 1000;

/**
 * An answer that comes long after the rows' 3 s Request Timeout: the node must give up on it.
 * The timeout is 3 s, not the minimum 1 s, so that a loaded machine's stalls do not time out the
 * other requests of the row.
 */
const SLOWER_THAN_REQUEST_TIMEOUT = { kind: 'delay', delayMs: 9 * SECOND, times: 1 };

/** The error envelope CometAPI documents for most failures. */
const apiError = (message, code = '') => ({
	error: { message: `${message} (request id: sim-fault)`, type: 'comet_api_error', param: '', code },
});

/** Fault kinds that a status request must survive. */
const TRANSIENT_STATUS = [
	{ key: '408', spec: { status: 408, times: 2 } },
	{ key: '429-retry-after', spec: { status: 429, headers: { 'retry-after': '3' }, times: 1 }, retryAfterMs: 3 * SECOND },
	{ key: '429-no-retry-after', spec: { status: 429, times: 2 } },
	{ key: '500', spec: { status: 500, times: 2 } },
	{ key: '502', spec: { status: 502, times: 2 } },
	// Gateways (Cloudflare, nginx) answer 502/524 with an HTML page: still a gateway error.
	{ key: '502-html-page', spec: { kind: 'html', status: 502, times: 2 } },
	{ key: '503', spec: { status: 503, times: 2 } },
	{ key: '504', spec: { status: 504, times: 2 } },
	{ key: '524', spec: { status: 524, body: apiError('a timeout occurred'), times: 2 } },
	{ key: '524-html-page', spec: { kind: 'html', status: 524, times: 1 } },
	{ key: 'reset-before-body', spec: { kind: 'resetBeforeBody', times: 2 } },
	{ key: 'reset-after-body', spec: { kind: 'resetAfterBody', times: 2 } },
	{ key: 'slower-than-request-timeout', spec: SLOWER_THAN_REQUEST_TIMEOUT, wait: { requestTimeout: 3 }, slow: true },
	{ key: 'malformed-json', spec: { kind: 'malformed', times: 2 } },
	{ key: 'task_not_exist-first-poll', directives: 'notExistPolls=1', notExistPolls: 1 },
];

/** Status faults worth one row each (on the official route, plain shape). */
const EXTRA_TRANSIENT_STATUS = [
	// A JSON 404 on a fresh task counts like task_not_exist: pending within the grace window.
	{ key: '404-json', spec: { status: 404, body: apiError('task not found'), times: 2 } },
	// Retry-After as an HTTP date, computed when the row starts.
	{
		key: 'retry-after-http-date',
		spec: () => ({ status: 429, headers: { 'retry-after': new Date(Date.now() + 6000).toUTCString() }, times: 1 }),
		retryAfterDate: true,
	},
];

/** Where a status fault lands: official route in both shapes, feed in both shapes. */
const STATUS_VARIANTS = [
	{ key: 'i2v/task/plain', op: 'i2v', route: 'task', sim: { officialShape: 'plain' } },
	{ key: 'i2v/task/wrapped', op: 'i2v', route: 'task', sim: { officialShape: 'wrapped' } },
	{ key: 'gen/feed/wrapped', op: 'gen', route: 'feed', sim: { feedShape: 'wrapped' } },
	{ key: 'gen/feed/legacy', op: 'gen', route: 'feed', sim: { feedShape: 'legacy' } },
];

/** Answers to a status request that must end the wait for that task at once. */
const PERMANENT_STATUS = [
	{
		key: '500-invalid_request',
		spec: { status: 500, body: apiError('invalid request: unknown task field', 'invalid_request') },
		message: /HTTP 500.*invalid request: unknown task field/,
		// The request itself is wrong: "try again later" would be the wrong advice.
		description: /^(?![\s\S]*try again later)[\s\S]+$/i,
	},
	{
		key: '400',
		spec: { status: 400, body: apiError('bad task id', 'invalid_request') },
		message: /HTTP 400.*bad task id/,
		description: /refused|check/i,
	},
	{ key: '401', spec: { status: 401, body: apiError('Invalid token') }, message: /HTTP 401/, description: /API key/ },
	{ key: '403', spec: { status: 403, body: apiError('model access denied') }, message: /HTTP 403/, description: /not allowed|access/i },
	{ key: 'html-200', spec: { kind: 'html', status: 200 }, message: /HTML page/, description: /Base URL/ },
	{ key: 'html-301', spec: { kind: 'html', status: 301 }, message: /redirect \(HTTP 301\)/, description: /Base URL/ },
];

const CREATE_MAY_EXIST = /may (still )?have been created/;

/** Answers to a create request, with what the node must then do. */
const CREATE_FAULTS = [
	{ key: '429-retry-after', spec: { status: 429, headers: { 'retry-after': '3' }, times: 1 }, retry: 1, retryAfterMs: 3 * SECOND },
	{ key: '429-no-retry-after', spec: { status: 429, times: 2 }, retry: 2 },
	// The create-retry rule: a 503 is resent only when CometAPI's envelope proves no task was made.
	{
		key: '503-no-channel',
		spec: { status: 503, body: apiError('No available channel for model gen4_turbo', 'get_channel_failed'), times: 2 },
		retry: 2,
	},
	{ key: '503', spec: { status: 503, body: apiError('upstream busy') }, message: /HTTP 503/, description: CREATE_MAY_EXIST },
	{
		key: '503-accepted',
		spec: { status: 503, accept: true, body: apiError('upstream busy') },
		accepted: true,
		message: /HTTP 503/,
		description: CREATE_MAY_EXIST,
	},
	...[500, 502, 504, 524].map((status) => ({
		key: String(status),
		spec: { status, body: apiError('upstream trouble') },
		message: new RegExp(`HTTP ${status}`),
		description: CREATE_MAY_EXIST,
	})),
	{
		key: 'reset-after-body-accepted',
		spec: { kind: 'resetAfterBody', accept: true },
		accepted: true,
		// Says the create request broke, and never invites an immediate resend of paid work.
		message: /create request/i,
		notMessage: /retry the request immediately/i,
		description: /may have been created[\s\S]*not sent again/,
	},
	{
		key: 'reset-after-body',
		spec: { kind: 'resetAfterBody' },
		message: /create request/i,
		notMessage: /retry the request immediately/i,
		description: /may have been created[\s\S]*not sent again/,
	},
	{
		key: 'reset-before-body',
		spec: { kind: 'resetBeforeBody' },
		message: /create request/i,
		notMessage: /retry the request immediately/i,
		description: /may have been created[\s\S]*not sent again/,
	},
	{
		key: 'slower-than-request-timeout',
		spec: SLOWER_THAN_REQUEST_TIMEOUT,
		wait: { requestTimeout: 3 },
		message: /timed out/i,
		description: /may have been created[\s\S]*not sent again/,
	},
	// Gateways (Cloudflare, nginx) answer 502/503/524 with an HTML page: still a gateway error.
	{ key: '502-html-page', spec: { kind: 'html', status: 502 }, message: /HTTP 502/, description: CREATE_MAY_EXIST },
	{ key: '503-html-page', spec: { kind: 'html', status: 503, times: 1 }, message: /HTTP 503/, description: CREATE_MAY_EXIST },
	{ key: 'malformed-json', spec: { kind: 'malformed' }, message: /no task ID/, description: CREATE_MAY_EXIST },
	{
		key: '500-invalid_request',
		spec: { status: 500, body: apiError('model name is required', 'invalid_request') },
		message: /HTTP 500.*model name is required/,
		description: /^(?![\s\S]*try again later)[\s\S]+$/i,
	},
	{ key: '400', spec: { status: 400, body: apiError('promptImage is required', 'invalid_request') }, message: /HTTP 400.*promptImage is required/, description: /Check the fields/ },
	{ key: '401', spec: { status: 401, body: apiError('Invalid token') }, message: /HTTP 401/, description: /API key/ },
	{ key: 'html-200', spec: { kind: 'html', status: 200 }, message: /HTML page/, description: /Base URL/ },
	{ key: 'html-301', spec: { kind: 'html', status: 301 }, message: /redirect \(HTTP 301\)/, description: /Base URL/ },
];

const CREATE_ROUTES = [
	{ key: 'i2v/createOfficial', op: 'i2v', route: 'createOfficial' },
	{ key: 'gen/createPro', op: 'gen', route: 'createPro' },
];

const FAILURE_CODES = [
	'SAFETY.INPUT.TEXT',
	'SAFETY.INPUT.IMAGE',
	'SAFETY.OUTPUT.VIDEO',
	'INTERNAL.BAD_OUTPUT',
	'ASSET.INVALID',
	'INTERNAL',
];

/** The gap between the faulted request and the next one for the same task (or prompt). */
function gapAfterFirst(requests, sameAs) {
	const first = requests[0];
	const next = requests.slice(1).find((request) => sameAs(request, first));
	return next ? next.at - first.at : undefined;
}

/** Every task was polled again after its first `notExistPolls` task_not_exist answers. */
function expectPolledPast(run, notExistPolls) {
	for (const task of run.sim.tasks.values()) {
		expect(run.sim.statusRequests(task.id).length).toBeGreaterThan(notExistPolls);
	}
}

function buildCases() {
	const cases = [];
	const add = (row) => cases.push({ id: `F${String(cases.length + 1).padStart(3, '0')}`, n: 3, cof: true, ...row });

	// Status requests: transient faults on every route and shape end in SUCCEEDED.
	for (const variant of STATUS_VARIANTS) {
		for (const fault of TRANSIENT_STATUS) {
			add({
				title: `status ${fault.key} on ${variant.key} is retried`,
				op: variant.op,
				sim: variant.sim,
				directives: fault.directives,
				faults: fault.spec ? [[variant.route, fault.spec]] : [],
				wait: fault.wait,
				expect: { kind: 'succeeded' },
				check: (run) => {
					const statuses = run.sim.statusRequests();
					if (fault.retryAfterMs) {
						const gap = gapAfterFirst(statuses, (a, b) => a.taskId === b.taskId);
						expect(gap).toBeGreaterThanOrEqual(fault.retryAfterMs - 100);
					}
					if (fault.slow) {
						// The node gave up on the slow answer after its 3 s request timeout, not when it came.
						const gap = gapAfterFirst(statuses, (a, b) => a.taskId === b.taskId);
						expect(gap).toBeGreaterThanOrEqual(2900);
						expect(gap).toBeLessThan(SLOWER_THAN_REQUEST_TIMEOUT.delayMs);
					}
					if (fault.notExistPolls) expectPolledPast(run, fault.notExistPolls);
				},
			});
		}
	}

	for (const fault of EXTRA_TRANSIENT_STATUS) {
		add({
			title: `status ${fault.key} on i2v/task/plain is retried`,
			op: 'i2v',
			faults: [['task', fault.spec]],
			expect: { kind: 'succeeded' },
			check: (run) => {
				if (!fault.retryAfterDate) return;
				// The faulted task was not asked again before the date named (HTTP dates count whole
				// seconds), however late its first status request came.
				const named = Date.parse(run.sim.faults[0].headers['retry-after']);
				const [first, ...later] = run.sim.statusRequests();
				const next = later.find((request) => request.taskId === first.taskId);
				expect(next.at).toBeGreaterThanOrEqual(named);
			},
		});
	}

	// Status requests: permanent answers stop that task's wait without a second request.
	for (const variant of [STATUS_VARIANTS[0], STATUS_VARIANTS[2]]) {
		for (const fault of PERMANENT_STATUS) {
			add({
				title: `status ${fault.key} on ${variant.key} is not retried`,
				op: variant.op,
				sim: variant.sim,
				faults: [[variant.route, fault.spec]],
				target: 'firstStatus',
				permanent: 'status',
				expect: { kind: 'error', status: 'PENDING', message: fault.message, description: fault.description, taskIdInMessage: true },
			});
		}
	}
	add({
		title: 'status 401 on i2v/task/plain without Continue On Fail throws, naming every task',
		op: 'i2v',
		cof: false,
		faults: [['task', { status: 401, body: apiError('Invalid token') }]],
		target: 'firstStatus',
		permanent: 'status',
		expect: { kind: 'thrown', message: /HTTP 401/, description: /API key/, taskIdInMessage: true, mentionsOthers: true },
	});
	add({
		title: 'status HTML page on gen/feed/wrapped without Continue On Fail throws, naming every task',
		op: 'gen',
		cof: false,
		faults: [['feed', { kind: 'html', status: 200 }]],
		target: 'firstStatus',
		permanent: 'status',
		expect: { kind: 'thrown', message: /HTML page/, description: /Base URL/, taskIdInMessage: true, mentionsOthers: true },
	});

	// Create requests on both create routes.
	for (const variant of CREATE_ROUTES) {
		for (const fault of CREATE_FAULTS) {
			const row = {
				title: `create ${fault.key} on ${variant.key}`,
				op: variant.op,
				faults: [[variant.route, fault.spec]],
				wait: fault.wait,
				target: 'firstCreate',
			};
			if (fault.retry) {
				add({
					...row,
					title: `${row.title} is sent again and succeeds`,
					createRetries: fault.retry,
					expect: { kind: 'succeeded' },
					check: (run) => {
						if (!fault.retryAfterMs) return;
						const gap = gapAfterFirst(run.sim.createRequests(), (a, b) => promptOf(a) === promptOf(b));
						expect(gap).toBeGreaterThanOrEqual(fault.retryAfterMs - 100);
					},
				});
				continue;
			}
			add({
				...row,
				title: `${row.title} is not sent again`,
				expect: { kind: 'error', message: fault.message, description: fault.description, notMessage: fault.notMessage },
				check: (run, target) => {
					if (fault.accepted) {
						// The API took the task although the answer was lost; it exists exactly once.
						expect(run.sim.tasksWithPrompt(run.prompts[target])).toHaveLength(1);
					}
				},
			});
		}
	}
	add({
		title: 'create 500 on i2v/createOfficial without Continue On Fail throws, naming the tasks it submitted',
		op: 'i2v',
		cof: false,
		faults: [['createOfficial', { status: 500, body: apiError('upstream trouble') }]],
		target: 'firstCreate',
		expect: { kind: 'thrown', message: /HTTP 500/, description: CREATE_MAY_EXIST, mentionsOthers: true },
	});
	add({
		title: 'create reset after an accepted body on gen/createPro without Continue On Fail throws once',
		op: 'gen',
		cof: false,
		faults: [['createPro', { kind: 'resetAfterBody', accept: true }]],
		target: 'firstCreate',
		expect: {
			kind: 'thrown',
			message: /create request/i,
			notMessage: /retry the request immediately/i,
			description: /may have been created[\s\S]*not sent again/,
			mentionsOthers: true,
		},
	});
	add({
		title: 'create 429 that never ends: sent at most 4 times, then an error item',
		op: 'i2v',
		n: 1,
		faults: [['createOfficial', { status: 429, times: 10 }]],
		target: 0,
		createRetries: 3,
		expect: { kind: 'error', message: /HTTP 429.*after 4 attempts/, description: /rate limiting/ },
		check: (run) => {
			expect(run.sim.createRequests()).toHaveLength(4);
			expect(run.sim.tasks.size).toBe(0);
		},
	});
	add({
		title: 'connection refused on every create: sent again (at most 4 times), then an error per item',
		op: 'i2v',
		baseUrl: 'closed',
		expect: { kind: 'allError', message: /could not connect to CometAPI \(after 4 attempts\)/, description: /Check the Base URL.*ECONNREFUSED/ },
	});

	// Task states.
	for (const [op, sim, status] of [
		['i2v', { officialShape: 'plain' }, 'THROTTLED'],
		['i2v', { officialShape: 'wrapped' }, 'PENDING'],
		['gen', { feedShape: 'legacy' }, 'PENDING'],
	]) {
		add({
			title: `THROTTLED longer than the timeout (${op} ${Object.values(sim)[0]}) returns a pending item`,
			op,
			sim,
			itemDirectives: { 0: 'throttled=60000' },
			wait: { timeout: 4 },
			target: 0,
			expect: { kind: 'pending', status },
		});
	}
	add({
		title: 'THROTTLED longer than the timeout with On Timeout = Fail throws, naming the task',
		op: 'i2v',
		cof: false,
		itemDirectives: { 0: 'throttled=60000' },
		wait: { timeout: 4, onTimeout: 'error' },
		target: 0,
		expect: { kind: 'thrown', message: /did not finish within 4 s/, description: /Get Task/, taskIdInMessage: true },
	});
	for (const code of FAILURE_CODES) {
		add({
			title: `FAILED with ${code} (i2v plain)`,
			op: 'i2v',
			itemDirectives: { 0: `outcome=FAILED failureCode=${code}` },
			target: 0,
			expect: {
				kind: 'error',
				status: 'FAILED',
				failureCode: code,
				message: new RegExp(`failed: The generation failed\\. \\[${code.replace(/\./g, '\\.')}\\]`),
				description: code.startsWith('SAFETY') ? /moderation.*change the prompt or image/ : /Check the inputs/,
				taskIdInMessage: true,
			},
		});
	}
	add({
		title: 'FAILED with SAFETY.INPUT.IMAGE (i2v wrapped) keeps the failure code',
		op: 'i2v',
		sim: { officialShape: 'wrapped' },
		itemDirectives: { 1: 'outcome=FAILED failureCode=SAFETY.INPUT.IMAGE' },
		target: 1,
		expect: { kind: 'error', status: 'FAILED', failureCode: 'SAFETY.INPUT.IMAGE', message: /failed/, description: /moderation/, taskIdInMessage: true },
	});
	add({
		title: 'FAILED on the legacy feed shape (gen) is an error item',
		op: 'gen',
		sim: { feedShape: 'legacy' },
		itemDirectives: { 2: 'outcome=FAILED' },
		target: 2,
		expect: { kind: 'error', status: 'FAILED', message: /failed: The generation failed/, description: /Check the inputs/, taskIdInMessage: true },
	});
	add({
		title: 'FAILED without Continue On Fail throws, naming the failed task and the others',
		op: 'i2v',
		cof: false,
		itemDirectives: { 0: 'outcome=FAILED failureCode=SAFETY.INPUT.TEXT duration=300' },
		target: 0,
		expect: { kind: 'thrown', message: /failed.*\[SAFETY\.INPUT\.TEXT\]/, description: /moderation/, taskIdInMessage: true, mentionsOthers: true },
	});
	for (const [op, sim, status] of [
		['i2v', { officialShape: 'plain' }, 'CANCELLED'],
		['i2v', { officialShape: 'wrapped' }, 'CANCELLED'],
		// The legacy numeric shape has no word for cancelled: "2" (failed) with msg "cancelled".
		['gen', { feedShape: 'legacy' }, 'FAILED'],
	]) {
		add({
			title: `CANCELLED (${op} ${Object.values(sim)[0]}) is an error item with status ${status}`,
			op,
			sim,
			itemDirectives: { 0: 'outcome=CANCELLED' },
			target: 0,
			expect: { kind: 'error', status, message: status === 'CANCELLED' ? /was cancelled/ : /failed: cancelled/, description: /run the item again/, taskIdInMessage: true },
		});
	}
	for (const [op, sim] of [
		['i2v', { officialShape: 'plain' }],
		['i2v', { officialShape: 'wrapped' }],
		['gen', { feedShape: 'legacy' }],
	]) {
		add({
			title: `SUCCESS before its URL appears (${op} ${Object.values(sim)[0]}) is polled until the URL comes`,
			op,
			sim,
			itemDirectives: { 0: 'noUrlFor=2500' },
			target: 0,
			expect: { kind: 'succeeded' },
			check: (run, target) => {
				expect(run.r.items[target].json.polls).toBeGreaterThanOrEqual(2);
			},
		});
	}
	add({
		title: 'SUCCESS that never gets a URL (i2v wrapped) ends in an error item after the 30 s grace',
		op: 'i2v',
		sim: { officialShape: 'wrapped' },
		n: 2,
		itemDirectives: { 0: 'noUrlFor=45000 duration=300' },
		target: 0,
		expect: { kind: 'error', message: /succeeded but CometAPI gave no output URL/, description: /Get Task/, taskIdInMessage: true },
		long: true,
	});

	// Downloads.
	for (const expiredStatus of [410, 403, 404]) {
		add({
			title: `expired video URL (CDN ${expiredStatus}) with Download Video names the task and is not retried`,
			op: 'i2v',
			sim: { expiredStatus },
			itemDirectives: { 1: 'expired=1' },
			wait: { downloadOutput: true },
			target: 1,
			permanent: 'cdn',
			expect: {
				kind: 'error',
				status: 'SUCCEEDED',
				message: new RegExp(`could not be downloaded.*HTTP ${expiredStatus} \\(expired`),
				description: /expire[\s\S]*Get Task/,
				taskIdInMessage: true,
			},
		});
	}
	add({
		title: 'CDN 503 once during a download is retried',
		op: 'i2v',
		faults: [['cdn', { status: 503 }]],
		wait: { downloadOutput: true },
		expect: { kind: 'succeeded', downloaded: true },
	});
	add({
		title: 'CDN connection reset once during a download is retried',
		op: 'gen',
		sim: { feedShape: 'legacy' },
		faults: [['cdn', { kind: 'resetBeforeBody' }]],
		wait: { downloadOutput: true, outputBinaryProperty: 'video' },
		expect: { kind: 'succeeded', downloaded: true },
	});
	add({
		title: 'CDN resets every download: the thrown error names the task',
		op: 'i2v',
		n: 1,
		cof: false,
		faults: [['cdn', { kind: 'resetBeforeBody', times: 10 }]],
		wait: { downloadOutput: true },
		target: 0,
		expect: { kind: 'thrown', message: /./, description: /Get Task/, taskIdInMessage: true },
	});

	// task_not_exist answered in each documented style, for the first polls of every task.
	for (const notExistStyle of ['http400', 'http200', 'errorEnvelope']) {
		add({
			title: `task_not_exist (${notExistStyle}) for the first 2 polls is waited out`,
			op: notExistStyle === 'http200' ? 'gen' : 'i2v',
			sim: { notExistStyle },
			directives: 'notExistPolls=2',
			expect: { kind: 'succeeded' },
			check: (run) => expectPolledPast(run, 2),
		});
	}
	add({
		title: 'feed that only echoes the task id (broken doc example) waits until the timeout',
		op: 'gen',
		sim: { feedShape: 'echo' },
		n: 2,
		wait: { timeout: 4 },
		expect: { kind: 'pending', status: 'RUNNING', all: true },
	});

	// Get Task on tasks submitted earlier.
	add({
		title: 'Get Task (official) through 429 with Retry-After waits and succeeds',
		op: 'get',
		route: 'official',
		faults: [['task', { status: 429, headers: { 'retry-after': '3' } }]],
		expect: { kind: 'succeeded' },
		check: (run) => {
			const gap = gapAfterFirst(run.sim.statusRequests(), (a, b) => a.taskId === b.taskId);
			expect(gap).toBeGreaterThanOrEqual(2900);
		},
	});
	add({
		title: 'Get Task (feed, legacy) through 503 and a reset succeeds',
		op: 'get',
		route: 'feed',
		sim: { feedShape: 'legacy' },
		faults: [
			['feed', { status: 503 }],
			['feed', { kind: 'resetAfterBody' }],
		],
		expect: { kind: 'succeeded' },
	});
	add({
		title: 'Get Task (official) 500 invalid_request is not retried',
		op: 'get',
		route: 'official',
		faults: [['task', { status: 500, body: apiError('invalid request', 'invalid_request') }]],
		target: 'firstStatus',
		permanent: 'status',
		expect: { kind: 'error', message: /HTTP 500/, description: /./, taskIdInMessage: true },
	});
	add({
		title: 'Get Task (feed) answered by an HTML page reports a wrong Base URL',
		op: 'get',
		route: 'feed',
		faults: [['feed', { kind: 'html', status: 200 }]],
		target: 'firstStatus',
		permanent: 'status',
		expect: { kind: 'error', message: /HTML page/, description: /Base URL/, taskIdInMessage: true },
	});
	add({
		title: 'Get Task without waiting on a task id that never existed: one request each, an error item naming it',
		op: 'get',
		route: 'official',
		taskIds: ['never-created-1', 'never-created-2'],
		waitForCompletion: false,
		expect: { kind: 'error', message: /was not found at CometAPI/, description: /may not be visible yet/, taskIdInMessage: true, all: true },
		check: (run) => {
			expect(run.sim.statusRequests()).toHaveLength(2);
		},
	});
	add({
		title: 'Get Task waiting on a task id that never existed: an error at the first answer, never a pending item',
		op: 'get',
		route: 'feed',
		taskIds: ['never-created-3'],
		wait: { timeout: 5 },
		target: 0,
		expect: { kind: 'error', message: /never-created-3 was not found at CometAPI/, description: /may not be visible yet/, taskIdInMessage: true },
		check: (run) => {
			expect(run.sim.statusRequests()).toHaveLength(1);
			// Not waited out: the 5 s Timeout did not pass.
			expect(run.wallMs).toBeLessThan(5000);
		},
	});

	// Opt-in rows (FAULTS_LONG=1): each needs two minutes or more, because the node's
	// task_not_exist grace (120 s) and its transient give-up (11 attempts, 90–180 s of backoff)
	// are fixed and cannot be shortened from outside.
	add({
		title: 'task_not_exist for longer than the 120 s grace after a create (i2v): "not found" error',
		optIn: true,
		op: 'i2v',
		n: 1,
		itemDirectives: { 0: 'notExist=400000' },
		wait: { timeout: 200 },
		target: 0,
		expect: { kind: 'error', message: /was not found/, description: /task_not_exist/, taskIdInMessage: true },
	});
	add({
		title: 'status 503 that never ends: given up after 11 attempts in a row',
		optIn: true,
		op: 'i2v',
		n: 1,
		faults: [['task', { status: 503, times: 1000 }]],
		wait: { timeout: 400 },
		target: 0,
		expect: { kind: 'error', message: /HTTP 503.*gave up after 11 attempts/, taskIdInMessage: true },
		check: (run) => {
			expect(run.sim.statusRequests()).toHaveLength(11);
		},
	});

	return process.env.FAULTS_LONG === '1' ? cases : cases.filter((row) => !row.optIn);
}

const CASES = buildCases();

module.exports = { CASES, count: CASES.length, FAILURE_CODES, apiError };
