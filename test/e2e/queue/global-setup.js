'use strict';
// Once per `npm run test:queue`: PostgreSQL and Redis installed when missing, a run folder that
// every cluster lives in (cleaned up here even when Jest is interrupted), then the e2e suite's
// own setup (cached n8n, packed package, template user folder).
const e2eSetup = require('../global-setup');
const e2eTeardown = require('../global-teardown');
const { ensureDebianPackages, createRunDir, cleanRunDir } = require('./services');

module.exports = async function globalSetup() {
	const dir = createRunDir();
	const keep = !!process.env.E2E_KEEP;
	// Synchronous: the e2e teardown only removes folders, without awaiting anything.
	const cleanup = () => {
		cleanRunDir(dir, { keep });
		e2eTeardown();
	};
	process.on('exit', cleanup);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(signal, () => {
			cleanup();
			process.kill(process.pid, signal);
		});
	}
	const t0 = Date.now();
	const { installed } = await ensureDebianPackages();
	if (installed.length) process.stderr.write(`\n[queue] installed ${installed.join(', ')} in ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
	await e2eSetup();
};
