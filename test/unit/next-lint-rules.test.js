'use strict';

// The rules of n8n master's community-node lint plugin that the installed plugin (0.32.0) does
// not have yet, applied to the built node description (dist/) and the sources. Each rule is also
// run on a sample that breaks it, so a check that could never fail would show.

const fs = require('node:fs');
const path = require('node:path');

const rules = require('../support/community-rules');

const root = path.resolve(__dirname, '..', '..');
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');
const NODE_DIR = 'nodes/CometApiRunway';
const NODE_SOURCE = `${NODE_DIR}/CometApiRunway.node.ts`;

const { CometApiRunway } = require(path.join(root, 'dist', NODE_DIR, 'CometApiRunway.node.js'));
const { CometApi } = require(path.join(root, 'dist', 'credentials', 'CometApi.credentials.js'));
const description = new CometApiRunway().description;
const credential = new CometApi();
const pkg = JSON.parse(read('package.json'));
const nodeSource = read(NODE_SOURCE);
const importsAiSdk = nodeSource.includes('@n8n/ai-node-sdk');
const codexFiles = [
	`${NODE_DIR}/CometApiRunway.node.json`,
	`dist/${NODE_DIR}/CometApiRunway.node.json`,
];

const sourceFiles = (dir) =>
	fs
		.readdirSync(path.join(root, dir), { recursive: true })
		.filter((file) => file.endsWith('.ts'))
		.map((file) => path.join(dir, file));

/** Lists whose order carries meaning; the rule's alphabetical order would scramble them. */
const KEPT_ORDER = {
	ratio: 'ratios in the order Runway lists them; by name "1080:1920" would come before "720:1280"',
	duration: 'seconds in ascending order; by name "10" would come before "2"',
	seconds: 'seconds in ascending order; by name "10" would come before "2"',
	model: "Runway's current models first, Veo after, Custom Model ID last",
};
// Each group of models with the same ratios or durations has its own field (see model.ts); they
// keep Ratio's and Duration's order.
KEPT_ORDER.ratio_veo3 = KEPT_ORDER.ratio;
KEPT_ORDER.duration_gen3a_turbo = KEPT_ORDER.duration;
KEPT_ORDER.targetAspectRatio = '"Same as the Video" first, then the ratios in the order Runway lists them';

/**
 * Top-level fields that stay out of a collection. A selector decides which fields the form shows
 * next (the rule exempts resource and operation for that reason); moving any other field into a
 * collection would change its parameter path and empty it in every saved workflow.
 */
const SELECTOR = 'a selector: it decides which fields the form shows next';
const SAVED = 'moving it would change its parameter path and lose it in saved workflows';
const CUSTOM_ENTRY =
	'the field of a custom entry, shown beside its list; not required where the list takes expressions, as n8n then shows it and would ask for it';
const STAYS_AT_TOP = {
	imageSource: SELECTOR,
	videoSource: SELECTOR,
	characterType: SELECTOR,
	characterVideoSource: SELECTOR,
	waitForCompletion: SELECTOR,
	downloadOutput: SELECTOR,
	taskRoute: SELECTOR,
	model: SAVED,
	ratio: SAVED,
	duration: SAVED,
	prompt: SAVED,
	callbackUrl: SAVED,
	callbackBodyField: SAVED,
	outputBinaryProperty: SAVED,
	verify: SAVED,
	referenceImageSource: SELECTOR,
	targetAspectRatio: SAVED,
	customModel: CUSTOM_ENTRY,
	customRatio: CUSTOM_ENTRY,
};
// Ratio and Duration per group of models (see model.ts), Custom Model ID's included.
for (const name of ['gen3a_turbo', 'veo3', 'custom']) {
	STAYS_AT_TOP[`ratio_${name}`] = SAVED;
}
for (const name of ['gen3a_turbo', 'veo3', 'veo3_1', 'custom']) STAYS_AT_TOP[`duration_${name}`] = SAVED;

describe('codex', () => {
	test.each(codexFiles)('%s: no AI category, no subcategories, listed categories only', (file) => {
		const codex = JSON.parse(read(file));
		expect(rules.noAiCodexCategory(codex, importsAiSdk)).toEqual([]);
		expect(rules.noCodexSubcategories(codex, importsAiSdk)).toEqual([]);
		expect(rules.validNodeCategories(codex)).toEqual([]);
		expect(rules.noLogicOrFlowNodes(codex)).toEqual([]);
		expect(codex.categories).toEqual(['Marketing & Content']);
	});

	test('the search words stay in the aliases', () => {
		const codex = JSON.parse(read(codexFiles[0]));
		expect(codex.alias).toEqual(
			expect.arrayContaining(['CometAPI', 'Runway', 'video', 'image to video']),
		);
	});

	test('the rules report the codex this package had before', () => {
		const before = {
			categories: ['AI', 'Marketing'],
			subcategories: { AI: ['Agents', 'Root Nodes'] },
		};
		expect(rules.noAiCodexCategory(before, false)).toHaveLength(1);
		expect(rules.noAiCodexCategory(before, true)).toEqual([]);
		expect(rules.noCodexSubcategories(before, false)).toHaveLength(1);
		expect(rules.validNodeCategories(before)).toEqual([
			'"Marketing" is not a category: use "Marketing & Content"',
		]);
		expect(rules.validNodeCategories({ categories: [] })).toHaveLength(1);
		expect(
			rules.noLogicOrFlowNodes({
				categories: ['Core Nodes'],
				subcategories: { 'Core Nodes': ['Flow'] },
			}),
		).toHaveLength(1);
		expect(rules.validNodeCategories({ categories: ['Bananas'] })).toHaveLength(1);
	});
});

