'use strict';
// `npm run demo` and `npm start` as a user runs them (simulator mode; the package tarball of this
// run is reused through E2E_TARBALL instead of building again).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { exec, freePort, repoRoot } = require('./harness');
const { sampleVideoBytes } = require('../simulator/server.js');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cometapi-e2e-scripts-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function childEnv(extra) {
	const env = { ...process.env, ...extra };
	delete env.NODE_ENV;
	delete env.COMETAPI_API_KEY; // never the real API from the test suite
	return env;
}

test('npm run demo: runs examples/image-to-video.json and saves a playable demo-output/<taskId>.mp4', async () => {
	const out = path.join(tmp, 'demo-output');
	const r = await exec(process.execPath, [path.join(__dirname, 'demo.js')], {
		cwd: repoRoot,
		env: childEnv({ DEMO_OUTPUT_DIR: out, DEMO_TASK_MS: '2000' }),
	});
	expect(`${r.stdout}\n${r.stderr}`).toContain('Status:     SUCCEEDED');
	expect(r.code).toBe(0);
	const taskId = r.stdout.match(/Task ID:\s+(\S+)/)[1];
	expect(r.stdout).toMatch(/Time taken: \d+\.\d s in the node/);
	// Where the video was saved, not the simulator's URL, which is gone once the demo ends.
	expect(r.stdout).toContain(`Saved:      ${path.relative(repoRoot, path.join(out, `${taskId}.mp4`))}`);
	expect(r.stdout).not.toMatch(/https?:\/\/\S+\/cdn\//);
	// The simulator's real clip, saved whole, with its duration and size printed.
	const file = path.join(out, `${taskId}.mp4`);
	const sample = sampleVideoBytes();
	expect(fs.readFileSync(file).equals(sample)).toBe(true);
	expect(r.stdout).toContain(`Video:      2.00 s, 640×360, ${sample.length} bytes`);
});

test('npm start: the n8n editor comes up with the node loaded, then stops', async () => {
	const port = await freePort();
	const r = await exec(process.execPath, [path.join(__dirname, 'start.js'), '--check'], {
		cwd: repoRoot,
		env: childEnv({ N8N_PORT: String(port), EDITOR_USER_FOLDER: path.join(tmp, 'editor') }),
	});
	const text = `${r.stdout}\n${r.stderr}`;
	expect(text).toContain(`n8n editor: http://localhost:${port}`);
	expect(text).toContain('healthz: {"status":"ok"}');
	expect(text).toContain('editor page HTTP 200');
	expect(text).toMatch(/CometAPI Runway \(.*\) loaded/);
	expect(r.code).toBe(0);
	// Stopped: nothing answers any more.
	await expect(fetch(`http://localhost:${port}/healthz`)).rejects.toThrow();
});
