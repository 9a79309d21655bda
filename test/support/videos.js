'use strict';
/** Test videos made in memory, with real container headers (ISO BMFF boxes, EBML elements). */

function box(type, ...payload) {
	const body = Buffer.concat(payload);
	const size = Buffer.alloc(4);
	size.writeUInt32BE(8 + body.length);
	return Buffer.concat([size, Buffer.from(type, 'ascii'), body]);
}

const u32 = (value) => {
	const bytes = Buffer.alloc(4);
	bytes.writeUInt32BE(value);
	return bytes;
};

/** A movie header (mvhd, version 0) for a clip of `seconds` at a timescale of 1000. */
function mvhd(seconds) {
	const matrix = Buffer.concat([u32(0x10000), u32(0), u32(0), u32(0), u32(0x10000), u32(0), u32(0), u32(0), u32(0x40000000)]);
	return box(
		'mvhd',
		u32(0), // version and flags
		u32(0), // creation time
		u32(0), // modification time
		u32(1000), // timescale
		u32(seconds * 1000), // duration
		u32(0x10000), // rate 1.0
		Buffer.from([1, 0]), // volume 1.0
		Buffer.alloc(10), // reserved
		matrix,
		Buffer.alloc(24), // pre-defined
		u32(2), // next track ID
	);
}

/**
 * An ISO BMFF file: ftyp (brand `isom` for MP4, `qt  ` for QuickTime), moov with a movie header,
 * and an mdat of `padBytes` to reach a size.
 */
function isoBmff(brand, seconds, padBytes) {
	const compatible = brand === 'qt  ' ? ['qt  '] : ['isom', 'iso2', 'avc1', 'mp41'];
	return Buffer.concat([
		box('ftyp', Buffer.from(brand, 'ascii'), u32(0x200), Buffer.from(compatible.join(''), 'ascii')),
		box('moov', mvhd(seconds)),
		box('mdat', Buffer.alloc(padBytes, 0x11)),
	]);
}

const mp4 = ({ seconds = 5, padBytes = 256 } = {}) => isoBmff('isom', seconds, padBytes);
const mov = ({ seconds = 5, padBytes = 256 } = {}) => isoBmff('qt  ', seconds, padBytes);

/** One EBML element: its ID bytes, a one-byte size (contents under 127 bytes), the contents. */
const ebml = (id, contents) => Buffer.concat([Buffer.from(id), Buffer.from([0x80 | contents.length]), contents]);

/** A WebM file: the EBML header (DocType webm), then a Segment of unknown size holding a Void. */
function webm({ padBytes = 256 } = {}) {
	const header = Buffer.concat([
		ebml([0x42, 0x86], Buffer.from([1])), // EBMLVersion
		ebml([0x42, 0xf7], Buffer.from([1])), // EBMLReadVersion
		ebml([0x42, 0xf2], Buffer.from([4])), // EBMLMaxIDLength
		ebml([0x42, 0xf3], Buffer.from([8])), // EBMLMaxSizeLength
		ebml([0x42, 0x82], Buffer.from('webm')), // DocType
		ebml([0x42, 0x87], Buffer.from([4])), // DocTypeVersion
		ebml([0x42, 0x85], Buffer.from([2])), // DocTypeReadVersion
	]);
	const voidSize = Buffer.alloc(8);
	voidSize.writeBigUInt64BE(BigInt(padBytes));
	voidSize[0] = 0x01; // an 8-byte size
	return Buffer.concat([
		Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | header.length]),
		header,
		Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), // Segment, size unknown
		Buffer.from([0xec]),
		voidSize,
		Buffer.alloc(padBytes),
	]);
}

module.exports = { mp4, mov, webm };
