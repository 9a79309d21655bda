'use strict';
/**
 * Generated answers attack the classifiers: every envelope CometAPI and its relays use, the ID at
 * any place a relay puts it, BOMs, second documents, garbage, cuts at every position, status words
 * of any spelling. Pure: the compiled classifiers, no server.
 */
const path = require('node:path');
const fc = require('fast-check');
const { answers, envelope, normaliser } = require('../support/dist');

const { PRE_DISPATCH_REFUSALS, mayResendCreate } = require(
	path.join(__dirname, '..', '..', 'dist', 'nodes', 'CometApiRunway', 'helpers', 'createRetry.js'),
);

const NOW = Date.parse('2026-12-06T05:00:00Z');
const RUNS = { numRuns: 300 };

const taskId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/);
const successCode = fc.constantFrom(undefined, 'success', 'SUCCESS', 'Success', 0, '0', 200, '200', true);
const emptyError = fc.constantFrom(undefined, null, '', {}, { message: '', code: '' });
const emptyWords = fc.constantFrom(undefined, '', 'success', '成功');
const anyWord = fc.constantFrom(undefined, 'PENDING', 'QUEUED', 'submitted', 'NOT_START', 'RUNNING', 'IN_PROGRESS', '0');

/** Where relays put a create's ID. */
const PLACES = [
	(id) => ({ id }),
	(id) => ({ task_id: id }),
	(id) => ({ taskId: id }),
	(id) => ({ data: { task_id: id } }),
	(id) => ({ data: { id } }),
	(id) => ({ data: { taskId: id } }),
	(id) => ({ data: id }),
];

/** A 2xx create answer naming `id` at one place, in one of the envelopes, as an object. */
const acceptedBody = fc
	.record({
		id: taskId,
		place: fc.integer({ min: 0, max: PLACES.length - 1 }),
		code: successCode,
		error: emptyError,
		message: emptyWords,
		msg: emptyWords,
		status: anyWord,
		requestId: fc.option(fc.uuid(), { nil: undefined }),
	})
	.map(({ id, place, code, error, message, msg, status, requestId }) => {
		const body = PLACES[place](id);
		if (status !== undefined && typeof body.data === 'object') body.data.status = status;
		for (const [key, value] of Object.entries({ code, error, message, msg, request_id: requestId })) {
			if (value !== undefined) body[key] = value;
		}
		return { id, body };
	});

/** The same answer on the wire: parsed, plain text, behind a BOM, before a second document or garbage. */
const wire = fc.constantFrom(
	(text, body) => body,
	(text) => text,
	(text) => `\ufeff${text}`,
	(text) => `${text}{"trace":"next"}`,
	(text) => `${text}\n<!-- served by relay -->`,
	(text) => `\ufeff  ${text}  \n{"id":"decoy"}`,
);

/** An answer as the transport hands it on: text on the wire read by the bounded reader, once. */
const answer = (statusCode, body) => ({ statusCode, headers: {}, ...(typeof body === 'string' ? envelope.readBody(body) : { body }) });
const classifyCreate = (statusCode, body) => answers.classifyCreateAnswer(answer(statusCode, body), NOW);

