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
 *
 * A compatibility-route task created with a `callback_url` (other than the documented placeholder,
 * which is never called) is POSTed the documented flat body (§7) when it ends; `sim.callbacks`
 * lists every callback sent. Faults, by option `callbackMode` or per task by directive:
 *   "[sim callback=none]"    the callback never comes
 *   "[sim callback=twice]"   it comes twice (callbackRepeatMs apart)
 *   "[sim callback=forged]"  its video_url points elsewhere (/cdn/forged/…, real video bytes)
 *   "[sim callbackLead=1500]" it comes this long before the feed route shows the end
 */
const http = require('node:http');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/** A real MP4 (H.264, 640×360, 2 s); CONTRIBUTING.md says how it was made. */
const SAMPLE_VIDEO = path.join(__dirname, '..', 'fixtures', 'sample.mp4');
let sampleBytes;
/** The bytes of the sample clip, as the CDN serves them. */
function sampleVideoBytes() {
	sampleBytes ??= fs.readFileSync(SAMPLE_VIDEO);
	return sampleBytes;
}

const images = require('../support/images');

/** A real picture (160×90 gradient, made by `images.gradientPng()`): what a person sees for an image task. */
const SAMPLE_IMAGE = path.join(__dirname, '..', 'fixtures', 'sample.png');
let sampleImage;
function sampleImageBytes() {
	sampleImage ??= fs.readFileSync(SAMPLE_IMAGE);
	return sampleImage;
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
	/** Callbacks of compatibility-route tasks: 'once', 'none', 'twice' or 'forged'. */
	callbackMode: 'once',
	/** With 'twice', the second callback comes this long after the first. */
	callbackRepeatMs: 500,
	/** A callback comes this long before the feed route shows the task's end. */
	callbackLeadMs: 0,
	/** How long a callback POST may take. */
	callbackTimeoutMs: 10_000,
	/**
	 * Create paths answered as a route that is no longer served, by style: 'json404' (CometAPI's
	 * "Invalid URL" 404), 'html404' (a gateway's HTML 404 page), 'gone' (Runway's 410) or
	 * 'unsupported' (a 400 naming the model as unsupported).
	 */
	retiredRoutes: {},
	/** Official routes report Runway's cost in credits (`estimatedCost`, then `cost`). */
	reportCost: true,
	/** Credits a second of video costs (Runway's figure, not CometAPI's price). */
	creditsPerSecond: 12,
	/** What an official video task's `output` holds: 'mp4', 'prores' or 'png_sequence' (`outputFormat` in the body wins). */
	outputFormat: 'mp4',
	/** Model IDs refused on every official create route, as a 400 naming the model unsupported. */
	retiredModels: [],
};

/** CometAPI's documented placeholder callback URL: never called. */
const PLACEHOLDER_CALLBACK_URL = 'https://example.com/webhook';

const ROUTES = {
	'POST /runway/feed': 'feed',
	'GET /v1/models': 'models',
};

const invalidWhen = (test, message) => (body) => (test(body) ? message : undefined);

