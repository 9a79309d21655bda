'use strict';

/**
 * Local copies of the rules in n8n master's community-node lint plugin that the installed plugin
 * does not have yet, written from each rule's documentation page. Each takes what the rule reads
 * (the built node description, a codex file, a source text, package.json, an SVG) and returns
 * the problems it finds: [] when the rule passes.
 */

const ts = require('typescript');

// --- Codex (.node.json) ----------------------------------------------------------------------

const NODE_CATEGORIES = new Set([
	'Analytics',
	'Communication',
	'Data & Storage',
	'Development',
	'Finance & Accounting',
	'Marketing & Content',
	'Miscellaneous',
	'Productivity',
	'Sales',
	'Utility',
]);

/** no-ai-codex-category: "AI" only on a node built on @n8n/ai-node-sdk. */
function noAiCodexCategory(codex, importsAiSdk) {
	if (importsAiSdk) return [];
	return (codex.categories ?? []).includes('AI')
		? ['codex category "AI" without @n8n/ai-node-sdk']
		: [];
}

/** no-codex-subcategories: no subcategories unless the node is built on @n8n/ai-node-sdk. */
function noCodexSubcategories(codex, importsAiSdk) {
	return !importsAiSdk && 'subcategories' in codex ? ['codex declares subcategories'] : [];
}

/** no-logic-or-flow-nodes: no "Logic" or "Flow" in categories or subcategories. */
function noLogicOrFlowNodes(codex) {
	const names = [
		...(codex.categories ?? []),
		...Object.keys(codex.subcategories ?? {}),
		...Object.values(codex.subcategories ?? {}).flat(),
	];
	return names
		.filter((name) => name === 'Logic' || name === 'Flow')
		.map((name) => `codex names "${name}"`);
}

/** valid-node-categories: optional; if present, a non-empty array of listed category names. */
function validNodeCategories(codex) {
	if (!('categories' in codex)) return [];
	const { categories } = codex;
	if (!Array.isArray(categories) || categories.length === 0)
		return ['categories must be a non-empty array'];
	return categories
		.filter((category) => category !== 'AI')
		.filter((category) => typeof category !== 'string' || !NODE_CATEGORIES.has(category))
		.map((category) =>
			category === 'Marketing'
				? '"Marketing" is not a category: use "Marketing & Content"'
				: `"${category}" is not a community node category`,
		);
}

// --- Node source (.node.ts) ------------------------------------------------------------------

const parse = (source) => ts.createSourceFile('node.ts', source, ts.ScriptTarget.Latest, true);

function* descendants(node) {
	for (const child of node.getChildren()) {
		yield child;
		yield* descendants(child);
	}
}

const isThisCall = (node, method) =>
	ts.isCallExpression(node) &&
	ts.isPropertyAccessExpression(node.expression) &&
	node.expression.expression.kind === ts.SyntaxKind.ThisKeyword &&
	node.expression.name.text === method;

/** The execute() methods of the classes that implement INodeType. */
function executeMethods(file) {
	const methods = [];
	for (const node of descendants(file)) {
		if (!ts.isClassDeclaration(node)) continue;
		const implementsNodeType = (node.heritageClauses ?? []).some((clause) =>
			clause.types.some((type) => type.expression.getText() === 'INodeType'),
		);
		if (!implementsNodeType) continue;
		for (const member of node.members) {
			if (ts.isMethodDeclaration(member) && member.name.getText() === 'execute' && member.body) {
				methods.push(member);
			}
		}
	}
	return methods;
}

/** require-continue-on-fail: execute() itself calls this.continueOnFail(). */
function requireContinueOnFail(source) {
	return executeMethods(parse(source))
		.filter(
			(method) => ![...descendants(method.body)].some((node) => isThisCall(node, 'continueOnFail')),
		)
		.map(() => 'execute() does not call this.continueOnFail()');
}

/**
 * node-operation-error-itemindex: inside execute(), a `new NodeOperationError/NodeApiError` in a
 * for or for...of loop over this.getInputData() (or a variable set from it) passes { itemIndex }.
 */
