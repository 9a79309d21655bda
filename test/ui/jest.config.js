'use strict';
// Jest config for the browser suite (Debian's Chromium against the editor `npm start` serves).
// Run: npm run test:ui
const path = require('node:path');

const rootDir = path.resolve(__dirname, '..', '..');

module.exports = {
	rootDir,
	roots: ['<rootDir>/test/ui'],
	testMatch: ['**/*.ui.test.js'],
	testEnvironment: 'node',
	transform: {},
	// Steps build on each other (owner account, node on the canvas, credential), in one browser.
	testTimeout: 3 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
	reporters: ['default', [path.join(rootDir, 'test', 'support', 'count-reporter.js'), { suite: 'ui' }]],
};
