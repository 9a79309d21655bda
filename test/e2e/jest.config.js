'use strict';
// Jest config for the end-to-end suite (real n8n 2.41.0 on Node 24). Run: npm run test:e2e
const fs = require('node:fs');
const path = require('node:path');

const rootDir = path.resolve(__dirname, '..', '..');
// The project's count reporter feeds CI's closing "N passed, N failed" line (when present).
const countReporter = path.join(rootDir, 'test', 'support', 'count-reporter.js');

module.exports = {
	rootDir,
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.js'],
	testEnvironment: 'node',
	transform: {},
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.js',
	// Every test starts n8n processes and waits for (simulated) video tasks.
	testTimeout: 5 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
	reporters: fs.existsSync(countReporter) ? ['default', [countReporter, { suite: 'e2e' }]] : ['default'],
};
