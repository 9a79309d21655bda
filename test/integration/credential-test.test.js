'use strict';
// The credential test (the "Test" of the CometAPI credential form), called the way n8n calls it:
// found through the credential's missing `test` and the node's `testedBy`, run with n8n-core's own
// CredentialTestContext, against the simulator and small servers that record what reached them.
const path = require('node:path');
const { CredentialTestContext } = require('n8n-core');

const { useSimulator } = require('../support/simulator');
const { freePort } = require('../e2e/harness');
const { recordingServer, remoteLookingHost } = require('../support/servers');

const DIST = path.join(__dirname, '..', '..', 'dist');
const { CometApiRunway } = require(path.join(DIST, 'nodes', 'CometApiRunway', 'CometApiRunway.node.js'));
const { CometApi } = require(path.join(DIST, 'credentials', 'CometApi.credentials.js'));

const API_KEY = 'test-api-key-credential-form';
const { sim } = useSimulator({ apiKey: API_KEY });

/** What n8n's CredentialsTester picks for the cometApi credential type. */
function credentialTestFunction() {
	const credentialType = new CometApi();
	// A declarative `test` on the credential would win over the node's function.
	if (credentialType.test) return null;
	const node = new CometApiRunway();
	const entry = node.description.credentials.find((c) => c.name === credentialType.name);
	return node.methods.credentialTest[entry.testedBy];
}

/** Runs the test as the credential form's "Test" / "Save" does; returns n8n's result. */
async function testCredential(data) {
	const fn = credentialTestFunction();
	const context = new CredentialTestContext({});
	return await fn.call(context, { id: 'cred-1', name: 'CometAPI account', type: 'cometApi', data });
}

const servers = [];
async function serve(handler, host) {
	const server = await recordingServer(handler, host);
	servers.push(server);
	return server;
}
afterEach(async () => {
	await Promise.all(servers.splice(0).map((s) => s.close()));
});

function expectNoKey(result) {
	expect(result.message).not.toContain(API_KEY);
}

test('n8n finds the programmatic test: no declarative test on the credential, testedBy on the node', () => {
	expect(new CometApi().test).toBeUndefined();
	expect(typeof credentialTestFunction()).toBe('function');
});

test('the simulator with the right key: success, one free GET /v1/models carrying the key', async () => {
	const result = await testCredential({ apiKey: API_KEY, baseUrl: sim.baseUrl });
	expect(result).toEqual({ status: 'OK', message: 'CometAPI accepted the API key (3 models available).' });
	expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models']);
	expect(sim.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
	expect(sim.createRequests()).toHaveLength(0);
});

test('a trailing slash on the Base URL is fine', async () => {
	const result = await testCredential({ apiKey: API_KEY, baseUrl: `${sim.baseUrl}/` });
	expect(result.status).toBe('OK');
	expect(sim.requests.map((r) => r.path)).toEqual(['/v1/models']);
});

test('the simulator with a wrong key: the key is refused, with the API message', async () => {
	const result = await testCredential({ apiKey: 'wrong-key', baseUrl: sim.baseUrl });
	expect(result.status).toBe('Error');
	expect(result.message).toBe(
		'CometAPI refused the API key (HTTP 401: Invalid token (request id: sim-401)). Check the key in the CometAPI console.',
	);
});

test('a refusal that echoes the key back never shows the key', async () => {
	const server = await serve((req, res) => {
		res.writeHead(403, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ error: { message: `invalid header set: authorization=${req.headers.authorization}` } }));
	});
	const result = await testCredential({ apiKey: API_KEY, baseUrl: server.url });
	expect(result.message).toBe(
		'CometAPI refused the API key (HTTP 403: invalid header set: authorization=Bearer [redacted]). Check the key in the CometAPI console.',
	);
	expectNoKey(result);
});

