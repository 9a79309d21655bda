'use strict';
/**
 * The bounded reader (helpers/boundedJson.ts), attacked with generated input: any JSON value,
 * nesting far past the limit, strings full of brackets, quotes and escapes, random bytes,
 * truncated JSON, byte order marks and sizes around the limit. It never throws, judges depth
 * exactly, and returns either a value within the limits, text that is not JSON, or "unreadable".
 */
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const fc = require('fast-check');
const { boundedJson } = require('../support/dist');

const { readJsonText, jsonBoundsProblem, JSON_LIMITS } = boundedJson;
const MAX = JSON_LIMITS.maxDepth;
const RUNS = 300;

/** Nesting of a parsed value, measured without recursion (the oracle). */
function depthOf(value) {
	let deepest = 0;
	const stack = [[value, 0]];
	while (stack.length) {
		const [current, depth] = stack.pop();
		if (typeof current !== 'object' || current === null) continue;
		deepest = Math.max(deepest, depth + 1);
		for (const child of Object.values(current)) stack.push([child, depth + 1]);
	}
	return deepest;
}

/** `depth` containers, arrays or objects as `kinds` says, around `inner`, built without recursion. */
function nested(depth, kinds, inner) {
	let value = inner;
	for (let i = 0; i < depth; i++) value = kinds[i % kinds.length] ? [value] : { k: value };
	return value;
}

const VERDICTS = ['json', 'text', 'unreadable'];
const hostileString = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a', '\u2028') });

/** Never throws, and whatever it returns is one of the three verdicts, within the limits. */
function checkVerdict(text, limits = JSON_LIMITS) {
	const read = readJsonText(text, limits);
	expect(VERDICTS).toContain(read.kind);
	if (read.kind === 'json') expect(depthOf(read.value)).toBeLessThanOrEqual(limits.maxDepth);
	if (read.kind === 'unreadable') expect(read.why).toMatch(/nested more than|larger than/);
	return read;
}

test('any JSON value within the depth limit reads back as itself', () => {
	fc.assert(
		fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
			const text = JSON.stringify(value);
			const read = checkVerdict(text);
			expect(read).toEqual({ kind: 'json', value: JSON.parse(text) });
		}),
		{ numRuns: RUNS },
	);
});

test('nesting is judged exactly: deeper than the limit is unreadable, never parsed, strings never counted', () => {
	fc.assert(
		fc.property(
			fc.integer({ min: 0, max: 3 * MAX }),
			fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
			hostileString,
			(depth, kinds, inner) => {
				const value = nested(depth, kinds, inner);
				const read = checkVerdict(JSON.stringify(value));
				if (depth > MAX) expect(read.kind).toBe('unreadable');
				else expect(read).toEqual({ kind: 'json', value });
				expect(jsonBoundsProblem(value) === undefined).toBe(depth <= MAX);
			},
		),
		{ numRuns: RUNS },
	);
});

test('very deep bodies (up to 200,000 levels) are refused as text and as parsed values', () => {
	fc.assert(
		fc.property(fc.integer({ min: MAX + 1, max: 200_000 }), fc.boolean(), (depth, arrays) => {
			const open = arrays ? '[' : '{"a":';
			const close = arrays ? ']' : '}';
			expect(checkVerdict(open.repeat(depth) + close.repeat(depth)).kind).toBe('unreadable');
			expect(jsonBoundsProblem(nested(depth, [arrays], 1))).toMatch(/nested more than 64/);
		}),
		{ numRuns: 40 },
	);
});

test('random bytes, truncated JSON and byte order marks: never a throw, only the three verdicts', () => {
	const truncated = fc
		.tuple(fc.jsonValue({ maxDepth: 6 }), fc.nat())
		.map(([value, cut]) => {
			const text = JSON.stringify(value);
			return text.slice(0, cut % (text.length + 1));
		});
	const bytes = fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b).toString('utf8'));
	const deepPrefix = fc.integer({ min: 0, max: 2 * MAX }).map((n) => '['.repeat(n));
	fc.assert(
		fc.property(fc.oneof(truncated, bytes, deepPrefix, hostileString), fc.boolean(), (text, bom) => {
			checkVerdict(bom ? `\uFEFF${text}` : text);
		}),
		{ numRuns: RUNS },
	);
});

test('a byte order mark before JSON is skipped', () => {
	fc.assert(
		fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
			const text = JSON.stringify(value);
			expect(readJsonText(`\uFEFF${text}`)).toEqual({ kind: 'json', value: JSON.parse(text) });
		}),
		{ numRuns: RUNS },
	);
});

test('sizes around the limit: larger is unreadable, the rest is read', () => {
	const limits = { maxDepth: MAX, maxSize: 1000 };
	fc.assert(
		fc.property(fc.integer({ min: 990, max: 1010 }), (length) => {
			const text = JSON.stringify('x'.repeat(length - 2));
			const read = checkVerdict(text, limits);
			expect(read.kind).toBe(length > 1000 ? 'unreadable' : 'json');
			expect(jsonBoundsProblem(JSON.parse(text), limits) === undefined).toBe(length <= 1000);
		}),
		{ numRuns: 60 },
	);
});

test('inside a 512 KB stack, a 200,000-deep body is judged without a stack overflow', async () => {
	const file = path.join(__dirname, '..', '..', 'dist', 'nodes', 'CometApiRunway', 'helpers', 'boundedJson.js');
	const source = `
		const { parentPort, workerData } = require('node:worker_threads');
		const { readJsonText, jsonBoundsProblem } = require(workerData.file);
		const depth = 200000;
		let value = 1;
		for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { k: value };
		const text = '['.repeat(depth) + ']'.repeat(depth);
		parentPort.postMessage({ text: readJsonText(text).kind, parsed: jsonBoundsProblem(value) });
	`;
	const worker = new Worker(source, { eval: true, workerData: { file }, resourceLimits: { stackSizeMb: 0.5 } });
	const answer = await new Promise((resolve, reject) => {
		worker.once('message', resolve);
		worker.once('error', reject);
	});
	await worker.terminate();
	expect(answer).toEqual({ text: 'unreadable', parsed: expect.stringMatching(/nested more than 64/) });
});

test('a document followed by more (a second document, garbage) is text, with that document as `leading`', () => {
	const document = fc.oneof(fc.array(fc.jsonValue({ maxDepth: 3 })), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })));
	const more = fc.constantFrom('{"id":"decoy"}', '[1]', '\n<!-- served by relay -->', ' trailing words', '}');
	fc.assert(
		fc.property(document, more, fc.boolean(), (value, after, bom) => {
			const text = `${JSON.stringify(value)}${after}`;
			const read = checkVerdict(`${bom ? '\uFEFF' : ''}  ${text}\n`);
			expect(read).toEqual({ kind: 'text', text, leading: JSON.parse(JSON.stringify(value)) });
		}),
		{ numRuns: RUNS },
	);
});
