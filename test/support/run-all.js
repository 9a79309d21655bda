'use strict';
/**
 * `npm run test:all`: the fast suite, then the end-to-end, queue-mode and browser suites, each run
 * even when an earlier one failed (so every result is known), failing if any of them failed.
 */
const { spawnSync } = require('node:child_process');

const SUITES = ['test', 'test:e2e', 'test:queue', 'test:ui'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const failed = SUITES.filter((suite) => {
	console.log(`\n== npm run ${suite}`);
	return spawnSync(npm, ['run', suite], { stdio: 'inherit' }).status !== 0;
});
if (failed.length > 0) console.log(`\nFailed: ${failed.map((s) => `npm run ${s}`).join(', ')}`);
process.exit(failed.length > 0 ? 1 : 0);
