'use strict';
const { media, urls, jsonBytes, field } = require('../support/dist');
const images = require('../support/images');

const { validatePrompt } = field('prompt');
const { validateSeed } = field('seed');
const { validateSeconds } = field('seconds');
const { validateRatio } = field('ratio');
const { validateModel } = field('model');
const { validateTaskId } = field('taskIdField');
const { validateRunwayVersion } = field('runwayVersion');
const { validateMotionVector } = field('motionVector');

const refuses = (fn, field, pattern) => {
	let error;
	try {
		fn();
	} catch (e) {
		error = e;
	}
	expect(error).toBeDefined();
	expect(error.name).toBe('InputError');
	expect(error.field).toBe(field);
	expect(error.message).toMatch(pattern);
};

describe('URLs', () => {
	test('http and https URLs pass', () => {
		expect(urls.validateHttpUrl('Image URL', ' https://example.com/a.jpg ')).toBe('https://example.com/a.jpg');
		expect(urls.validateHttpUrl('Image URL', 'http://example.com/a.jpg')).toBe('http://example.com/a.jpg');
	});
	test.each([
		['', /Image URL is empty/],
		['   ', /Image URL is empty/],
		[undefined, /Image URL must be text/],
		['example.com/a.jpg', /not a valid URL/],
		['ftp://example.com/a.jpg', /must start with http:\/\/ or https:\/\//],
		['data:image/png;base64,AAAA', /must start with http:\/\/ or https:\/\//],
	])('%p is refused', (value, pattern) => refuses(() => urls.validateHttpUrl('Image URL', value), 'Image URL', pattern));
});

describe('prompt', () => {
	test('512 characters pass, 513 do not', () => {
		expect(validatePrompt('Prompt', 'a'.repeat(512), false)).toHaveLength(512);
		refuses(() => validatePrompt('Prompt', 'a'.repeat(513), false), 'Prompt', /513 characters long \(most emoji count as 2\); at most 512/);
	});
	test('optional prompt may be empty; required may not', () => {
		expect(validatePrompt('Prompt', '', false)).toBeUndefined();
		refuses(() => validatePrompt('Prompt', '  ', true), 'Prompt', /Prompt is empty/);
	});
});

describe('numbers', () => {
	test.each([0, 999999999, '42'])('seed %p passes', (seed) => expect(validateSeed(seed)).toBe(Number(seed)));
	test.each([
		[-1, /between 0 and 999999999, got -1/],
		[1000000000, /between 0 and 999999999/],
		[1.5, /whole number/],
		['abc', /whole number/],
	])('seed %p is refused', (seed, pattern) => refuses(() => validateSeed(seed), 'Seed', pattern));
	test('an empty seed means none', () => expect(validateSeed('')).toBeUndefined());

	test.each([5, 10, '10'])('seconds %p passes', (d) => expect(validateSeconds('Seconds', d)).toBe(Number(d)));
	test.each([7, 0, 'five'])('seconds %p is refused', (d) => refuses(() => validateSeconds('Seconds', d), 'Seconds', /Seconds (\S+ is not allowed; allowed: 5, 10|must be a whole number)/));
});

describe('model and ratio', () => {
	test('a ratio from a list must be one of it, and the message says for what', () => {
		const gen3a = ['1280:768', '768:1280'];
		expect(validateRatio('Ratio', '768:1280', gen3a, ' for model gen3a_turbo')).toBe('768:1280');
		refuses(() => validateRatio('Ratio', '1280:720', gen3a, ' for model gen3a_turbo'), 'Ratio', /not available for model gen3a_turbo; allowed: 1280:768, 768:1280/);
	});
	test('without a list any W:H ratio passes', () => {
		expect(validateRatio('Ratio', '1920:1080')).toBe('1920:1080');
		expect(validateRatio('Ratio', '16:9')).toBe('16:9');
	});
	test.each(['16x9', 'wide', '1280:'])('ratio %p is refused', (r) => refuses(() => validateRatio('Ratio', r), 'Ratio', /must look like 1280:720/));
	test('model ids', () => {
		expect(validateModel('Model', 'gen4.5')).toBe('gen4.5');
		refuses(() => validateModel('Model', 'gen4 turbo'), 'Model', /is not a model ID/);
		refuses(() => validateModel('Model', ''), 'Model', /Model is empty/);
	});
});

describe('task id and version', () => {
	test('task ids', () => {
		expect(validateTaskId(' 3d957031-9a2a-45e2-9dc7-bc8513059c50 ')).toBe('3d957031-9a2a-45e2-9dc7-bc8513059c50');
		expect(validateTaskId('task_abc123')).toBe('task_abc123');
		refuses(() => validateTaskId(''), 'Task ID', /Task ID is empty/);
		refuses(() => validateTaskId('abc/../models'), 'Task ID', /malformed/);
		refuses(() => validateTaskId('abc def'), 'Task ID', /malformed/);
	});
	test('runway version', () => {
		expect(validateRunwayVersion('2024-11-06')).toBe('2024-11-06');
		refuses(() => validateRunwayVersion('latest'), 'Runway API Version', /date like 2024-11-06/);
	});
});

describe('motion vector', () => {
	test('fills missing axes with 0 and reads JSON text', () => {
		expect(validateMotionVector({ y: 0.4, r: -6 })).toEqual({ x: 0, y: 0.4, z: 0, r: -6, bg_x_pan: 0, bg_y_pan: 0 });
		expect(validateMotionVector('{"x": 1}')).toMatchObject({ x: 1, y: 0 });
		expect(validateMotionVector({})).toEqual({ x: 0, y: 0, z: 0, r: 0, bg_x_pan: 0, bg_y_pan: 0 });
	});
	test.each([
		[{ x: 11 }, /x must be a number from -10 to 10/],
		[{ q: 1 }, /unknown axis "q"/],
		['{bad', /not valid JSON/],
		[[1, 2], /must be an object/],
	])('%p is refused', (value, pattern) => refuses(() => validateMotionVector(value), 'Motion Vector', pattern));
});

describe('credential base URL', () => {
	test.each(['https://api.cometapi.com', 'http://127.0.0.1:4000', 'http://localhost:4000', 'http://[::1]:4000'])('%s passes', (url) =>
		expect(urls.validateBaseUrl(url)).toBe(url),
	);
	test('plain http to another host is refused: the key would travel unencrypted', () =>
		refuses(() => urls.validateBaseUrl('http://api.cometapi.com'), 'Base URL (credential)', /unencrypted/));
	test('other schemes are refused', () => refuses(() => urls.validateBaseUrl('ftp://api.cometapi.com'), 'Base URL (credential)', /must start with https/));
});

describe('binary images', () => {
	const file = (declared) => ({ field: 'Input Binary Field "data"', urlField: 'Image URL', declared });
	const png = images.png();
	const jpeg = images.jpeg();
	const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), Buffer.alloc(100)]);

	test.each([
		['PNG', png, 'image/png'],
		['JPEG', jpeg, 'image/jpeg'],
		['WebP', webp, 'image/webp'],
	])('%s is recognised by its content and sent as a data URI', (_name, bytes, type) => {
		expect(media.sniffImage(bytes)).toBe(type);
		const found = media.checkMediaFile('image', bytes, bytes.length, file('application/octet-stream'));
		const sent = jsonBytes.jsonBytes({ image: new jsonBytes.DataUriFile(found, bytes) });
		expect(JSON.parse(sent.toString('utf8')).image).toBe(`data:${type};base64,${bytes.toString('base64')}`);
	});

	test.each([
		['GIF', Buffer.from('GIF89a....'), /holds a GIF image/],
		['text named .png', Buffer.from('hello, this is not an image'), /holds text/],
		['PDF', Buffer.from('%PDF-1.7'), /holds a PDF document/],
	])('%s is refused, naming what it is', (_name, bytes, pattern) => {
		refuses(() => media.checkMediaFile('image', bytes, bytes.length, file('image/png')), 'Input Binary Field "data"', pattern);
	});

	test('over 5 MB is refused with the size found', () => {
		const big = Buffer.concat([png, Buffer.alloc(6 * 1024 * 1024)]);
		refuses(() => media.checkMediaFile('image', big, big.length, file('image/png')), 'Input Binary Field "data"', /is 6\.00 MB, which is 8\.00 MB as the data URI sent; Runway takes at most 5\.00 MB/);
	});
});
