import type { TaskStatus } from './interfaces';

/** Every default and limit of the node, written once. Facts: cometapi-runway-api.md §3, §5, §10. */

export const DEFAULT_RUNWAY_VERSION = '2024-11-06';

/** The compatibility routes refuse a request without a callback URL; this is their documented placeholder. */
export const PLACEHOLDER_CALLBACK_URL = 'https://example.com/webhook';

export const TERMINAL_STATUSES: readonly TaskStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/** Waiting defaults and the bounds each wait option is checked against. */
export const WAIT = {
	pollInterval: { default: 6, min: 2, max: 3600 },
	timeout: { default: 600, min: 1, max: 86_400 },
	requestTimeout: { default: 60, min: 1, max: 600 },
	maxConcurrentRequests: { default: 5, min: 1, max: 50 },
	maxConcurrentDownloads: { default: 2, min: 1, max: 20 },
	/** MB; the default is n8n's own per-file limit in database mode (N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE). */
	maxOutputSize: { default: 512, min: 1, max: 10_240 },
	outputBinaryProperty: 'data',
} as const;

/** Poll pacing, after Runway's SDK (4.5–7.5 s between polls) and its 5 s update rate. */
export const POLL = {
	firstDelayMs: 5_000,
	/** How far below the interval a wait may be (0.15 → 85–100 % of it). */
	jitter: 0.15,
	/** `task_not_exist` this soon after a create means "not visible yet". */
	notVisibleGraceMs: 120_000,
	maxTransientFailures: 10,
	backoffBaseMs: 1_000,
	backoffCapMs: 30_000,
	/** A success without an output URL is polled this long before it counts as broken. */
	missingOutputGraceMs: 30_000,
	/** The longest `Retry-After` the node obeys. */
	retryAfterCapMs: 60_000,
} as const;

export const CREATE = {
	/** A create is sent again only when the API certainly did not take it (refused, 429, 503). */
	maxAttempts: 4,
	/** Its own pacing between attempts: 0.5–1 s, 1–2 s, 2–4 s (backoff with equal jitter). */
	backoffBaseMs: 1_000,
	backoffCapMs: 30_000,
	/** After a stop, creates already sent get this long to answer so their task IDs are kept. */
	stopGraceMs: 5_000,
	/** A create may take this many Request Timeouts in all (a status request takes one). */
	totalTimeoutFactor: 3,
} as const;

/** A broken download is tried again, after 0.5–1 s, then 1–2 s (backoff with equal jitter). */
export const DOWNLOAD = { maxAttempts: 3, backoffBaseMs: 1_000, backoffCapMs: 30_000 } as const;

/** Answers larger than this are not CometAPI's; the rest of the body is never read. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
/**
 * The deepest nesting of arrays and objects any JSON body may have. CometAPI's answers and
 * callbacks are under 10 levels deep; a deeper body is not theirs, and walking it could exhaust
 * the stack.
 */
export const MAX_JSON_DEPTH = 64;
/** The raw answer kept in an output item. */
export const MAX_RESPONSE_CHARS = 16 * 1024;

/** How long Runway's output URLs stay valid, as an agent tool's answer tells the agent. */
export const OUTPUT_URLS_EXPIRE = '24-48 hours';

/** An error message's length; an API's text beyond it stays in the item's `response`. */
export const MAX_MESSAGE_CHARS = 1_000;

export const PROMPT_MAX_UNITS = 512;
export const SEED_MAX = 999_999_999;
/** Runway's own seed range (Text to Image, Video to Video, Act-Two): an unsigned 32-bit integer. */
export const RUNWAY_SEED_MAX = 4_294_967_295;
export const MOTION_LIMIT = 10;
export const MOTION_AXES = ['x', 'y', 'z', 'r', 'bg_x_pan', 'bg_y_pan'] as const;
/** What each camera-motion axis does, as the form names it. */
export const MOTION_AXIS_NAMES: Record<(typeof MOTION_AXES)[number], string> = {
	x: 'Pan Horizontally (x)',
	y: 'Pan Vertically (y)',
	z: 'Zoom (z)',
	r: 'Roll (r)',
	bg_x_pan: 'Background Pan Horizontally (bg_x_pan)',
	bg_y_pan: 'Background Pan Vertically (bg_y_pan)',
};

