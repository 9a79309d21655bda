'use strict';
const { callback, normaliser } = require('../support/dist');

const { readCallbackBody, valueAtPath, contradiction } = callback;
const { normaliseTaskResponse: normalise } = normaliser;

const WHERE = 'The callback body (item field "body")';
const ID = 'd51c94db-f7fa-4ad3-a083-b8918686c478';
const CDN = 'https://runwaycdn.cometapi.com/attachments/video/runway/20241011';

/** CometAPI's documented callback sample (cometapi-runway-api.md §7). */
const documented = (overrides = {}) => ({
	task_id: ID,
	status: '3',
	prompt: 'a cat',
	prompt_en: 'a little kitten.',
	video_url: `${CDN}/8af2304880d6b32bfff5f0ea33007566.mp4`,
	poster: `${CDN}/6771c68bf540b62a96e7c4a5b2b375a7.png`,
	last_frame: `${CDN}/8af7cc2b46fc7ad5d1e0efedd0bd0893.png`,
	msg: null,
	point: '320',
	refund: '0',
	create_time: '1728622596',
	update_time: '1728622955',
	...overrides,
});

describe('callback bodies, through the normaliser', () => {
	test('the documented success body: the video is the result, poster and last frame are extra outputs', () => {
		const body = documented();
		const task = readCallbackBody(body, WHERE);
		expect(task).toMatchObject({
			taskId: ID,
			status: 'SUCCEEDED',
			rawStatus: '3',
			progress: 100,
			results: [body.video_url],
			outputs: [body.video_url, body.poster, body.last_frame],
			failure: null,
			notVisible: false,
		});
		expect(task.response).toBe(body);
		// The same as the normaliser makes of it for any other answer.
		expect(task).toEqual({ ...normalise(body), taskId: ID });
	});

	test('a failed task ("2") carries its msg as the failure, and no URLs', () => {
		const task = readCallbackBody(
			documented({ status: '2', video_url: null, poster: null, last_frame: null, msg: 'moderation', refund: '1' }),
			WHERE,
		);
		expect(task).toMatchObject({ status: 'FAILED', rawStatus: '2', failure: 'moderation', results: [], outputs: [] });
	});

	test.each([
		['0', 'PENDING'],
		['1', 'RUNNING'],
	])('a not-yet-ended status "%s" is read as %s', (status, expected) => {
		expect(readCallbackBody(documented({ status, video_url: null }), WHERE).status).toBe(expected);
	});

	test('a numeric status and a numeric task_id are read as strings', () => {
		expect(readCallbackBody(documented({ status: 3, task_id: 12345 }), WHERE)).toMatchObject({ taskId: '12345', status: 'SUCCEEDED' });
	});

	test("CometAPI's wrapped envelope is read the same way (newer tasks may send it)", () => {
		const url = 'https://runwaycdn.cometapi.com/v.mp4';
		const task = readCallbackBody(
			{ code: 'success', message: '', data: { task_id: ID, action: 'GENERATE', status: 'SUCCESS', progress: '100%', result_url: url } },
			WHERE,
		);
		expect(task).toMatchObject({ taskId: ID, status: 'SUCCEEDED', results: [url] });
	});

	test('the legacy feed shape (code 200 around the same fields) is read too', () => {
		const task = readCallbackBody({ code: 200, msg: '成功', data: documented() }, WHERE);
		expect(task).toMatchObject({ taskId: ID, status: 'SUCCEEDED', rawStatus: '3' });
	});
});

/** A list `depth` levels deep, built without recursion. */
const deepList = (depth) => {
	let value = [];
	for (let i = 1; i < depth; i++) value = [value];
	return value;
};

