import type { TaskStatus } from './interfaces';

/** Every default and limit of the node, written once. Facts: cometapi-runway-api.md §3, §5, §10. */

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

/** Runway's input rules (§10.2): URLs and data URIs. */
export const MEDIA = {
	urlMaxLength: 2048,
	/** Runway's SDK caps every data URI at 5 MB as sent, videos included. */
	dataUriMaxChars: 5 * 1024 * 1024,
} as const;