describe('create answers', () => {
	test('a 2xx answer naming a task where a relay puts one is created with that ID', () => {
		fc.assert(
			fc.property(acceptedBody, wire, fc.integer({ min: 200, max: 299 }), ({ id, body }, encode, statusCode) => {
				const outcome = classifyCreate(statusCode, encode(JSON.stringify(body), body));
				expect(outcome).toMatchObject({ kind: 'created', taskId: id });
				expect(outcome.task.taskId).toBe(id);
			}),
			RUNS,
		);
	});

	test('a 2xx answer cut at any position is created with the whole ID, or may have created a task', () => {
		fc.assert(
			fc.property(acceptedBody, fc.boolean(), ({ id, body }, bom) => {
				const text = `${bom ? '\ufeff' : ''}${JSON.stringify(body)}`;
				for (let cut = 0; cut <= text.length; cut++) {
					const outcome = classifyCreate(200, text.slice(0, cut));
					const wrong = outcome.kind === 'created' ? outcome.taskId !== id : outcome.kind !== 'ambiguous';
					if (wrong) throw new Error(`cut at ${cut} of ${JSON.stringify(text)}: ${JSON.stringify(outcome)}`);
				}
			}),
			{ numRuns: 60 },
		);
	});

	/** Bodies of any shape built from the keys answers use, with hostile values. */
	const hostileValue = fc.oneof(
		fc.constantFrom('', ' ', 'success', 'task_not_exist', 'callback_url_empty', 'quota exceeded', '<html>'),
		fc.constantFrom(0, 200, 500, true, false, null),
		fc.constantFrom({}, { message: '' }, { message: 'bad', code: 'invalid_request' }, { code: 'get_channel_failed', message: 'x' }),
		fc.string({ maxLength: 12 }),
	);
	const hostileBody = fc.oneof(
		fc.dictionary(fc.constantFrom('id', 'task_id', 'code', 'error', 'msg', 'message', 'data', 'status', 'success'), fc.oneof(hostileValue, fc.dictionary(fc.constantFrom('id', 'task_id', 'msg', 'status'), hostileValue))),
		fc.string({ maxLength: 40 }),
		fc.jsonValue({ maxDepth: 3 }),
	);

	test('a 2xx answer is refused only when it carries a real error message and no ID', () => {
		fc.assert(
			fc.property(hostileBody, fc.integer({ min: 200, max: 299 }), (body, statusCode) => {
				const outcome = classifyCreate(statusCode, body);
				expect(outcome.kind).not.toBe('retryable');
				if (outcome.kind === 'refused') {
					expect(normaliser.extractTaskId(body)).toBeUndefined();
					expect(normaliser.isErrorEnvelope(body)).toBe(true);
					expect(normaliser.extractApiMessage(body)).toBeTruthy();
				}
			}),
			RUNS,
		);
	});

	test('a create is retryable only on 429 or a 503 in CometAPI\'s envelope proving a refusal', () => {
		const status = fc.oneof(fc.constantFrom(429, 500, 502, 503, 504, 524), fc.integer({ min: 100, max: 599 }));
		const refusalEnvelope = fc
			.record({ code: fc.constantFrom(...PRE_DISPATCH_REFUSALS, '', 'invalid_request', 'bad_response_status_code', 'upstream_error'), message: fc.string({ maxLength: 20 }) })
			.map((error) => ({ error: { ...error, type: 'comet_api_error' } }));
		fc.assert(
			fc.property(status, fc.oneof(hostileBody, refusalEnvelope), (statusCode, body) => {
				const outcome = classifyCreate(statusCode, body);
				if (outcome.kind !== 'retryable') return;
				const proven = statusCode === 503 && PRE_DISPATCH_REFUSALS.includes(body?.error?.code);
				expect(statusCode === 429 || proven).toBe(true);
			}),
			RUNS,
		);
	});

	test('the classifier resends exactly what mayResendCreate allows: the rule lives in one place', () => {
		const status = fc.oneof(fc.constantFrom(429, 503), fc.integer({ min: 300, max: 599 }));
		const envelopeBody = fc
			.record({ code: fc.constantFrom(...PRE_DISPATCH_REFUSALS, '', 'upstream_error', ' get_channel_failed'), message: fc.string({ maxLength: 20 }) })
			.map((error) => ({ error }));
		fc.assert(
			fc.property(status, fc.oneof(envelopeBody, fc.string({ maxLength: 30 }), fc.jsonValue({ maxDepth: 2 })), (statusCode, body) => {
				const retryable = classifyCreate(statusCode, body).kind === 'retryable';
				expect(retryable).toBe(mayResendCreate({ kind: 'answered', statusCode, body: answer(statusCode, body).body }));
			}),
			RUNS,
		);
	});
});

const TERMINAL_WORDS = ['ABORTED', 'EXPIRED', 'CANCELED', 'CANCELLED', 'TIMEOUT', 'TIMED_OUT', 'REJECTED', 'ERROR', 'ERRORED', 'FAILED', 'FAILURE', 'KILLED', 'TERMINATED', 'STOPPED', 'DENIED', 'BLOCKED', 'SUCCEEDED', 'SUCCESS'];

/** The word in any case, maybe with a relay's prefix or suffix. */
const terminalWord = fc
	.record({
		word: fc.constantFrom(...TERMINAL_WORDS),
		lower: fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
		prefix: fc.constantFrom('', '', 'TASK_', 'upstream-', 'job '),
		suffix: fc.constantFrom('', '', '_BY_USER', '-upstream', ' at provider'),
	})
	.map(({ word, lower, prefix, suffix }) => {
		const cased = [...word].map((c, i) => (lower[i] ? c.toLowerCase() : c)).join('');
		const decorated = /^SUCCE/.test(word) ? cased : `${prefix}${cased}${suffix}`;
		return decorated;
	});

/** A status answer about `id` in the plain, wrapped or legacy-state shape, with `status`. */
const statusShape = fc.constantFrom(
	(id, status) => ({ id, status, output: ['https://cdn.example/v.mp4'] }),
	(id, status) => ({ code: 'success', message: '', data: { task_id: id, action: 'video', status, result_url: 'https://cdn.example/v.mp4' } }),
	(id, status) => ({ code: '200', error: '', data: { task_id: id, status, output: ['https://cdn.example/v.mp4'] } }),
	(id, status) => ({ code: 200, msg: 'ok', data: { task_id: id, state: status, video_url: 'https://cdn.example/v.mp4' } }),
);

const classifyStatus = (body, asked) => answers.classifyStatusAnswer(answer(200, body), NOW, asked);

describe('status answers', () => {
	test('a terminal word never yields a non-terminal status, and the word is kept', () => {
		fc.assert(
			fc.property(taskId, terminalWord, statusShape, fc.boolean(), (id, word, shape, asText) => {
				const body = shape(id, word);
				const outcome = classifyStatus(asText ? `\ufeff${JSON.stringify(body)}` : body, id);
				expect(outcome.kind).toBe('task');
				expect(['SUCCEEDED', 'FAILED', 'CANCELLED']).toContain(outcome.task.status);
				expect(outcome.task.rawStatus).toBe(word);
			}),
			RUNS,
		);
	});

	test('an answer about another task is never a task of the asked ID', () => {
		const word = fc.oneof(terminalWord, fc.constantFrom('PENDING', 'RUNNING', 'IN_PROGRESS', 'QUEUED', '1', 'WHATEVER'));
		fc.assert(
			fc.property(taskId, taskId, word, statusShape, (asked, other, status, shape) => {
				fc.pre(asked.trim() !== other.trim());
				const outcome = classifyStatus(shape(other, status), asked);
				expect(outcome.kind).not.toBe('task');
			}),
			RUNS,
		);
	});
});
