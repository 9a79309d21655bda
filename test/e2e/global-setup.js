'use strict';
// Once per `npm run test:e2e`: make sure the cached n8n exists, build and pack the package, and
// make a template n8n user folder (the fresh tarball installed, database migrated) that every test
// file copies.
const { prepareN8n } = require('./prepare-n8n');
const { buildAndPack, createTemplate } = require('./harness');

module.exports = async function globalSetup() {
	const t0 = Date.now();
	const prepared = await prepareN8n();
	const t1 = Date.now();
	const tarball = await buildAndPack({ skipBuild: process.env.E2E_SKIP_BUILD === '1' });
	const t2 = Date.now();
	const template = await createTemplate({ tarball });
	const t3 = Date.now();
	process.env.E2E_TARBALL = tarball;
	process.env.E2E_TEMPLATE = template;
	const s = (ms) => `${(ms / 1000).toFixed(1)}s`;
	process.stderr.write(
		`\n[e2e] n8n ${prepared.n8nVersion} on Node ${prepared.nodeVersion} (${prepared.cached ? 'cached' : 'prepared'} in ${s(t1 - t0)}); ` +
			`build+pack ${s(t2 - t1)}; template user folder ${s(t3 - t2)}\n`,
	);
};
