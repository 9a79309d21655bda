'use strict';
/** Test images made in memory: n8n's build publishes every .png in the repository, so none is committed. */
const zlib = require('node:zlib');

function crc32(buffer) {
	let crc = ~0;
	for (const byte of buffer) {
		crc ^= byte;
		for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return ~crc >>> 0;
}

function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/** A real RGB PNG of `width`×`height`, each pixel `[r, g, b]` from `colour(x, y)`; `padBytes` appends an ancillary chunk. */
function encodePng(width, height, colour, padBytes = 0) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8;
	header[9] = 2;
	const stride = width * 3 + 1;
	const rows = Buffer.alloc(stride * height);
	for (let y = 0; y < height; y++) {
		rows[y * stride] = 0; // filter: none
		for (let x = 0; x < width; x++) rows.set(colour(x, y), y * stride + 1 + x * 3);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		...(padBytes > 0 ? [chunk('teXt', Buffer.alloc(padBytes, 0x61))] : []),
		chunk('IDAT', zlib.deflateSync(rows)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/** A grey RGB PNG of `width`×`height`; `padBytes` appends an ancillary chunk to reach a size. */
const png = (width = 8, height = 8, padBytes = 0) => encodePng(width, height, () => [0x7f, 0x7f, 0x7f], padBytes);

/** A picture a person can look at: a 160×90 colour gradient (test/fixtures/sample.png). */
const gradientPng = (width = 160, height = 90) =>
	encodePng(width, height, (x, y) => [
		Math.round((255 * x) / (width - 1)),
		Math.round((255 * y) / (height - 1)),
		Math.round(255 - (255 * x) / (width - 1)),
	]);

/** A JPEG's first segments: SOI, APP0 (JFIF) and a baseline frame header (SOF0) for 8×8 YCbCr. */
const jpeg = () =>
	Buffer.concat([
		Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
		Buffer.from('JFIF\0'),
		Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0]),
		Buffer.from([0xff, 0xc0, 0x00, 0x11, 8, 0, 8, 0, 8, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
		Buffer.alloc(64),
		Buffer.from([0xff, 0xd9]),
	]);

const webp = () => Buffer.concat([Buffer.from('RIFF'), Buffer.from([36, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(28)]);

const gif = () => Buffer.concat([Buffer.from('GIF89a'), Buffer.from([1, 0, 1, 0, 0, 0, 0]), Buffer.from([0x3b])]);

module.exports = { png, gradientPng, jpeg, webp, gif, crc32 };
