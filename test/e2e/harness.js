'use strict';
/*
 * End-to-end harness: drives the freshly built package inside a real n8n (2.41.0, Node 24),
 * headless, through n8n's own CLI (import:credentials, import:workflow, execute --id).
 *
 *   const h = require('./harness');
 *   const tarball = await h.buildAndPack();              // npm run build + npm pack
 *   const n8n = await h.createN8n({ tarball });          // fresh user folder, package installed
 *   await n8n.importCredential({ apiKey, baseUrl });     // credential type cometApi
 *   await n8n.importWorkflows([wf1, wf2]);               // one n8n process for all of them
 *   const r = await n8n.execute(wf1.id);                 // { exitCode, run, nodeOutput(name), ... }
 *   const r2 = await n8n.runWorkflow(wf3);               // import (if needed) + execute
 *   await n8n.dispose();
 *
 * Plain CommonJS on purpose: the strict community lint targets .ts files only.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { spawn } = require('node:child_process');
const { prepareN8n, node24Env, repoRoot } = require('./prepare-n8n');

const PACKAGE_NAME = 'n8n-nodes-cometapi-runway';
const NODE_TYPE = `${PACKAGE_NAME}.cometApiRunway`;
const CREDENTIAL_TYPE = 'cometApi';
const CREDENTIAL_ID = 'e2eCometApiCred01';
const CREDENTIAL_NAME = 'CometAPI account';
const DIVIDER = '====================================';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** What every n8n command here runs with (besides N8N_USER_FOLDER and Node 24 first on PATH). */
const QUIET_ENV = {
	N8N_EXPRESSION_ENGINE: 'legacy', // isolated-vm (the default 'vm' engine) is not built
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_LOG_LEVEL: 'warn',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	N8N_SECURE_COOKIE: 'false',
};

/** A TCP port that is free right now on 127.0.0.1. */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function debug(msg) {
	if (process.env.E2E_DEBUG) process.stderr.write(`[e2e] ${msg}\n`);
}

/** Runs a command and collects its output. Never rejects on a non-zero exit. */
function exec(cmd, args, { cwd = repoRoot, env = process.env, timeoutMs = 10 * 60 * 1000 } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', (err) => {
			clearTimeout(timer);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const ms = Date.now() - started;
			debug(`${path.basename(cmd)} ${args.join(' ')} -> ${code ?? signal} in ${ms} ms`);
			if (process.env.E2E_DEBUG === '2') debug(`stdout: ${stdout.slice(-2000)}\nstderr: ${stderr.slice(-2000)}`);
			resolve({ code: code ?? 1, signal, stdout, stderr, ms });
		});
	});
}

