'use strict';
/**
 * A CometAPI simulator: a real HTTP server on 127.0.0.1 that follows the documented Runway routes
 * of CometAPI, every documented response shape included, plus a CDN path serving the videos.
 * Shared by the tests, the benchmark and the demo.
 *
 * Videos come in two kinds (option `video`, or `[sim video=…]` per task):
 *   'patterned'  (default) `videoBytes` bytes derived from the task id, after an MP4 `ftyp` box:
 *                any size, byte-exact checks with expectedVideoBytes(); not playable
 *   'sample'     test/fixtures/sample.mp4, a real 2-second H.264 clip that players play
 *                (what the demo, `npm start` and the browser suite serve)
 *
 *   const sim = await startSimulator({ taskDurationMs: 2000 });
 *   sim.baseUrl              // http://127.0.0.1:PORT, the credential's Base URL
 *   sim.requests             // every request: { method, path, route, headers, body, at }
 *   sim.maxInFlight          // the most API requests answered at once
 *   sim.fault('task', { status: 429, headers: { 'retry-after': '1' }, times: 2 });
 *   await sim.close();
 *
 * Per-task behaviour can also come from the prompt, so it works from inside a real n8n workflow:
 *   "a cat [sim duration=2000 outcome=FAILED failureCode=SAFETY.INPUT.TEXT]"
 */
const http = require('node:http');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/** A real MP4 (H.264, 640×360, 2 s); README says how it was made. */
const SAMPLE_VIDEO = path.join(__dirname, '..', 'fixtures', 'sample.mp4');
let sampleBytes;
/** The bytes of the sample clip, as the CDN serves them. */
function sampleVideoBytes() {
	sampleBytes ??= fs.readFileSync(SAMPLE_VIDEO);
	return sampleBytes;
}

const DEFAULTS = {
	apiKey: 'test-api-key',
	host: '127.0.0.1',
	port: 0,
	/** Time from creation to the end state. */
	taskDurationMs: 3000,
	/** Time spent THROTTLED before PENDING. */
	throttledMs: 0,
	/** Time spent PENDING before RUNNING (capped by the duration). */
	pendingMs: 300,
	/** Polls this soon after creation answer task_not_exist. */
	notExistMs: 0,
	/** How task_not_exist is answered: 'http400' (flat envelope), 'http200', or 'errorEnvelope'. */
	notExistStyle: 'http400',
	outcome: 'SUCCEEDED',
	failureCode: null,
	/** Answer shape of GET /runwayml/v1/tasks/{id}: 'plain' or 'wrapped'. */
	officialShape: 'plain',
	/** Answer shape of POST /runway/feed: 'wrapped', 'legacy' or 'echo'. */
	feedShape: 'wrapped',
	/** A succeeded task shows no URL for this long after it ends (wrapped SUCCESS before URL). */
	noUrlForMs: 0,
	/** 'patterned' (fake MP4 bytes of `videoBytes`) or 'sample' (the real clip in test/fixtures). */
	video: 'patterned',
	/** Size of each patterned video. */
	videoBytes: 64 * 1024,
	/** Added to every API answer, e.g. to see how many requests are in flight. */
	latencyMs: 0,
	/** HTTP status of the CDN for an expired video. */
	expiredStatus: 410,
};

const ROUTES = {
	'POST /runwayml/v1/image_to_video': 'createOfficial',
	'POST /runway/pro/generate': 'createPro',
	'POST /runway/feed': 'feed',
	'GET /v1/models': 'models',
};

function routeOf(method, path) {
	if (ROUTES[`${method} ${path}`]) return ROUTES[`${method} ${path}`];
	if (method === 'GET' && /^\/runwayml\/v1\/tasks\/[^/]+$/.test(path)) return 'task';
	if (method === 'GET' && path.startsWith('/cdn/')) return 'cdn';
	return 'unknown';
}

/** Reads `[sim key=value …]` from a prompt. */
function directivesOf(text) {
	const match = typeof text === 'string' ? text.match(/\[sim ([^\]]*)\]/) : null;
	if (!match) return {};
	const result = {};
	for (const pair of match[1].trim().split(/\s+/)) {
		const [key, value] = pair.split('=');
		if (key) result[key] = value === undefined ? true : /^\d+$/.test(value) ? Number(value) : value;
	}
	return result;
}

