'use strict';
const { normaliser } = require('../support/dist');

const { normaliseTaskResponse: normalise, extractTaskId, extractApiMessage, isCreateAccepted } = normaliser;

describe('plain Runway task (GET /runwayml/v1/tasks/{id}, shape A)', () => {
	test('SUCCEEDED with output', () => {
		const body = {
			id: 'd0658ae1-bbdd-4adc-aaba-fd8070e14d79',
			status: 'SUCCEEDED',
			createdAt: '2026-05-01T12:47:47.351Z',
			output: ['https://example.com/output.mp4'],
		};
		const task = normalise(body);
		expect(task).toMatchObject({
			taskId: 'd0658ae1-bbdd-4adc-aaba-fd8070e14d79',
			status: 'SUCCEEDED',
			rawStatus: 'SUCCEEDED',
			progress: 100,
			outputs: ['https://example.com/output.mp4'],
			failure: null,
			notVisible: false,
		});
		expect(task.response).toBe(body);
	});

	test.each(['PENDING', 'THROTTLED'])('%s is waiting, without progress', (status) => {
		expect(normalise({ id: 'a', status })).toMatchObject({ status, progress: null, outputs: [] });
	});

	test('RUNNING reports progress 0–1 as a percentage', () => {
		expect(normalise({ id: 'a', status: 'RUNNING', progress: 0.42 })).toMatchObject({ status: 'RUNNING', progress: 42 });
	});

	test('FAILED keeps failure and dotted failureCode', () => {
		expect(
			normalise({ id: 'a', status: 'FAILED', failure: 'Input text was flagged', failureCode: 'SAFETY.INPUT.TEXT' }),
		).toMatchObject({ status: 'FAILED', failure: 'Input text was flagged', failureCode: 'SAFETY.INPUT.TEXT', outputs: [] });
	});

	test('CANCELLED is terminal', () => {
		expect(normalise({ id: 'a', status: 'CANCELLED' }).status).toBe('CANCELLED');
	});

	test('lower-case status (seen in a CometAPI tutorial) is matched case-insensitively', () => {
		expect(normalise({ id: 'a', status: 'succeeded', output: ['https://x/v.mp4'] }).status).toBe('SUCCEEDED');
	});
});

describe('CometAPI wrapped envelope (shape B, task route and feed)', () => {
	const queued = {
		code: 'success',
		message: '',
		data: {
			task_id: '3d957031-9a2a-45e2-9dc7-bc8513059c50',
			action: 'IMAGE_TO_VIDEO',
			status: 'QUEUED',
			fail_reason: '',
			submit_time: 1773366766,
			start_time: 0,
			finish_time: 0,
			progress: '0%',
			data: { id: '3d957031-9a2a-45e2-9dc7-bc8513059c50', status: 'PENDING', createdAt: '2026-03-13T09:52:46+08:00' },
		},
	};

	test('the documented QUEUED example', () => {
		expect(normalise(queued)).toMatchObject({
			taskId: '3d957031-9a2a-45e2-9dc7-bc8513059c50',
			status: 'PENDING',
			rawStatus: 'QUEUED',
			progress: 0,
			outputs: [],
		});
	});

	test.each([
		['NOT_START', 'PENDING'],
		['SUBMITTED', 'PENDING'],
		['IN_PROGRESS', 'RUNNING'],
	])('%s maps to %s', (raw, status) => {
		const body = { code: 'success', data: { ...queued.data, status: raw, data: undefined, progress: '37%' } };
		expect(normalise(body)).toMatchObject({ status, rawStatus: raw, progress: 37 });
	});

	test('SUCCESS takes the URL from result_url, then the nested output', () => {
		const body = {
			code: 'success',
			data: {
				...queued.data,
				status: 'SUCCESS',
				progress: '100%',
				result_url: 'https://cdn.example/r.mp4',
				data: { id: 'x', status: 'SUCCEEDED', output: ['https://cdn.example/r.mp4', 'https://cdn.example/o2.mp4'] },
			},
		};
		expect(normalise(body)).toMatchObject({
			status: 'SUCCEEDED',
			outputs: ['https://cdn.example/r.mp4', 'https://cdn.example/o2.mp4'],
			progress: 100,
		});
	});

	test('SUCCESS before any URL appears is SUCCEEDED with no outputs (the poller waits for one)', () => {
		const body = { code: 'success', data: { ...queued.data, status: 'SUCCESS', data: { id: 'x', status: 'RUNNING' } } };
		expect(normalise(body)).toMatchObject({ status: 'SUCCEEDED', outputs: [] });
	});

	test('FAILURE carries fail_reason and the nested failureCode', () => {
		const body = {
			code: 'success',
			data: {
				...queued.data,
				status: 'FAILURE',
				fail_reason: 'moderation',
				data: { id: 'x', status: 'FAILED', failure: 'flagged', failureCode: 'SAFETY.INPUT.IMAGE' },
			},
		};
		expect(normalise(body)).toMatchObject({ status: 'FAILED', failure: 'moderation', failureCode: 'SAFETY.INPUT.IMAGE' });
	});

	test('the nested Runway task decides when the relay and upstream disagree on a terminal state', () => {
		const body = { code: 'success', data: { ...queued.data, status: 'IN_PROGRESS', data: { id: 'x', status: 'CANCELLED' } } };
		expect(normalise(body).status).toBe('CANCELLED');
	});

	test('an unknown wrapped status (UNKNOWN) keeps waiting with the raw value kept', () => {
		const body = { code: 'success', data: { ...queued.data, status: 'UNKNOWN', data: undefined } };
		expect(normalise(body)).toMatchObject({ status: 'RUNNING', rawStatus: 'UNKNOWN' });
	});

	test('feed answers carry video_url where result_url is missing', () => {
		const body = { code: 'success', data: { ...queued.data, status: 'SUCCESS', video_url: 'https://cdn.example/v.mp4', data: undefined } };
		expect(normalise(body).outputs).toEqual(['https://cdn.example/v.mp4']);
	});
});

