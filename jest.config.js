/** The fast suite: unit tests and integration tests on real n8n-core. The e2e and browser suites have their own configs. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/ui/'],
	testTimeout: 60000,
	maxWorkers: 2,
	reporters: ['default', ['<rootDir>/test/support/count-reporter.js', { suite: 'fast' }]],
};
