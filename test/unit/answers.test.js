'use strict';
// What a create or status answer means: the classifiers of the compiled package, pure.
const { answers, envelope: wire, normaliser } = require('../support/dist');

const NOW = Date.parse('2026-12-06T05:00:00Z');
/** An answer as the transport hands it on: text on the wire read by the bounded reader, once. */
const answer = (statusCode, body, headers = {}) => ({ statusCode, headers, ...(typeof body === 'string' ? wire.readBody(body) : { body }) });
const create = (statusCode, body) => answers.classifyCreateAnswer(answer(statusCode, body), NOW);
const status = (body, asked = 'task-1', statusCode = 200) =>
	answers.classifyStatusAnswer(answer(statusCode, body), NOW, asked);
const envelope = (message, code = '') => ({ error: { message, type: 'comet_api_error', param: '', code } });

describe('a 2xx create answer holding a task ID is an accepted task', () => {
	test.each([
		['code 0', { code: 0, data: { task_id: 't-1' } }],
		['code "0"', { code: '0', data: { task_id: 't-1' } }],
		['code "SUCCESS"', { code: 'SUCCESS', data: { task_id: 't-1' } }],
		['code true', { code: true, data: { task_id: 't-1' } }],
		['an empty error string', { id: 't-1', error: '' }],
		['an empty error object', { id: 't-1', error: {} }],
		['data as the id', { code: 200, data: 't-1' }],
		['a BOM before the JSON', '\ufeff{"id":"t-1"}'],
		['a second JSON document after the first', '{"id":"t-1"}{"id":"t-2"}'],
		['trailing garbage', '{"code":200,"data":{"task_id":"t-1"}}\n<!-- cache -->'],
		['cut mid-string after the ID', '{"code":200,"msg":"success","data":{"task_id":"t-1","status":"PEND'],
	])('%s', (_name, body) => {
		expect(create(200, body)).toMatchObject({ kind: 'created', taskId: 't-1', task: { taskId: 't-1' } });
	});
});

describe('a 2xx create answer without a readable ID is never a refusal', () => {
	test.each([
		['cut inside the ID', '{"id":"3d957031-9a2a'],
		['not JSON at all', 'upstream said: ok'],
		['an empty body', ''],
		['an object without ID or message', { code: 200, data: {} }],
	])('%s: may have created a task, the answer shown', (_name, body) => {
		const outcome = create(200, body);
		expect(outcome.kind).toBe('ambiguous');
		expect(outcome.problem.description).toMatch(/may have been created/);
	});

	test('a short unreadable answer is shown in the error, whole', () => {
		expect(create(200, 'upstream said: ok').problem.description).toContain('upstream said: ok');
	});

	test('a real error message and no ID is a refusal', () => {
		expect(create(200, { code: 'callback_url_empty', msg: 'callback_url_empty', data: null })).toMatchObject({
			kind: 'refused',
			problem: { message: expect.stringContaining('callback_url_empty') },
		});
	});
});

describe('the create-retry rule', () => {
	test.each([
		['429', 429, envelope('rate limited')],
		['503 no channel (get_channel_failed)', 503, envelope('No available channel for model gen4_turbo', 'get_channel_failed')],
		['503 no key (channel:no_available_key)', 503, envelope('no available key', 'channel:no_available_key')],
	])('%s is sent again', (_name, code, body) => {
		expect(create(code, body).kind).toBe('retryable');
	});

	test.each([
		['a bare 503', 503, ''],
		['an upstream 503 in the envelope', 503, envelope('upstream busy')],
		['a 503 gateway page', 503, '<html><body>503 Service Unavailable</body></html>'],
		['a 503 with a task ID', 503, { id: 't-1', error: { message: 'busy' } }],
		['a 502', 502, envelope('bad gateway')],
	])('%s may have created a task and is not sent again', (_name, code, body) => {
		const outcome = create(code, body);
		expect(outcome.kind).toBe('ambiguous');
		expect(outcome.problem.description).toMatch(/may (still )?have been created/);
	});

	test('mayResendCreate is the one rule: unsent yes, lost no, 429 yes, bare 503 no', () => {
		const { mayResendCreate } = require('../../dist/nodes/CometApiRunway/helpers/createRetry');
		expect(mayResendCreate({ kind: 'notSent' })).toBe(true);
		expect(mayResendCreate({ kind: 'lost' })).toBe(false);
		expect(mayResendCreate({ kind: 'answered', statusCode: 429, body: '' })).toBe(true);
		expect(mayResendCreate({ kind: 'answered', statusCode: 503, body: '' })).toBe(false);
		expect(mayResendCreate({ kind: 'answered', statusCode: 500, body: envelope('x', 'get_channel_failed') })).toBe(false);
	});
});

