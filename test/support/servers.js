'use strict';
/**
 * Small real HTTP servers for tests that must know what reached them (and what did not).
 *
 *   const server = await recordingServer((req, res) => res.end('{}'));
 *   server.url          // http://127.0.0.1:PORT
 *   server.requests     // [{ method, url, authorization }]
 *   await server.close();
 */
const http = require('node:http');
const os = require('node:os');

/**
 * A node:http server on `host` (default 127.0.0.1) that records each request
 * ({ method, url, headers, authorization, at }), then lets `handler(req, res, record)` answer.
 * Its `url` is on `host`, or on 127.0.0.1 when it listens on every interface.
 */
async function recordingServer(handler, host = '127.0.0.1') {
	const requests = [];
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		const headers = { ...req.headers };
		const record = { method: req.method, url: req.url, headers, authorization: headers.authorization, at: Date.now() };
		requests.push(record);
		handler(req, res, record);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve) => server.listen(0, host, resolve));
	const { port } = server.address();
	return {
		requests,
		port,
		url: `http://${['0.0.0.0', '::'].includes(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${port}`,
		close() {
			for (const socket of sockets) socket.destroy();
			return new Promise((resolve) => server.close(resolve));
		},
	};
}

/**
 * An address of this machine that is not loopback, for "a remote host" that still reaches a
 * server listening on every interface ({ host, listenOn }).
 */
function remoteLookingHost() {
	for (const list of Object.values(os.networkInterfaces())) {
		for (const address of list ?? []) {
			if (address.family === 'IPv4' && !address.internal) return { host: address.address, listenOn: '0.0.0.0' };
		}
	}
	// No network interface: the IPv4-mapped form of 127.0.0.1 still reaches this machine.
	return { host: '[::ffff:127.0.0.1]', listenOn: '::' };
}

module.exports = { recordingServer, remoteLookingHost };
