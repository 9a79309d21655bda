'use strict';
/**
 * Issue 9, point 11: Runway's own input rules, applied before any request with the field named:
 * image URLs must be HTTPS, on a domain name, without credentials or spaces, at most 2,048
 * characters; a binary image must be the format it claims as far as its first structures (PNG
 * IHDR, JPEG frame header, WebP VP8/VP8L/VP8X chunk) and its data URI as sent at most 5 MB; the
 * prompt length is counted in UTF-16 units, as Runway counts; the message speaks of characters, most emoji counting as 2.
 */
const images = require('../support/images');
const { LIVE_KEY, useSimulator, i2v, generate, runWithin } = require('./helpers');

const MIB = 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const urlOfLength = (length) => {
	const start = 'https://images.example.com/';
	return `${start}${'a'.repeat(length - start.length - 4)}.jpg`;
};
const withImage = (data, mimeType, fileName = 'frame.png') => [{ json: { prompt: 'a cat' }, binary: { data: { data, fileName, mimeType } } }];
const binary = { imageSource: 'binary', binaryPropertyName: 'data' };
/** A real PNG of `bytes` (an 8×8 image padded with a text chunk). */
const pngOfSize = (bytes) => images.png(8, 8, bytes - images.png(8, 8).length - 12);
const webpWithoutImageChunk = () => Buffer.concat([Buffer.from('RIFF'), Buffer.from([28, 0, 0, 0]), Buffer.from('WEBPJUNK'), Buffer.from([16, 0, 0, 0]), Buffer.alloc(16)]);
/** SOI and APP0 (JFIF), then nothing a reader could take for a frame header. */
const jpegWithoutFrame = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64)]);
const emoji = (n) => '🎬'.repeat(n);

/** `field` and `message` the refusal must show; `sent: true` for values that must go through. */
const CASES = [
	{ title: 'an http:// image URL', params: i2v({ imageUrl: 'http://images.example.com/cat.jpg' }), field: /Image URL/, message: /https/i },
	{ title: 'an image URL on an IPv4 address', params: i2v({ imageUrl: 'https://93.184.216.34/cat.jpg' }), field: /Image URL/, message: /domain name|IP address/i },
	{ title: 'an image URL on an IPv6 address', params: i2v({ imageUrl: 'https://[2001:db8::1]/cat.jpg' }), field: /Image URL/, message: /domain name|IP address/i },
	{ title: 'an image URL with user:pass@', params: i2v({ imageUrl: 'https://user:pass@images.example.com/cat.jpg' }), field: /Image URL/, message: /credentials|user name|password/i },
	{ title: 'an image URL with spaces', params: i2v({ imageUrl: 'https://images.example.com/my cat.jpg' }), field: /Image URL/, message: /space/i },
	{ title: 'an image URL of 2,049 characters', params: i2v({ imageUrl: urlOfLength(2049) }), field: /Image URL/, message: /2,?048/ },
	{ title: 'an image URL of 3,000 characters', params: i2v({ imageUrl: urlOfLength(3000) }), field: /Image URL/, message: /2,?048/ },
	{ title: 'an image URL of exactly 2,048 characters is sent', params: i2v({ imageUrl: urlOfLength(2048) }), sent: true },
	{ title: 'Generate: an http:// image URL', params: generate({ imageUrl: 'http://images.example.com/cat.jpg' }), field: /Image URL/, message: /https/i },
	{ title: 'Generate: a Last Image URL on an IP address', params: generate({ options: { lastImageUrl: 'https://10.1.2.3/end.jpg' } }), field: /Last Image URL/, message: /domain name|IP address/i },
	{ title: 'a PNG signature followed by text, declared image/png', params: i2v(binary), items: withImage(Buffer.concat([PNG_SIGNATURE, Buffer.from('this is not an image, just text after a signature\n'.repeat(4))]), 'image/png'), field: /Input Binary Field/, message: /PNG/ },
	{ title: 'a JPEG signature without a frame header', params: i2v(binary), items: withImage(jpegWithoutFrame(), 'image/jpeg', 'frame.jpg'), field: /Input Binary Field/, message: /JPEG/ },
	{ title: 'a RIFF/WEBP header without a VP8, VP8L or VP8X chunk', params: i2v(binary), items: withImage(webpWithoutImageChunk(), 'image/webp', 'frame.webp'), field: /Input Binary Field/, message: /WebP/i },
	{ title: 'a real 3.9 MiB PNG, whose data URI is 5.2 MiB', params: i2v(binary), items: withImage(pngOfSize(3.9 * MIB), 'image/png'), field: /Input Binary Field/, message: /5(\.0+)? MB/ },
	{ title: 'a real 3.6 MiB PNG, whose data URI is 4.8 MiB, is sent', params: i2v(binary), items: withImage(pngOfSize(3.6 * MIB), 'image/png'), sent: true },
	{ title: 'a prompt of 257 emoji (514 UTF-16 units)', params: i2v({ prompt: emoji(257) }), field: /Prompt/, message: /Prompt is 514 characters long \(most emoji count as 2\); at most 512/ },
	{ title: 'a prompt of 256 emoji (512 UTF-16 units) is sent', params: i2v({ prompt: emoji(256) }), sent: true },
];

const { sim, credentials } = useSimulator();

test.each(CASES.map((row) => [row.title, row]))('%s', async (_title, row) => {
	const result = await runWithin(15_000, {
		parameters: { ...row.params, waitForCompletion: false },
		items: row.items ?? [{ json: { prompt: 'a cat' } }],
		credentials: credentials,
	});
	if (row.sent) {
		expect(result.error).toBeUndefined();
		expect(sim.createRequests()).toHaveLength(1);
		return;
	}
	expect(sim.requests.length).toBe(0);
	expect(result.error.message).toMatch(row.field);
	expect(result.error.message).toMatch(row.message);
}, 20_000);
