'use strict';
// The package in the n8n editor that `npm start` serves (real n8n 2.41.0 on Node 24, its own free
// ports, the simulator behind the credential), used through Debian's Chromium as a person uses it:
// owner setup and sign-in, finding the node, its forms, the credential form's test, and an example
// workflow run from the canvas whose video plays. Screenshots of every step go to ui-screenshots/.
// n8n and Chromium run in process groups of their own, ended in afterAll, and by a watchdog
// (test/support/reaper.js) should jest die first.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startEditor, signalGroup } = require('../e2e/editor');
const { buildAndPack, freePort, repoRoot } = require('../e2e/harness');
const { recordingServer, remoteLookingHost } = require('../support/servers');
const { launchBrowser } = require('./browser');
const { EditorPage } = require('./editor-page');
const { OPERATIONS, formCases, slug } = require('./forms');
const { outOfOrder } = require('../support/field-order');

const SHOTS = path.resolve(process.env.UI_SCREENSHOTS_DIR || path.join(repoRoot, 'ui-screenshots'));
const API_KEY = 'ui-suite-simulator-key';
const OWNER = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'Runway-ui-2024' };
const NODE_NAME = 'CometAPI Runway';
const SEARCH_TERMS = ['CometAPI', 'Runway', 'video', 'image to video'];
const USE_DEFAULT = 'Use https://api.cometapi.com (without /v1).';

let editor;
let chromium;
let ui;
let userFolder;
let tarball;
let remote;

beforeAll(async () => {
	fs.rmSync(SHOTS, { recursive: true, force: true });
	userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'cometapi-ui-n8n-'));
	tarball = await buildAndPack({ destDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cometapi-ui-pack-')) });
	editor = await startEditor({
		port: 0,
		userFolder,
		tarball,
		simulator: { apiKey: API_KEY, taskDurationMs: 1500 },
		examples: true,
		capture: true,
	});
	chromium = await launchBrowser();
	const [page] = await chromium.browser.pages();
	ui = new EditorPage(page, { url: editor.url, shotsDir: SHOTS });
	// A server on every interface, for "plain http to another machine": it must see no request.
	remote = remoteLookingHost();
	remote.server = await recordingServer((req, res) => res.end('{"object":"list","data":[]}'), remote.listenOn);
}, 10 * 60 * 1000);

afterAll(async () => {
	await chromium?.close();
	await editor?.stop();
	await remote?.server?.close();
	if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
}, 60 * 1000);

test('owner setup, sign out, sign in', async () => {
	await ui.setupOwner(OWNER);
	await ui.screenshot('owner-setup-done');
	await ui.signOut();
	expect(await ui.isSignedIn()).toBe(false);
	await ui.signIn(OWNER);
	expect(await ui.isSignedIn()).toBe(true);
	await ui.screenshot('signed-in');
});

describe('the node panel finds the node', () => {
	beforeAll(async () => {
		await ui.newWorkflowWithManualTrigger();
	});

	test.each(SEARCH_TERMS)('search "%s" lists CometAPI Runway', async (term) => {
		const names = await ui.search(term);
		await ui.screenshot(`search-${slug(term)}`);
		await ui.closeNodePanel();
		expect(names).toContain(NODE_NAME);
	});

	// The codex names no AI category (n8n's community lint reserves it for nodes built on its AI
	// SDK), so the node sits with the app nodes and not in the AI category.
	test('browsing: Action in an app lists it, the AI category does not', async () => {
		const apps = await ui.browse('Action in an app');
		await ui.screenshot('browse-apps');
		await ui.closeNodePanel();
		expect(apps).toContain(NODE_NAME);
		const ai = await ui.browse('AI');
		await ui.screenshot('browse-ai');
		await ui.closeNodePanel();
		expect(ai).toContain('OpenAI');
		expect(ai).not.toContain(NODE_NAME);
	});
});

describe('each operation\'s form shows its own fields and hides the others\'', () => {
	const apply = async (step) => {
		if (step.choice) await ui.chooseOption(step.choice, step.label);
		else if (step.download !== undefined) await ui.setSwitch('downloadOutput', step.download);
		else await ui.setSwitch('waitForCompletion', step.wait);
	};
	for (const op of OPERATIONS) {
		const cases = formCases(op);
		cases.forEach((c, index) => {
			test(c.name, async () => {
				if (index === 0) await ui.addNodeByAction('CometAPI', NODE_NAME, op.action);
				try {
					for (const step of c.set) await apply(step);
					const visible = await ui.waitForParameters(c.shows, c.hides);
					await ui.screenshot(c.shot);
					expect({
						missing: c.shows.filter((p) => !visible.includes(p)),
						unexpected: c.hides.filter((p) => visible.includes(p)),
						// Input media, prompt, model, ratio, duration, options, waiting: as every form asks.
						outOfOrder: outOfOrder(visible.map((name) => ({ name }))),
					}).toEqual({
						missing: [],
						unexpected: [],
						outOfOrder: [],
					});
				} finally {
					if (c.reset) await apply(c.reset);
					if (index === cases.length - 1) {
						await ui.closeNdv();
						await ui.deleteSelectedNode();
					}
				}
			});
		});
	}
});