async function mustExec(cmd, args, opts) {
	const r = await exec(cmd, args, opts);
	if (r.code !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}\n--- stdout\n${r.stdout.slice(-4000)}\n--- stderr\n${r.stderr.slice(-4000)}`);
	}
	return r;
}

/**
 * `npm run build` (unless skipBuild) then `npm pack` into a temp folder; returns the tarball path.
 * The repository's .npmrc sets ignore-scripts, so pack runs no lifecycle scripts.
 */
async function buildAndPack({ skipBuild = false, destDir } = {}) {
	if (!skipBuild) await mustExec(npm, ['run', 'build', '--silent']);
	if (!fs.existsSync(path.join(repoRoot, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	const dest = destDir || fs.mkdtempSync(path.join(os.tmpdir(), 'cometapi-e2e-pack-'));
	const r = await mustExec(npm, ['pack', '--json', '--pack-destination', dest]);
	const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
	return path.join(dest, info[0].filename);
}

/** Extracts the first complete JSON object starting at `from` (string-aware brace matching). */
function scanJsonObject(text, from) {
	const start = text.indexOf('{', from);
	if (start === -1) return null;
	let depth = 0;
	let inString = false;
	let escaped = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (escaped) escaped = false;
			else if (c === '\\') escaped = true;
			else if (c === '"') inString = false;
			continue;
		}
		if (c === '"') inString = true;
		else if (c === '{') depth++;
		else if (c === '}') {
			depth--;
			if (depth === 0) {
				try {
					return JSON.parse(text.slice(start, i + 1));
				} catch {
					return null;
				}
			}
		}
	}
	return null;
}

/**
 * Finds the run JSON that `n8n execute` prints after a `====` divider. On success it is printed
 * after "Execution was successful:"; on failure after "Execution was NOT successful" (and a second
 * divider is followed by the error message only), so every divider is tried in turn.
 */
function parseRunOutput(text) {
	let at = text.indexOf(DIVIDER);
	while (at !== -1) {
		const after = text.slice(at + DIVIDER.length).trimStart();
		if (after.startsWith('{')) {
			const run = scanJsonObject(text, at + DIVIDER.length);
			if (run && run.data) return run;
		}
		at = text.indexOf(DIVIDER, at + DIVIDER.length);
	}
	return null;
}

function makeResult(proc, run) {
	const runData = run?.data?.resultData?.runData ?? {};
	const result = {
		exitCode: proc.code,
		stdout: proc.stdout,
		stderr: proc.stderr,
		ms: proc.ms,
		run,
		runData,
		/** Error of the whole execution (what made it fail), or undefined. */
		error: run?.data?.resultData?.error,
		lastNodeExecuted: run?.data?.resultData?.lastNodeExecuted,
		/** Output items of a node's first run, output 0 (or another output index). */
		nodeOutput(name, outputIndex = 0, runIndex = 0) {
			const task = runData[name]?.[runIndex];
			if (!task) throw new Error(`node "${name}" did not run; ran: ${Object.keys(runData).join(', ')}`);
			return task.data?.main?.[outputIndex] ?? [];
		},
		/** The task data of a node's run: { startTime, executionTime, executionStatus, error, data, source }. */
		nodeRun(name, runIndex = 0) {
			return runData[name]?.[runIndex];
		},
		nodeError(name, runIndex = 0) {
			return runData[name]?.[runIndex]?.error;
		},
	};
	return result;
}

/**
 * A migrated, empty n8n user folder kept in the cache (`.e2e-cache/base-user`): the first n8n
 * command in a new folder spends ~8 s creating the database, so new folders start as its copy.
 */
async function baseUserFolder(paths) {
	const base = path.join(paths.cacheDir, 'base-user');
	const marker = path.join(base, '.e2e-base.json');
	const want = { n8nVersion: paths.n8nVersion };
	try {
		if (JSON.parse(fs.readFileSync(marker, 'utf8')).n8nVersion === want.n8nVersion) return base;
	} catch {
		/* make it */
	}
	fs.rmSync(base, { recursive: true, force: true });
	const tmp = fs.mkdtempSync(path.join(paths.cacheDir, 'base-user-tmp-'));
	const empty = path.join(tmp, 'no-credentials.json');
	fs.writeFileSync(empty, '[]');
	const env = node24Env(paths, { N8N_USER_FOLDER: tmp, ...QUIET_ENV, N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
	for (const k of Object.keys(env)) if (k.startsWith('npm_') || k.startsWith('JEST_') || k === 'NODE_ENV') delete env[k];
	const r = await exec(paths.nodeBin, [paths.n8nBin, 'import:credentials', `--input=${empty}`], { cwd: tmp, env });
	if (r.code !== 0 || !fs.existsSync(path.join(tmp, '.n8n', 'database.sqlite'))) {
		throw new Error(`n8n did not create its database (${r.code})\n${r.stdout}\n${r.stderr}`);
	}
	fs.rmSync(empty);
	fs.writeFileSync(path.join(tmp, '.e2e-base.json'), JSON.stringify(want));
	try {
		fs.renameSync(tmp, base);
	} catch (err) {
		// Another process made it first.
		fs.rmSync(tmp, { recursive: true, force: true });
		if (!fs.existsSync(marker)) throw err;
	}
	return base;
}

/**
 * A fresh n8n user folder with the packed package installed in `.n8n/nodes`.
 * With `template` (a folder made by `createTemplate`) the folder is a plain copy of it.
 */
async function createN8n({ tarball, template, userFolder, keep = !!process.env.E2E_KEEP, env: extraEnv = {} } = {}) {
	if (!tarball && !template) throw new Error('createN8n needs { tarball } (see buildAndPack) or { template }');
	const paths = await prepareN8n();
	const folder = userFolder || fs.mkdtempSync(path.join(os.tmpdir(), 'cometapi-e2e-n8n-'));
	const n8nFolder = path.join(folder, '.n8n');
	const nodesDir = path.join(n8nFolder, 'nodes');
	if (template) {
		fs.cpSync(template, folder, { recursive: true });
	} else {
		// An existing folder (the editor's, see start.js) keeps its database; only the package is new.
		if (!fs.existsSync(path.join(n8nFolder, 'database.sqlite'))) {
			fs.cpSync(await baseUserFolder(paths), folder, { recursive: true });
			fs.rmSync(path.join(folder, '.e2e-base.json'), { force: true });
		}
		fs.mkdirSync(nodesDir, { recursive: true });
		fs.writeFileSync(
			path.join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
		fs.rmSync(path.join(nodesDir, 'node_modules', PACKAGE_NAME), { recursive: true, force: true });
		// Same outcome as n8n's own community-package install: no dev or peer dependencies
		// (n8n-workflow is resolved from n8n's own node_modules at load time), no scripts.
		await mustExec(
			npm,
			['install', tarball, '--omit=dev', '--omit=peer', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'],
			{ cwd: nodesDir },
		);
	}
	const installed = JSON.parse(
		fs.readFileSync(path.join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json'), 'utf8'),
	);

	const env = node24Env(paths, { N8N_USER_FOLDER: folder, ...QUIET_ENV, ...extraEnv });
	// Jest sets NODE_ENV=test, which makes n8n behave as in its own unit tests (no DB file, no
	// output); npm's variables would leak the project's config into n8n's own npm calls.
	for (const k of Object.keys(env)) if (k.startsWith('npm_') || k.startsWith('JEST_') || k === 'NODE_ENV') delete env[k];

	const workDir = path.join(folder, 'e2e-inputs');
	fs.mkdirSync(workDir, { recursive: true });
	const imported = new Set();
	let counter = 0;

	// Every n8n process starts a task broker (for the Code node's runner) on a fixed default port;
	// a free one per process lets an editor (`npm start`) and the suite run side by side.
	const n8n = async (args, opts = {}) =>
		exec(paths.nodeBin, [paths.n8nBin, ...args], {
			cwd: folder,
			env: { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...(opts.env || {}) },
			timeoutMs: opts.timeoutMs,
		});

	const api = {
		folder,
		paths,
		env,
		installedVersion: installed.version,
		installedDir: path.join(nodesDir, 'node_modules', PACKAGE_NAME),
		n8n,
		/** Imports the cometApi credential (id CREDENTIAL_ID) that `cometNode()` refers to. */
		async importCredential({ apiKey, baseUrl, id = CREDENTIAL_ID, name = CREDENTIAL_NAME }) {
			return api.importCredentials([{ id, name, type: CREDENTIAL_TYPE, data: { apiKey, baseUrl } }]);
		},
		/** Imports credentials `[{ id, name, type, data }]` (plain data; n8n encrypts it on import). */
		async importCredentials(list) {
			const file = path.join(workDir, `credentials-${++counter}.json`);
			fs.writeFileSync(file, JSON.stringify(list));
			const r = await n8n(['import:credentials', `--input=${file}`]);
			fs.rmSync(file, { force: true }); // holds keys in plain text
			if (r.code !== 0) throw new Error(`import:credentials failed (${r.code})\n${r.stdout}\n${r.stderr}`);
			return r;
		},
		/** Imports many workflows with one n8n process (`--separate` over a folder). */
		async importWorkflows(workflows) {
			const list = workflows.filter((w) => !imported.has(w.id));
			if (!list.length) return null;
			const dir = path.join(workDir, `workflows-${++counter}`);
			fs.mkdirSync(dir, { recursive: true });
			for (const wf of list) {
				if (!wf.id) throw new Error(`workflow "${wf.name}" needs an id (max 21 chars)`);
				fs.writeFileSync(path.join(dir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
			}
			const r = await n8n(['import:workflow', '--separate', `--input=${dir}`]);
			if (r.code !== 0) throw new Error(`import:workflow failed (${r.code})\n${r.stdout}\n${r.stderr}`);
			for (const wf of list) imported.add(wf.id);
			return r;
		},
		/** `n8n execute --id=<id>`: exit code plus the parsed run (also when the workflow failed). */
		async execute(id, opts = {}) {
			if (!id) throw new Error('execute needs a workflow id');
			// `execute` prints the run (and, on failure, the run and the error) at log level info:
			// with N8N_LOG_LEVEL=warn it prints nothing at all.
			const proc = await n8n(['execute', `--id=${id}`], { ...opts, env: { N8N_LOG_LEVEL: 'info', ...(opts.env || {}) } });
			const run = parseRunOutput(proc.stdout) ?? parseRunOutput(proc.stderr);
			const result = makeResult(proc, run);
			if (!run) {
				result.parseError = `no run JSON after the divider (exit ${proc.code})\n--- stdout\n${proc.stdout.slice(-3000)}\n--- stderr\n${proc.stderr.slice(-3000)}`;
			}
			return result;
		},
		async runWorkflow(workflow, opts) {
			await api.importWorkflows([workflow]);
			return api.execute(workflow.id, opts);
		},
		/** Reads the bytes of a binary property of an output item (inline base64 or n8n's file store). */
		readBinary(item, property = 'data') {
			const bin = item?.binary?.[property];
			if (!bin) throw new Error(`item has no binary property "${property}"`);
			if (bin.data && bin.data !== 'filesystem-v2' && !bin.id) return Buffer.from(bin.data, 'base64');
			if (bin.id) {
				const [mode, rel] = String(bin.id).split(/:(.*)/s);
				if (mode.startsWith('filesystem')) {
					for (const base of [path.join(n8nFolder, 'storage'), path.join(n8nFolder, 'binaryData')]) {
						const p = path.join(base, rel);
						if (fs.existsSync(p)) return fs.readFileSync(p);
					}
				}
				throw new Error(`cannot read binary ${bin.id}`);
			}
			return Buffer.from(bin.data || '', 'base64');
		},
		async dispose() {
			if (!keep) fs.rmSync(folder, { recursive: true, force: true });
			else process.stderr.write(`[e2e] kept n8n user folder ${folder}\n`);
		},
	};
	return api;
}

/** A template user folder (the tarball installed, database migrated) for createN8n({ template }). */
async function createTemplate({ tarball }) {
	const n8n = await createN8n({ tarball, keep: true });
	fs.rmSync(path.join(n8n.folder, 'e2e-inputs'), { recursive: true, force: true });
	return n8n.folder;
}

// ---------------------------------------------------------------------------------------------
// Workflow builders
// ---------------------------------------------------------------------------------------------

let nodeCounter = 0;
function nodeId() {
	nodeCounter += 1;
	return `00000000-0000-4000-8000-${String(nodeCounter).padStart(12, '0')}`;
}

function manualTrigger(name = 'Manual Trigger') {
	return { id: nodeId(), name, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
}

/** A Code node ("Run Once for All Items") returning `jsCode`'s items. */
function codeNode(name, jsCode) {
	return { id: nodeId(), name, type: 'n8n-nodes-base.code', typeVersion: 2, position: [0, 0], parameters: { jsCode } };
}

/** Our node, wired to the imported e2e credential. `settings` go on the node (e.g. onError). */
function cometNode(name, parameters, settings = {}) {
	return {
		id: nodeId(),
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { cometApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
		...settings,
	};
}

/** Workflow whose nodes run in a line, each feeding the next. Ids: at most 21 characters. */
function chainWorkflow(id, name, nodes) {
	if (id.length > 21) throw new Error(`workflow id "${id}" is longer than 21 characters`);
	const connections = {};
	nodes.forEach((n, i) => {
		n.position = [i * 240, 0];
		if (i < nodes.length - 1) connections[n.name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	});
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/**
 * A copy of a workflow (e.g. an example file, which carries no credentials) whose nodes of this
 * package use the imported e2e credential.
 */
function useE2eCredential(workflow) {
	const wf = JSON.parse(JSON.stringify(workflow));
	for (const n of wf.nodes) {
		if (n.type.startsWith(`${PACKAGE_NAME}.`) || n.credentials?.cometApi) {
			n.credentials = { ...(n.credentials || {}), cometApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };
		}
	}
	return wf;
}

function loadExample(name) {
	return JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples', name), 'utf8'));
}

function simulatorModule() {
	return require(path.join(repoRoot, 'test', 'simulator', 'server.js'));
}

/** The package freshly built and packed (or E2E_TARBALL), removed at exit when made here. */
async function packageTarball() {
	if (process.env.E2E_TARBALL) return process.env.E2E_TARBALL;
	const tarball = await buildAndPack();
	process.on('exit', () => fs.rmSync(path.dirname(tarball), { recursive: true, force: true }));
	return tarball;
}

/**
 * Where the demo and the editor send requests: the real CometAPI when COMETAPI_API_KEY is set
 * (COMETAPI_BASE_URL, default https://api.cometapi.com), otherwise a simulator started here,
 * serving the real sample clip (people and browsers watch these videos).
 */
async function cometApiBackend(simulatorOptions) {
	if (process.env.COMETAPI_API_KEY) {
		const baseUrl = (process.env.COMETAPI_BASE_URL || 'https://api.cometapi.com').replace(/\/+$/, '');
		return { apiKey: process.env.COMETAPI_API_KEY, baseUrl, sim: null };
	}
	const sim = await simulatorModule().startSimulator({ video: 'sample', ...simulatorOptions });
	return { apiKey: sim.apiKey, baseUrl: sim.baseUrl, sim };
}

module.exports = {
	PACKAGE_NAME,
	NODE_TYPE,
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	repoRoot,
	exec,
	freePort,
	buildAndPack,
	createN8n,
	createTemplate,
	baseUserFolder,
	QUIET_ENV,
	parseRunOutput,
	manualTrigger,
	codeNode,
	cometNode,
	chainWorkflow,
	useE2eCredential,
	loadExample,
	simulatorModule,
	packageTarball,
	cometApiBackend,
	prepareN8n,
};
