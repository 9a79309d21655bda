'use strict';

const { API_KEY, useSimulator, firstCreateRequest } = require('../support/simulator');
const { runNode } = require('../support/n8n');
const { imageToVideo, generate, getTask, prompts } = require('../support/params');

const { sim, credentials } = useSimulator({ taskDurationMs: 60_000, pendingMs: 30_000 });

describe('Image to Video', () => {
	test('submits each item to the official route with the key and version headers', async () => {
		const result = await runNode({ parameters: imageToVideo(), items: prompts('a cat', 'a dog', 'a fox'), credentials });
		expect(result.error).toBeUndefined();
		const creates = sim.createRequests();
		expect(creates).toHaveLength(3);
		for (const request of creates) {
			expect(request.method).toBe('POST');
			expect(request.path).toBe('/runwayml/v1/image_to_video');
			expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
			expect(request.headers['x-runway-version']).toBe('2024-11-06');
			expect(request.headers['content-type']).toMatch(/^application\/json/);
		}
		expect(creates.map((r) => r.body.promptText)).toEqual(['a cat', 'a dog', 'a fox']);
		expect(creates[0].body).toEqual({
			promptImage: 'https://example.com/cat.jpg',
			model: 'gen4_turbo',
			promptText: 'a cat',
			ratio: '1280:720',
			duration: 5,
		});

		expect(result.items).toHaveLength(3);
		result.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			const task = sim.tasksWithPrompt(['a cat', 'a dog', 'a fox'][index])[0];
			expect(item.json).toMatchObject({
				taskId: task.id,
				route: 'official',
				status: 'PENDING',
				videoUrl: null,
				outputs: [],
				timedOut: false,
				polls: 0,
				finishedAt: null,
				response: { id: task.id },
			});
			expect(Date.parse(item.json.submittedAt)).toBeGreaterThan(Date.now() - 60_000);
		});
		expect(sim.statusRequests()).toHaveLength(0);
	});

	test('sends seed, watermark, duration and a chosen API version', async () => {
		await runNode({
			parameters: imageToVideo({
				model: 'gen3a_turbo',
				ratio: '768:1280',
				duration: 10,
				options: { seed: 42, watermark: true, runwayVersion: '2024-09-13' },
			}),
			items: prompts('waves'),
			credentials,
		});
		const [request] = sim.createRequests();
		expect(request.headers['x-runway-version']).toBe('2024-09-13');
		expect(request.body).toMatchObject({ model: 'gen3a_turbo', ratio: '768:1280', duration: 10, seed: 42, watermark: true });
	});
});

