'use strict';
/** README's operations table says what the node panel shows; every operation has its docs page; links resolve. */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const { CometApiRunway } = require(path.join(ROOT, 'dist', 'nodes', 'CometApiRunway', 'CometApiRunway.node.js'));

function operationValues() {
	const { properties } = new CometApiRunway().description;
	const resources = properties.find((p) => p.name === 'resource').options;
	return properties
		.filter((p) => p.name === 'operation')
		.flatMap((selector) => {
			const resource = resources.find((r) => r.value === selector.displayOptions.show.resource[0]).name;
			return selector.options.map((o) => ({ resource, name: o.name, value: o.value, action: o.action }));
		});
}

function nodeOperations() {
	return operationValues()
		.map(({ resource, name, action }) => `${resource} | ${name} | ${action}`)
		.sort();
}

function readmeOperations() {
	const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	const table = readme.slice(readme.indexOf('| Resource | Operation | Action in the node panel |'));
	const rows = table.split('\n').slice(2);
	return rows
		.slice(0, rows.findIndex((line) => !line.startsWith('|')))
		.map((line) => line.split('|').slice(1, 4).map((cell) => cell.trim()).join(' | '))
		.sort();
}

test('README lists every operation with the action text the node panel shows', () => {
	expect(readmeOperations()).toEqual(nodeOperations());
});

test('every operation has its docs page, headed with its name', () => {
	for (const { resource, name, value } of operationValues()) {
		const page = path.join(ROOT, 'docs', 'operations', `${value}.md`);
		expect(fs.existsSync(page)).toBe(true);
		expect(fs.readFileSync(page, 'utf8').split('\n')[0]).toBe(`# ${resource} → ${name}`);
	}
});

/** Relative link targets in a Markdown text that do not exist, resolved from the file's folder. */
function brokenLinks(markdown, fromDir) {
	const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
	return targets
		.filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'))
		.map((t) => t.split('#')[0])
		.filter((t) => !fs.existsSync(path.resolve(fromDir, t)));
}

function markdownFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) return markdownFiles(p);
		return e.name.endsWith('.md') ? [p] : [];
	});
}

test('the link check finds a broken relative link', () => {
	const text = 'See [a page](docs/no-such-page.md) and [the README](README.md#quick-start).';
	expect(brokenLinks(text, ROOT)).toEqual(['docs/no-such-page.md']);
});

test('every relative link in README.md and docs/ points to a file that exists', () => {
	const files = [path.join(ROOT, 'README.md'), ...markdownFiles(path.join(ROOT, 'docs'))];
	expect(files.length).toBeGreaterThan(10);
	for (const file of files) {
		const broken = brokenLinks(fs.readFileSync(file, 'utf8'), path.dirname(file));
		expect({ file: path.relative(ROOT, file), broken }).toEqual({ file: path.relative(ROOT, file), broken: [] });
	}
});