test('the node panel lists the ten actions as the built node words them, each once', async () => {
	const listed = await ui.listActions('CometAPI', NODE_NAME);
	await ui.screenshot('node-panel-actions');
	await ui.closeNodePanel();
	const actions = OPERATIONS.map((o) => o.action);
	expect(actions).toHaveLength(10);
	expect(new Set(actions).size).toBe(10);
	for (const action of actions) expect(listed.filter((name) => name === action)).toEqual([action]);
});

describe('Model and Ratio are pickers on the compatibility routes', () => {
	const open = (operation) => ui.addNodeByAction('CometAPI', NODE_NAME, OPERATIONS.find((o) => o.operation === operation).action);
	const close = async () => {
		await ui.closeNdv();
		await ui.deleteSelectedNode();
	};

	test('Generate: Model and Ratio list the documented values and a custom entry', async () => {
		await open('generate');
		try {
			expect(await ui.optionLabels('model')).toEqual(['gen4', 'gen4_turbo', 'Custom Model ID']);
			expect(await ui.optionLabels('ratio')).toEqual(['1280:720', '720:1280', '16:9', '9:16', '1:1', 'Custom Ratio']);
			await ui.chooseOption('model', 'Custom Model ID');
			await ui.chooseOption('ratio', 'Custom Ratio');
			const visible = await ui.waitForParameters(['customModel', 'customRatio'], []);
			await ui.screenshot('generate-custom-model-and-ratio');
			expect(visible).toEqual(expect.arrayContaining(['customModel', 'customRatio']));
			expect(outOfOrder(visible.map((name) => ({ name })))).toEqual([]);
		} finally {
			await close();
		}
	});

	test('Restyle Video: Model lists the documented models and a custom entry', async () => {
		await open('restyle');
		try {
			expect(await ui.optionLabels('model')).toEqual(['gen4', 'gen4_turbo', 'Custom Model ID']);
			await ui.chooseOption('model', 'Custom Model ID');
			const visible = await ui.waitForParameters(['customModel'], []);
			await ui.screenshot('restyle-custom-model');
			expect(visible).toContain('customModel');
		} finally {
			await close();
		}
	});
});

test("Act-One's inputs are named for what they are, as Character Performance names them", async () => {
	await ui.addNodeByAction('CometAPI', NODE_NAME, OPERATIONS.find((o) => o.operation === 'actOne').action);
	try {
		await ui.waitForParameters(['imageSource', 'imageUrl', 'videoSource', 'videoUrl'], []);
		await ui.screenshot('act-one-input-names');
		const labels = {};
		for (const name of ['imageSource', 'imageUrl', 'videoSource', 'videoUrl']) labels[name] = await ui.labelOf(name);
		expect(labels).toEqual({
			imageSource: 'Character Image Source',
			imageUrl: 'Character Image URL',
			videoSource: 'Performance Video Source',
			videoUrl: 'Performance Video URL',
		});
	} finally {
		await ui.closeNdv();
		await ui.deleteSelectedNode();
	}
});

test('Text to Image opens asking for its reference image: a notice, one entry ready to fill', async () => {
	await ui.addNodeByAction('CometAPI', NODE_NAME, OPERATIONS.find((o) => o.operation === 'textToImage').action);
	try {
		await ui.waitForParameters(['referenceImages', 'imageUrl'], []);
		await ui.screenshot('text-to-image-reference-needed');
		expect(await ui.formText()).toContain('Text to Image needs at least one reference image');
		expect(await ui.countInputs('imageUrl')).toBe(1);
	} finally {
		await ui.closeNdv();
		await ui.deleteSelectedNode();
	}
});

test('switching Model resets Ratio and Duration to the new model\'s defaults, never an unsupported value', async () => {
	await ui.addNodeByAction('CometAPI', NODE_NAME, OPERATIONS.find((o) => o.operation === 'imageToVideo').action);
	const valueOf = (name) => ui.page.$eval(`[data-test-id=ndv] [data-test-id=parameter-input-${name}] input`, (e) => e.value);
	try {
		await ui.chooseOption('model', 'gen4.5');
		await ui.chooseOption('ratio', '1584:672');
		await ui.chooseOption('duration', '9');
		await ui.screenshot('model-switch-gen45-chosen');
		await ui.chooseOption('model', 'gen3a_turbo (legacy)');
		await ui.waitForParameters(['ratio_gen3a_turbo', 'duration_gen3a_turbo'], ['ratio', 'duration']);
		await ui.screenshot('model-switch-gen3a-defaults');
		expect([await valueOf('ratio_gen3a_turbo'), await valueOf('duration_gen3a_turbo')]).toEqual(['1280:768', '5']);
		expect(await ui.formText()).not.toContain('The value is not supported');
	} finally {
		await ui.closeNdv();
		await ui.deleteSelectedNode();
	}
});

