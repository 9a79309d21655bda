'use strict';
/*
 * The n8n editor that `npm start` serves, as a module: a real n8n 2.41.0 (Node 24) with this
 * package packed and installed, a "CometAPI account" credential pointing at the simulator (or at
 * the real CometAPI when COMETAPI_API_KEY is set), and the examples imported on the first start.
 * Used by `npm start` (start.js) and by the browser suite (test/ui).
 *
 *   const editor = await startEditor({ port, userFolder });
 *   editor.url                // http://localhost:PORT
 *   await editor.stop();      // n8n's whole process group, then the simulator
 *
 * n8n runs in its own process group (it starts task runners of its own), so that stop() and
 * killNow() end every process it started; a watchdog ends the group if this process dies first.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const {
	packageTarball,
	cometApiBackend,
	createN8n,
	useE2eCredential,
	loadExample,
	freePort,
	repoRoot,
	NODE_TYPE,
} = require('./harness');
const { prepareN8n } = require('./prepare-n8n');
const { reapWithParent } = require('../support/reaper');

/** What the editor runs with on top of the harness' settings (see CONTRIBUTING.md, "npm start"). */
const EDITOR_ENV = {
	// The package is installed as a community package; say explicitly that this is allowed.
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
};
/**
 * Harness settings the editor leaves out: the editor runs n8n's default `vm` expression engine,
 * as users do (isolated-vm's prebuilt binary for Linux x64 loads on Node 24 without a build).
 */
const NOT_FOR_THE_EDITOR = ['N8N_EXPRESSION_ENGINE'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilUp(url, child, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`n8n exited (${child.exitCode ?? child.signalCode}) before it came up`);
		}
		try {
			const res = await fetch(`${url}/healthz`);
			if (res.ok) return await res.json();
		} catch {
			/* not listening yet */
		}
		await sleep(500);
	}
	throw new Error(`n8n did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
}

/** The workflow id each file of examples/ is imported under: { 'image-to-video.json': 'cometExample3', … }. */
function exampleWorkflowIds() {
	const files = fs.readdirSync(path.join(repoRoot, 'examples')).filter((f) => f.endsWith('.json')).sort();
	return Object.fromEntries(files.map((f, i) => [f, `cometExample${i + 1}`]));
}

/** Sends a signal to a whole process group; false when the group is gone. */
function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false;
	}
}

/** Ends a detached child's process group: SIGTERM, then SIGKILL after `graceMs`. */
async function stopGroup(child, graceMs = 15000) {
	if (!child.pid) return;
	const exited = child.exitCode !== null || child.signalCode !== null
		? Promise.resolve()
		: new Promise((resolve) => child.once('exit', resolve));
	if (!signalGroup(child.pid, 'SIGTERM')) return;
	let timer;
	const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
	const outcome = await Promise.race([exited, timedOut]);
	clearTimeout(timer);
	// The group may hold more than n8n itself (its task runners): make sure none is left.
	signalGroup(child.pid, 'SIGKILL');
	if (outcome === 'timeout') await exited;
}

/**
 * Starts the editor. Options:
 *   port            the editor's port (default: N8N_PORT or 5678; 0 = any free port)
 *   userFolder      n8n's user folder (default: EDITOR_USER_FOLDER or .e2e-cache/editor)
 *   tarball         the packed package (default: built and packed now)
 *   simulator       simulator options, when the simulator is used
 *   examples        import examples/: 'first-start' (default), true or false
 *   env             more environment for n8n
 *   capture         collect n8n's output (editor.output()) instead of passing it through
 */
async function startEditor({
	port = Number(process.env.N8N_PORT || 5678),
	userFolder,
	tarball,
	simulator = {},
	examples = 'first-start',
	env = {},
	capture = false,
} = {}) {
	const t0 = Date.now();
	const paths = await prepareN8n();
	const editorPort = port || (await freePort());
	const url = `http://localhost:${editorPort}`;
	const pack = tarball || (await packageTarball());
	const folder = userFolder || process.env.EDITOR_USER_FOLDER || path.join(paths.cacheDir, 'editor');
	const firstStart = !fs.existsSync(path.join(folder, '.n8n', 'database.sqlite'));
	fs.mkdirSync(folder, { recursive: true });

	const { apiKey, baseUrl, sim } = await cometApiBackend(simulator);
	const exampleIds = exampleWorkflowIds();
	let child;
	try {
		const n8n = await createN8n({ tarball: pack, userFolder: folder, keep: true });
		await n8n.importCredential({ apiKey, baseUrl });
		if (examples === true || (examples === 'first-start' && firstStart)) {
			const workflows = Object.entries(exampleIds).map(([file, id]) => ({ ...useE2eCredential(loadExample(file)), id }));
			await n8n.importWorkflows(workflows);
		}
		fs.rmSync(path.join(folder, 'e2e-inputs'), { recursive: true, force: true });

		const baseEnv = { ...n8n.env };
		for (const name of NOT_FOR_THE_EDITOR) delete baseEnv[name];
		child = spawn(paths.nodeBin, [paths.n8nBin, 'start'], {
			cwd: folder,
			detached: true,
			env: {
				...baseEnv,
				...EDITOR_ENV,
				N8N_PORT: String(editorPort),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_EDITOR_BASE_URL: url,
				N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				...env,
			},
			stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
		});
		// Should this process die without stopping it, n8n goes too.
		reapWithParent(child.pid);
	} catch (err) {
		if (sim) await sim.close();
		throw err;
	}
	let output = '';
	if (capture) {
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
	}

	let stopped = null;
	const editor = {
		url,
		port: editorPort,
		userFolder: folder,
		apiKey,
		baseUrl,
		sim,
		child,
		firstStart,
		/** Workflow ids of the examples (imported on the first start or with `examples: true`). */
		examples: exampleIds,
		output: () => output,
		/** Ends n8n's process group and the simulator (idempotent). */
		stop() {
			stopped ??= (async () => {
				await stopGroup(child);
				if (sim) await sim.close();
			})();
			return stopped;
		},
		/** For process 'exit' handlers: kills the group at once, synchronously. */
		killNow() {
			if (child.pid) signalGroup(child.pid, 'SIGKILL');
		},
	};

	try {
		editor.health = await waitUntilUp(url, child, 120000);
		// /types/nodes.json needs a login; n8n writes the same file into the user folder's cache.
		const typesFile = path.join(folder, '.cache', 'n8n', 'public', 'types', 'nodes.json');
		const isLoaded = () => {
			const types = fs.existsSync(typesFile) ? fs.readFileSync(typesFile, 'utf8') : '';
			return types.includes(`"${NODE_TYPE}"`) && types.includes(`"${NODE_TYPE}Tool"`);
		};
		editor.loaded = isLoaded();
		for (let i = 0; i < 60 && !editor.loaded; i++) {
			await sleep(500);
			editor.loaded = isLoaded();
		}
		// The editor's page is served once n8n has written its static files, a moment after healthz.
		editor.editorPage = 0;
		for (let i = 0; i < 60 && editor.editorPage !== 200; i++) {
			editor.editorPage = await fetch(`${url}/`).then((r) => r.status, () => 0);
			if (editor.editorPage !== 200) await sleep(500);
		}
		editor.upSeconds = (Date.now() - t0) / 1000;
		return editor;
	} catch (err) {
		await editor.stop();
		err.output = output;
		throw err;
	}
}

module.exports = { startEditor, stopGroup, signalGroup, exampleWorkflowIds, EDITOR_ENV };
