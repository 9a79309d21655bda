'use strict';
/**
 * The redactor, attacked with generated keys and answers: whatever the key (any length, any
 * characters) and however an answer echoes it (any case, URL-encoded, base64 of the key or of
 * `Bearer <key>` at any offset, in keys, arrays, deep nesting, split over two fields), no form of
 * it survives. Seeds are printed on failure (fast-check's report).
 */
const fc = require('fast-check');
const { redact } = require('../support/dist');

const NUM_RUNS = 200;
const FRAGMENT = 8;

/** Lower case that keeps every index, as the redactor folds. */
const fold = (text) => [...text].map((c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');
const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text) => b64(text).replace(/\+/g, '-').replace(/\//g, '_');

const longKey = fc.string({ unit: fc.oneof(fc.constant('-'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom(...'abcdefXYZ0123456789_')), minLength: FRAGMENT, maxLength: 48 }).filter((key) => key.trim().length >= FRAGMENT && key.trim() === key);
const shortKey = fc.stringMatching(/^[A-Za-z0-9_-]{1,7}$/);
/** Text around an echo: words that hold none of the key's letters. */
const filler = fc.stringMatching(/^[ .:;,=/"'()\[\]{}]{0,12}$/);
const mixCase = (key, flips) => [...key].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c.toLowerCase())).join('');

/** Base64 of `secret` inside a longer encoded text that starts `offset` bytes before it. */
const embeddedBase64 = (secret, prefix, suffix, url) => (url ? b64url : b64)(prefix + secret + suffix);

/** Searches `text` for the key: as it is in any case, URL-encoded, and inside any base64 run. */
function leaks(text, key) {
	const found = [];
	const lower = fold(text);
	for (const form of [key, encodeURIComponent(key)]) if (lower.includes(fold(form))) found.push(form);
	const keyBytes = Buffer.from(key, 'utf8');
	for (const run of text.match(/[A-Za-z0-9+/_-]{4,}/g) ?? []) {
		for (let shift = 0; shift < 4; shift++) {
			const decoded = Buffer.from(run.slice(shift).replace(/-/g, '+').replace(/_/g, '/'), 'base64');
			if (decoded.indexOf(keyBytes) !== -1) found.push(`base64 ${run}`);
		}
	}
	return found;
}

/** Any run of FRAGMENT characters of the key, in any case. */
function fragmentIn(text, key) {
	const lower = fold(text);
	const folded = fold(key);
	for (let i = 0; i + FRAGMENT <= folded.length; i++) if (lower.includes(folded.slice(i, i + FRAGMENT))) return folded.slice(i, i + FRAGMENT);
	return null;
}

/** An answer that echoes the key in every way at once, nested `depth` deep. */
function hostileAnswer(key, { pre, post, flips, prefix, suffix, depth, split }) {
	let nested = { leaf: `${pre}${key}${post}` };
	for (let i = 0; i < depth; i++) nested = { [`level${i}`]: [nested] };
	return {
		message: `${pre}${mixCase(key, flips)}${post}`,
		upper: key.toUpperCase(),
		lower: key.toLowerCase(),
		url: `https://x.test/?key=${encodeURIComponent(key)}&auth=${encodeURIComponent(`Bearer ${key}`)}`,
		basic: embeddedBase64(key, prefix, suffix, false),
		bearer: embeddedBase64(`Bearer ${key}`, prefix, suffix, false),
		bearerUrl: embeddedBase64(`Bearer ${key}`, prefix, suffix, true),
		headers: { authorization: `Bearer ${key}`, [`x-${key}`]: 'echoed as a header name' },
		list: [pre, key, [post, `${key}${key}`]],
		taskId: `task-${key}`,
		nested,
		first: `${pre}${key.slice(0, split)}`,
		second: `${key.slice(split)}${post}`,
	};
}

const context = (keyArb) =>
	keyArb.chain((key) =>
		fc.record({
			key: fc.constant(key),
			pre: filler,
			post: filler,
			flips: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
			prefix: fc.string({ maxLength: 5 }),
			suffix: fc.string({ maxLength: 5 }),
			depth: fc.integer({ min: 0, max: 200 }),
			split: fc.integer({ min: 0, max: key.length }),
		}),
	);

test('a key of 8 characters or more: no form of it survives, in any field', () => {
	fc.assert(
		fc.property(context(longKey), ({ key, ...shape }) => {
			const redactor = redact.createRedactor([key]);
			const out = redactor.json(hostileAnswer(key, shape));
			const text = JSON.stringify(out);
			expect(leaks(text, key)).toEqual([]);
			// Split over two fields: neither keeps FRAGMENT characters of it.
			expect([fragmentIn(out.first, key), fragmentIn(out.second, key)]).toEqual([null, null]);
			expect(leaks(redactor.text(`Authorization: Bearer ${key}`), key)).toEqual([]);
		}),
		{ numRuns: NUM_RUNS },
	);
});

test('a short key: redacted wherever it stands as a token, in any case and encoding', () => {
	fc.assert(
		fc.property(context(shortKey), ({ key, pre, post, flips }) => {
			const redactor = redact.createRedactor([key]);
			const tokens = [key, mixCase(key, flips), key.toUpperCase(), encodeURIComponent(key), b64(key), b64(key).replace(/=+$/, '')];
			const answer = {
				message: tokens.map((token) => `${pre} ${token} ${post}`).join(' | '),
				header: `Authorization: Bearer ${key}`,
				bearer64: b64(`Bearer ${key}`),
				taskId: key,
				[key]: 'a key named by the key',
			};
			const text = JSON.stringify(redactor.json(answer));
			const asToken = new RegExp(`(^|[^A-Za-z0-9])(${tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})([^A-Za-z0-9]|$)`, 'i');
			expect(text.match(asToken)).toBeNull();
			// A few base64 characters decode to a short key by chance; `Bearer <key>` does not.
			expect(leaks(text, `Bearer ${key}`)).toEqual([]);
		}),
		{ numRuns: NUM_RUNS },
	);
});

test('a short key inside a longer word is left alone: messages stay readable', () => {
	const redactor = redact.createRedactor(['abc']);
	expect(redactor.text('the fabric of Abc, abc. ABC')).toBe('the fabric of [redacted], [redacted]. [redacted]');
});

test('nesting 100,000 deep is redacted without overflowing the stack', () => {
	const key = 'sk-deep-0123456789';
	let out = createDeep(key);
	out = redact.createRedactor([key]).json(out);
	expect(JSON.stringify(flatten(out))).not.toContain(key);
	function createDeep(secret) {
		let value = secret;
		for (let i = 0; i < 100_000; i++) value = { a: value };
		return value;
	}
	function flatten(value) {
		while (value && typeof value === 'object') value = value.a;
		return value;
	}
});
