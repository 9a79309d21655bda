'use strict';
/**
 * The CDN fetch (transport/cdn.ts) follows redirects by hand, and checks every hop with the host
 * classifier before it is opened. Attacked with generated redirect chains: absolute, relative and
 * scheme-relative hops, to named and numeric public hosts and to internal hosts in many spellings,
 * with every redirect status. The network below n8n's HTTP helper is played by the test: it
 * answers each opened URL with the chain's next hop, and records what was opened.
 */
const path = require('node:path');
const { Readable } = require('node:stream');
const fc = require('fast-check');

const { fetchCdnFile } = require(path.join(__dirname, '..', '..', 'dist', 'nodes', 'CometApiRunway', 'transport', 'cdn.js'));

const PUBLIC_BASE = 'https://api.cometapi.com';
const MAX_REDIRECTS = 5;
const RUNS = 300;

const PUBLIC_HOSTS = ['cdn.runway.example', 'storage.googleapis.com', 'files.cometapi.com', '8.8.8.8', '34.120.5.1', '[2606:4700::1111]'];
/** Internal hosts, spelled as a forged answer might: each is on a network no output lives on. */
const INTERNAL_HOSTS = [
	'127.0.0.1',
	'2130706433',
	'0x7f000001',
	'0177.0.0.1',
	'localhost',
	'api.localhost',
	'10.0.0.5',
	'192.168.1.1',
	'172.16.0.9',
	'100.64.1.1',
	'169.254.169.254',
	'0.0.0.0',
	'[::1]',
	'[::ffff:127.0.0.1]',
	'[::ffff:a9fe:a9fe]',
	'[fd00::1]',
	'[fe80::1]',
	'224.0.0.1',
];

const where = fc.record({
	internal: fc.boolean(),
	index: fc.nat(),
	scheme: fc.constantFrom('http', 'https'),
	port: fc.option(fc.integer({ min: 1024, max: 65535 }), { nil: undefined }),
	path: fc.constantFrom('/v.mp4', '/a/b/out.mp4?X-Amz-Signature=abc', '/%2e%2e/v.mp4', '/next#frag', '/'),
});
const hostOf = ({ internal, index }) => (internal ? INTERNAL_HOSTS : PUBLIC_HOSTS)[index % (internal ? INTERNAL_HOSTS : PUBLIC_HOSTS).length];

/** A hop: an absolute URL, a scheme-relative one, or a path on the same host. */
const hop = fc.oneof(
	where.map((w) => ({ form: 'absolute', internal: w.internal, text: (w.port ? `${w.scheme}://${hostOf(w)}:${w.port}` : `${w.scheme}://${hostOf(w)}`) + w.path })),
	where.map((w) => ({ form: 'schemeRelative', internal: w.internal, text: `//${hostOf(w)}${w.path}` })),
	where.map((w) => ({ form: 'relative', text: w.path.slice(1) || './' })),
);

const mp4 = (length) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(length, 1)]);

/**
 * The served file's size, and how its bytes arrive: all at once together with the end (a small
 * file in one packet, already buffered when it is read), or in chunks of `chunk` bytes over time.
 */
const served = fc.record({
	bytes: fc.integer({ min: 4, max: 6000 }).map(mp4),
	arrival: fc.constantFrom('withItsEnd', 'overTime'),
	chunk: fc.integer({ min: 1, max: 2048 }),
});

/** A body whose bytes arrive as `served` says, once the stream is read, as a socket's would. */
function bodyOf({ bytes, arrival, chunk }) {
	let at = 0;
	return new Readable({
		read() {
			if (arrival === 'withItsEnd') {
				if (bytes.length > 0) this.push(bytes);
				this.push(null);
				return;
			}
			setImmediate(() => {
				this.push(at < bytes.length ? bytes.subarray(at, (at += chunk)) : null);
			});
		},
	});
}
const EMPTY = { bytes: Buffer.alloc(0), arrival: 'withItsEnd', chunk: 1 };

const chain = fc.record({
	first: where.map((w) => ({ internal: w.internal, text: `${w.scheme}://${hostOf(w)}${w.path}` })),
	hops: fc.array(fc.record({ to: hop, status: fc.constantFrom(301, 302, 303, 307, 308) }), { maxLength: MAX_REDIRECTS + 3 }),
	file: served,
});

/** The URLs of the chain in order, each with whether its host is internal (a relative hop keeps its host). */
function urlsOf({ first, hops }) {
	const urls = [{ url: first.text, internal: first.internal }];
	for (const { to } of hops) {
		const previous = urls[urls.length - 1];
		urls.push({ url: new URL(to.text, previous.url).toString(), internal: to.form === 'relative' ? previous.internal : to.internal });
	}
	return urls;
}


/** n8n's HTTP helper over a network that answers the chain: hop i redirects to hop i + 1, the last serves a video. */
function network(generated) {
	const opened = [];
	const discarded = [];
	const httpRequest = async (options) => {
		const step = opened.length;
		opened.push({ url: options.url, options });
		const next = generated.hops[step];
		if (next) {
			const body = bodyOf(EMPTY);
			body.on('close', () => discarded.push(step));
			return { statusCode: next.status, headers: { location: next.to.text }, body };
		}
		const { file } = generated;
		return { statusCode: 200, headers: { 'content-type': 'video/mp4', 'content-length': String(file.bytes.length) }, body: bodyOf(file) };
	};
	return { opened, discarded, ctx: { helpers: { httpRequest } } };
}

const realClock = {
	now: () => Date.now(),
	random: () => Math.random(),
	sleep: (ms, signal) =>
		new Promise((resolve) => {
			const timer = setTimeout(resolve, ms);
			signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
		}),
};