function nodeOperationErrorItemIndex(source) {
	const problems = [];
	for (const method of executeMethods(parse(source))) {
		const itemVariables = new Set();
		for (const node of descendants(method.body)) {
			if (
				ts.isVariableDeclaration(node) &&
				node.initializer &&
				isThisCall(node.initializer, 'getInputData')
			) {
				itemVariables.add(node.name.getText());
			}
		}
		const isLengthOfItems = (expression) =>
			ts.isPropertyAccessExpression(expression) &&
			expression.name.text === 'length' &&
			itemVariables.has(expression.expression.getText());
		const isItemLoop = (node) =>
			(ts.isForStatement(node) &&
				node.condition &&
				ts.isBinaryExpression(node.condition) &&
				(isLengthOfItems(node.condition.left) || isLengthOfItems(node.condition.right))) ||
			(ts.isForOfStatement(node) &&
				(itemVariables.has(node.expression.getText()) ||
					isThisCall(node.expression, 'getInputData')));
		for (const loop of [...descendants(method.body)].filter(isItemLoop)) {
			for (const node of descendants(loop.statement)) {
				if (!ts.isNewExpression(node)) continue;
				const errorClass = node.expression.getText();
				if (errorClass !== 'NodeOperationError' && errorClass !== 'NodeApiError') continue;
				const options = node.arguments?.[2];
				const passes =
					options !== undefined &&
					(!ts.isObjectLiteralExpression(options) ||
						options.properties.some(
							(property) =>
								ts.isSpreadAssignment(property) || property.name?.getText() === 'itemIndex',
						));
				if (!passes) problems.push(`new ${errorClass}(...) in an item loop without { itemIndex }`);
			}
		}
	}
	return problems;
}

const CONFIGURABLE_ID_NAME =
	/^(?:partner|affiliate|reseller|account|tenant|customer|client)(?:[_-]?id)$/i;

/** no-hardcoded-ids: no string literal assigned to partnerId, account_id and the like. */
function noHardcodedIds(source) {
	const problems = [];
	const check = (name, value) => {
		if (!name || !value || !CONFIGURABLE_ID_NAME.test(name)) return;
		if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value))
			problems.push(`hardcoded ${name}`);
	};
	const keyName = (name) => (ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : null);
	for (const node of descendants(parse(source))) {
		if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name))
			check(node.name.text, node.initializer);
		else if (ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node))
			check(keyName(node.name), node.initializer);
		else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
			const left = node.left;
			const name = ts.isIdentifier(left)
				? left.text
				: ts.isPropertyAccessExpression(left)
					? left.name.text
					: ts.isElementAccessExpression(left) && ts.isStringLiteral(left.argumentExpression)
						? left.argumentExpression.text
						: null;
			check(name, node.right);
		}
	}
	return problems;
}

// --- Built node description ------------------------------------------------------------------

const PARAMETER_TYPES = new Set([
	'assignmentCollection',
	'boolean',
	'button',
	'callout',
	'collection',
	'color',
	'credentials',
	'credentialsSelect',
	'curlImport',
	'dateTime',
	'filter',
	'fixedCollection',
	'hidden',
	'icon',
	'json',
	'multiOptions',
	'notice',
	'number',
	'options',
	'resourceLocator',
	'resourceMapper',
	'string',
	'workflowSelector',
]);

/** Every parameter of the form, nested ones (collection options, fixedCollection values) too. */
function* parameters(properties) {
	for (const parameter of properties) {
		yield parameter;
		if (parameter.type === 'collection') yield* parameters(parameter.options ?? []);
		if (parameter.type === 'fixedCollection') {
			for (const group of parameter.options ?? []) yield* parameters(group.values ?? []);
		}
	}
}

const choiceLists = (properties) =>
	[...parameters(properties)].filter((p) => p.type === 'options' || p.type === 'multiOptions');

/** hint-max-length: every hint, nested ones included, is at most 120 characters. */
function hintMaxLength(properties) {
	return [...parameters(properties)]
		.filter((p) => typeof p.hint === 'string' && p.hint.length > 120)
		.map((p) => `hint of "${p.name}" is ${p.hint.length} characters`);
}

/** require-param-default: every parameter, nested ones included, declares a default. */
function requireParamDefault(properties) {
	return [...parameters(properties)]
		.filter((p) => PARAMETER_TYPES.has(p.type) && !('default' in p))
		.map((p) => `"${p.name}" has no default`);
}