/** Runway's input rules (§10.2): URLs and data URIs. */
export const MEDIA = {
	urlMaxLength: 2048,
	/** Runway's SDK caps every data URI at 5 MB as sent, videos included. */
	dataUriMaxChars: 5 * 1024 * 1024,
} as const;

/** Video lengths of the compatibility routes (Generate, Restyle Video), and their default. */
export const GENERATE_SECONDS = [5, 10] as const;
export const DEFAULT_GENERATE_SECONDS = 5;

/**
 * The models the compatibility routes (Generate, Restyle Video) document, the default first; the
 * routes take any other model ID too, typed in Custom Model ID or saved by hand.
 */
export const COMPATIBILITY_MODELS = ['gen4', 'gen4_turbo'] as const;
export const COMPATIBILITY_DEFAULT_MODEL = 'gen4';

/** The ratios Generate's route documents, the default first; it takes any other W:H too. */
export const COMPATIBILITY_RATIOS = ['1280:720', '720:1280', '16:9', '9:16', '1:1'] as const;
export const COMPATIBILITY_DEFAULT_RATIO = '1280:720';

/**
 * The ratios a known model of a route takes. The form's default is the route's default ratio when
 * the model takes it, else the model's first.
 */
export interface RatioLimits {
	ratios: readonly string[];
}

/** The value of the Model field that means "the ID is typed in Custom Model ID". */
export const CUSTOM_MODEL = 'custom';

/** The value of a Ratio field that means "the ratio is typed in Custom Ratio". */
export const CUSTOM_RATIO = 'custom';

/**
 * Restyle Video's `options.structure_transformation`: CometAPI documents a number, its example
 * 0.5 described as a moderate start, and no bounds; 0 keeps the source's structure, 1 the most
 * change.
 */
export const STRUCTURE_TRANSFORMATION = { min: 0, max: 1, default: 0.5 } as const;

const TEXT_TO_IMAGE_RATIOS = [
	'1920:1080',
	'1080:1920',
	'1024:1024',
	'1360:768',
	'1080:1080',
	'1168:880',
	'1440:1080',
	'1080:1440',
	'1808:768',
	'2112:912',
	'1280:720',
	'720:1280',
	'720:720',
	'960:720',
	'720:960',
	'1680:720',
];

/** Text to Image (§3.1): Runway's models and ratios, and CometAPI's need of reference images. */
export const TEXT_TO_IMAGE = {
	models: {
		gen4_image: { ratios: TEXT_TO_IMAGE_RATIOS },
		gen4_image_turbo: { ratios: TEXT_TO_IMAGE_RATIOS },
	} as Record<string, RatioLimits>,
	defaultModel: 'gen4_image',
	defaultRatio: '1280:720',
	promptMaxUnits: 1000,
	minReferences: 1,
	maxReferences: 3,
	/** A reference's tag: 3 to 16 letters, digits or underscores, a letter first; the prompt says `@tag`. */
	tagPattern: /^[A-Za-z][A-Za-z0-9_]{2,15}$/,
} as const;

/** Character Performance, Act-Two (§3.4). */
export const CHARACTER_PERFORMANCE = {
	defaultModel: 'act_two',
	defaultRatio: '1280:720',
	models: {
		act_two: { ratios: ['1280:720', '720:1280', '960:960', '1104:832', '832:1104', '1584:672'] },
	} as Record<string, RatioLimits>,
	expressionIntensities: [1, 2, 3, 4, 5],
	defaultExpressionIntensity: 3,
	/** The performance clip Runway takes, in seconds (not checked by the node). */
	referenceSeconds: { min: 3, max: 30 },
} as const;