describe('Generate', () => {
	test('text only: the compat route with the placeholder callback and options.seconds', async () => {
		const result = await runNode({ parameters: generate(), items: prompts('a cat on the moon'), credentials });
		expect(result.error).toBeUndefined();
		const request = firstCreateRequest(sim, '/runway/pro/generate');
		expect(request.body).toEqual({
			callback_url: 'https://example.com/webhook',
			prompt: 'a cat on the moon',
			model: 'gen4',
			ratio: '1280:720',
			options: { seconds: 5 },
		});
		const task = sim.tasksWithPrompt('a cat on the moon')[0];
		expect(result.items[0].json).toMatchObject({ taskId: task.id, route: 'feed', status: 'PENDING' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('image, end frame, style, seconds, motion vector and a real callback URL', async () => {
		await runNode({
			parameters: generate({
				imageSource: 'url',
				imageUrl: 'https://example.com/start.jpg',
				callbackUrl: 'https://hooks.example.com/runway',
				ratio: '16:9',
				options: { style: 'cinematic', seconds: 10, lastImageUrl: 'https://example.com/end.jpg', motionVector: { y: 0.4, r: -6 } },
			}),
			items: prompts('smile'),
			credentials,
		});
		expect(sim.createRequests()[0].body).toEqual({
			callback_url: 'https://hooks.example.com/runway',
			prompt: 'smile',
			model: 'gen4',
			ratio: '16:9',
			style: 'cinematic',
			image: 'https://example.com/start.jpg',
			last_image: 'https://example.com/end.jpg',
			options: { seconds: 10, motion_vector: { x: 0, y: 0.4, z: 0, r: -6, bg_x_pan: 0, bg_y_pan: 0 } },
		});
	});
});

describe('Get Task', () => {
	async function createTask(prompt) {
		await runNode({ parameters: imageToVideo(), items: prompts(prompt), credentials });
		const task = sim.tasksWithPrompt(prompt)[0];
		sim.requests.length = 0;
		return task;
	}

	test('official route: GET /runwayml/v1/tasks/{id}, plain shape', async () => {
		const task = await createTask('official plain');
		const result = await runNode({ parameters: getTask(), items: [{ json: { taskId: task.id } }], credentials });
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0]).toMatchObject({ method: 'GET', path: `/runwayml/v1/tasks/${task.id}` });
		expect(sim.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(sim.requests[0].headers['x-runway-version']).toBe('2024-11-06');
		expect(result.items[0].json).toMatchObject({ taskId: task.id, route: 'official', status: 'PENDING', rawStatus: 'PENDING', polls: 1 });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('official route answering the wrapped envelope', async () => {
		sim.configure({ officialShape: 'wrapped' });
		try {
			const task = await createTask('official wrapped');
			const result = await runNode({ parameters: getTask(), items: [{ json: { taskId: task.id } }], credentials });
			expect(result.items[0].json).toMatchObject({ taskId: task.id, status: 'PENDING', rawStatus: 'QUEUED', progress: 0 });
			expect(result.items[0].json.response).toMatchObject({ code: 'success', data: { task_id: task.id } });
		} finally {
			sim.configure({ officialShape: 'plain' });
		}
	});

	test('feed route: POST /runway/feed {task_id}, legacy numeric shape', async () => {
		sim.configure({ feedShape: 'legacy' });
		try {
			const task = await createTask('feed legacy');
			const result = await runNode({
				parameters: getTask({ taskRoute: 'feed' }),
				items: [{ json: { taskId: task.id } }],
				credentials,
			});
			expect(sim.requests[0]).toMatchObject({ method: 'POST', path: '/runway/feed', body: { task_id: task.id } });
			expect(sim.requests[0].headers['x-runway-version']).toBe('2024-11-06');
			expect(result.items[0].json).toMatchObject({ taskId: task.id, route: 'feed', status: 'PENDING', rawStatus: '0' });
		} finally {
			sim.configure({ feedShape: 'wrapped' });
		}
	});

	test('an id the API does not know is an error naming it, never a pending item', async () => {
		const result = await runNode({ parameters: getTask(), items: [{ json: { taskId: 'not-yet-visible' } }], credentials });
		expect(result.items).toEqual([]);
		expect(result.error.message).toBe('Task not-yet-visible was not found at CometAPI');
		expect(result.error.description).toMatch(/created seconds ago may not be visible yet/);
	});
});

describe('API errors', () => {
	test('a wrong key: NodeApiError with the API message and HTTP 401, never the key', async () => {
		const result = await runNode({
			parameters: imageToVideo(),
			items: prompts('x'),
			credentials: { apiKey: 'wrong-key-123', baseUrl: sim.baseUrl },
		});
		expect(result.items).toEqual([]);
		expect(result.error.name).toBe('NodeApiError');
		expect(result.error.message).toBe('CometAPI refused the task with HTTP 401: Invalid token (request id: sim-401)');
		expect(result.error.description).toMatch(/Check the API key/);
		expect(String(result.error.httpCode)).toBe('401');
		expect(JSON.stringify(result.error)).not.toContain('wrong-key-123');
		expect(sim.createRequests()).toHaveLength(1);
	});

	test('a 400 with the error envelope carries error.message', async () => {
		sim.fault('createOfficial', {
			status: 400,
			body: { error: { message: 'ratio 1280:720 is not supported (request id: 77)', type: 'comet_api_error', code: 'invalid_request' } },
		});
		const result = await runNode({ parameters: imageToVideo(), items: prompts('x'), credentials });
		expect(result.error.message).toBe('CometAPI refused the task with HTTP 400: ratio 1280:720 is not supported (request id: 77)');
		expect(String(result.error.httpCode)).toBe('400');
	});

	test('a compat business refusal on HTTP 200 carries msg', async () => {
		sim.fault('createPro', { status: 200, body: { code: 'callback_url_empty', msg: 'callback_url_empty', data: null } });
		const result = await runNode({ parameters: generate(), items: prompts('x'), credentials });
		expect(result.error.message).toBe('CometAPI refused the task: callback_url_empty');
	});

	test('a status request error names the task id and carries message', async () => {
		sim.fault('task', { status: 403, body: { code: 'forbidden', message: 'model access denied', data: null } });
		const result = await runNode({ parameters: getTask(), items: [{ json: { taskId: 'abc-123' } }], credentials });
		expect(result.error.message).toBe('Task abc-123: Status request failed with HTTP 403: model access denied');
		expect(String(result.error.httpCode)).toBe('403');
	});

	test('Continue On Fail: the failing item becomes an error item paired to it; the others go on', async () => {
		sim.fault('createOfficial', { status: 400, body: { error: { message: 'promptImage unreachable', code: 'invalid_request' } } });
		const result = await runNode({
			parameters: imageToVideo(),
			items: prompts('first', 'second', 'third'),
			credentials,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const failed = result.items.filter((i) => i.json.error);
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toBe('CometAPI refused the task with HTTP 400: promptImage unreachable');
		const ok = result.items.filter((i) => !i.json.error);
		expect(ok.map((i) => i.json.status)).toEqual(['PENDING', 'PENDING']);
		expect(sim.createRequests()).toHaveLength(3);
	});
});

describe('Get Task times', () => {
	test('submittedAt and finishedAt come from the times the API gives for a task made elsewhere', async () => {
		sim.configure({ feedShape: 'legacy' });
		try {
			const task = sim.addTask('createPro', { prompt: 'timed [sim duration=0]' });
			task.createdAt = Date.parse('2026-11-01T10:00:00.000Z');
			const result = await runNode({ parameters: getTask({ taskRoute: 'feed' }), items: [{ json: { taskId: task.id } }], credentials });
			expect(result.items[0].json.status).toBe('SUCCEEDED');
			expect(result.items[0].json.submittedAt).toBe('2026-11-01T10:00:00.000Z');
			expect(Date.parse(result.items[0].json.finishedAt)).toBeGreaterThanOrEqual(task.createdAt);
		} finally {
			sim.configure({ feedShape: 'wrapped' });
		}
	});
});