describe('legacy numeric shape (feed and callbacks)', () => {
	const legacy = (status, extra = {}) => ({
		code: 200,
		msg: '成功',
		data: {
			task_id: '9034a8e8-c920-4590-9f48-3ce5df78c65a',
			state: status === '3' ? 'succeeded' : '',
			status,
			video_url: status === '3' ? 'https://runwaycdn.example/v.mp4' : null,
			poster: status === '3' ? 'https://runwaycdn.example/p.png' : null,
			last_frame: status === '3' ? 'https://runwaycdn.example/l.png' : null,
			msg: null,
			point: '320',
			refund: '0',
			create_time: '1734078348',
			update_time: '1734078452',
			...extra,
		},
		exec_time: 0,
	});

	test('"3" is SUCCEEDED with the video first, then poster and last frame', () => {
		expect(normalise(legacy('3'))).toMatchObject({
			taskId: '9034a8e8-c920-4590-9f48-3ce5df78c65a',
			status: 'SUCCEEDED',
			rawStatus: '3',
			outputs: ['https://runwaycdn.example/v.mp4', 'https://runwaycdn.example/p.png', 'https://runwaycdn.example/l.png'],
		});
	});

	test.each([
		['0', 'PENDING'],
		['1', 'RUNNING'],
	])('"%s" is %s', (raw, status) => {
		expect(normalise(legacy(raw))).toMatchObject({ status, outputs: [] });
	});

	test('"2" is FAILED with msg as the reason', () => {
		expect(normalise(legacy('2', { msg: 'content rejected', refund: '1' }))).toMatchObject({
			status: 'FAILED',
			failure: 'content rejected',
		});
	});

	test('a numeric status (not a string) is read too', () => {
		expect(normalise(legacy(3)).status).toBe('SUCCEEDED');
	});

	test('the flat callback body (no code/data wrapper)', () => {
		const callback = {
			task_id: 'd51c94db-f7fa-4ad3-a083-b8918686c478',
			status: '3',
			video_url: 'https://runwaycdn.example/8af.mp4',
			poster: 'https://runwaycdn.example/677.png',
			msg: null,
		};
		expect(normalise(callback)).toMatchObject({
			taskId: 'd51c94db-f7fa-4ad3-a083-b8918686c478',
			status: 'SUCCEEDED',
			outputs: ['https://runwaycdn.example/8af.mp4', 'https://runwaycdn.example/677.png'],
		});
	});
});

describe('task_not_exist, errors and odd answers', () => {
	test.each([
		['flat envelope', { code: 'task_not_exist', message: 'task_not_exist', data: null }],
		['error envelope', { error: { code: 'task_not_exist', message: 'task_not_exist', type: 'comet_api_error' } }],
		['as a status word', { status: 'task_not_exist' }],
		['inside a message', { message: 'task_not_exist (request id: 123)' }],
	])('%s is "not visible yet"', (_name, body) => {
		expect(normalise(body)).toMatchObject({ notVisible: true, status: 'PENDING', rawStatus: 'task_not_exist' });
	});

	test('the broken feed example that echoes the request keeps waiting', () => {
		expect(normalise({ task_id: '4156043d-9ea5-47c5-9e38-3f8446a0b20d' })).toMatchObject({
			taskId: '4156043d-9ea5-47c5-9e38-3f8446a0b20d',
			status: 'RUNNING',
			notVisible: false,
		});
	});

	test('a non-object body keeps waiting and is kept raw', () => {
		expect(normalise('oops')).toMatchObject({ status: 'RUNNING', response: 'oops' });
	});

	test('non-URL entries in output are ignored', () => {
		expect(normalise({ id: 'a', status: 'SUCCEEDED', output: ['', null, 'ftp://x', 'https://ok/v.mp4'] }).outputs).toEqual([
			'https://ok/v.mp4',
		]);
	});
});

