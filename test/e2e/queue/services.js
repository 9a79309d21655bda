'use strict';
/*
 * PostgreSQL and Redis for the queue-mode suite: Debian's packages (installed with apt-get when
 * missing and the process is root), each server started on its own free loopback port with its
 * data in a folder of the caller, and stopped by `stop()`. Every process runs in its own process
 * group; `killAll()` ends whatever is still running (and removes folders given to `removeAtExit`)
 * when the process exits or is interrupted.
 *
 *   const pg = await startPostgres(dir);     // { port, host, user, database, pid, logFile, query(sql, params), stop() }
 *   const redis = await startRedis(dir);     // { port, host, pid, logFile, stop() }
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { spawn, execFileSync } = require('node:child_process');
const { freePort, exec } = require('../harness');

const POSTGRES_ROOT = '/usr/lib/postgresql';
const DATABASE = 'n8n';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise` or, after `ms`, undefined; the timer does not outlive the race. */
async function within(promise, ms) {
	let timer;
	try {
		return await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
	} finally {
		clearTimeout(timer);
	}
}

// ---------------------------------------------------------------------------------------------
// Processes: own group each, killed as a group; a synchronous last resort at exit.
// ---------------------------------------------------------------------------------------------

const running = new Set();
/** Folders removed at exit when a run ends without its own cleanup. */
const folders = new Set();

function groupAlive(pid) {
	try {
		process.kill(-pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
}

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		/* gone */
	}
}

/** SIGKILLs every group still running and removes the registered folders (at exit, on a signal). */
function killAll() {
	for (const pid of running) {
		killGroup(pid, 'SIGKILL');
		running.delete(pid);
	}
	for (const dir of folders) {
		fs.rmSync(dir, { recursive: true, force: true });
		folders.delete(dir);
	}
}
// In a plain Node process (the bench); under Jest, test files see a copy of `process` whose
// handlers never fire, and the suite's global setup and teardown (QUEUE_RUN_DIR) do this instead.
process.on('exit', killAll);
// Interrupted (Ctrl+C, a CI time limit): clean up, then let the signal do what it would have done.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.once(signal, () => {
		killAll();
		process.kill(process.pid, signal);
	});
}

/** Processes whose working folder is inside `dir` (every server and n8n process here runs in one). */
function processesIn(dir) {
	const found = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
		try {
			const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
			if (cwd === dir || cwd.startsWith(`${dir}/`)) found.push(Number(entry));
		} catch {
			/* gone, or not ours to read */
		}
	}
	return found;
}

/**
 * A folder for one test run (QUEUE_RUN_DIR) that every cluster of the run lives in, so that a
 * global teardown, or a signal to the test runner, finds what is left even after a crash.
 */
function createRunDir() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cometapi-queue-run-'));
	fs.chmodSync(dir, 0o755); // PostgreSQL's user must pass through it
	process.env.QUEUE_RUN_DIR = dir;
	return dir;
}

/** SIGKILLs every process working inside `dir`, then removes it (unless `keep`). Synchronous. */
function cleanRunDir(dir, { keep = false } = {}) {
	if (!dir || !fs.existsSync(dir)) return;
	for (let round = 0; round < 20; round++) {
		const pids = processesIn(dir);
		if (!pids.length) break;
		for (const pid of pids) {
			killGroup(pid, 'SIGKILL');
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}
		execFileSync('sleep', ['0.2']);
	}
	if (!keep) fs.rmSync(dir, { recursive: true, force: true });
}

/** Removes `dir` at exit unless `release(dir)` was called first. */
function removeAtExit(dir) {
	folders.add(dir);
}

function release(dir) {
	folders.delete(dir);
}

/**
 * Starts a long-running server in its own process group, stdout and stderr appended to `logFile`.
 * Returns { child, pid, exited, stop(signal, graceMs) }.
 */
