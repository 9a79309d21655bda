'use strict';
// Jest config for the queue-mode suite: n8n 2.41.0 main + two workers on PostgreSQL and Redis.
// Run: npm run test:queue. The e2e suite's settings; its global setup and teardown are wrapped.
const e2e = require('../jest.config');

module.exports = {
	...e2e,
	roots: ['<rootDir>/test/e2e/queue'],
	testMatch: ['**/*.test.js'],
	globalSetup: '<rootDir>/test/e2e/queue/global-setup.js',
	globalTeardown: '<rootDir>/test/e2e/queue/global-teardown.js',
	// Starting PostgreSQL, Redis and three n8n processes (and installing the servers on a fresh machine).
	testTimeout: 10 * 60 * 1000,
	reporters: ['default', ['<rootDir>/test/support/count-reporter.js', { suite: 'queue' }]],
};
