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
const { startEditor } = require('./editor');
const { NODE_TYPE, CREDENTIAL_NAME } = require('./harness');

const check = process.argv.includes('--check');

function say(msg) {
	process.stdout.write(`${msg}\n`);
}

async function main() {
	say('Building and packing the package…');
	let editor;
	try {
		editor = await startEditor({
			simulator: {
				port: Number(process.env.COMETAPI_SIM_PORT || 0),
				taskDurationMs: Number(process.env.SIM_TASK_MS || 8000),
			},
			capture: check,
		});
	} catch (err) {
		process.stderr.write(`${err.message}\n`);
		if (err.output) process.stderr.write(err.output.slice(-3000));
		return 1;
	}
	let stopping = false;
	const stop = async (code) => {
		stopping = true;
		await editor.stop();
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));
	process.on('exit', () => editor.killNow());
	editor.child.on('exit', (code) => {
		if (stopping) return;
		say(`n8n exited (${code})`);
		if (check) process.stderr.write(editor.output().slice(-3000));
		stop(code || 1);
	});

	const { url, health, editorPage, loaded, sim, baseUrl } = editor;
	say('');
	say(`n8n editor: ${url}   (healthz: ${JSON.stringify(health)}; editor page HTTP ${editorPage}; up in ${editor.upSeconds.toFixed(1)} s)`);
	say(`Node:       CometAPI Runway (${NODE_TYPE}, also as an AI tool) ${loaded ? 'loaded' : 'NOT loaded'}`);
	say(`Credential: "${CREDENTIAL_NAME}" → ${sim ? `CometAPI simulator at ${baseUrl}` : baseUrl}`);
	if (editor.firstStart) say('Examples:   imported from examples/ (open Workflows); first visit asks you to create the owner account');
	if (check) await stop(loaded && editorPage === 200 ? 0 : 1);
	say('Press Ctrl+C to stop.');
	return null;
}

main().then(
	(code) => {
		if (code !== null) process.exit(code);
	},
	(err) => {
		process.stderr.write(`start failed: ${err.stack || err.message}\n`);
		process.exit(1);
	},
);
