'use strict';
const fs = require('node:fs');
const path = require('node:path');

module.exports = async function globalTeardown() {
	if (process.env.E2E_KEEP) return;
	if (process.env.E2E_TEMPLATE) fs.rmSync(process.env.E2E_TEMPLATE, { recursive: true, force: true });
	if (process.env.E2E_TARBALL) fs.rmSync(path.dirname(process.env.E2E_TARBALL), { recursive: true, force: true });
};