function startProcess(cmd, args, { env = process.env, cwd, logFile, uid, gid } = {}) {
	const log = fs.openSync(logFile, 'a');
	const child = spawn(cmd, args, { env, cwd, uid, gid, detached: true, stdio: ['ignore', log, log] });
	fs.closeSync(log);
	const pid = child.pid;
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	child.once('error', () => {});
	if (pid) running.add(pid);
	exited.then(() => {
		// Children of the group (postgres backends, n8n's task runners) go with it.
		killGroup(pid, 'SIGKILL');
		running.delete(pid);
	});
	return {
		child,
		pid,
		exited,
		/** Sends `signal` to the leader (or the whole group), then SIGKILLs the group after graceMs. */
		async stop({ signal = 'SIGTERM', group = true, graceMs = 15000 } = {}) {
			if (!pid || !running.has(pid)) return;
			if (child.exitCode === null && child.signalCode === null) {
				try {
					if (group) process.kill(-pid, signal);
					else process.kill(pid, signal);
				} catch {
					/* gone */
				}
				await within(exited, graceMs);
			}
			killGroup(pid, 'SIGKILL');
			for (let i = 0; i < 50 && groupAlive(pid); i++) await sleep(100);
			running.delete(pid);
		},
	};
}

async function waitFor(what, check, { timeoutMs = 60000, intervalMs = 250, proc, logFile } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		if (proc && (proc.child.exitCode !== null || proc.child.signalCode !== null)) break;
		try {
			const value = await check();
			if (value) return value;
		} catch (err) {
			lastError = err;
		}
		await sleep(intervalMs);
	}
	const tail = logFile && fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-3000) : '';
	const state = proc && proc.child.exitCode !== null ? ` (exited ${proc.child.exitCode})` : '';
	throw new Error(`${what} did not come up${state}${lastError ? `: ${lastError.message}` : ''}\n${tail}`);
}

// ---------------------------------------------------------------------------------------------
// Debian packages
// ---------------------------------------------------------------------------------------------