const MP4_HEADER = Buffer.from([
	0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0, 0x69, 0x73, 0x6f, 0x6d,
	0x6d, 0x70, 0x34, 0x31,
]);
const PATTERN_BYTES = 64 * 1024;
const patterns = new Map();

/** A 64 KiB block derived from the task id; the video repeats it after an ftyp box. */
function patternOf(taskId) {
	let pattern = patterns.get(taskId);
	if (!pattern) {
		pattern = Buffer.alloc(PATTERN_BYTES);
		let block = crypto.createHash('sha256').update(taskId).digest();
		for (let i = 0; i < PATTERN_BYTES; i += block.length) {
			block.copy(pattern, i);
			block = crypto.createHash('sha256').update(block).digest();
		}
		MP4_HEADER.copy(pattern, 0);
		patterns.set(taskId, pattern);
	}
	return pattern;
}

/** Deterministic MP4-looking bytes of one task, from `offset`. */
function videoChunk(taskId, offset, length) {
	const pattern = patternOf(taskId);
	const chunk = Buffer.alloc(length);
	for (let written = 0; written < length; ) {
		const at = (offset + written) % PATTERN_BYTES;
		written += pattern.copy(chunk, written, at, Math.min(PATTERN_BYTES, at + length - written));
	}
	return chunk;
}

const isoNow = (ms) => new Date(ms).toISOString();

