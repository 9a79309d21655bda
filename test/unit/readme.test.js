'use strict';
/** README's operations table says what the node panel shows: every operation, its action text. */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const { CometApiRunway } = require(path.join(ROOT, 'dist', 'nodes', 'CometApiRunway', 'CometApiRunway.node.js'));

function nodeOperations() {
	const { properties } = new CometApiRunway().description;
	const resources = properties.find((p) => p.name === 'resource').options;
	return properties
		.filter((p) => p.name === 'operation')
		.flatMap((selector) => {
			const resource = resources.find((r) => r.value === selector.displayOptions.show.resource[0]).name;
			return selector.options.map((o) => `${resource} | ${o.name} | ${o.action}`);
		})
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

test('README has a section for every operation', () => {
	const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	for (const row of nodeOperations()) {
		const [resource, operation] = row.split(' | ');
		expect(readme).toContain(`### ${resource} → ${operation}\n`);
	}
});