describe('execute()', () => {
	test('require-continue-on-fail: execute() itself calls this.continueOnFail()', () => {
		expect(rules.requireContinueOnFail(nodeSource)).toEqual([]);
		const delegating = nodeSource.replace(
			/async execute\([\s\S]*$/,
			'async execute(this: IExecuteFunctions) { return await router.call(this); } }',
		);
		expect(rules.requireContinueOnFail(delegating)).toHaveLength(1);
	});

	test('node-operation-error-itemindex: errors thrown in an item loop carry itemIndex', () => {
		expect(rules.nodeOperationErrorItemIndex(nodeSource)).toEqual([]);
		const loop = (options) => `class N implements INodeType {
			async execute() {
				const items = this.getInputData();
				for (let i = 0; i < items.length; i++) { throw new NodeOperationError(this.getNode(), 'x'${options}); }
				for (const item of items) { throw new NodeApiError(this.getNode(), {}${options}); }
			}
		}`;
		expect(rules.nodeOperationErrorItemIndex(loop(''))).toHaveLength(2);
		expect(rules.nodeOperationErrorItemIndex(loop(', { description: "d" }'))).toHaveLength(2);
		expect(rules.nodeOperationErrorItemIndex(loop(', { itemIndex: i }'))).toEqual([]);
	});

	test('no-hardcoded-ids: no fixed partner or account ID in the node sources', () => {
		for (const file of sourceFiles('nodes'))
			expect([file, rules.noHardcodedIds(read(file))]).toEqual([file, []]);
		expect(
			rules.noHardcodedIds("const partnerId = 'fixed'; const o = { account_id: 'x' };"),
		).toHaveLength(2);
	});
});

describe('node description (dist)', () => {
	const { properties } = description;

	test('hint-max-length: every hint is at most 120 characters', () => {
		expect(rules.hintMaxLength(properties)).toEqual([]);
		const long = {
			displayName: 'Q',
			name: 'q',
			type: 'string',
			default: '',
			hint: 'x'.repeat(121),
		};
		expect(
			rules.hintMaxLength([{ name: 'c', type: 'collection', default: {}, options: [long] }]),
		).toHaveLength(1);
	});

	test('require-param-default: every parameter declares a default', () => {
		expect(rules.requireParamDefault(properties)).toEqual([]);
		expect(rules.requireParamDefault([{ name: 'n', type: 'notice' }])).toHaveLength(1);
	});

	test('options-sorted-alphabetically: lists are sorted by name, except the ordered ones', () => {
		expect(rules.optionsSortedAlphabetically(properties, KEPT_ORDER)).toEqual([]);
		const resource = {
			name: 'resource',
			type: 'options',
			default: 'user',
			options: [{ name: 'User' }, { name: 'contact' }],
		};
		expect(rules.optionsSortedAlphabetically([resource])).toHaveLength(1);
	});

	test('each kept order is still needed', () => {
		const reported = rules.optionsSortedAlphabetically(properties).join('\n');
		for (const name of Object.keys(KEPT_ORDER)) expect(reported).toContain(`"${name}"`);
	});

	test('non-required-fields-in-collection: optional fields are in collections, except the listed ones', () => {
		expect(rules.nonRequiredFieldsInCollection(properties, STAYS_AT_TOP)).toEqual([]);
		expect(
			rules.nonRequiredFieldsInCollection([{ name: 'limit', type: 'number', default: 50 }]),
		).toHaveLength(1);
	});

	test('each top-level exception is still needed', () => {
		const reported = rules.nonRequiredFieldsInCollection(properties).join('\n');
		for (const name of Object.keys(STAYS_AT_TOP)) expect(reported).toContain(`"${name}"`);
	});

	test('open-ended-node-fields: no optional top-level JSON field', () => {
		expect(rules.openEndedNodeFields(properties)).toEqual([]);
		expect(
			rules.openEndedNodeFields([{ name: 'configuration', type: 'json', default: '{}' }]),
		).toHaveLength(1);
	});

	test('no-duplicate-param-options and no-asterisk-in-option-names', () => {
		expect(rules.noDuplicateParamOptions(properties)).toEqual([]);
		expect(rules.noAsteriskInOptionNames(properties)).toEqual([]);
		const bad = {
			name: 'r',
			type: 'options',
			default: 'a',
			options: [
				{ name: '* All', value: 'a' },
				{ name: '* All', value: 'a' },
			],
		};
		expect(rules.noDuplicateParamOptions([bad])).toHaveLength(2);
		expect(rules.noAsteriskInOptionNames([bad])).toHaveLength(2);
	});

	test('node-class-description-non-core-color and single-credential-per-node', () => {
		expect(rules.nonCoreColor(description)).toEqual([]);
		expect(rules.nonCoreColor({ defaults: { name: 'x', color: '#ff6d5a' } })).toHaveLength(1);
		expect(rules.singleCredentialPerNode(description)).toEqual([]);
		expect(
			rules.singleCredentialPerNode({ credentials: [{ name: 'aApi' }, { name: 'bApi' }] }),
		).toHaveLength(1);
		const exclusive = [
			{ name: 'aApi', displayOptions: { show: { authentication: ['a'] } } },
			{ name: 'bApi', displayOptions: { show: { authentication: ['b'] } } },
		];
		expect(rules.singleCredentialPerNode({ credentials: exclusive })).toEqual([]);
	});
});

describe('naming', () => {
	test('node: camelCase name, file and class named after it, credential references end in Api', () => {
		const facts = {
			fileName: path.basename(NODE_SOURCE),
			className: 'CometApiRunway',
			description,
		};
		expect(nodeSource).toContain('export class CometApiRunway implements INodeType');
		expect(rules.nodeNaming(facts)).toEqual([]);
		expect(rules.nodeNaming({ ...facts, fileName: 'Runway.node.ts' })).toHaveLength(2);
		expect(
			rules.nodeNaming({ ...facts, description: { ...description, name: 'comet-api' } }),
		).not.toEqual([]);
	});

	test('credential: class and name end in Api, file named after the class', () => {
		const [file] = fs.readdirSync(path.join(root, 'credentials'));
		const facts = {
			fileName: file,
			className: CometApi.name,
			name: credential.name,
			displayName: credential.displayName,
		};
		expect(rules.credentialNaming(facts)).toEqual([]);
		expect(rules.credentialNaming({ ...facts, className: 'Comet', name: 'Comet' })).toHaveLength(4);
		expect(rules.credentialNaming({ ...facts, displayName: 'comet Api' })).toHaveLength(2);
	});
});

describe('package.json', () => {
	test('community keyword, MIT, one package', () => {
		expect(rules.requireCommunityNodeKeyword(pkg)).toEqual([]);
		expect(rules.requireMitLicense(pkg)).toEqual([]);
		expect(rules.noMonorepo(pkg)).toEqual([]);
		expect(rules.requireCommunityNodeKeyword({ keywords: ['n8n'] })).toHaveLength(1);
		expect(rules.requireMitLicense({ license: 'ISC' })).toHaveLength(1);
		expect(rules.noMonorepo({ workspaces: ['packages/*'] })).toHaveLength(1);
	});
});

describe('icon-contrast', () => {
	/** The icons a description names, each with the background it is shown on. */
	const iconsOf = (icon, dir) =>
		(typeof icon === 'string'
			? [
					['light', icon],
					['dark', icon],
				]
			: Object.entries(icon)
		).map(([theme, ref]) => {
			const file = path.join(dir, ref.replace(/^file:/, ''));
			return { file: path.relative(root, file), theme, svg: fs.readFileSync(file, 'utf8') };
		});
	const icons = [
		...iconsOf(description.icon, path.join(root, NODE_DIR)),
		...iconsOf(credential.icon, path.join(root, 'credentials')),
	];

	test('each icon reaches 1.5:1 on its background (white, #2b2b2b)', () => {
		expect(icons).toHaveLength(4);
		expect(rules.iconContrastProblems(icons)).toEqual([]);
		const ratios = Object.fromEntries(
			icons.map(({ file, theme, svg }) => [
				`${file} ${theme}`,
				+rules.iconContrast(svg, theme).toFixed(2),
			]),
		);
		for (const ratio of Object.values(ratios)) expect(ratio).toBeGreaterThanOrEqual(3);
	});

	test('the rule measures what its page says', () => {
		const black = '<svg><path d="M0 0h1v1z"/></svg>';
		expect(+rules.iconContrast(black, 'dark').toFixed(2)).toBe(1.48);
		expect(+rules.iconContrast(black, 'light').toFixed(2)).toBe(21);
		expect(
			rules.iconContrastProblems([{ file: 'black.svg', theme: 'dark', svg: black }]),
		).toHaveLength(1);
		const light = '<svg><path fill="#f3f4f6" d="M0 0"/></svg>';
		expect(
			rules.iconContrastProblems([{ file: 'light.svg', theme: 'light', svg: light }]),
		).toHaveLength(1);
	});
});