describe('status answers', () => {
	test.each([
		['code "200"', { code: '200', data: { task_id: 'task-1', status: 'IN_PROGRESS', progress: '40%' } }],
		['code 0', { code: 0, data: { id: 'task-1', status: 'RUNNING' } }],
		['an empty error string', { id: 'task-1', status: 'RUNNING', error: '' }],
		['a null error', { id: 'task-1', status: 'RUNNING', error: null }],
		['an empty error object', { id: 'task-1', status: 'RUNNING', error: {} }],
		['a BOM', '\ufeff{"id":"task-1","status":"RUNNING"}'],
	])('%s beside a valid task is the task', (_name, body) => {
		expect(status(body)).toMatchObject({ kind: 'task', task: { taskId: 'task-1', status: 'RUNNING' } });
	});

	test.each([
		['ABORTED', 'CANCELLED'],
		['EXPIRED', 'FAILED'],
		['CANCELED', 'CANCELLED'],
		['CANCELLED', 'CANCELLED'],
		['TIMEOUT', 'FAILED'],
		['REJECTED', 'FAILED'],
		['ERROR', 'FAILED'],
		['content_moderation_failed', 'FAILED'],
	])('%s ends the wait as %s, the word kept', (word, mapped) => {
		for (const body of [
			{ id: 'task-1', status: word },
			{ code: 'success', data: { task_id: 'task-1', status: word } },
		]) {
			expect(status(body)).toMatchObject({ kind: 'task', task: { status: mapped, rawStatus: word } });
		}
	});

	test('an unknown word without a terminal stem is polled on, the word kept', () => {
		expect(status({ id: 'task-1', status: 'WARMING_UP' })).toMatchObject({
			kind: 'task',
			task: { status: 'RUNNING', rawStatus: 'WARMING_UP' },
		});
	});

	test.each([
		['plain', { id: 'task-2', status: 'SUCCEEDED', output: ['https://cdn.example/x.mp4'] }],
		['wrapped', { code: 'success', data: { task_id: 'task-2', status: 'SUCCESS', data: { id: 'task-2' } } }],
		['legacy', { code: 200, msg: 'ok', data: { task_id: 'task-2', status: '3' } }],
	])('a %s answer about another task is an error', (_name, body) => {
		const outcome = status(body, 'task-1');
		expect(outcome.kind).toBe('permanent');
		expect(outcome.problem.message).toMatch(/answered about task task-2, not task-1/);
	});

	test('a wrapped answer naming the relay ID and Runway\'s inner ID is about the asked task', () => {
		const body = { code: 'success', data: { task_id: 'task-1', status: 'IN_PROGRESS', data: { id: 'runway-uuid', status: 'RUNNING' } } };
		expect(status(body, 'task-1')).toMatchObject({ kind: 'task', task: { taskId: 'task-1' } });
	});

	test('a real error envelope stays an error', () => {
		expect(status({ error: { message: 'bad', code: 'invalid_request' } }).kind).toBe('permanent');
	});

	test('isErrorEnvelope is shared: empty fields and success codes are not errors', () => {
		expect(normaliser.isErrorEnvelope({ code: '200', error: '' })).toBe(false);
		expect(normaliser.isErrorEnvelope({ code: true, error: {} })).toBe(false);
		expect(normaliser.isErrorEnvelope({ error: { message: 'x' } })).toBe(true);
		expect(normaliser.isErrorEnvelope({ code: 'quota_exceeded' })).toBe(true);
	});
});