test('a Base URL ending in /v1: "remove /v1", and nothing is sent', async () => {
	for (const baseUrl of [`${sim.baseUrl}/v1`, `${sim.baseUrl}/v1/`]) {
		const result = await testCredential({ apiKey: API_KEY, baseUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('The Base URL ends with /v1: remove /v1.');
		// The user's own address without /v1, not always api.cometapi.com.
		expect(result.message).toContain(`Use ${sim.baseUrl} (without /v1).`);
	}
	const proxied = await testCredential({ apiKey: API_KEY, baseUrl: 'https://gateway.example.com/cometapi/v1' });
	expect(proxied.message).toContain('Use https://gateway.example.com/cometapi (without /v1).');
	expect(sim.requests).toHaveLength(0);
});

test.each([301, 302, 307, 308])('a redirect (HTTP %i) is reported as a wrong Base URL and never followed: the key never reaches the other host', async (status) => {
	const elsewhere = await serve((req, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{"object":"list","data":[]}');
	});
	const redirecting = await serve((req, res) => {
		res.writeHead(status, { location: `${elsewhere.url}/v1/models` });
		res.end();
	});
	const result = await testCredential({ apiKey: API_KEY, baseUrl: redirecting.url });
	expect(result.status).toBe('Error');
	expect(result.message).toBe(
		`The Base URL answered with a redirect (HTTP ${status} to ${elsewhere.url}) instead of the API: it is not CometAPI's API address, and the key was not sent on. Use https://api.cometapi.com (without /v1).`,
	);
	expect(redirecting.requests).toHaveLength(1);
	expect(elsewhere.requests).toHaveLength(0);
});

test('an HTML page instead of JSON: "probably not the API\'s address"', async () => {
	const server = await serve((req, res) => {
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end('<!DOCTYPE html><html><head><title>CometAPI</title></head><body>Welcome</body></html>');
	});
	const result = await testCredential({ apiKey: API_KEY, baseUrl: server.url });
	expect(result.status).toBe('Error');
	expect(result.message).toBe(
		"The Base URL answered with an HTML page (HTTP 200), not CometAPI's JSON: it is probably not the API's address. Use https://api.cometapi.com (without /v1).",
	);
});

test('JSON 404 and a non-JSON 200 are not CometAPI either', async () => {
	const notFound = await serve((req, res) => {
		res.writeHead(404, { 'content-type': 'application/json' });
		res.end('{"message":"no such route"}');
	});
	const text = await serve((req, res) => {
		res.writeHead(200, { 'content-type': 'text/plain' });
		res.end('ok');
	});
	const a = await testCredential({ apiKey: API_KEY, baseUrl: notFound.url });
	expect(a.message).toBe(
		'No CometAPI at this Base URL: GET /v1/models answered HTTP 404: no such route. Use https://api.cometapi.com (without /v1).',
	);
	const b = await testCredential({ apiKey: API_KEY, baseUrl: text.url });
	expect(b.message).toBe(
		"The Base URL answered HTTP 200 with something that is not JSON: it is probably not the API's address. Use https://api.cometapi.com (without /v1).",
	);
});

test('an answer of more than 4 MB is refused without reading it all', async () => {
	const server = await serve((req, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		const chunk = Buffer.alloc(1024 * 1024, 0x20);
		let sent = 0;
		const pump = () => {
			while (sent < 64 && !res.destroyed) {
				sent++;
				if (!res.write(chunk)) return res.once('drain', pump);
			}
			res.end();
		};
		res.on('error', () => undefined);
		pump();
	});
	const result = await testCredential({ apiKey: API_KEY, baseUrl: server.url });
	expect(result.message).toBe(
		'The Base URL answered with more than 4 MB for /v1/models: this is not CometAPI. Use https://api.cometapi.com (without /v1).',
	);
});

test('nothing listening (connection refused): names the host and port', async () => {
	const port = await freePort();
	const result = await testCredential({ apiKey: API_KEY, baseUrl: `http://127.0.0.1:${port}` });
	expect(result.status).toBe('Error');
	expect(result.message).toBe(
		`Nothing is listening at 127.0.0.1:${port} (connection refused). Check the Base URL and its port. Use https://api.cometapi.com (without /v1).`,
	);
});

test('a host that does not resolve: says so', async () => {
	const result = await testCredential({ apiKey: API_KEY, baseUrl: 'https://nohost.invalid' });
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(
		/^The host nohost\.invalid does not resolve \(DNS lookup failed: (ENOTFOUND|EAI_AGAIN)\)\. Check the Base URL\./,
	);
});

test('plain http:// to another machine is refused before anything is sent', async () => {
	const { host, listenOn } = remoteLookingHost();
	const server = await serve((req, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{"object":"list","data":[]}');
	});
	const reachable = await serve((req, res) => res.end('{}'), listenOn);
	const result = await testCredential({ apiKey: API_KEY, baseUrl: `http://${host}:${reachable.port}` });
	expect(result.status).toBe('Error');
	expect(result.message).toBe(
		`The Base URL uses plain http:// to ${host}, so the API key would travel unencrypted. Nothing was sent. Use https:// (plain http:// is accepted only for localhost).`,
	);
	expect(reachable.requests).toHaveLength(0);
	expect(server.requests).toHaveLength(0);
});

test('plain http:// to localhost, 127.0.0.1 and [::1] is accepted (this machine only)', async () => {
	const result = await testCredential({ apiKey: API_KEY, baseUrl: sim.baseUrl.replace('127.0.0.1', 'localhost') });
	expect(result.status).toBe('OK');
	const v6 = await serve((req, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{"object":"list","data":[{"id":"gen4_turbo"}]}');
	}, '::1');
	const viaV6 = await testCredential({ apiKey: API_KEY, baseUrl: `http://[::1]:${v6.port}` });
	expect(viaV6).toEqual({ status: 'OK', message: 'CometAPI accepted the API key (1 models available).' });
});

test('an empty key, an empty or malformed Base URL, or credentials in the URL: refused before sending', async () => {
	const cases = [
		[{ apiKey: '  ', baseUrl: sim.baseUrl }, 'The API key is empty. Paste the key from the CometAPI console.'],
		[{ apiKey: API_KEY, baseUrl: '' }, 'The Base URL is empty. Use https://api.cometapi.com (without /v1).'],
		[{ apiKey: API_KEY, baseUrl: 'api.cometapi.com' }, 'The Base URL is not a valid URL: "api.cometapi.com". Use https://api.cometapi.com (without /v1).'],
		[{ apiKey: API_KEY, baseUrl: 'ftp://api.cometapi.com' }, 'The Base URL must start with https://. Use https://api.cometapi.com (without /v1).'],
		[{ apiKey: API_KEY, baseUrl: sim.baseUrl.replace('http://', 'http://user:pass@') }, 'The Base URL must not contain a user name or password. Use https://api.cometapi.com (without /v1).'],
	];
	for (const [data, message] of cases) {
		expect(await testCredential(data)).toEqual({ status: 'Error', message });
	}
	expect(sim.requests).toHaveLength(0);
});

test('generated answers over 4 MB, of any status, type and content: refused as not CometAPI, never read whole', async () => {
	const fc = require('fast-check');
	const MB = 1024 * 1024;
	const CAP = 64 * MB;
	await fc.assert(
		fc.asyncProperty(
			fc.record({
				status: fc.constantFrom(200, 201, 401, 403, 404, 429, 500, 503),
				type: fc.constantFrom('application/json', 'text/html', 'text/plain', undefined),
				declared: fc.boolean(),
				unit: fc.constantFrom('[', ' ', '{"id":"gen4_turbo"},', '<p>', 'é', '"\\'),
				chunkKb: fc.integer({ min: 1, max: 256 }),
			}),
			async ({ status, type, declared, unit, chunkKb }) => {
				let written = 0;
				const server = await serve((req, res) => {
					res.writeHead(status, { ...(type ? { 'content-type': type } : {}), ...(declared ? { 'content-length': CAP } : {}) });
					const chunk = Buffer.from(unit.repeat(Math.ceil((chunkKb * 1024) / Buffer.byteLength(unit))));
					res.on('error', () => undefined);
					const pump = () => {
						while (written < CAP && !res.destroyed) {
							written += chunk.length;
							if (!res.write(chunk)) return res.once('drain', pump);
						}
						if (!res.destroyed) res.end();
					};
					pump();
				});
				const result = await testCredential({ apiKey: API_KEY, baseUrl: server.url });
				expect(result).toEqual({
					status: 'Error',
					message: 'The Base URL answered with more than 4 MB for /v1/models: this is not CometAPI. Use https://api.cometapi.com (without /v1).',
				});
				// The reader let go past 4 MB: the server could not send the rest.
				expect(written).toBeLessThan(CAP);
				await Promise.all(servers.splice(0).map((s) => s.close()));
			},
		),
		{ numRuns: 15 },
	);
}, 60_000);
