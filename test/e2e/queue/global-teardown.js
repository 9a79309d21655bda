'use strict';
// Ends whatever a failed or crashed test file left running in the run folder, then the e2e teardown.
const e2eTeardown = require('../global-teardown');
const { cleanRunDir } = require('./services');

module.exports = async function globalTeardown() {
	cleanRunDir(process.env.QUEUE_RUN_DIR, { keep: !!process.env.E2E_KEEP });
	await e2eTeardown();
};
