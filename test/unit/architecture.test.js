'use strict';
/**
 * The shape the node's promises rely on: only `transport/` talks HTTP, and the modules form no
 * import cycle (data flows one way: parameters → request → transport → poller → output).
 */
const fs = require('node:fs');
const path = require('node:path');

const NODE_ROOT = path.join(__dirname, '..', '..', 'nodes', 'CometApiRunway');

function sources(dir = NODE_ROOT) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sources(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

/** Source without comments, so a comment naming a helper does not count as a call. */
const code = (file) =>
	fs
		.readFileSync(file, 'utf8')
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/(^|[^:])\/\/.*$/gm, '$1');

const relative = (file) => path.relative(NODE_ROOT, file);

/** The relative modules a source file imports, resolved to files. */
function importsOf(file) {
	const found = [];
	for (const match of code(file).matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)) {
		const base = path.resolve(path.dirname(file), match[1]);
		const target = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
		if (target) found.push(target);
	}
	return found;
}

/** Every cycle in the import graph, each as the list of files around it. */
function cycles(files) {
	const graph = new Map(files.map((file) => [file, importsOf(file)]));
	const state = new Map();
	const stack = [];
	const found = [];
	const visit = (file) => {
		state.set(file, 'open');
		stack.push(file);
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].map(relative));
			else if (!state.has(next)) visit(next);
		}
		stack.pop();
		state.set(file, 'done');
	};
	for (const file of files) if (!state.has(file)) visit(file);
	return found;
}

const HTTP_CALL = /\bhelpers\.(httpRequest|httpRequestWithAuthentication|requestWithAuthentication|request)\b|\bfetch\s*\(/;

test('only transport/ calls HTTP', () => {
	const callers = sources().filter((file) => HTTP_CALL.test(code(file))).map(relative);
	expect(callers.length).toBeGreaterThan(0);
	expect(callers.filter((file) => !file.startsWith(`transport${path.sep}`))).toEqual([]);
});

test('the node modules import each other without a cycle', () => {
	expect(cycles(sources())).toEqual([]);
});

test('the cycle finder finds a cycle', () => {
	const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'cycle-'));
	fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\n");
	fs.writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a';\n");
	try {
		expect(cycles([path.join(dir, 'a.ts'), path.join(dir, 'b.ts')])).toHaveLength(1);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('no file in nodes/ grows past 250 lines: past that it is doing two jobs', () => {
	const long = sources()
		.map((file) => [relative(file), fs.readFileSync(file, 'utf8').split('\n').length - 1])
		.filter(([, lines]) => lines > 250);
	expect(long).toEqual([]);
});

/** Exported names of a source file; an overloaded function counts once. */
const exportsOf = (file) =>
	new Set(
		[...code(file).matchAll(/^export\s+(?:async\s+)?(?:function|const|let|class|interface|type|enum)\s+(\w+)/gm)].map(
			(match) => match[1],
		),
	);

test('no two modules export the same name: a name says one thing', () => {
	const owners = new Map();
	for (const file of sources()) {
		for (const name of exportsOf(file)) owners.set(name, [...(owners.get(name) ?? []), relative(file)]);
	}
	expect(owners.size).toBeGreaterThan(50);
	expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
});

test('no two files look alike: a base name, or it and its plural, is used once', () => {
	const byStem = new Map();
	for (const file of sources()) {
		const stem = path.basename(file, '.ts').replace(/s$/, '');
		byStem.set(stem, [...(byStem.get(stem) ?? []), relative(file)]);
	}
	expect(byStem.size).toBeGreaterThan(50);
	expect([...byStem].filter(([, files]) => files.length > 1)).toEqual([]);
});
