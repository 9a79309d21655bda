#!/usr/bin/env node
'use strict';
/**
 * Starts the CometAPI simulator on its own:
 * `node test/simulator/cli.js [--port 0] [--duration 3000] [--video sample|patterned]`.
 */
const { startSimulator } = require('./server');

function argument(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? fallback : process.argv[index + 1];
}

(async () => {
	const sim = await startSimulator({
		port: Number(argument('port', 0)),
		taskDurationMs: Number(argument('duration', 3000)),
		apiKey: argument('api-key', 'test-api-key'),
		video: argument('video', 'sample'),
	});
	process.stdout.write(`COMETAPI_SIM_URL=${sim.baseUrl}\n`);
	const stop = async () => {
		await sim.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
})();