/** A media input as Runway fetches it: an https URL, or a data URI of the kind. */
const isMediaRef = (value, kind) =>
	typeof value === 'string' && (/^https:\/\//i.test(value) || value.startsWith(`data:${kind}/`));

const mediaRefusal = (field, value, kind) =>
	isMediaRef(value, kind) ? undefined : `${field} must be an https URL or a data:${kind}/ URI`;

/** `options` of /runway/pro/video2video: seconds 5 or 10, structure_transformation 0–1, flip boolean. */
function restyleOptionsRefusal(options) {
	if (options === undefined) return undefined;
	if (typeof options !== 'object' || options === null) return 'options must be an object';
	if (options.seconds !== undefined && ![5, 10].includes(options.seconds)) return 'options.seconds must be 5 or 10';
	const structure = options.structure_transformation;
	if (structure !== undefined && (typeof structure !== 'number' || structure < 0 || structure > 1)) {
		return 'options.structure_transformation must be a number from 0 to 1';
	}
	if (options.flip !== undefined && typeof options.flip !== 'boolean') return 'options.flip must be true or false';
	return undefined;
}

const TEXT_TO_IMAGE_RATIOS = [
	'1920:1080', '1080:1920', '1024:1024', '1360:768', '1080:1080', '1168:880', '1440:1080', '1080:1440',
	'1808:768', '2112:912', '1280:720', '720:1280', '720:720', '960:720', '720:960', '1680:720',
];

/**
 * What CometAPI and Runway refuse on /runwayml/v1/text_to_image (cometapi-runway-api.md §3.1):
 * no reference image is CometAPI's own `reference_images_empty`; the rest are Runway's rules.
 */
function textToImageRefusal(body) {
	const refs = body.referenceImages;
	if (refs === undefined || (Array.isArray(refs) && refs.length === 0)) {
		return { code: 'reference_images_empty', message: 'reference_images_empty' };
	}
	if (!Array.isArray(refs) || refs.length > 3) return 'referenceImages must be an array of 1 to 3 items';
	for (const [i, ref] of refs.entries()) {
		if (typeof ref?.uri !== 'string' || !/^(https:\/\/|data:image\/(png|jpeg|webp);base64,)/.test(ref.uri)) {
			return `referenceImages[${i}].uri must be an https URL or an image data URI`;
		}
		if (ref.tag !== undefined && !/^[A-Za-z][A-Za-z0-9_]{2,15}$/.test(ref.tag)) {
			return `referenceImages[${i}].tag must be 3 to 16 letters, digits or underscores, starting with a letter`;
		}
	}
	if (String(body.promptText).length > 1000) return 'promptText must be at most 1000 characters';
	if (['gen4_image', 'gen4_image_turbo'].includes(body.model) && !TEXT_TO_IMAGE_RATIOS.includes(body.ratio)) {
		return `ratio ${body.ratio} is not supported by ${body.model}`;
	}
	if (body.seed !== undefined && !(Number.isInteger(body.seed) && body.seed >= 0 && body.seed <= 4294967295)) {
		return 'seed must be an integer from 0 to 4294967295';
	}
	return undefined;
}

/** The first refusal among `checks`. */
const allOf = (...checks) => (body) => checks.map((check) => check(body)).find(Boolean);

const RUNWAY_SEED_MAX = 4294967295;
const isMediaUri = (kind) => (value) =>
	typeof value === 'string' && (value.startsWith('https://') || value.startsWith(`data:${kind}/`));

const promptAtMost = (max) =>
	invalidWhen((b) => typeof b.promptText === 'string' && b.promptText.length > max, `promptText must be at most ${max} characters`);
/** The ratios `model` takes; other models' ratios are the upstream's business. */
const ratioIn = (model, ratios) =>
	invalidWhen(
		(b) => b.model === model && b.ratio !== undefined && !ratios.includes(b.ratio),
		`ratio must be one of ${ratios.join(', ')} for ${model}`,
	);
const runwaySeed = invalidWhen(
	(b) => b.seed !== undefined && !(Number.isInteger(b.seed) && b.seed >= 0 && b.seed <= RUNWAY_SEED_MAX),
	`seed must be an integer from 0 to ${RUNWAY_SEED_MAX}`,
);
const moderation = invalidWhen(
	(b) => b.contentModeration !== undefined && !['auto', 'low'].includes(b.contentModeration?.publicFigureThreshold),
	'contentModeration.publicFigureThreshold must be auto or low',
);
const mediaField = (field, kind) => invalidWhen((b) => !isMediaUri(kind)(b[field]), `${field} must be an https URL or a data:${kind}/ URI`);
/** `{type, uri}` of one of `types`, its URI of that kind. */
const typedMedia = (field, types) =>
	invalidWhen(
		(b) => !types.includes(b[field]?.type) || !isMediaUri(b[field].type)(b[field].uri),
		`${field} must be {type: ${types.join(' | ')}, uri} with an https URL or a data URI of that type`,
	);

const VIDEO_TO_VIDEO_RATIOS = ['1280:720', '720:1280', '1104:832', '960:960', '832:1104', '1584:672', '848:480', '640:480'];
const ALEPH2_ASPECT_RATIOS = ['16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '21:9'];
const ACT_TWO_RATIOS = ['1280:720', '720:1280', '960:960', '1104:832', '832:1104', '1584:672'];

/**
 * Every create route CometAPI documents for Runway: the family that answers it (official routes
 * answer `{id}` and are read on /runwayml/v1/tasks; compatibility routes answer `{code, data}` and
 * are read on /runway/feed), what its task makes, the fields it requires, and its own checks.
 */
const CREATE_ROUTES = {
	'/runwayml/v1/image_to_video': {
		route: 'createOfficial',
		action: 'IMAGE_TO_VIDEO',
		output: 'video',
		required: ['promptImage', 'model'],
		// gen4.5 requires a prompt of at most 1,000 characters (§13).
		check: allOf(
			invalidWhen((b) => b.model === 'gen4.5' && !b.promptText, 'promptText is required for gen4.5'),
			invalidWhen(
				(b) => typeof b.promptText === 'string' && b.promptText.length > (b.model === 'gen4.5' ? 1000 : 512),
				'promptText is too long',
			),
			invalidWhen(
				(b) => (b.negativePrompt !== undefined || b.audio !== undefined) && !['veo3.1', 'veo3.1_fast'].includes(b.model),
				'negativePrompt and audio are for veo3.1 and veo3.1_fast',
			),
			invalidWhen((b) => b.audio !== undefined && typeof b.audio !== 'boolean', 'audio must be a boolean'),
		),
	},
	'/runwayml/v1/text_to_image': {
		route: 'createOfficial',
		action: 'TEXT_TO_IMAGE',
		output: 'image',
		required: ['promptText', 'model', 'ratio'],
		check: textToImageRefusal,
	},
	'/runwayml/v1/video_to_video': {
		route: 'createOfficial',
		action: 'VIDEO_TO_VIDEO',
		output: 'video',
		required: ['videoUri', 'model'],
		check: allOf(
			mediaField('videoUri', 'video'),
			// gen4_aleph requires promptText and ratio (§3.2); aleph2 takes neither ratio nor references (§13).
			invalidWhen((b) => b.model === 'gen4_aleph' && (!b.promptText || !b.ratio), 'promptText and ratio are required for gen4_aleph'),
			invalidWhen((b) => b.model === 'aleph2' && (b.ratio !== undefined || b.references !== undefined), 'aleph2 takes no ratio or references'),
			invalidWhen(
				(b) => b.targetAspectRatio !== undefined && !ALEPH2_ASPECT_RATIOS.includes(b.targetAspectRatio),
				`targetAspectRatio must be one of ${ALEPH2_ASPECT_RATIOS.join(', ')}`,
			),
			invalidWhen(
				(b) =>
					b.keyframes !== undefined &&
					(!Array.isArray(b.keyframes) ||
						b.keyframes.length > 5 ||
						b.keyframes.some((k) => typeof k?.seconds !== 'number' || k.seconds < 0 || !isMediaUri('image')(k.uri))),
				'keyframes must be at most 5 items {seconds, uri}',
			),
			promptAtMost(1000),
			ratioIn('gen4_aleph', VIDEO_TO_VIDEO_RATIOS),
			runwaySeed,
			moderation,
			invalidWhen(
				(b) => b.references !== undefined && (!Array.isArray(b.references) || b.references.length > 1),
				'references must be an array of at most 1 item',
			),
			invalidWhen(
				(b) => (b.references ?? []).some((r) => r?.type !== 'image' || !isMediaUri('image')(r.uri)),
				'references items must be {type: "image", uri}',
			),
		),
	},
	'/runwayml/v1/video_upscale': {
		route: 'createOfficial',
		action: 'VIDEO_UPSCALE',
		output: 'video',
		required: ['videoUri', 'model'],
		check: mediaField('videoUri', 'video'),
	},
	'/runwayml/v1/character_performance': {
		route: 'createOfficial',
		action: 'CHARACTER_PERFORMANCE',
		output: 'video',
		required: ['character', 'reference', 'model', 'ratio'],
		check: allOf(
			typedMedia('character', ['image', 'video']),
			typedMedia('reference', ['video']),
			ratioIn('act_two', ACT_TWO_RATIOS),
			invalidWhen(
				(b) => b.expressionIntensity !== undefined && !(Number.isInteger(b.expressionIntensity) && b.expressionIntensity >= 1 && b.expressionIntensity <= 5),
				'expressionIntensity must be an integer from 1 to 5',
			),
			invalidWhen((b) => b.bodyControl !== undefined && typeof b.bodyControl !== 'boolean', 'bodyControl must be a boolean'),
			runwaySeed,
			moderation,
		),
	},
	'/runway/pro/generate': { route: 'createPro', action: 'GENERATE', output: 'video', required: ['prompt'] },
	'/runway/pro/video2video': {
		route: 'createPro',
		action: 'VIDEO2VIDEO',
		output: 'video',
		required: ['video', 'prompt', 'model'],
		check: (body) => mediaRefusal('video', body.video, 'video') ?? restyleOptionsRefusal(body.options),
	},
	'/runway/pro/act_one': {
		route: 'createPro',
		action: 'ACT_ONE',
		output: 'video',
		required: ['video', 'image'],
		check: (body) => mediaRefusal('video', body.video, 'video') ?? mediaRefusal('image', body.image, 'image'),
	},
};

/** The path a task added without one is taken to have come from. */
const DEFAULT_CREATE_PATH = { createOfficial: '/runwayml/v1/image_to_video', createPro: '/runway/pro/generate' };

function routeOf(method, path) {
	if (method === 'POST' && CREATE_ROUTES[path]) return CREATE_ROUTES[path].route;
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

const artifacts = require('../support/artifacts');

/** gen4.5's output formats as several files (cometapi-runway-api.md §13), by file name. */
const ARTIFACTS = {
	prores: ['video.mov'],
	png_sequence: ['frames.zip', 'audio.wav'],
};
const ARTIFACT_BYTES = {
	'video.mov': () => ({ type: 'video/quicktime', bytes: artifacts.mov() }),
	'frames.zip': () => ({ type: 'application/zip', bytes: artifacts.zip() }),
	'audio.wav': (task) => ({ type: 'audio/wav', bytes: artifacts.wav(task.wavSeconds) }),
};

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

const IMAGE_FORMATS = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

class Simulator {
	constructor(options) {
		this.options = { ...DEFAULTS, ...options };
		this.apiKey = this.options.apiKey;
		this.requests = [];
		this.tasks = new Map();
		this.faults = [];
		/** Every callback sent: { taskId, url, mode, body, sentAt, status, error, answeredAt }. */
		this.callbacks = [];
		this.timers = new Set();
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
	 *
	 * More kinds, for hostile conditions: 'hang' (never answers), 'hold' (a create is taken at
	 * once, its answer sent after holdMs, or never without it), 'raw' (status, headers and body
	 * exactly as given; with `accept: true` a create is taken first and a function body gets
	 * `(record, task)`), 'drip' (headers and `head` bytes, then one byte every everyMs),
	 * 'stall' (headers and `head` bytes, then nothing), 'huge' (a JSON body of `bytes`, streamed
	 * as the client reads; `fault.sent` and `fault.finished` tell how far it got, and
	 * `contentLength: false` sends it chunked). `body` may be a function of the request record
	 * and, with `accept: true` on a create route, of the task taken. `when(record, sim)` limits a
	 * fault to matching requests; it is asked once the request body has been read.
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
		this.clearTimers();
		this.callbacks.length = 0;
		this.requests.length = 0;
		this.tasks.clear();
		this.faults.length = 0;
		this.maxInFlight = this.inFlight;
	}

	async close() {
		this.clearTimers();
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(resolve));
	}

	takeFault(route, taskId, record) {
		const fault = this.faults.find(
			(f) =>
				f.times > 0 &&
				(f.route === route || f.route === '*') &&
				(f.taskId === undefined || f.taskId === taskId) &&
				(f.when === undefined ? record === undefined : record !== undefined && f.when(record, this)),
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
		if (!fault) fault = this.takeFault(route, record.taskId, record);
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
				return this.createOfficial(record, res);
			case 'createPro':
				return this.createPro(record, res);
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
					this.addTask(record.route, record.body, record.path);
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
			case 'hang':
				return true;
			case 'hold': {
				const task = this.acceptCreate(record);
				if (fault.holdMs === undefined) return true;
				await new Promise((resolve) => setTimeout(resolve, fault.holdMs));
				if (res.destroyed || req.socket.destroyed) return true;
				if (task) this.json(res, 200, { id: task.id });
				return !!task;
			}
			case 'raw': {
				const task = fault.accept ? this.acceptCreate(record) : undefined;
				res.writeHead(fault.status ?? 200, fault.headers ?? {});
				res.end((typeof fault.body === 'function' ? fault.body(record, task) : fault.body) ?? '');
				return true;
			}
			case 'drip':
			case 'stall':
				this.trickle(fault, res);
				return true;
			case 'huge':
				this.huge(fault, res);
				return true;
			default: {
				const task = fault.accept ? this.acceptCreate(record) : undefined;
				const body = typeof fault.body === 'function' ? fault.body(record, task) : fault.body;
				this.json(res, fault.status ?? 500, body ?? { error: { message: 'simulated failure', type: 'comet_api_error', code: '' } }, fault.headers);
				return true;
			}
		}
	}

	/** Takes the task of a create request, as the API would before it answers. */
	acceptCreate(record) {
		if (record.route !== 'createOfficial' && record.route !== 'createPro') return undefined;
		return this.addTask(record.route, record.body, record.path);
	}

	/** Headers and the first bytes at once, then one byte every `everyMs` ('drip') or nothing ('stall'). */
	trickle(fault, res) {
		const head = fault.head ?? MP4_HEADER;
		res.writeHead(fault.status ?? 200, {
			'content-type': 'video/mp4',
			'content-length': fault.bytes ?? 64 * 1024,
			...fault.headers,
		});
		res.write(head);
		if (fault.kind === 'stall') return;
		let sent = head.length;
		const timer = setInterval(() => {
			if (res.destroyed || sent >= (fault.bytes ?? 64 * 1024)) return clearInterval(timer);
			res.write(Buffer.from([0]));
			sent++;
		}, fault.everyMs ?? 1000);
		res.on('close', () => clearInterval(timer));
	}

	/** A JSON status body of `bytes`, written only as fast as the client reads it. */
	huge(fault, res) {
		const total = fault.bytes;
		const start = Buffer.from(`{"id":"${fault.id ?? crypto.randomUUID()}","status":"RUNNING","pad":"`);
		const end = Buffer.from('"}');
		const block = Buffer.alloc(256 * 1024, 0x61);
		fault.sent = 0;
		fault.finished = false;
		fault.closedEarly = false;
		res.writeHead(fault.status ?? 200, {
			'content-type': 'application/json',
			...(fault.contentLength === false ? {} : { 'content-length': total }),
		});
		res.on('close', () => {
			if (!fault.finished) fault.closedEarly = true;
		});
		const write = (chunk) => {
			fault.sent += chunk.length;
			return res.write(chunk);
		};
		write(start);
		const pump = () => {
			while (!res.destroyed) {
				const left = total - fault.sent - end.length;
				if (left <= 0) {
					write(end);
					return res.end(() => (fault.finished = true));
				}
				if (!write(left >= block.length ? block : block.subarray(0, left))) return res.once('drain', pump);
			}
		};
		pump();
	}

	json(res, status, body, headers = {}) {
		const text = JSON.stringify(body);
		res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
		res.end(text);
	}

	invalid(res, message, code = 'invalid_request') {
		return this.json(res, 400, {
			error: { message: `${message} (request id: sim-400)`, type: 'comet_api_error', param: '', code },
		});
	}

	addTask(route, body, path = DEFAULT_CREATE_PATH[route]) {
		const prompt = String(body?.promptText ?? body?.prompt ?? '');
		const d = directivesOf(prompt);
		const o = this.options;
		const id = crypto.randomUUID();
		const { action, output } = CREATE_ROUTES[path];
		const task = {
			id,
			route,
			path,
			action,
			output,
			prompt,
			body,
			createdAt: Date.now(),
			durationMs: d.duration ?? o.taskDurationMs,
			throttledMs: d.throttled ?? o.throttledMs,
			pendingMs: d.pending ?? o.pendingMs,
			notExistMs: d.notExist ?? o.notExistMs,
			/** The first this many polls answer task_not_exist however late they come (`[sim notExistPolls=2]`). */
			notExistPolls: d.notExistPolls ?? 0,
			outcome: d.outcome ?? o.outcome,
			failureCode: d.failureCode ?? o.failureCode,
			noUrlForMs: d.noUrlFor ?? o.noUrlForMs,
			video: d.video ?? o.video,
			videoBytes: d.videoBytes ?? o.videoBytes,
			shape: d.shape,
			expired: d.expired === 1 || d.expired === true,
			callbackMode: d.callback ?? o.callbackMode,
			callbackLeadMs: d.callbackLead ?? o.callbackLeadMs,
			/** What an image task's result holds: `png` (default), `jpeg` or `webp` (`[sim image=jpeg]`). */
			imageType: d.image ?? 'png',
			/** The files of a video task: one MP4, or gen4.5's other formats (`[sim format=prores]`). */
			outputFormat: d.format ?? body?.outputFormat ?? o.outputFormat,
			/** Length of a PNG sequence's sound track (`[sim wavSeconds=70]`), for size limits. */
			wavSeconds: d.wavSeconds,
			/** Runway's estimate in credits; null where the route does not report cost. */
			credits: route === 'createOfficial' && o.reportCost ? o.creditsPerSecond * (Number(body?.duration) || 5) : null,
		};
		this.tasks.set(id, task);
		if (route === 'createPro') this.scheduleCallback(task);
		return task;
	}

	clearTimers() {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	later(ms, fn) {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			fn();
		}, ms);
		this.timers.add(timer);
	}

	/** The documented flat callback body (§7) of a task as it ends; `overrides` forge it. */
	callbackBody(task, overrides = {}) {
		const failed = task.outcome !== 'SUCCEEDED';
		const urls = this.urlsOf(task);
		return {
			task_id: task.id,
			status: failed ? '2' : '3',
			prompt: task.prompt,
			prompt_en: task.prompt,
			video_url: failed ? null : urls.result,
			poster: failed ? null : urls.poster,
			last_frame: failed ? null : urls.lastFrame,
			msg: failed ? (task.outcome === 'CANCELLED' ? 'cancelled' : 'The generation failed.') : null,
			point: '320',
			refund: failed ? '1' : '0',
			create_time: String(Math.floor(task.createdAt / 1000)),
			update_time: String(Math.floor(this.finishTimeOf(task.id) / 1000)),
			...overrides,
		};
	}

	/** A URL serving real video bytes that are not the task's: what a forged callback points at. */
	forgedUrlOf(task) {
		return `${this.baseUrl}/cdn/forged/${task.id}.mp4`;
	}

	/** POSTs the callback of a compatibility-route task when it ends, as its mode says. */
	scheduleCallback(task) {
		const url = task.body?.callback_url;
		if (typeof url !== 'string' || url === PLACEHOLDER_CALLBACK_URL || !/^https?:\/\//i.test(url)) return;
		if (task.callbackMode === 'none') return;
		const endsInMs = task.throttledMs + task.durationMs + task.noUrlForMs;
		this.later(Math.max(0, endsInMs - task.callbackLeadMs) + 5, () => {
			void this.sendCallback(task, url);
			if (task.callbackMode === 'twice') this.later(this.options.callbackRepeatMs, () => void this.sendCallback(task, url));
		});
	}

	async sendCallback(task, url) {
		const forged = task.callbackMode === 'forged' ? { video_url: this.forgedUrlOf(task) } : {};
		const body = this.callbackBody(task, forged);
		const record = { taskId: task.id, url, mode: task.callbackMode, body, sentAt: Date.now(), status: null, error: null, answeredAt: null };
		this.callbacks.push(record);
		try {
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
				signal: AbortSignal.timeout(this.options.callbackTimeoutMs),
			});
			record.status = res.status;
			await res.arrayBuffer();
		} catch (error) {
			record.error = error.message;
		}
		record.answeredAt = Date.now();
	}

	/** Resolves once `count` callbacks have been answered (or failed), or rejects after `timeoutMs`. */
	async waitForCallbacks(count, timeoutMs = 30_000) {
		const deadline = Date.now() + timeoutMs;
		while (this.callbacks.filter((c) => c.answeredAt !== null).length < count) {
			if (Date.now() > deadline) throw new Error(`${this.callbacks.length} of ${count} callbacks after ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
		return this.callbacks;
	}

	/** The refusal of a create body that lacks a required field or fails its route's check. */
	refusalOf(record) {
		const { body, path } = record;
		if (!body || typeof body !== 'object') return 'request body must be JSON';
		const spec = CREATE_ROUTES[path];
		const missing = spec.required.find((field) => body[field] === undefined || body[field] === '');
		if (missing) return `${missing} is required`;
		return spec.check?.(body);
	}

	createOfficial(record, res) {
		const retired = this.options.retiredRoutes[record.path];
		if (retired) return this.answerRetired(record, retired, res);
		if (this.options.retiredModels.includes(record.body?.model)) return this.answerRetired(record, 'unsupported', res);
		const refusal = this.refusalOf(record);
		// A route's check may name CometAPI's own error code: `{ code, message }`.
		if (refusal?.code) return this.invalid(res, refusal.message, refusal.code);
		if (refusal) return this.invalid(res, refusal);
		const task = this.addTask('createOfficial', record.body, record.path);
		return this.json(res, 200, { id: task.id, ...(task.credits === null ? {} : { estimatedCost: { credits: task.credits } }) });
	}

	/** A create on a route that is no longer served, answered in one of the ways that can look. */
	answerRetired(record, style, res) {
		switch (style) {
			case 'html404':
				res.writeHead(404, { 'content-type': 'text/html' });
				return res.end('<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>');
			case 'gone':
				return this.json(res, 410, { error: `The ${record.path.split('/').pop()} endpoint has been sunset.` });
			case 'unsupported':
				return this.json(res, 400, {
					error: { message: `model ${record.body?.model} is not supported (request id: sim-400)`, type: 'comet_api_error', param: '', code: 'invalid_request' },
				});
			default:
				return this.json(res, 404, {
					error: { message: `Invalid URL (POST ${record.path})`, type: 'invalid_request_error', param: '', code: '' },
				});
		}
	}

	createPro(record, res) {
		if (record.body && typeof record.body === 'object' && !record.body.callback_url) {
			return this.json(res, 200, { code: 'callback_url_empty', msg: 'callback_url_empty', data: null });
		}
		const refusal = this.refusalOf(record);
		if (refusal) return this.json(res, 200, { code: 400, msg: refusal, data: null });
		const task = this.addTask('createPro', record.body, record.path);
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

	/** What a task was charged in the end: its estimate, or 0 when it did not succeed (refunded). */
	chargedFor(task) {
		return task.outcome === 'SUCCEEDED' ? task.credits : 0;
	}

	/** The official output URLs of a task: its result, or every artifact of a gen4.5 format. */
	outputUrlsOf(task) {
		const files = task.output === 'video' ? ARTIFACTS[task.outputFormat] : undefined;
		if (!files) return [this.urlsOf(task).result];
		return files.map((name) => `${this.baseUrl}/cdn/artifacts/${task.id}/${name}`);
	}

	/** `result` is what the task made: its video, or its image for an image task. */
	urlsOf(task) {
		const video = `${this.baseUrl}/cdn/videos/${task.id}.mp4`;
		return {
			result: task.output === 'image' ? `${this.baseUrl}/cdn/images/${task.id}.png` : video,
			video,
			poster: `${this.baseUrl}/cdn/posters/${task.id}.png`,
			lastFrame: `${this.baseUrl}/cdn/frames/${task.id}.png`,
		};
	}

	answerStatus(taskId, shape, res) {
		const task = this.tasks.get(taskId);
		const now = Date.now();
		if (!task || now - task.createdAt < task.notExistMs || task.notExistPolls-- > 0) return this.notExist(res);
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
		if (state.status === 'SUCCEEDED' && state.urlsVisible) body.output = this.outputUrlsOf(task);
		if (state.status === 'FAILED') {
			body.failure = 'The generation failed.';
			if (task.failureCode) body.failureCode = task.failureCode;
		}
		if (task.credits !== null) {
			if (state.finishedAt) body.cost = { credits: this.chargedFor(task) };
			else body.estimatedCost = { credits: task.credits };
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
			action: task.action,
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
		if (state.status === 'SUCCEEDED' && state.urlsVisible) data.result_url = this.urlsOf(task).result;
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
				video_url: done ? urls.result : null,
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
		const artifact = path.match(/^\/cdn\/artifacts\/([^/]+)\/([^/]+)$/);
		if (artifact && this.tasks.has(artifact[1]) && ARTIFACT_BYTES[artifact[2]]) {
			const { type, bytes } = ARTIFACT_BYTES[artifact[2]](this.tasks.get(artifact[1]));
			res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
			return res.end(bytes);
		}
		const match = path.match(/^\/cdn\/(videos|images|posters|frames|forged)\/([^/]+)\.(mp4|png)$/);
		const task = match && this.tasks.get(match[2]);
		if (!task) {
			res.writeHead(404, { 'content-type': 'application/xml' });
			return res.end('<Error><Code>NoSuchKey</Code></Error>');
		}
		if (task.expired) {
			res.writeHead(this.options.expiredStatus, { 'content-type': 'application/xml' });
			return res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
		}
		if (match[1] !== 'videos' && match[1] !== 'forged') {
			// A real 8×8 PNG: image tasks' results are stored only when their bytes are an image.
			// An image task's result may be another format under the same .png path: its bytes decide.
			const format = match[1] === 'images' && IMAGE_FORMATS[task.imageType] ? task.imageType : 'png';
			const still =
				task.video === 'sample' && match[1] === 'images' && format === 'png' ? sampleImageBytes() : images[format]();
			res.writeHead(200, { 'content-type': IMAGE_FORMATS[format], 'content-length': still.length });
			return res.end(still);
		}
		if (task.video === 'sample') {
			const bytes = sampleVideoBytes();
			res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': bytes.length });
			return res.end(bytes);
		}
		const total = task.videoBytes;
		// A forged callback's URL serves real video bytes, only not the task's.
		const bytesOf = match[1] === 'forged' ? `forged:${task.id}` : task.id;
		res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': total });
		let offset = 0;
		const CHUNK = 256 * 1024;
		const pump = () => {
			while (offset < total) {
				const length = Math.min(CHUNK, total - offset);
				const ok = res.write(videoChunk(bytesOf, offset, length));
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

/** A simulator not listening yet: `await sim.listen()` starts it (as `startSimulator` does). */
function createSimulator(options = {}) {
	return new Simulator(options);
}

/**
 * A base URL where every connection is refused. Port 1 is never handed out as a free port, so,
 * unlike a closed simulator's port, no other test's server can take it over while a run retries.
 */
const REFUSING_BASE_URL = 'http://127.0.0.1:1';

module.exports = {
	startSimulator,
	createSimulator,
	expectedVideoBytes,
	sampleVideoBytes,
	sampleImageBytes,
	SAMPLE_VIDEO,
	directivesOf,
	DEFAULTS,
	PLACEHOLDER_CALLBACK_URL,
	REFUSING_BASE_URL,
};
