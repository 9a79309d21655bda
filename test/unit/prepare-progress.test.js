'use strict';
/** The first `npm run demo` prepares n8n for minutes: it must never sit silent for long. */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const PREPARE = path.join(__dirname, '..', 'e2e', 'prepare-n8n.js');

test('a long preparation step prints a progress line per heartbeat, saying what and how long', () => {
	const script = `require(${JSON.stringify(PREPARE)}).run(process.execPath, ['-e', 'setTimeout(() => {}, 1300)'], { cwd: process.cwd() })`;
	const child = spawnSync(process.execPath, ['-e', script], {
		env: { ...process.env, PREPARE_HEARTBEAT_MS: '400' },
		encoding: 'utf8',
	});
	expect(child.status).toBe(0);
	const beats = child.stderr.split('\n').filter((line) => line.includes('still working'));
	expect(beats.length).toBeGreaterThanOrEqual(2);
	expect(beats[0]).toMatch(/still working: .+ for 0 min \d+ s \(0 min \d+ s since the start\)/);
	// The heartbeat ends with the step: nothing is printed after "done".
	const lines = child.stderr.trim().split('\n');
	expect(lines[lines.length - 1]).toMatch(/done in/);
});