async function fetchChain(generated) {
	const { opened, discarded, ctx } = network(generated);
	const stop = new AbortController();
	const stored = [];
	const request = { url: generated.first.text, baseUrl: PUBLIC_BASE, kind: 'video', stop: stop.signal, timeoutMs: 10_000, stallMs: 5_000, maxBytes: 1024 * 1024, clock: realClock };
	try {
		const result = await fetchCdnFile.call(ctx, request, async ({ type, data }) => {
			const chunks = [];
			if (Buffer.isBuffer(data)) chunks.push(data);
			else for await (const chunk of data) chunks.push(chunk);
			stored.push({ type, bytes: Buffer.concat(chunks) });
			return { mimeType: type };
		});
		return { result, opened, discarded, stored };
	} finally {
		stop.abort();
	}
}

test('a chain of generated redirects is refused at the first hop the host classifier refuses, and nothing past it is opened', async () => {
	await fc.assert(
		fc.asyncProperty(chain, async (generated) => {
			const urls = urlsOf(generated);
			const redirects = generated.hops.length;
			const firstInternal = urls.findIndex((u) => u.internal);
			const { result, opened, discarded, stored } = await fetchChain(generated);

			// Only public hops are ever opened, in order, each one the chain's next URL.
			expect(opened.map((o) => o.url)).toEqual(urls.slice(0, opened.length).map((u) => u.url));
			expect(opened.every((_o, i) => !urls[i].internal)).toBe(true);
			for (const { options } of opened) {
				expect(options.disableFollowRedirect).toBe(true);
				expect(options.headers).toEqual({ 'Accept-Encoding': 'identity' });
				expect(JSON.stringify(options)).not.toMatch(/authorization|bearer/i);
			}
			if (firstInternal !== -1 && firstInternal <= Math.min(redirects, MAX_REDIRECTS)) {
				expect(result).toEqual({ kind: 'hostRefused', why: expect.stringMatching(/^its host .+ is on /) });
				expect(opened).toHaveLength(firstInternal);
				expect(stored).toEqual([]);
			} else if (redirects > MAX_REDIRECTS) {
				expect(result).toEqual({ kind: 'tooManyRedirects', max: MAX_REDIRECTS });
				expect(opened).toHaveLength(MAX_REDIRECTS + 1);
				expect(stored).toEqual([]);
			} else {
				expect(result).toEqual({ kind: 'stored', binary: { mimeType: 'video/mp4' } });
				expect(opened).toHaveLength(redirects + 1);
				// Whatever way its bytes arrived, the file is stored whole: the sniffed head is put back.
				expect(stored).toHaveLength(1);
				expect(stored[0].type).toBe('video/mp4');
				expect(stored[0].bytes.equals(generated.file.bytes)).toBe(true);
			}
			// Every redirect answer's body was let go, not left open.
			await new Promise((resolve) => setImmediate(resolve));
			expect(discarded).toEqual(opened.slice(0, Math.min(opened.length, redirects)).map((_o, i) => i));
		}),
		{ numRuns: RUNS },
	);
});

test('a real HTTP body already whole when it is sniffed is stored whole (n8n hands over the socket\'s own stream)', async () => {
	const axios = require('axios');
	const { recordingServer } = require('../support/servers');
	await fc.assert(
		fc.asyncProperty(fc.integer({ min: 64, max: 60_000 }), async (length) => {
			const file = mp4(length);
			const cdn = await recordingServer((req, res) => {
				res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': file.length });
				res.end(file);
			});
			// As n8n's helper does (axios, a stream), but handed over only once the whole body is buffered.
			const httpRequest = async (options) => {
				const response = await axios({ url: options.url, responseType: 'stream', maxRedirects: 0, validateStatus: () => true });
				await new Promise((resolve) => setTimeout(resolve, 30));
				return { statusCode: response.status, headers: { ...response.headers }, body: response.data };
			};
			const stop = new AbortController();
			try {
				const request = { url: `${cdn.url}/v.mp4`, baseUrl: 'http://127.0.0.1:1', kind: 'video', stop: stop.signal, timeoutMs: 10_000, stallMs: 5_000, maxBytes: 1024 * 1024, clock: realClock };
				let bytes;
				const result = await fetchCdnFile.call({ helpers: { httpRequest } }, request, async ({ data }) => {
					const chunks = [];
					if (Buffer.isBuffer(data)) chunks.push(data);
					else for await (const chunk of data) chunks.push(chunk);
					bytes = Buffer.concat(chunks);
					return {};
				});
				expect(result.kind).toBe('stored');
				expect(bytes.length).toBe(file.length);
				expect(bytes.equals(file)).toBe(true);
			} finally {
				stop.abort();
				await cdn.close();
			}
		}),
		{ numRuns: 20 },
	);
});

test('a redirect whose Location is any text is answered, never thrown: one that is no URL is refused before anything is opened', async () => {
	const location = fc.oneof(
		fc.string({ maxLength: 40 }),
		fc.constantFrom('http://[bad', 'https://exa mple.com/v.mp4', 'http://:80/', 'https://host:99999/', '//[::1', 'http://%zz/'),
	);
	await fc.assert(
		fc.asyncProperty(location, async (text) => {
			const generated = { first: { text: 'https://cdn.runway.example/v.mp4' }, hops: [{ to: { text }, status: 302 }], file: { bytes: mp4(100), arrival: 'withItsEnd', chunk: 1 } };
			const { result, opened } = await fetchChain(generated);
			expect(typeof result.kind).toBe('string');
			if (!URL.canParse(text, generated.first.text)) {
				expect(result).toEqual({ kind: 'hostRefused', why: expect.any(String) });
				expect(opened).toHaveLength(1);
			}
		}),
		{ numRuns: 200 },
	);
});
