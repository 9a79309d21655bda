'use strict';
// Per-test-file setup: one simulator, one fresh n8n user folder (a copy of the run's template:
// freshly packed package installed, database migrated) with the cometApi credential imported,
// and all of the file's workflows imported with one n8n process.
const { buildAndPack, createN8n, simulatorModule } = require('./harness');

async function startSuite({ simulator = {}, workflows = [], n8nEnv } = {}) {
	const t0 = Date.now();
	const { startSimulator } = simulatorModule();
	const sim = await startSimulator({ taskDurationMs: 2000, ...simulator });
	const template = process.env.E2E_TEMPLATE;
	const tarball = template ? undefined : process.env.E2E_TARBALL || (await buildAndPack());
	const n8n = await createN8n({ tarball, template, env: n8nEnv });
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

/**
 * The suite of one test file: started before its tests, the simulator emptied before each test,
 * closed after the last. The returned object gains `sim`, `n8n` and `setupMs` once started.
 */
function useSuite(options) {
	const suite = {};
	beforeAll(async () => {
		Object.assign(suite, await startSuite(options));
	});
	afterAll(async () => {
		await suite.close?.();
	});
	beforeEach(() => suite.sim.reset());
	return suite;
}

/** The simulator's create requests, as JSON bodies. */
function createBodies(sim) {
	return sim.createRequests().map((r) => (typeof r.body === 'string' ? JSON.parse(r.body) : r.body));
}

/** Item json without the bulky raw `response`, for readable assertion failures. */
function brief(items) {
	return items.map((it) => {
		const { response, ...rest } = it.json || {};
		return { json: rest, pairedItem: it.pairedItem, binary: it.binary && Object.keys(it.binary) };
	});
}

module.exports = { startSuite, useSuite, createBodies, brief };

/** Fails with n8n's own error message (not just "expected 0, got 1") when a run did not succeed. */
function expectSuccess(r) {
	if (r.parseError) throw new Error(r.parseError);
	if (r.exitCode !== 0 || r.error) {
		const e = r.error || {};
		throw new Error(
			`n8n execute exited ${r.exitCode}: ${e.message ?? ''} ${e.description ?? ''}\n` +
				`node: ${e.node?.name ?? r.lastNodeExecuted ?? '?'}\n${(r.stderr || '').slice(-1500)}`,
		);
	}
	return r;
}

module.exports.expectSuccess = expectSuccess;