/** The newest installed PostgreSQL server's bin folder, e.g. /usr/lib/postgresql/15/bin. */
function postgresBinDir() {
	if (!fs.existsSync(POSTGRES_ROOT)) return null;
	const versions = fs
		.readdirSync(POSTGRES_ROOT)
		.filter((v) => fs.existsSync(path.join(POSTGRES_ROOT, v, 'bin', 'postgres')) && fs.existsSync(path.join(POSTGRES_ROOT, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(POSTGRES_ROOT, versions[0], 'bin') : null;
}

function redisServerBin() {
	for (const dir of ['/usr/bin', '/usr/sbin', '/usr/local/bin']) {
		const p = path.join(dir, 'redis-server');
		if (fs.existsSync(p)) return p;
	}
	return null;
}

/**
 * Installs `postgresql` and `redis-server` from Debian's packages when they are missing. Only root
 * can; anyone else gets a message naming the packages. Services are not started by the install
 * (a policy-rc.d that refuses is put in place for the install when the machine has none).
 */
async function ensureDebianPackages() {
	const missing = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!redisServerBin()) missing.push('redis-server');
	if (!missing.length) return { installed: [] };
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
		throw new Error(`the queue-mode suite needs Debian's ${missing.join(' and ')}: sudo apt-get install -y ${missing.join(' ')}`);
	}
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !fs.existsSync(policy);
	if (ownPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	try {
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		// Waits for another apt or dpkg run to finish instead of failing on its lock.
		const wait = ['-o', 'DPkg::Lock::Timeout=600'];
		const install = () => exec('apt-get', [...wait, 'install', '-y', '-qq', '--no-install-recommends', ...missing], { env, timeoutMs: 15 * 60 * 1000 });
		let r = await install();
		if (r.code !== 0) {
			// A fresh machine may have no package lists yet.
			await exec('apt-get', [...wait, 'update', '-qq'], { env, timeoutMs: 10 * 60 * 1000 });
			r = await install();
		}
		if (r.code !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed (${r.code})\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
	} finally {
		if (ownPolicy) fs.rmSync(policy, { force: true });
	}
	if (!postgresBinDir() || !redisServerBin()) throw new Error(`installed ${missing.join(' ')}, but the servers are still not found`);
	return { installed: missing };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL
// ---------------------------------------------------------------------------------------------

/** The `pg` client that n8n itself uses (from the cached n8n install). */
function pgModule(paths) {
	return require(require.resolve('pg', { paths: [path.join(paths.n8nDir, 'node_modules', 'n8n')] }));
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` user of Debian's package. */
function postgresIdentity() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
	const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
	return { uid, gid };
}

/**
 * initdb in `<dir>/pg`, then the server on a free loopback port (socket in `<dir>/pg-socket`),
 * with the database `n8n` created. Durability settings are off: the data is thrown away.
 */
async function startPostgres(dir, { paths, logFile = path.join(dir, 'postgres.log') } = {}) {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed (see ensureDebianPackages)');
	const id = postgresIdentity();
	const dataDir = path.join(dir, 'pg');
	const socketDir = path.join(dir, 'pg-socket');
	fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	fs.mkdirSync(socketDir, { recursive: true });
	if (id.uid !== undefined) {
		// The server's user must reach its folders inside the caller's temp folder.
		fs.chmodSync(dir, 0o755);
		fs.chownSync(dataDir, id.uid, id.gid);
		fs.chownSync(socketDir, id.uid, id.gid);
	}
	const env = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C' };
	const init = await new Promise((resolve, reject) => {
		const child = spawn(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
			cwd: dataDir,
			env,
			...id,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, out }));
	});
	if (init.code !== 0) throw new Error(`initdb failed (${init.code})\n${init.out.slice(-3000)}`);

	const port = await freePort();
	const proc = startProcess(
		path.join(bin, 'postgres'),
		[
			'-D', dataDir,
			'-p', String(port),
			'-h', '127.0.0.1',
			'-k', socketDir,
			'-c', 'fsync=off',
			'-c', 'synchronous_commit=off',
			'-c', 'full_page_writes=off',
			'-c', 'max_wal_size=4GB',
			'-c', 'max_connections=200',
		],
		{ cwd: dataDir, env, logFile, ...id },
	);
	const pg = pgModule(paths);
	const connect = async (database) => {
		const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database });
		await client.connect();
		return client;
	};
	try {
		const admin = await waitFor('PostgreSQL', () => connect('postgres'), { proc, logFile, timeoutMs: 60000 });
		await admin.query(`CREATE DATABASE ${DATABASE}`);
		await admin.end();
	} catch (err) {
		await proc.stop({ signal: 'SIGKILL' });
		throw err;
	}
	return {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		database: DATABASE,
		pid: proc.pid,
		version: path.basename(path.dirname(bin)),
		logFile,
		/** One query on a short-lived connection to the n8n database. */
		async query(sql, params) {
			const client = await connect(DATABASE);
			try {
				return (await client.query(sql, params)).rows;
			} finally {
				await client.end();
			}
		},
		/** Fast shutdown (SIGINT to the postmaster), then SIGKILL to the group if needed. */
		stop: () => proc.stop({ signal: 'SIGINT', group: false, graceMs: 15000 }),
	};
}

// ---------------------------------------------------------------------------------------------
// Redis
// ---------------------------------------------------------------------------------------------

function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let reply = '';
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (d) => {
			reply += d;
			if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
		});
	});
}

/** redis-server on a free loopback port, no persistence, working folder `<dir>/redis`. */
async function startRedis(dir, { logFile = path.join(dir, 'redis.log') } = {}) {
	const bin = redisServerBin();
	if (!bin) throw new Error('redis-server is not installed (see ensureDebianPackages)');
	const dataDir = path.join(dir, 'redis');
	fs.mkdirSync(dataDir, { recursive: true });
	const port = await freePort();
	const proc = startProcess(
		bin,
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', ''],
		{ cwd: dataDir, logFile },
	);
	try {
		await waitFor('Redis', () => redisPing(port), { proc, logFile, timeoutMs: 30000 });
	} catch (err) {
		await proc.stop({ signal: 'SIGKILL' });
		throw err;
	}
	return { host: '127.0.0.1', port, pid: proc.pid, logFile, stop: () => proc.stop({ signal: 'SIGTERM', graceMs: 10000 }) };
}

module.exports = {
	ensureDebianPackages,
	postgresBinDir,
	redisServerBin,
	startPostgres,
	startRedis,
	startProcess,
	waitFor,
	groupAlive,
	killAll,
	removeAtExit,
	release,
	createRunDir,
	cleanRunDir,
	processesIn,
	sleep,
};