describe('create responses', () => {
	test.each([
		['official {id}', { id: '3d957031-9a2a-45e2-9dc7-bc8513059c50' }, '3d957031-9a2a-45e2-9dc7-bc8513059c50'],
		['compat {code:200, msg, data.task_id, exec_time}', { code: 200, msg: '成功', data: { task_id: '0ab3bfe2' }, exec_time: 0.67 }, '0ab3bfe2'],
		['compat with message and msg success', { code: 200, message: '', msg: 'success', data: { task_id: '196642a0' } }, '196642a0'],
		['relay wrapper with code success', { code: 'success', data: { task_id: 't-1' } }, 't-1'],
		['flat task_id', { task_id: 't-2' }, 't-2'],
		['data.id', { data: { id: 't-3' } }, 't-3'],
		['sibling relay wrapper with request_id', { code: 'success', message: '', request_id: 'r-1', data: { task_id: 't-4', task_status: 'submitted' } }, 't-4'],
		['sibling relay job object', { id: 't-5', state: 'pending' }, 't-5'],
	])('%s gives its task id and counts as accepted', (_name, body, id) => {
		expect(extractTaskId(body)).toBe(id);
		expect(isCreateAccepted(body)).toBe(true);
	});

	test('the full compat data object (state/status/video_url) is accepted', () => {
		const body = { code: 200, msg: 'ok', data: { task_id: 'full', state: 'pending', status: '0', video_url: null }, exec_time: 1 };
		expect(extractTaskId(body)).toBe('full');
		expect(isCreateAccepted(body)).toBe(true);
	});

	test('a business refusal on HTTP 200 is not accepted and its words are kept', () => {
		const body = { code: 'callback_url_empty', msg: 'callback_url_empty', data: null };
		expect(isCreateAccepted(body)).toBe(false);
		expect(extractApiMessage(body)).toBe('callback_url_empty');
	});

	// The answer names a task: its ID must reach the user, never a refusal that invites a resend.
	test('a numeric non-200 code with a task id is still a task taken', () => {
		expect(isCreateAccepted({ code: 500, msg: 'busy', data: { task_id: 'x' } })).toBe(true);
	});
});

describe('API messages from every error envelope', () => {
	test.each([
		['error.message', { error: { message: 'model name is required (request id: 9)', type: 'comet_api_error', code: 'invalid_request' } }, 'model name is required (request id: 9)'],
		['msg', { code: 400, msg: 'prompt is required' }, 'prompt is required'],
		['message', { code: 'get_task_failed', message: 'db error', data: null }, 'db error'],
		['plain text', 'upstream timeout', 'upstream timeout'],
	])('%s', (_name, body, message) => {
		expect(extractApiMessage(body)).toBe(message);
	});

	test('an HTML page gives no message (it is reported as a wrong base URL instead)', () => {
		expect(extractApiMessage('<html><body>hi</body></html>')).toBeUndefined();
	});

	test('"success" is not an error message', () => {
		expect(extractApiMessage({ code: 200, msg: 'success' })).toBeUndefined();
	});
});

describe('times the API gives', () => {
	test('plain task: createdAt as ISO time; no finish time', () => {
		const task = normalise({ id: 't1', status: 'SUCCEEDED', createdAt: '2026-05-01T12:47:47.351Z', output: ['https://cdn/x.mp4'] });
		expect(task.createdAtMs).toBe(Date.parse('2026-05-01T12:47:47.351Z'));
		expect(task.finishedAtMs).toBeNull();
	});
	test('wrapped envelope: submit_time and finish_time in Unix seconds, 0 meaning not yet', () => {
		const running = normalise({ code: 'success', data: { task_id: 't2', status: 'IN_PROGRESS', submit_time: 1773366766, finish_time: 0 } });
		expect(running.createdAtMs).toBe(1773366766000);
		expect(running.finishedAtMs).toBeNull();
		const done = normalise({ code: 'success', data: { task_id: 't2', status: 'SUCCESS', submit_time: 1773366766, finish_time: 1773366900, result_url: 'https://cdn/x.mp4' } });
		expect(done.finishedAtMs).toBe(1773366900000);
	});
	test('legacy shape: create_time, and update_time as the end once the task has ended', () => {
		const body = (status) => ({ code: 200, data: { task_id: 't3', status, create_time: '1728622596', update_time: '1728622955', video_url: status === '3' ? 'https://cdn/x.mp4' : null } });
		expect(normalise(body('1'))).toMatchObject({ createdAtMs: 1728622596000, finishedAtMs: null });
		expect(normalise(body('3'))).toMatchObject({ createdAtMs: 1728622596000, finishedAtMs: 1728622955000 });
	});
});
