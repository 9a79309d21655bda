'use strict';
// Once per `npm run test:e2e`: make sure the cached n8n exists, then build and pack the package
// so that every test file installs the same, freshly packed tarball.
const { prepareN8n } = require('./prepare-n8n');
const { buildAndPack } = require('./harness');

module.exports = async function globalSetup() {
	const t0 = Date.now();
	const prepared = await prepareN8n();
	const t1 = Date.now();
	const tarball = await buildAndPack({ skipBuild: process.env.E2E_SKIP_BUILD === '1' });
	const t2 = Date.now();
	process.env.E2E_TARBALL = tarball;
	process.stderr.write(
		`\n[e2e] n8n ${prepared.n8nVersion} on Node ${prepared.nodeVersion} ` +
			`(${prepared.cached ? 'cached' : 'prepared'} in ${((t1 - t0) / 1000).toFixed(1)}s); ` +
			`build+pack ${((t2 - t1) / 1000).toFixed(1)}s -> ${tarball}\n`,
	);
};