class Simulator {
	constructor(options) {
		this.options = { ...DEFAULTS, ...options };
		this.apiKey = this.options.apiKey;
		this.requests = [];
		this.tasks = new Map();
		this.faults = [];
		/** API requests being answered right now, and the most at once (the CDN is not counted). */
		this.inFlight = 0;
		this.maxInFlight = 0;
		this.sockets = new Set();
		this.server = http.createServer((req, res) => this.handle(req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	async listen() {
		await new Promise((resolve) => this.server.listen(this.options.port, this.options.host, resolve));
		const { port } = this.server.address();
		this.port = port;
		this.baseUrl = `http://${this.options.host}:${port}`;
		return this;
	}

	/** Changes defaults for tasks created from now on. */
	configure(options) {
		Object.assign(this.options, options);
		return this;
	}

	/**
	 * Queues a scripted fault for a route ('createOfficial', 'createPro', 'task', 'feed', 'cdn',
	 * 'models' or '*'). Kinds: 'status' (default: status, headers, body), 'html' (status 200 or
	 * 301), 'malformed', 'resetBeforeBody', 'resetAfterBody' (with `accept: true` a create is
	 * taken first), 'delay' (delayMs, then normal handling). `times` (default 1) and an optional
	 * `taskId` limit it.
	 */
	fault(route, spec) {
		this.faults.push({ route, kind: 'status', times: 1, ...spec });
		return this;
	}

	createRequests() {
		return this.requests.filter((r) => r.route === 'createOfficial' || r.route === 'createPro');
	}

	statusRequests(taskId) {
		return this.requests.filter(
			(r) =>
				(r.route === 'task' || r.route === 'feed') &&
				(taskId === undefined || r.taskId === taskId),
		);
	}

	cdnRequests() {
		return this.requests.filter((r) => r.route === 'cdn');
	}

	/** Task ids created from a prompt containing `text`. */
	tasksWithPrompt(text) {
		return [...this.tasks.values()].filter((t) => t.prompt.includes(text));
	}

	expire(taskId) {
		this.tasks.get(taskId).expired = true;
	}

	reset() {
		this.requests.length = 0;
		this.tasks.clear();
		this.faults.length = 0;
		this.maxInFlight = this.inFlight;
	}

	async close() {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(resolve));
	}

	takeFault(route, taskId) {
		const fault = this.faults.find(
			(f) =>
				f.times > 0 &&
				(f.route === route || f.route === '*') &&
				(f.taskId === undefined || f.taskId === taskId),
		);
		if (fault) fault.times--;
		return fault;
	}

	async handle(req, res) {
		const url = new URL(req.url, 'http://sim');
		const route = routeOf(req.method, url.pathname);
		const record = {
			method: req.method,
			path: url.pathname,
			route,
			headers: { ...req.headers },
			body: undefined,
			at: Date.now(),
			taskId: route === 'task' ? decodeURIComponent(url.pathname.split('/').pop()) : undefined,
		};
		this.requests.push(record);
		if (route !== 'cdn') {
			this.inFlight++;
			this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
			let counted = true;
			const done = () => {
				if (counted) this.inFlight--;
				counted = false;
			};
			res.on('close', done);
			res.on('finish', done);
		}

		const early = this.takeFault(route, record.taskId);
		if (early && early.kind === 'resetBeforeBody') {
			req.socket.destroy();
			return;
		}
		const raw = await new Promise((resolve) => {
			const chunks = [];
			req.on('data', (c) => chunks.push(c));
			req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
			req.on('error', () => resolve(''));
		});
		try {
			record.body = raw ? JSON.parse(raw) : undefined;
		} catch {
			record.body = raw;
		}
		if (route === 'feed' && record.body && typeof record.body === 'object') {
			record.taskId = record.body.task_id;
		}
		let fault = early;
		if (!fault && record.taskId !== undefined) fault = this.takeFault(route, record.taskId);
		if (fault && (await this.applyFault(fault, req, res, record))) return;

		if (route === 'cdn') return this.serveCdn(url.pathname, res);
		if (this.options.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
		if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
			return this.json(res, 401, {
				error: { message: 'Invalid token (request id: sim-401)', type: 'comet_api_error', code: '' },
			});
		}
		switch (route) {
			case 'models':
				return this.json(res, 200, {
					object: 'list',
					data: ['gen4_turbo', 'gen3a_turbo', 'gen4'].map((id) => ({ id, object: 'model' })),
				});
			case 'createOfficial':
				return this.createOfficial(record.body, res);
			case 'createPro':
				return this.createPro(record.body, res);
			case 'task':
				return this.answerStatus(record.taskId, this.shapeFor('official', record.taskId), res);
			case 'feed':
				return this.answerStatus(record.body?.task_id, this.shapeFor('feed', record.body?.task_id), res);
			default:
				res.writeHead(404, { 'content-type': 'text/html' });
				return res.end('<html><body>404 page not found</body></html>');
		}
	}

	async applyFault(fault, req, res, record) {
		switch (fault.kind) {
			case 'resetAfterBody':
				if (fault.accept && (record.route === 'createOfficial' || record.route === 'createPro')) {
					this.addTask(record.route, record.body);
				}
				req.socket.destroy();
				return true;
			case 'delay':
				await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
				return res.destroyed || req.socket.destroyed;
			case 'html':
				res.writeHead(fault.status ?? 200, {
					'content-type': 'text/html',
					...(fault.status === 301 ? { location: 'https://www.cometapi.com/' } : {}),
				});
				res.end('<!DOCTYPE html><html><head><title>CometAPI</title></head><body>Welcome</body></html>');
				return true;
			case 'malformed':
				res.writeHead(fault.status ?? 200, { 'content-type': 'application/json' });
				res.end('{"id": "4f1c2a, "status": ');
				return true;
			default:
				this.json(res, fault.status ?? 500, fault.body ?? { error: { message: 'simulated failure', type: 'comet_api_error', code: '' } }, fault.headers);
				return true;
		}
	}

	json(res, status, body, headers = {}) {
		const text = JSON.stringify(body);
		res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
		res.end(text);
	}

	invalid(res, message) {
		return this.json(res, 400, {
			error: { message: `${message} (request id: sim-400)`, type: 'comet_api_error', param: '', code: 'invalid_request' },
		});
	}

	addTask(route, body) {
		const prompt = String(body?.promptText ?? body?.prompt ?? '');
		const d = directivesOf(prompt);
		const o = this.options;
		const id = crypto.randomUUID();
		const task = {
			id,
			route,
			prompt,
			body,
			createdAt: Date.now(),
			durationMs: d.duration ?? o.taskDurationMs,
			throttledMs: d.throttled ?? o.throttledMs,
			pendingMs: d.pending ?? o.pendingMs,
			notExistMs: d.notExist ?? o.notExistMs,
			outcome: d.outcome ?? o.outcome,
			failureCode: d.failureCode ?? o.failureCode,
			noUrlForMs: d.noUrlFor ?? o.noUrlForMs,
			video: d.video ?? o.video,
			videoBytes: d.videoBytes ?? o.videoBytes,
			shape: d.shape,
			expired: d.expired === 1 || d.expired === true,
		};
		this.tasks.set(id, task);
		return task;
	}

	createOfficial(body, res) {
		if (!body || typeof body !== 'object') return this.invalid(res, 'request body must be JSON');
		if (!body.promptImage) return this.invalid(res, 'promptImage is required');
		if (!body.model) return this.invalid(res, 'model name is required');
		if (typeof body.promptText === 'string' && body.promptText.length > 512) {
			return this.invalid(res, 'promptText must be at most 512 characters');
		}
		const task = this.addTask('createOfficial', body);
		return this.json(res, 200, { id: task.id });
	}

	createPro(body, res) {
		if (!body || typeof body !== 'object') return this.invalid(res, 'request body must be JSON');
		if (!body.callback_url) {
			return this.json(res, 200, { code: 'callback_url_empty', msg: 'callback_url_empty', data: null });
		}
		if (!body.prompt) return this.json(res, 200, { code: 400, msg: 'prompt is required', data: null });
		const task = this.addTask('createPro', body);
		return this.json(res, 200, { code: 200, message: '', msg: 'success', data: { task_id: task.id }, exec_time: 0.42 });
	}

	shapeFor(route, taskId) {
		const task = this.tasks.get(taskId);
		if (task?.shape) return task.shape;
		return route === 'official' ? this.options.officialShape : this.options.feedShape;
	}

	/** Where a task is in its life at `now`. */
	stateOf(task, now = Date.now()) {
		const age = now - task.createdAt;
		const endsAt = task.throttledMs + task.durationMs;
		if (age < task.throttledMs) return { status: 'THROTTLED', progress: null };
		if (age < endsAt) {
			const runningFrom = task.throttledMs + Math.min(task.pendingMs, task.durationMs / 2);
			if (age < runningFrom) return { status: 'PENDING', progress: null };
			return { status: 'RUNNING', progress: Math.min(0.99, (age - runningFrom) / (endsAt - runningFrom)) };
		}
		const urlsVisible = age >= endsAt + task.noUrlForMs;
		return { status: task.outcome, progress: 1, finishedAt: task.createdAt + endsAt, urlsVisible };
	}

	/** The moment a task reaches its end state, for detection-delay measurements. */
	finishTimeOf(taskId) {
		const task = this.tasks.get(taskId);
		return task.createdAt + task.throttledMs + task.durationMs + task.noUrlForMs;
	}

	urlsOf(task) {
		return {
			video: `${this.baseUrl}/cdn/videos/${task.id}.mp4`,
			poster: `${this.baseUrl}/cdn/posters/${task.id}.png`,
			lastFrame: `${this.baseUrl}/cdn/frames/${task.id}.png`,
		};
	}

	answerStatus(taskId, shape, res) {
		const task = this.tasks.get(taskId);
		const now = Date.now();
		if (!task || now - task.createdAt < task.notExistMs) return this.notExist(res);
		const state = this.stateOf(task, now);
		const plain = this.plainTask(task, state);
		if (shape === 'wrapped') return this.json(res, 200, this.wrapped(task, state, plain));
		if (shape === 'legacy') return this.json(res, 200, this.legacy(task, state));
		if (shape === 'echo') return this.json(res, 200, { task_id: task.id });
		return this.json(res, 200, plain);
	}

	notExist(res) {
		switch (this.options.notExistStyle) {
			case 'http200':
				return this.json(res, 200, { code: 'task_not_exist', message: 'task_not_exist', data: null });
			case 'errorEnvelope':
				return this.json(res, 400, { error: { message: 'task_not_exist', type: 'comet_api_error', code: 'task_not_exist' } });
			default:
				return this.json(res, 400, { code: 'task_not_exist', message: 'task_not_exist', data: null });
		}
	}

	plainTask(task, state) {
		const body = { id: task.id, status: state.status, createdAt: isoNow(task.createdAt) };
		if (state.status === 'RUNNING') body.progress = Math.round(state.progress * 100) / 100;
		if (state.status === 'SUCCEEDED' && state.urlsVisible) body.output = [this.urlsOf(task).video];
		if (state.status === 'FAILED') {
			body.failure = 'The generation failed.';
			if (task.failureCode) body.failureCode = task.failureCode;
		}
		return body;
	}

	wrapped(task, state, plain) {
		const statusWord = {
			THROTTLED: 'QUEUED',
			PENDING: 'QUEUED',
			RUNNING: 'IN_PROGRESS',
			SUCCEEDED: 'SUCCESS',
			FAILED: 'FAILURE',
			CANCELLED: 'FAILURE',
		}[state.status];
		const seconds = (ms) => Math.floor(ms / 1000);
		const data = {
			task_id: task.id,
			action: task.route === 'createPro' ? 'GENERATE' : 'IMAGE_TO_VIDEO',
			status: statusWord,
			fail_reason: state.status === 'FAILED' ? 'The generation failed.' : state.status === 'CANCELLED' ? 'cancelled' : '',
			submit_time: seconds(task.createdAt),
			start_time: state.status === 'RUNNING' || state.finishedAt ? seconds(task.createdAt + task.throttledMs) : 0,
			finish_time: state.finishedAt ? seconds(state.finishedAt) : 0,
			progress: `${Math.round((state.progress ?? 0) * 100)}%`,
			data: plain,
		};
		// The relay's own status can run ahead of the nested task: SUCCESS with no URL yet.
		if (state.status === 'SUCCEEDED' && !state.urlsVisible) data.data = { ...plain, status: 'RUNNING' };
		if (state.status === 'SUCCEEDED' && state.urlsVisible) data.result_url = this.urlsOf(task).video;
		return { code: 'success', message: '', data };
	}

	legacy(task, state) {
		const code = { THROTTLED: '0', PENDING: '0', RUNNING: '1', SUCCEEDED: '3', FAILED: '2', CANCELLED: '2' }[state.status];
		const urls = this.urlsOf(task);
		const done = state.status === 'SUCCEEDED' && state.urlsVisible;
		return {
			code: 200,
			msg: '成功',
			data: {
				task_id: task.id,
				state: { '0': '', '1': 'running', '2': 'failed', '3': 'succeeded' }[code],
				status: code,
				prompt: task.prompt,
				prompt_en: task.prompt,
				video_url: done ? urls.video : null,
				poster: done ? urls.poster : null,
				last_frame: done ? urls.lastFrame : null,
				msg: code === '2' ? (state.status === 'CANCELLED' ? 'cancelled' : 'The generation failed.') : null,
				point: '320',
				refund: code === '2' ? '1' : '0',
				create_time: String(Math.floor(task.createdAt / 1000)),
				update_time: String(Math.floor(Date.now() / 1000)),
			},
			exec_time: 0,
		};
	}

	serveCdn(path, res) {
		const match = path.match(/^\/cdn\/(videos|posters|frames)\/([^/]+)\.(mp4|png)$/);
		const task = match && this.tasks.get(match[2]);
		if (!task) {
			res.writeHead(404, { 'content-type': 'application/xml' });
			return res.end('<Error><Code>NoSuchKey</Code></Error>');
		}
		if (task.expired) {
			res.writeHead(this.options.expiredStatus, { 'content-type': 'application/xml' });
			return res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
		}
		if (match[1] !== 'videos') {
			res.writeHead(200, { 'content-type': 'image/png' });
			return res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		}
		if (task.video === 'sample') {
			const bytes = sampleVideoBytes();
			res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': bytes.length });
			return res.end(bytes);
		}
		const total = task.videoBytes;
		res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': total });
		let offset = 0;
		const CHUNK = 256 * 1024;
		const pump = () => {
			while (offset < total) {
				const length = Math.min(CHUNK, total - offset);
				const ok = res.write(videoChunk(task.id, offset, length));
				offset += length;
				if (!ok) return res.once('drain', pump);
			}
			res.end();
		};
		pump();
	}
}

/** The exact bytes the CDN serves for a task's patterned video, for comparing downloads. */
function expectedVideoBytes(taskId, size) {
	return videoChunk(taskId, 0, size);
}

async function startSimulator(options = {}) {
	return await new Simulator(options).listen();
}

module.exports = { startSimulator, expectedVideoBytes, sampleVideoBytes, SAMPLE_VIDEO, directivesOf, DEFAULTS };
