'use strict';
/**
 * A create with binary inputs leaves as one buffer of JSON, each file base64-encoded straight into
 * it: the API receives exactly the JSON meant, and nothing keeps the body once the create is over.
 */
const crypto = require('node:crypto');

const { useSimulator } = require('../support/simulator');
const { runNode } = require('../support/n8n');
const { videoToVideo } = require('../support/params');
const images = require('../support/images');
const videos = require('../support/videos');

const { sim, credentials } = useSimulator({ taskDurationMs: 300, pendingMs: 50 });

const file = (data, fileName, mimeType) => ({ data, fileName, mimeType });
/** A valid MP4 whose bytes are all different, of a size that is not a multiple of 3. */
function clip() {
	const bytes = videos.mp4({ padBytes: 3 * 1024 * 1024 + 1 });
	const header = videos.mp4({ padBytes: 0 }).length;
	crypto.randomFillSync(bytes, header);
	return bytes;
}
const PROMPT = 'pluie ☔ sur la ville,\n naïve "cité" \\ 東京 \u0001 fin';

test('a binary video and image: the API receives exactly the JSON meant, each data URI byte for byte', async () => {
	const video = clip();
	const reference = images.png(8, 8, 1000);
	const result = await runNode({
		parameters: videoToVideo({
			videoSource: 'binary',
			videoBinaryPropertyName: 'clip',
			ratio: '640:480',
			referenceImages: { image: [{ imageSource: 'binary', binaryPropertyName: 'style' }] },
			options: { seed: 7 },
		}),
		items: [
			{
				json: { prompt: PROMPT },
				binary: { clip: file(video, 'clip.mp4', 'video/mp4'), style: file(reference, 'style.png', 'image/png') },
			},
		],
		credentials,
	});
	expect(result.error).toBeUndefined();
	const [request] = sim.createRequests();
	const expected = {
		videoUri: `data:video/mp4;base64,${video.toString('base64')}`,
		promptText: PROMPT,
		model: 'gen4_aleph',
		ratio: '640:480',
		seed: 7,
		references: [{ type: 'image', uri: `data:image/png;base64,${reference.toString('base64')}` }],
	};
	expect(request.body).toEqual(expected);
	expect(Buffer.from(request.body.videoUri.split(',')[1], 'base64').equals(video)).toBe(true);
	// Sent as JSON, and exactly as long as the JSON text of what was meant: nothing more, nothing less.
	expect(request.headers['content-type']).toBe('application/json');
	expect(Number(request.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(expected), 'utf8'));
}, 30_000);

/** Every string and byte array an object reaches, a few levels down, however it is nested. */
function largestHeld(value, depth = 0, seen = new Set()) {
	if (typeof value === 'string') return value.length;
	if (value === null || typeof value !== 'object' || seen.has(value) || depth > 8) return 0;
	seen.add(value);
	if (ArrayBuffer.isView(value)) return value.byteLength;
	let largest = 0;
	for (const key of Reflect.ownKeys(value)) {
		const descriptor = Object.getOwnPropertyDescriptor(value, key);
		if (descriptor && 'value' in descriptor) largest = Math.max(largest, largestHeld(descriptor.value, depth + 1, seen));
	}
	return largest;
}

test('a binary create cut off after sending: neither the item nor the error carries the body', async () => {
	const video = clip();
	const items = [{ json: { prompt: 'rain' }, binary: { clip: file(video, 'clip.mp4', 'video/mp4') } }];
	const parameters = videoToVideo({ videoSource: 'binary', videoBinaryPropertyName: 'clip' });

	sim.fault('createOfficial', { kind: 'resetAfterBody', accept: true });
	const continued = await runNode({ parameters, items, credentials, continueOnFail: true });
	expect(continued.items[0].json.error).toMatch(/./);
	expect(continued.items[0].json.errorDetails ?? continued.items[0].json.description ?? '').not.toContain('base64');
	expect(largestHeld(continued.items)).toBeLessThan(64 * 1024);

	sim.fault('createOfficial', { kind: 'resetAfterBody', accept: true });
	const stopped = await runNode({ parameters, items, credentials });
	expect(stopped.error).toBeDefined();
	expect(largestHeld(stopped.error)).toBeLessThan(64 * 1024);
	expect(sim.createRequests()).toHaveLength(2);
}, 30_000);