describe('bodies that are not a CometAPI callback are refused, naming what is missing', () => {
	const refusal = (body) => {
		try {
			readCallbackBody(body, WHERE);
		} catch (error) {
			return error;
		}
		throw new Error('not refused');
	};

	test.each([
		['an empty object', {}, 'it has no task_id and no status ("0"–"3" or a status word)'],
		['a body without task_id', { status: '3', video_url: 'https://x.example/v.mp4' }, 'it has no task_id'],
		['a body without status', { task_id: ID, video_url: 'https://x.example/v.mp4' }, 'it has no status ("0"–"3" or a status word)'],
		['an unknown status word', { task_id: ID, status: 'banana' }, 'it has a status CometAPI never sends ("banana")'],
		['a form post flattened into one key', { '{"task_id":"x"}': '' }, 'it has no task_id and no status'],
		['a list', [documented()], 'it is a list, not a JSON object'],
		['text', 'task_id=abc&status=3', 'it is text ("task_id=abc&status=3"), not a JSON object'],
		['nothing', undefined, 'it is an empty value, not a JSON object'],
		['the task_not_exist error answer', { code: 'task_not_exist', message: 'task_not_exist', data: null }, "it is CometAPI's task_not_exist error answer"],
		['a malformed task_id', documented({ task_id: '../../admin' }), 'its task_id "../../admin" is malformed'],
		['a body nested 20,000 deep', documented({ extra: deepList(20_000) }), 'it is nested more than 64 levels deep'],
		['a body of 5 MB', documented({ extra: 'x'.repeat(5 * 1024 * 1024) }), 'it is larger than 4 MB'],
	])('%s', (_name, body, reason) => {
		const error = refusal(body);
		expect(error.name).toBe('InputError');
		expect(error.field).toBe('Callback Body Field');
		expect(error.message).toContain(`${WHERE} is not a CometAPI callback: ${reason}`);
		expect(error.hint).toMatch(/task_id and status/);
	});
});

describe('the body at a dot path of the item', () => {
	const item = { headers: {}, body: { task_id: ID }, data: { callback: { task_id: 'x' } } };

	test.each([
		['body', item.body],
		['data.callback', item.data.callback],
		['', item],
		[undefined, item],
	])('"%s"', (path, expected) => {
		expect(valueAtPath(item, path, 0)).toBe(expected);
	});

	test('a missing field names what the item has', () => {
		expect(() => valueAtPath({ headers: {}, query: {} }, 'body', 2)).toThrow(
			'Callback Body Field "body" is not on item 2: item 2 has only headers, query',
		);
		expect(() => valueAtPath(item, 'data.cb', 0)).toThrow('"data" has only callback');
		expect(() => valueAtPath(item, 'body.task_id.x', 0)).toThrow('"body.task_id" has no fields');
	});
});

describe("CometAPI's answer against the callback", () => {
	const claim = readCallbackBody(documented(), WHERE);
	const truth = (overrides) => ({ ...normalise({ id: ID, status: 'SUCCEEDED', output: [claim.results[0]] }), ...overrides });

	test('agreeing: the same task, ended the same way, the same video', () => {
		expect(contradiction(claim, truth())).toBeUndefined();
		// A signed URL may carry another query; the file is the same.
		expect(contradiction(claim, truth({ outputs: [`${claim.results[0]}?sig=2`] }))).toBeUndefined();
	});

	test('a video URL that CometAPI does not give is refused', () => {
		const forged = readCallbackBody(documented({ video_url: 'https://attacker.example/x.mp4' }), WHERE);
		expect(contradiction(forged, truth()).message).toBe(
			`The callback for task ${ID} was not trusted: its video URL https://attacker.example/x.mp4 is not one CometAPI gives for this task`,
		);
	});

	test('a success for a task CometAPI says failed is refused', () => {
		const problem = contradiction(claim, truth({ status: 'FAILED', failure: 'no credits', results: [], outputs: [] }));
		expect(problem.message).toBe(`The callback for task ${ID} was not trusted: it says the task succeeded, but CometAPI says FAILED (no credits)`);
		expect(problem.description).toMatch(/Nothing was downloaded/);
	});

	test("an answer for another task is refused", () => {
		expect(contradiction(claim, truth({ taskId: 'other' })).message).toMatch(/CometAPI answered for another task \(other\)/);
	});

	test('a callback that knows less than CometAPI is not refused: CometAPI is what the item reports', () => {
		// Still running at CometAPI: nothing to compare the URL with yet.
		expect(contradiction(claim, truth({ status: 'RUNNING', results: [], outputs: [] }))).toBeUndefined();
		// Says failed, but CometAPI has the video.
		const failed = readCallbackBody(documented({ status: '2', video_url: null }), WHERE);
		expect(contradiction(failed, truth())).toBeUndefined();
	});
});
