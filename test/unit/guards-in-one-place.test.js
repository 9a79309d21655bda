'use strict';
/**
 * The host classifier and the task-ID rule each live in one place that nothing bypasses: read
 * from the node's source, every unauthenticated fetch goes through the classifier first, every
 * task ID through the rule before a path or a file name.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');

function sources(dir) {
	return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) return sources(file);
		return entry.name.endsWith('.ts') ? [{ file, text: fs.readFileSync(path.join(root, file), 'utf8') }] : [];
	});
}
const all = [...sources('nodes'), ...sources('credentials')];
const filesWith = (pattern) => all.filter(({ text }) => pattern.test(text)).map(({ file }) => file);
const text = (file) => all.find((source) => source.file === file).text;

describe('the host classifier', () => {
	test('the only unauthenticated request is the CDN fetch, and only the download runner calls it', () => {
		const cdn = path.join('nodes', 'CometApiRunway', 'transport', 'cdn.ts');
		expect(filesWith(/helpers\.httpRequest\(/)).toEqual([cdn]);
		expect(filesWith(/openHop\.call\(/)).toEqual([cdn]);
		expect(filesWith(/fetchCdnFile\.call\(/)).toEqual([path.join('nodes', 'CometApiRunway', 'runner', 'download.ts')]);
	});

	// That a redirect hop is classified too is shown by integration/from-callback.test.js and
	// hostile/redirect-hops.property.test.js.
	test('each hop is classified before it is opened', () => {
		const cdn = text(path.join('nodes', 'CometApiRunway', 'transport', 'cdn.ts'));
		const check = cdn.indexOf('refusedOutputHost(url, request.baseUrl)');
		const open = cdn.indexOf('openHop.call(this, url,');
		expect(check).toBeGreaterThan(-1);
		expect(open).toBeGreaterThan(check);
		expect(cdn.slice(check, open)).not.toMatch(/\burl\s*=/);
	});

	test('no other file classifies addresses', () => {
		expect(filesWith(/169\.254|fe80|::ffff/i)).toEqual([path.join('nodes', 'CometApiRunway', 'helpers', 'hosts.ts')]);
	});
});

describe('the task-ID rule', () => {
	test('the rule is written once', () => {
		expect(filesWith(/\[A-Za-z0-9_-\]/)).toEqual([path.join('nodes', 'CometApiRunway', 'helpers', 'taskId.ts')]);
	});

	test('a task ID enters a status path or a file name only through the rule', () => {
		const routes = text(path.join('nodes', 'CometApiRunway', 'transport', 'routes.ts'));
		expect(routes).toMatch(/path: STATUS_PATHS\.official\.path\.replace\('\{ID\}', \(\) => taskIdSegment\(taskId\)\)/);
		expect(routes).toMatch(/task_id: requireUsableTaskId\(taskId\)/);
		expect(filesWith(/encodeURIComponent\(taskId|encodeURIComponent\(\w*\.taskId/)).toEqual([]);
		expect(filesWith(/prepareBinaryData\(/)).toEqual([path.join('nodes', 'CometApiRunway', 'runner', 'download.ts')]);
		const runner = text(path.join('nodes', 'CometApiRunway', 'runner', 'download.ts'));
		expect(runner).toMatch(/prepareBinaryData\([^;]*taskFileName\(target\.taskId,/s);
		expect(runner).not.toMatch(/`\$\{target\.taskId\}\./);
	});
});
