'use strict';
/**
 * Minimal real files of gen4.5's other output formats, made in memory: a ZIP of PNG frames with
 * one stored entry, a WAV of silence, and a QuickTime movie (an MP4's boxes under the `qt  ` brand).
 */
const fs = require('node:fs');
const path = require('node:path');
const { png, crc32 } = require('./images');

/** A ZIP header of `size` bytes: its signature, then from `at` the entry's CRC, sizes and name length. */
function zipHeader(size, signature, at, data, fileName) {
	const header = Buffer.alloc(size);
	header.writeUInt32LE(signature, 0);
	header.writeUInt16LE(20, 4);
	header.writeUInt32LE(crc32(data), at);
	header.writeUInt32LE(data.length, at + 4);
	header.writeUInt32LE(data.length, at + 8);
	header.writeUInt16LE(fileName.length, at + 12);
	return header;
}

/** A ZIP archive holding `name` uncompressed: local header, data, central directory, end record. */
function zip(name = 'frame_0001.png', data = png()) {
	const fileName = Buffer.from(name, 'ascii');
	const local = zipHeader(30, 0x04034b50, 14, data, fileName);
	const central = zipHeader(46, 0x02014b50, 16, data, fileName);
	central.writeUInt16LE(20, 6);
	const centralAt = local.length + fileName.length + data.length;
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(1, 8);
	end.writeUInt16LE(1, 10);
	end.writeUInt32LE(central.length + fileName.length, 12);
	end.writeUInt32LE(centralAt, 16);
	return Buffer.concat([local, fileName, data, central, fileName, end]);
}

/** A PCM WAV: 16-bit mono at 8 kHz, `seconds` of silence. */
function wav(seconds = 0.1) {
	const samples = Math.round(8000 * seconds);
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(36 + samples * 2, 4);
	header.write('WAVEfmt ', 8, 'ascii');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20);
	header.writeUInt16LE(1, 22);
	header.writeUInt32LE(8000, 24);
	header.writeUInt32LE(16000, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36, 'ascii');
	header.writeUInt32LE(samples * 2, 40);
	return Buffer.concat([header, Buffer.alloc(samples * 2)]);
}

let sample;
/** The sample clip with its `ftyp` brand set to QuickTime's `qt  `. */
function mov() {
	sample ??= fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'sample.mp4'));
	const bytes = Buffer.from(sample);
	if (bytes.toString('latin1', 4, 8) !== 'ftyp') throw new Error('sample.mp4 does not start with ftyp');
	bytes.write('qt  ', 8, 'latin1');
	return bytes;
}

module.exports = { zip, wav, mov };
