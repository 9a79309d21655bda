'use strict';

// GitHub Actions cannot run here: the workflow files are checked against GitHub's workflow schema
// (action-validator, offline) and for the lines a provenance release depends on.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..', '..');
const validator = path.join(root, 'node_modules', '.bin', 'action-validator');
const workflow = (name) => path.join(root, '.github', 'workflows', name);
const read = (name) => fs.readFileSync(workflow(name), 'utf8');

function validate(file) {
	const run = spawnSync(validator, [file], { encoding: 'utf8' });
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The `run:` commands of a workflow, in order. */
const runSteps = (text) => [...text.matchAll(/^\s+run: (.+)$/gm)].map((match) => match[1].trim());

describe.each(['ci.yml', 'publish.yml'])('%s', (name) => {
	test("is a valid workflow by GitHub's schema", () => {
		const result = validate(workflow(name));
		expect(result.output).toBe('');
		expect(result.status).toBe(0);
	});

	test('a broken copy is refused, so the check above can fail', () => {
		const broken = read(name).replace('runs-on:', 'runs-onn:');
		expect(broken).not.toBe(read(name));
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workflow-'));
		const file = path.join(dir, name);
		fs.writeFileSync(file, broken);
		try {
			const result = validate(file);
			expect(result.status).not.toBe(0);
			expect(result.output).toContain("Additional property 'runs-onn' is not allowed");
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	test('installs with npm ci, then builds, lints and runs the fast suite', () => {
		const steps = runSteps(read(name));
		const order = ['npm ci', 'npm run build', 'npm run lint', 'npm test'].map((step) =>
			steps.indexOf(step),
		);
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
	});
});

test('CI runs on every push and pull request', () => {
	const text = read('ci.yml');
	expect(text).toMatch(/^on:\n {2}push:\n {2}pull_request:\n/m);
});

describe('publish.yml', () => {
	const text = read('publish.yml');

	test('runs on a version tag only', () => {
		expect(text).toMatch(/^on:\n {2}push:\n {4}tags:\n {6}- 'v\*'\n\n/m);
	});

	test('mints the OIDC token for trusted publishing and reads the repository only', () => {
		expect(text).toMatch(
			/^ {4}permissions:\n(?: {6}#.*\n)* {6}id-token: write\n {6}contents: read\n/m,
		);
	});

	test('publishes with provenance, last, after build, lint and tests passed', () => {
		const steps = runSteps(text);
		expect(steps.at(-1)).toBe('npm publish --provenance --access public');
		expect(steps.filter((step) => step.startsWith('npm publish'))).toHaveLength(1);
		expect(steps.indexOf('npm test')).toBeLessThan(steps.length - 1);
	});

	test('stores no npm token: trusted publishing authenticates the job', () => {
		expect(text).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./);
		expect(text).toContain("registry-url: 'https://registry.npmjs.org'");
	});
});
