'use strict';
// Jest config for the end-to-end suite (real n8n 2.41.0 on Node 24). Run: npm run test:e2e
const path = require('node:path');

module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.js'],
	testEnvironment: 'node',
	transform: {},
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	// Every test starts n8n processes and waits for (simulated) video tasks.
	testTimeout: 5 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
};
