'use strict';
/**
 * The output boundary (nodes/CometApiRunway/actions/output.ts) is the one place items and log
 * lines are made, so nothing the node emits can skip the redactor: no other node source builds
 * an item (`pairedItem`), writes to n8n's log, or sets an item's binary.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..', 'nodes');
const BOUNDARY = path.join('CometApiRunway', 'actions', 'output.ts');

function sources(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sources(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

/** Code without comments, so that a comment naming the boundary does not count. */
const code = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

test.each([
	['builds an output item', /\bpairedItem\b/],
	["writes to n8n's log", /\.logger\b/],
])('no node source but the output boundary %s', (_what, pattern) => {
	const files = sources(root);
	const offenders = files
		.filter((file) => path.relative(root, file) !== BOUNDARY)
		.filter((file) => pattern.test(code(fs.readFileSync(file, 'utf8'))))
		.map((file) => path.relative(root, file));
	expect(offenders).toEqual([]);
	// The check can fail: the boundary itself does what the others may not.
	expect(pattern.test(code(fs.readFileSync(path.join(root, BOUNDARY), 'utf8')))).toBe(true);
});

test('the router returns only what the boundary made', () => {
	const router = code(fs.readFileSync(path.join(root, 'CometApiRunway', 'actions', 'router.ts'), 'utf8'));
	const assigned = router.match(/outputs\[[^\]]+\]\s*=[^;]+;/g) ?? [];
	expect(assigned.length).toBeGreaterThan(0);
	for (const statement of assigned) {
		// Every branch of the assignment is one of the boundary's makers.
		const made = statement.replace(/^[^=]+=/, '').split(/[?:]/).slice(statement.includes('?') ? 1 : 0);
		for (const part of made) expect(part.trim()).toMatch(/^out\.(success|failure)\(/);
	}
});
