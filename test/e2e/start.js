'use strict';
/*
 * npm start: the n8n editor (real n8n 2.41.0 on Node 24) at http://localhost:5678 with this
 * package freshly built, packed and installed, a "CometAPI account" credential, and the examples
 * imported on the first start. Ctrl+C stops n8n (and the simulator).
 *
 * - Default: the credential points at the CometAPI simulator, started in this process
 *   (COMETAPI_SIM_PORT fixes its port; default: any free port).
 * - With COMETAPI_API_KEY set: the credential points at the real CometAPI (COMETAPI_BASE_URL,
 *   default https://api.cometapi.com).
 * - N8N_PORT changes the editor's port. The editor's data (owner account, workflows) is kept in
 *   .e2e-cache/editor/ between starts; delete that folder to start over.
 * - `node test/e2e/start.js --check`: start, wait until /healthz answers and the node type is
 *   loaded, print the URL, then stop (used to verify that `npm start` works).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { packageTarball, cometApiBackend, createN8n, useE2eCredential, loadExample, freePort, NODE_TYPE, CREDENTIAL_NAME } = require('./harness');
const { prepareN8n } = require('./prepare-n8n');

const check = process.argv.includes('--check');

function say(msg) {
	process.stdout.write(`${msg}\n`);
}

async function waitUntilUp(url, child, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n exited with code ${child.exitCode} before it came up`);
		try {
			const res = await fetch(`${url}/healthz`);
			if (res.ok) return await res.json();
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`n8n did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
}

async function main() {
	const t0 = Date.now();
	const paths = await prepareN8n();
	const port = Number(process.env.N8N_PORT || 5678);
	const url = `http://localhost:${port}`;

	say('Building and packing the package…');
	const tarball = await packageTarball();

	const { apiKey, baseUrl, sim } = await cometApiBackend({
		port: Number(process.env.COMETAPI_SIM_PORT || 0),
		taskDurationMs: Number(process.env.SIM_TASK_MS || 8000),
	});

	const userFolder = process.env.EDITOR_USER_FOLDER || path.join(paths.cacheDir, 'editor');
	const firstStart = !fs.existsSync(path.join(userFolder, '.n8n', 'database.sqlite'));
	fs.mkdirSync(userFolder, { recursive: true });
	const n8n = await createN8n({ tarball, userFolder, keep: true });
	await n8n.importCredential({ apiKey, baseUrl });
	if (firstStart) {
		const dir = path.join(__dirname, '..', '..', 'examples');
		const workflows = fs
			.readdirSync(dir)
			.filter((f) => f.endsWith('.json'))
			.map((f, i) => ({ ...useE2eCredential(loadExample(f)), id: `cometExample${i + 1}` }));
		await n8n.importWorkflows(workflows);
	}
	fs.rmSync(path.join(userFolder, 'e2e-inputs'), { recursive: true, force: true });

	const child = spawn(paths.nodeBin, [paths.n8nBin, 'start'], {
		cwd: userFolder,
		env: {
			...n8n.env,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_EDITOR_BASE_URL: url,
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		},
		stdio: check ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
	});
	let output = '';
	if (check) {
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
	}
	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		if (child.exitCode === null) {
			child.kill('SIGTERM');
			await new Promise((resolve) => {
				const t = setTimeout(() => {
					child.kill('SIGKILL');
					resolve();
				}, 15000);
				child.once('exit', () => {
					clearTimeout(t);
					resolve();
				});
			});
		}
		if (sim) await sim.close();
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));
	child.on('exit', (code) => {
		if (!stopping) {
			say(`n8n exited (${code})`);
			if (check) process.stderr.write(output.slice(-3000));
			stop(code || 1);
		}
	});

	try {
		const health = await waitUntilUp(url, child, 120000);
		// /types/nodes.json needs a login; n8n writes the same file into the user folder's cache.
		const typesFile = path.join(userFolder, '.cache', 'n8n', 'public', 'types', 'nodes.json');
		const isLoaded = () => {
			const types = fs.existsSync(typesFile) ? fs.readFileSync(typesFile, 'utf8') : '';
			return types.includes(`"${NODE_TYPE}"`) && types.includes(`"${NODE_TYPE}Tool"`);
		};
		let loaded = isLoaded();
		for (let i = 0; i < 60 && !loaded; i++) {
			await new Promise((r) => setTimeout(r, 500));
			loaded = isLoaded();
		}
		// The editor's page is served once n8n has written its static files, a moment after healthz.
		let editorPage = 0;
		for (let i = 0; i < 60 && editorPage !== 200; i++) {
			editorPage = await fetch(`${url}/`).then((r) => r.status, () => 0);
			if (editorPage !== 200) await new Promise((r) => setTimeout(r, 500));
		}
		say('');
		say(`n8n editor: ${url}   (healthz: ${JSON.stringify(health)}; editor page HTTP ${editorPage}; up in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
		say(`Node:       CometAPI Runway (${NODE_TYPE}, also as an AI tool) ${loaded ? 'loaded' : 'NOT loaded'}`);
		say(`Credential: "${CREDENTIAL_NAME}" → ${sim ? `CometAPI simulator at ${baseUrl}` : baseUrl}`);
		if (firstStart) say('Examples:   imported from examples/ (open Workflows); first visit asks you to create the owner account');
		if (check) return stop(loaded && editorPage === 200 ? 0 : 1);
		say('Press Ctrl+C to stop.');
	} catch (err) {
		process.stderr.write(`${err.message}\n`);
		if (check) process.stderr.write(output.slice(-3000));
		return stop(1);
	}
}

main().catch((err) => {
	process.stderr.write(`start failed: ${err.stack || err.message}\n`);
	process.exit(1);
});
