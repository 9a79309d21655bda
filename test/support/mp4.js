'use strict';
/**
 * Reads what a player needs to know from an MP4 file's boxes: the brand (`ftyp`), the duration
 * (`moov/mvhd`) and the first video track's frame size (`moov/trak/tkhd`). Enough to tell a real,
 * playable MP4 from bytes that only start like one.
 *
 *   mp4Info(buffer) → { brand, durationSeconds, width, height } or null when there is no movie box
 */

/** The boxes directly inside buffer[start, end): [{ type, start, end, body }]. */
function boxes(buffer, start = 0, end = buffer.length) {
	const list = [];
	let at = start;
	while (at + 8 <= end) {
		let size = buffer.readUInt32BE(at);
		const type = buffer.toString('latin1', at + 4, at + 8);
		let header = 8;
		if (size === 1) {
			if (at + 16 > end) break;
			size = Number(buffer.readBigUInt64BE(at + 8));
			header = 16;
		} else if (size === 0) {
			size = end - at;
		}
		if (size < header || at + size > end) break;
		list.push({ type, start: at, end: at + size, body: at + header });
		at += size;
	}
	return list;
}

const child = (buffer, box, type) => boxes(buffer, box.body, box.end).find((b) => b.type === type);

function movieHeader(buffer, mvhd) {
	const version = buffer[mvhd.body];
	const timescale = buffer.readUInt32BE(mvhd.body + (version === 1 ? 20 : 12));
	const duration =
		version === 1 ? Number(buffer.readBigUInt64BE(mvhd.body + 24)) : buffer.readUInt32BE(mvhd.body + 16);
	return timescale > 0 ? duration / timescale : null;
}

function trackSize(buffer, tkhd) {
	const version = buffer[tkhd.body];
	const at = tkhd.body + (version === 1 ? 88 : 76);
	if (at + 8 > tkhd.end) return null;
	return { width: buffer.readUInt32BE(at) / 65536, height: buffer.readUInt32BE(at + 4) / 65536 };
}

function mp4Info(buffer) {
	const top = boxes(buffer);
	const ftyp = top.find((b) => b.type === 'ftyp');
	const moov = top.find((b) => b.type === 'moov');
	if (!ftyp || !moov) return null;
	const mvhd = child(buffer, moov, 'mvhd');
	if (!mvhd) return null;
	const info = {
		brand: buffer.toString('latin1', ftyp.body, ftyp.body + 4),
		durationSeconds: movieHeader(buffer, mvhd),
		width: null,
		height: null,
	};
	for (const trak of boxes(buffer, moov.body, moov.end).filter((b) => b.type === 'trak')) {
		const tkhd = child(buffer, trak, 'tkhd');
		const size = tkhd && trackSize(buffer, tkhd);
		if (size && size.width > 0 && size.height > 0) {
			Object.assign(info, size);
			break;
		}
	}
	return info;
}

module.exports = { mp4Info };
