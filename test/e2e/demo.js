'use strict';
/*
 * npm run demo: runs examples/image-to-video.json inside a real n8n (2.41.0, Node 24, headless)
 * with this package freshly built, packed and installed, and saves the video it makes.
 *
 * - Default: against the CometAPI simulator, started in this process (no key, no network).
 * - With COMETAPI_API_KEY set: against the real CometAPI (COMETAPI_BASE_URL, default
 *   https://api.cometapi.com). This costs credits.
 *
 * Prints the task ID, status, time taken, video URL, and the saved video's duration and size;
 * saves demo-output/<taskId>.mp4 (DEMO_OUTPUT_DIR changes the folder). The simulator serves a real
 * 2-second clip, so the file plays. The first run installs n8n into .e2e-cache/ (5 to 9 minutes);
 * later runs take about 35 seconds plus the video's own time.
 */
const fs = require('node:fs');
const path = require('node:path');
const { packageTarball, cometApiBackend, createN8n, useE2eCredential, loadExample, repoRoot, NODE_TYPE } = require('./harness');
const { prepareN8n } = require('./prepare-n8n');
const { mp4Info } = require('../support/mp4');

function say(msg) {
	process.stdout.write(`${msg}\n`);
}

async function download(url) {
	const res = await fetch(url);
	if (!res.ok) throw new Error(`downloading ${url} answered HTTP ${res.status}`);
	return Buffer.from(await res.arrayBuffer());
}

async function main() {
	const started = Date.now();
	const outDir = path.resolve(process.env.DEMO_OUTPUT_DIR || path.join(repoRoot, 'demo-output'));

	const prepared = await prepareN8n();
	say(`n8n ${prepared.n8nVersion} on Node ${prepared.nodeVersion}`);

	say('Building and packing the package…');
	const tarball = await packageTarball();

	const { apiKey, baseUrl, sim } = await cometApiBackend({ taskDurationMs: Number(process.env.DEMO_TASK_MS || 4000) });
	say(
		sim
			? `Using the CometAPI simulator at ${baseUrl} (set COMETAPI_API_KEY to use the real API)`
			: `Using the real CometAPI at ${baseUrl} (this costs credits)`,
	);

	const n8n = await createN8n({ tarball });
	try {
		await n8n.importCredential({ apiKey, baseUrl });
		const wf = useE2eCredential(loadExample('image-to-video.json'));
		wf.id = 'demoImageToVideo';
		const node = wf.nodes.find((n) => n.type === NODE_TYPE);
		if (sim) node.parameters.waitOptions.pollInterval = 2;
		await n8n.importWorkflows([wf]);

		say(`Running "${wf.name}" in n8n…`);
		const r = await n8n.execute(wf.id);
		if (!r.run) throw new Error(r.parseError);
		const items = r.runData[node.name] ? r.nodeOutput(node.name) : [];
		const item = items[0];
		if (r.exitCode !== 0 || !item) {
			const e = r.error || {};
			throw new Error(`the workflow failed: ${e.message ?? 'no output'}${e.description ? `\n${e.description}` : ''}`);
		}
		const j = item.json;
		const nodeRun = r.nodeRun(node.name);
		say('');
		say(`Task ID:    ${j.taskId}`);
		say(`Status:     ${j.status}${j.timedOut ? ' (timed out: still running at CometAPI)' : ''}`);
		say(`Time taken: ${(nodeRun.executionTime / 1000).toFixed(1)} s in the node (${j.polls} status checks), ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
		if (j.status !== 'SUCCEEDED') {
			if (j.failure) say(`Failure:    ${j.failure}${j.failureCode ? ` (${j.failureCode})` : ''}`);
			return 1;
		}
		let bytes;
		const binaryProperty = node.parameters.outputBinaryProperty || 'data';
		if (item.binary?.[binaryProperty]) bytes = n8n.readBinary(item, binaryProperty);
		else if (j.videoUrl) bytes = await download(j.videoUrl);
		fs.mkdirSync(outDir, { recursive: true });
		const file = path.join(outDir, `${j.taskId}.mp4`);
		fs.writeFileSync(file, bytes);
		say(`Saved:      ${path.relative(process.cwd(), file) || file}`);
		const info = mp4Info(bytes);
		say(
			info?.durationSeconds
				? `Video:      ${info.durationSeconds.toFixed(2)} s, ${info.width}×${info.height}, ${bytes.length} bytes (${(bytes.length / 1024).toFixed(1)} KB)`
				: `Video:      ${bytes.length} bytes, not a playable MP4 (no movie header)`,
		);
		return 0;
	} finally {
		await n8n.dispose();
		if (sim) await sim.close();
	}
}

main().then(
	(code) => process.exit(code),
	(err) => {
		process.stderr.write(`demo failed: ${err.message}\n`);
		process.exit(1);
	},
);
