'use strict';
// Per-test-file setup: one simulator, one fresh n8n user folder with the packed package and the
// cometApi credential imported, and all of the file's workflows imported with one n8n process.
const { buildAndPack, createN8n, simulatorModule } = require('./harness');

async function startSuite({ simulator = {}, workflows = [], n8nEnv } = {}) {
	const t0 = Date.now();
	const { startSimulator } = simulatorModule();
	const sim = await startSimulator({ taskDurationMs: 2000, ...simulator });
	const tarball = process.env.E2E_TARBALL || (await buildAndPack());
	const n8n = await createN8n({ tarball, env: n8nEnv });
	await n8n.importCredential({ apiKey: sim.apiKey, baseUrl: sim.baseUrl });
	if (workflows.length) await n8n.importWorkflows(workflows);
	const setupMs = Date.now() - t0;
	return {
		sim,
		n8n,
		setupMs,
		async close() {
			await n8n.dispose();
			await sim.close();
		},
	};
}

/** Creates requests the simulator got, with their bodies (JSON-parsed where needed). */
function createBodies(sim) {
	return sim.createRequests().map((r) => (typeof r.body === 'string' ? JSON.parse(r.body) : r.body));
}

module.exports = { startSuite, createBodies };