test('an example workflow run from the canvas: its item in the output panel, its video plays', async () => {
	await ui.openWorkflow(editor.examples['image-to-video.json']);
	const run = await ui.executeWorkflow();
	await ui.screenshot('example-executed');
	expect(run).toEqual({ ok: true });
	expect(editor.sim.createRequests()).toHaveLength(1);
	const [taskId] = [...editor.sim.tasks.keys()];

	await ui.openNode('Image to Video');
	const json = await ui.outputJson();
	await ui.screenshot('example-output-json');
	expect(json).toContain(`"taskId":"${taskId}"`);
	expect(json).toContain('"status":"SUCCEEDED"');
	expect(json).toContain('"mimeType":"video/mp4"');

	const video = await ui.playOutputVideo();
	await ui.screenshot('example-video');
	expect(video.error).toBeNull();
	expect(video.duration).toBeCloseTo(2, 1);
	expect(video.currentTime).toBeGreaterThan(0);
	expect([video.width, video.height]).toEqual([640, 360]);
	await ui.closeNdv();
});

describe('the credential form\'s test', () => {
	let closedPort;
	beforeAll(async () => {
		closedPort = await freePort();
		editor.sim.reset();
	});

	test('succeeds against the simulator, with one free GET /v1/models', async () => {
		const result = await ui.openCredential('CometAPI account');
		await ui.screenshot('credential-success');
		expect(result).toEqual({ ok: true, message: 'Connection tested successfully' });
		expect(editor.sim.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization === `Bearer ${API_KEY}`}`)).toEqual([
			'GET /v1/models true',
		]);
	});

	const CASES = [
		{
			name: 'a wrong key',
			apiKey: 'wrong-key',
			baseUrl: () => editor.baseUrl,
			message: 'CometAPI refused the API key (HTTP 401: Invalid token (request id: sim-401)). Check the key in the CometAPI console.',
		},
		{
			name: 'a /v1 suffix',
			baseUrl: () => `${editor.baseUrl}/v1`,
			message: () => `The Base URL ends with /v1: remove /v1. The node adds the paths itself. Use ${editor.baseUrl} (without /v1).`,
		},
		{
			name: 'nothing listening',
			baseUrl: () => `http://127.0.0.1:${closedPort}`,
			message: () => `Nothing is listening at 127.0.0.1:${closedPort} (connection refused). Check the Base URL and its port. ${USE_DEFAULT}`,
		},
		{
			name: 'a host that does not resolve',
			baseUrl: () => 'https://nohost.invalid',
			message: /^The host nohost\.invalid does not resolve \(DNS lookup failed: (ENOTFOUND|EAI_AGAIN)\)\./,
		},
		{
			name: 'plain http to another machine',
			baseUrl: () => `http://${remote.host}:${remote.server.port}`,
			message: () =>
				`The Base URL uses plain http:// to ${remote.host}, so the API key would travel unencrypted. Nothing was sent. Use https:// (plain http:// is accepted only for localhost).`,
			after: () => expect(remote.server.requests).toHaveLength(0),
		},
	];

	test.each(CASES)('shows a clear message for $name', async (c) => {
		await ui.setCredentialField('apiKey', c.apiKey ?? API_KEY);
		await ui.setCredentialField('baseUrl', c.baseUrl());
		const result = await ui.saveCredential();
		await ui.screenshot(`credential-${slug(c.name)}`);
		expect(result.ok).toBe(false);
		const expected = typeof c.message === 'function' ? c.message() : c.message;
		if (expected instanceof RegExp) expect(result.message).toMatch(expected);
		else expect(result.message).toBe(expected);
		// The form shows n8n's answer, and neither carries the key.
		expect(result.response).toEqual({ status: 'Error', message: result.message });
		expect(result.message).not.toContain(API_KEY);
		c.after?.();
	});

	test('back to the simulator\'s URL and key: the test succeeds again', async () => {
		await ui.setCredentialField('apiKey', API_KEY);
		await ui.setCredentialField('baseUrl', editor.baseUrl);
		const result = await ui.saveCredential();
		await ui.screenshot('credential-restored');
		expect(result.ok).toBe(true);
		expect(result.response).toEqual({ status: 'OK', message: 'CometAPI accepted the API key (3 models available).' });
		await ui.closeCredential();
	});
});

test('stopping leaves no process and no port behind', async () => {
	const n8nGroup = editor.child.pid;
	const chromiumGroup = chromium.browser.process().pid;
	const { url, baseUrl } = editor;
	await chromium.close();
	await editor.stop();
	// A killed process is gone once it has been reaped: give that a moment.
	const gone = async (group) => {
		for (let i = 0; i < 50 && signalGroup(group, 0); i++) await new Promise((r) => setTimeout(r, 100));
		return !signalGroup(group, 0);
	};
	expect(await gone(n8nGroup)).toBe(true);
	expect(await gone(chromiumGroup)).toBe(true);
	await expect(fetch(`${url}/healthz`)).rejects.toThrow();
	await expect(fetch(`${baseUrl}/v1/models`)).rejects.toThrow();
	process.stdout.write(`Screenshots: ${ui.shots.length} in ${path.relative(process.cwd(), SHOTS) || SHOTS}/\n`);
});
