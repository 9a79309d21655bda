'use strict';
/*
 * n8n in queue mode, for real: PostgreSQL and Redis (services.js), the cached n8n 2.41.0 as main
 * (`n8n start`) and workers (`n8n worker`), all sharing one user folder (one encryption key) with
 * the packed package installed as a community package. Everything lives in one temp folder and is
 * stopped by `stop()` (also on a failed start).
 *
 *   const cluster = await startCluster({ apiKey, baseUrl, workflows, workers: 2 });
 *   await cluster.webhook('queue-rows', { rows });  // { status, body, ms } from the main's webhook
 *   cluster.workers[0].log()                        // a worker's log so far
 *   await cluster.restartWorker(0);               // a fresh worker process; stopWorker(i) ends one
 *   await cluster.stop();
 *
 * Workflows with a Webhook node are published before the main starts (`n8n publish:workflow`).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createN8n, packageTarball, freePort, prepareN8n } = require('../harness');
const { ensureDebianPackages, startPostgres, startRedis, startProcess, waitFor, groupAlive, removeAtExit, release } = require('./services');

const MAIN_READY = 'Editor is now accessible via';

function readLog(file) {
	return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

async function httpOk(url) {
	const res = await fetch(url);
	return res.ok;
}

/** Execution ids a worker's log says it started (`Worker started execution <id> (job <n>)`). */
function startedExecutions(text) {
	return [...text.matchAll(/Worker started execution (\S+) \(job/g)].map((m) => m[1]);
}

async function startCluster({
	apiKey,
	baseUrl,
	workflows = [],
	workers = 2,
	concurrency = 10,
	logLevel = 'info',
	env: extraEnv = {},
	tarball,
	keep = !!process.env.E2E_KEEP,
} = {}) {
	const t0 = Date.now();
	await ensureDebianPackages();
	const root = fs.mkdtempSync(path.join(process.env.QUEUE_RUN_DIR || os.tmpdir(), 'cometapi-queue-'));
	if (!keep) removeAtExit(root);
	const logs = path.join(root, 'logs');
	fs.mkdirSync(logs);
	const parts = { postgres: null, redis: null, main: null, workers: [] };
	let stopped = false;

	const stop = async () => {
		if (stopped) return;
		stopped = true;
		// n8n first (it holds connections to both), then Redis and PostgreSQL.
		await Promise.all([parts.main, ...parts.workers].filter(Boolean).map((p) => p.proc.stop({ graceMs: 10000 })));
		await Promise.all([parts.redis, parts.postgres].filter(Boolean).map((s) => s.stop()));
		release(root);
		if (!keep) fs.rmSync(root, { recursive: true, force: true });
		else process.stderr.write(`[queue] kept ${root}\n`);
	};

	try {
		const [postgres, redis] = await Promise.all([
			startPostgres(root, { paths: await prepareN8n(), logFile: path.join(logs, 'postgres.log') }),
			startRedis(root, { logFile: path.join(logs, 'redis.log') }),
		]);
		parts.postgres = postgres;
		parts.redis = redis;

		const queueEnv = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			// Manual runs go to the workers too (what n8n 2.41 recommends for queue mode).
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			N8N_LOG_LEVEL: logLevel,
			...extraEnv,
		};
		const template = process.env.E2E_TEMPLATE;
		const n8n = await createN8n({
			template,
			tarball: template ? undefined : tarball || (await packageTarball()),
			userFolder: path.join(root, 'n8n'),
			env: queueEnv,
			keep: true,
		});
		// The first command against the empty database runs n8n's migrations.
		await n8n.importCredential({ apiKey, baseUrl });
		if (workflows.length) await n8n.importWorkflows(workflows);
		const published = workflows.filter((w) => w.nodes.some((node) => node.type === 'n8n-nodes-base.webhook'));
		for (const wf of published) {
			const r = await n8n.n8n(['publish:workflow', `--id=${wf.id}`]);
			if (r.code !== 0) throw new Error(`publish:workflow --id=${wf.id} failed (${r.code})\n${r.stdout}\n${r.stderr}`);
		}
		fs.rmSync(path.join(n8n.folder, 'e2e-inputs'), { recursive: true, force: true });

		const spawnN8n = async (name, args, env) => {
			const logFile = path.join(logs, `${name}.log`);
			const proc = startProcess(n8n.paths.nodeBin, [n8n.paths.n8nBin, ...args], {
				cwd: n8n.folder,
				env: { ...n8n.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...env },
				logFile,
			});
			return { name, proc, pid: proc.pid, logFile, log: () => readLog(logFile) };
		};

		const mainPort = await freePort();
		const startWorker = async (index) => {
			const healthPort = await freePort();
			const worker = await spawnN8n(`worker-${index + 1}`, ['worker', `--concurrency=${concurrency}`], {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			});
			worker.healthUrl = `http://127.0.0.1:${healthPort}`;
			worker.startedExecutions = () => startedExecutions(worker.log());
			await waitFor(worker.name, () => httpOk(`${worker.healthUrl}/healthz/readiness`), {
				proc: worker.proc,
				logFile: worker.logFile,
				timeoutMs: 180000,
				intervalMs: 500,
			});
			return worker;
		};

		const [main, ...started] = await Promise.all([
			spawnN8n('main', ['start'], {
				N8N_PORT: String(mainPort),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
			}),
			...Array.from({ length: workers }, (_, i) => startWorker(i)),
		]);
		parts.main = main;
		parts.workers.push(...started);
		main.url = `http://127.0.0.1:${mainPort}`;
		await waitFor('n8n main', async () => readLog(main.logFile).includes(MAIN_READY) && (await httpOk(`${main.url}/healthz/readiness`)), {
			proc: main.proc,
			logFile: main.logFile,
			timeoutMs: 180000,
			intervalMs: 500,
		});
		// The main registers published workflows' webhooks in the background after it starts.
		const paths = published.flatMap((w) => w.nodes.filter((node) => node.type === 'n8n-nodes-base.webhook').map((node) => node.parameters.path));
		await waitFor(
			'webhook registration',
			async () => {
				const registered = new Set((await postgres.query('SELECT "webhookPath" AS p FROM webhook_entity')).map((r) => r.p));
				return paths.every((p) => registered.has(p));
			},
			{ proc: main.proc, logFile: main.logFile, timeoutMs: 120000, intervalMs: 500 },
		);

		return {
			root,
			postgres,
			redis,
			main,
			workers: parts.workers,
			n8n,
			startMs: Date.now() - t0,
			/** Every log file of the cluster: main, workers, postgres, redis. */
			logFiles: () => fs.readdirSync(logs).map((f) => path.join(logs, f)),
			/** POSTs JSON to a production webhook of the main; the body is parsed when it is JSON. */
			async webhook(webhookPath, body, { raw = false } = {}) {
				const t = Date.now();
				const res = await fetch(`${main.url}/webhook/${webhookPath}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				});
				const buffer = Buffer.from(await res.arrayBuffer());
				let parsed = buffer;
				if (!raw) {
					try {
						parsed = JSON.parse(buffer.toString('utf8'));
					} catch {
						parsed = buffer.toString('utf8');
					}
				}
				return { status: res.status, headers: res.headers, body: parsed, ms: Date.now() - t };
			},
			/** Stops worker `index` and starts a fresh process in its place. */
			async restartWorker(index) {
				await parts.workers[index].proc.stop({ graceMs: 10000 });
				parts.workers[index] = await startWorker(index);
				return parts.workers[index];
			},
			async stopWorker(index) {
				await parts.workers[index].proc.stop({ graceMs: 10000 });
			},
			/** Process-group leaders of the cluster, for checking that none is left. */
			pids: () => [parts.postgres?.pid, parts.redis?.pid, parts.main?.pid, ...parts.workers.map((w) => w.pid)].filter(Boolean),
			anyAlive() {
				return this.pids().some(groupAlive);
			},
			stop,
		};
	} catch (err) {
		await stop();
		throw err;
	}
}

module.exports = { startCluster, startedExecutions };