const byName = (a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' });

/**
 * options-sorted-alphabetically: the options of every `type: 'options'` parameter are sorted by
 * name (case-insensitive). `exempt` maps a parameter name to the reason its order is kept.
 */
function optionsSortedAlphabetically(properties, exempt = {}) {
	const problems = [];
	for (const p of choiceLists(properties)) {
		if (p.type !== 'options' || p.name in exempt || typeof p.options === 'function') continue;
		const names = p.options.map((option) => option.name);
		const sorted = [...names].sort(byName);
		if (names.some((name, i) => name !== sorted[i]))
			problems.push(`"${p.name}": expected ${sorted.join(', ')}`);
	}
	return problems;
}

const CONTAINER_TYPES = new Set(['collection', 'fixedCollection']);
const NON_INPUT_TYPES = new Set(['notice', 'callout', 'hidden', 'curlImport']);
const SELECTORS = new Set(['resource', 'operation', 'authentication']);

/**
 * non-required-fields-in-collection: a top-level field that is not required lives in a
 * collection. `exempt` maps a field name to the reason it stays at the top level.
 */
function nonRequiredFieldsInCollection(properties, exempt = {}) {
	return properties
		.filter(
			(p) => !SELECTORS.has(p.name) && !CONTAINER_TYPES.has(p.type) && !NON_INPUT_TYPES.has(p.type),
		)
		.filter((p) => p.required !== true && !(p.name in exempt))
		.map((p) => `"${p.name}" is not required and not in a collection`);
}

/** open-ended-node-fields: no optional top-level JSON field. */
function openEndedNodeFields(properties) {
	return properties
		.filter((p) => p.type === 'json' && p.required !== true)
		.map((p) => `"${p.name}" is optional JSON`);
}

/** no-duplicate-param-options: within one parameter, option names and values are unique. */
function noDuplicateParamOptions(properties) {
	const problems = [];
	for (const p of choiceLists(properties)) {
		if (!Array.isArray(p.options)) continue;
		for (const key of ['name', 'value']) {
			const seen = p.options.map((option) => JSON.stringify(option[key]));
			if (new Set(seen).size !== seen.length) problems.push(`"${p.name}" repeats an option ${key}`);
		}
	}
	return problems;
}

/** no-asterisk-in-option-names: no "*" in an option's name, nested lists included. */
function noAsteriskInOptionNames(properties) {
	return choiceLists(properties)
		.flatMap((p) =>
			(Array.isArray(p.options) ? p.options : []).map((option) => [p.name, option.name]),
		)
		.filter(([, name]) => String(name).includes('*'))
		.map(([parameter, name]) => `"${parameter}" has option "${name}"`);
}

/** node-class-description-non-core-color: not n8n's own #FF6D5A. */
function nonCoreColor(description) {
	return [description.color, description.defaults?.color]
		.filter((color) => typeof color === 'string' && color.toLowerCase() === '#ff6d5a')
		.map(() => 'uses the n8n core color #FF6D5A');
}

/** single-credential-per-node: several credentials only behind mutually exclusive displayOptions. */
function singleCredentialPerNode(description) {
	const credentials = description.credentials ?? [];
	if (credentials.length <= 1) return [];
	const problems = [];
	for (let i = 0; i < credentials.length; i++) {
		for (let j = i + 1; j < credentials.length; j++) {
			const a = credentials[i].displayOptions?.show ?? {};
			const b = credentials[j].displayOptions?.show ?? {};
			const exclusive = Object.keys(a).some(
				(key) => Array.isArray(b[key]) && a[key].every((value) => !b[key].includes(value)),
			);
			if (!exclusive)
				problems.push(`"${credentials[i].name}" and "${credentials[j].name}" can be used together`);
		}
	}
	return problems;
}

// --- Naming ----------------------------------------------------------------------------------

/**
 * node-class-description-name-camelcase, node-filename-against-convention, node-file-conventions,
 * node-class-description-naming: name camelCase, file named after it (and after the class),
 * description not empty, credential references end in "Api".
 */
function nodeNaming({ fileName, className, description }) {
	const problems = [];
	const { name } = description;
	if (!/^[a-z][a-zA-Z0-9]*$/.test(name)) problems.push(`name "${name}" is not camelCase`);
	const expected = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
	if (!new RegExp(`^${expected}(V\\d+)?\\.node\\.ts$`).test(fileName))
		problems.push(`file ${fileName} should be ${expected}.node.ts`);
	if (fileName !== `${className}.node.ts`)
		problems.push(`file ${fileName} does not match class ${className}`);
	if (description.description === '') problems.push('description is empty');
	for (const credential of description.credentials ?? []) {
		if (!credential.name.endsWith('Api'))
			problems.push(`credential "${credential.name}" does not end in Api`);
	}
	return problems;
}

/**
 * cred-class-name-suffix, cred-class-naming, cred-filename-against-convention,
 * cred-class-name-field-conventions, cred-class-field-naming: class and name end in "Api", file
 * named after the class, name starts lower-case, displayName starts upper-case and says "API".
 */
function credentialNaming({ fileName, className, name, displayName }) {
	const problems = [];
	if (!className.endsWith('Api')) problems.push(`class ${className} does not end in Api`);
	if (fileName !== `${className}.credentials.ts`)
		problems.push(`file ${fileName} does not match class ${className}`);
	if (!name.endsWith('Api')) problems.push(`name "${name}" does not end in Api`);
	if (!/^[a-z]/.test(name)) problems.push(`name "${name}" does not start lower-case`);
	if (!/^[A-Z]/.test(displayName))
		problems.push(`displayName "${displayName}" does not start upper-case`);
	if (/\bApi\b/.test(displayName)) problems.push(`displayName "${displayName}" says Api, not API`);
	return problems;
}

// --- package.json ----------------------------------------------------------------------------

/** require-community-node-keyword. */
function requireCommunityNodeKeyword(pkg) {
	return (pkg.keywords ?? []).includes('n8n-community-node-package')
		? []
		: ['keyword n8n-community-node-package missing'];
}

/** require-mit-license. */
function requireMitLicense(pkg) {
	return pkg.license === 'MIT' ? [] : [`license is ${pkg.license}, not MIT`];
}

/** no-monorepo: one package, no workspaces. */
function noMonorepo(pkg) {
	return pkg.workspaces ? ['package.json declares workspaces'] : [];
}

// --- Icon contrast ---------------------------------------------------------------------------

const NAMED = { black: [0, 0, 0], white: [255, 255, 255] };

function parseColor(value) {
	let text = value.trim().toLowerCase();
	const fallback = /^var\([^,]+,\s*(.+)\)$/.exec(text);
	if (fallback) text = fallback[1].trim();
	else if (text.startsWith('var(') || text === 'currentcolor') return [0, 0, 0];
	if (text === 'none' || text === 'transparent' || text.startsWith('url(')) return null;
	if (NAMED[text]) return NAMED[text];
	let hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(text)?.[1];
	if (hex) {
		if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
		return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
	}
	const rgb = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(text);
	return rgb ? rgb.slice(1, 4).map(Number) : null;
}

/** The paint colours of an SVG: fill, stroke and stop-color, from attributes and styles. */
function svgPaintColors(svg) {
	const declared = [
		...svg.matchAll(/(?:^|[\s;"'{])(fill|stroke|stop-color)\s*[:=]\s*["']?([^"';}>]+?)["';}\s/>]/g),
	];
	if (!declared.some(([, property]) => property === 'fill')) declared.push(['', 'fill', 'black']);
	return declared.map(([, , value]) => parseColor(value)).filter(Boolean);
}

const luminance = ([r, g, b]) => {
	const channel = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
	return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};

function contrastRatio(a, b) {
	const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (light + 0.05) / (dark + 0.05);
}

const BACKGROUNDS = { light: [255, 255, 255], dark: [0x2b, 0x2b, 0x2b] };

/** The best contrast an SVG's colours reach on the light or dark node background. */
function iconContrast(svg, theme) {
	const colors = svgPaintColors(svg);
	return Math.max(...colors.map((color) => contrastRatio(color, BACKGROUNDS[theme])));
}

/** icon-contrast: each icon reaches 1.5:1 on its theme's background (both, for a single icon). */
function iconContrastProblems(icons, minimum = 1.5) {
	return icons
		.map(({ file, svg, theme }) => ({ file, theme, ratio: iconContrast(svg, theme) }))
		.filter(({ ratio }) => ratio < minimum)
		.map(
			({ file, theme, ratio }) => `${file} has ${ratio.toFixed(2)}:1 on the ${theme} background`,
		);
}

module.exports = {
	noAiCodexCategory,
	noCodexSubcategories,
	noLogicOrFlowNodes,
	validNodeCategories,
	requireContinueOnFail,
	nodeOperationErrorItemIndex,
	noHardcodedIds,
	hintMaxLength,
	requireParamDefault,
	optionsSortedAlphabetically,
	nonRequiredFieldsInCollection,
	openEndedNodeFields,
	noDuplicateParamOptions,
	noAsteriskInOptionNames,
	nonCoreColor,
	singleCredentialPerNode,
	nodeNaming,
	credentialNaming,
	requireCommunityNodeKeyword,
	requireMitLicense,
	noMonorepo,
	iconContrast,
	iconContrastProblems,
};
