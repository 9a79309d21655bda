'use strict';
/**
 * The writer of a create's JSON bytes (helpers/jsonBytes.ts), attacked with generated bodies: any
 * JSON value with files of any size (0, 1, 2 bytes past a multiple of 3, across encoding steps)
 * anywhere in it, keys and strings of any Unicode, undefined values. Its bytes are exactly the
 * text `JSON.stringify` gives for the same body with each file as its data URI.
 */
const fc = require('fast-check');
const { jsonBytes } = require('../support/dist');

const { DataUriFile } = jsonBytes;
const RUNS = 200;
const STEP = 3 * 16 * 1024;

/** File sizes around the edges: empty, the base64 remainders, and either side of an encoding step. */
const fileSize = fc.oneof(
	fc.integer({ min: 0, max: 64 }),
	fc.constantFrom(STEP - 1, STEP, STEP + 1, 2 * STEP + 2),
	fc.integer({ min: 0, max: 4 * STEP }),
);
const file = fc
	.tuple(fc.constantFrom('video/mp4', 'video/webm', 'image/png'), fileSize, fc.integer())
	.map(([type, size, seed]) => {
		const bytes = Buffer.alloc(size);
		for (let i = 0; i < size; i++) bytes[i] = (seed + i * 131 + (i >> 7)) & 0xff;
		return new DataUriFile(type, bytes);
	});

const text = fc.string({ unit: 'grapheme' });
const body = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc.oneof(text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
		file,
		fc.array(tie('value'), { maxLength: 4 }),
		fc.dictionary(text, tie('value'), { maxKeys: 4 }),
	),
})).value;

/** The same body with each file as its data URI string, for `JSON.stringify` (the oracle). */
function withUris(value) {
	if (value instanceof DataUriFile) {
		return `data:${value.type};base64,${Buffer.from(value.bytes).toString('base64')}`;
	}
	if (Array.isArray(value)) return value.map(withUris);
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, withUris(entry)]));
}

test('the bytes are exactly JSON.stringify of the body with its data URIs', () => {
	fc.assert(
		fc.property(body, (value) => {
			const expected = JSON.stringify(withUris(value)) ?? 'null';
			expect(jsonBytes.jsonBytes(value).toString('utf8')).toBe(expected);
		}),
		{ numRuns: RUNS },
	);
});

test('a data URI inside is the file byte for byte', () => {
	fc.assert(
		fc.property(file, fc.array(text, { maxLength: 3 }), (one, around) => {
			const sent = JSON.parse(jsonBytes.jsonBytes({ before: around, uri: one, after: around }).toString('utf8'));
			const [prefix, encoded] = sent.uri.split(',');
			expect(prefix).toBe(`data:${one.type};base64`);
			expect(Buffer.from(encoded, 'base64').equals(Buffer.from(one.bytes))).toBe(true);
		}),
		{ numRuns: RUNS },
	);
});
