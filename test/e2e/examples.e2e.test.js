'use strict';
// The importable examples in examples/, run inside a real n8n. Outside services are replaced in the
// test's copy only (never in the files): Google Sheets by a Code node and a Set node, the form's
// trigger and completion page by a Code node and a Set node, the chat model by a scripted
// OpenAI-compatible server. Every other node, expression and connection runs as users import it.
const fs = require('node:fs');
const path = require('node:path');
const { NODE_TYPE, PACKAGE_NAME, repoRoot, manualTrigger, codeNode, useE2eCredential, loadExample } = require('./harness');
const { startSuite, createBodies, brief, expectSuccess } = require('./suite');
const { startFakeOpenAi } = require('./fake-openai');
const { sampleVideoBytes } = require('../simulator/server.js');

const TOOL_TYPE = `${NODE_TYPE}Tool`;
const OPENAI_CRED = { id: 'e2eOpenAiCred01', name: 'CometAPI chat (e2e)' };
// A 1×1 PNG: what a user uploads through the form.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function pairedIndex(item) {
	const p = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof p === 'number' ? p : p?.item;
}

/** Replaces a node by a stand-in of the same name (so expressions and connections still hold). */
function standIn(wf, name, replacement) {
	const i = wf.nodes.findIndex((n) => n.name === name);
	if (i === -1) throw new Error(`no node "${name}" in ${wf.name}`);
	const old = wf.nodes[i];
	wf.nodes[i] = { ...replacement, name, id: old.id, position: old.position };
	return old;
}

/** Puts a Manual Trigger named "Start" in front of a node (n8n execute needs one to start from). */
function startFrom(wf, name) {
	wf.nodes.push({ ...manualTrigger('Start'), position: [-240, 0] });
	wf.connections.Start = { main: [[{ node: name, type: 'main', index: 0 }]] };
}

function setNode(assignments, { keepInput = false } = {}) {
	return {
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			assignments: {
				assignments: assignments.map((a, i) => ({ id: `e2e-assign-${i}`, type: 'string', ...a })),
			},
			...(keepInput ? { includeOtherFields: true } : {}),
			options: keepInput ? { stripBinary: false } : {},
		},
	};
}

// Each example as it was saved before the forms changed (Download Output's default, per-model
// fields): a saved workflow must keep loading and running unchanged.
const SAVED = path.join(__dirname, 'fixtures', 'saved-examples');
const loadSaved = (file) => JSON.parse(fs.readFileSync(path.join(SAVED, file), 'utf8'));

function testCopy(file, id, load = loadExample) {
	const wf = useE2eCredential(load(file));
	wf.id = id;
	for (const n of wf.nodes) {
		if (n.type.startsWith(`${PACKAGE_NAME}.`) && n.parameters.waitOptions) n.parameters.waitOptions.pollInterval = 2;
	}
	return wf;
}

// --- examples/spreadsheet-rows-to-videos.json ---------------------------------------------------
const sheetRows = [
	{ row_number: 2, image_url: 'https://images.example.com/mug.jpg', prompt: 'Sheet A: steam rises from a mug [sim duration=3000]', status: '', task_id: '', video_url: '' },
	{ row_number: 3, image_url: 'https://images.example.com/old.jpg', prompt: 'Sheet B: already done', status: 'SUCCEEDED', task_id: 'old', video_url: 'https://cdn.example.com/old.mp4' },
	{ row_number: 4, image_url: 'https://images.example.com/shoe.jpg', prompt: 'Sheet C: refused [sim duration=2000 outcome=FAILED failureCode=SAFETY.INPUT.TEXT]', status: '', task_id: '', video_url: '' },
	{ row_number: 5, image_url: 'https://images.example.com/lamp.jpg', prompt: 'Sheet D: a lamp flickers on [sim duration=3000]', status: '', task_id: '', video_url: '' },
];
function sheetCopy(id, load) {
	const sheet = testCopy('spreadsheet-rows-to-videos.json', id, load);
	standIn(sheet, 'Read rows', codeNode('Read rows', `return ${JSON.stringify(sheetRows)}.map((json) => ({ json }));`));
	const writeBack = standIn(sheet, 'Write back', setNode([]));
	const mapping = writeBack.parameters.columns;
	sheet.nodes.find((n) => n.name === 'Write back').parameters.assignments.assignments = Object.entries(mapping.value).map(([name, value], i) => ({
		id: `e2e-col-${i}`,
		name,
		value,
		type: mapping.schema.find((c) => c.id === name)?.type === 'number' ? 'number' : 'string',
	}));
	return sheet;
}
const sheet = sheetCopy('e2eExampleSheet');

// --- examples/form-upload-to-video.json ---------------------------------------------------------
let formTrigger;
function formCopy(id, load) {
	const form = testCopy('form-upload-to-video.json', id, load);
	formTrigger = standIn(
		form,
		'On form submission',
		codeNode(
			'On form submission',
			`return [{ json: { image: { filename: 'photo.png', mimetype: 'image/png', size: 70 }, prompt: 'The photo comes alive, leaves drift by [sim duration=2000]', ratio: '720:1280', submittedAt: new Date().toISOString(), formMode: 'production' }, binary: { image: { data: '${PNG_BASE64}', mimeType: 'image/png', fileName: 'photo.png', fileExtension: 'png' } } }];`,
		),
	);
	startFrom(form, 'On form submission');
	const completion = standIn(form, 'Return the video', setNode([], { keepInput: true }));
	form.nodes.find((n) => n.name === 'Return the video').parameters.assignments.assignments = [
		{ id: 'e2e-msg', name: 'completionMessage', value: completion.parameters.completionMessage, type: 'string' },
	];
	return form;
}
const form = formCopy('e2eExampleForm');

// --- examples/ai-agent-video-tool.json ----------------------------------------------------------
const toolArgs = { image_url: 'https://images.example.com/dog.jpg', prompt: 'Agent: the dog wags its tail and barks once [sim duration=2000]' };
function agentCopy(id, load) {
	const agent = testCopy('ai-agent-video-tool.json', id, load);
	standIn(
		agent,
		'When chat message received',
		codeNode(
			'When chat message received',
			`return [{ json: { sessionId: 'e2e-session', action: 'sendMessage', chatInput: 'Please animate https://images.example.com/dog.jpg: the dog wags its tail.' } }];`,
		),
	);
	startFrom(agent, 'When chat message received');
	agent.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi').credentials = { openAiApi: OPENAI_CRED };
	return agent;
}
const agent = agentCopy('e2eExampleAgent');

// --- the saved copies -----------------------------------------------------------------------------
const savedSheet = sheetCopy('e2eSavedSheet', loadSaved);
const savedForm = formCopy('e2eSavedForm', loadSaved);
const savedAgent = agentCopy('e2eSavedAgent', loadSaved);
const savedImageToVideo = testCopy('image-to-video.json', 'e2eSavedImageToVideo', loadSaved);
const savedTextToImage = testCopy('text-to-image-then-video.json', 'e2eSavedTextToImage', loadSaved);
const savedSubmit = testCopy('submit-rows-with-callback.json', 'e2eSavedSubmit', loadSaved);
standIn(savedSubmit, 'Rows in', codeNode('Rows in', `return [{ json: { body: { rows: [{ prompt: 'Saved submit: waves roll in [sim duration=1000]' }] } } }];`));
startFrom(savedSubmit, 'Rows in');

let suite;
let fakeLlm;
beforeAll(async () => {
	fakeLlm = await startFakeOpenAi({ toolArgs });
	// The examples are what people run: the simulator serves its real, playable clip.
	suite = await startSuite({ simulator: { video: 'sample' }, workflows: [sheet, form, agent, savedSheet, savedForm, savedAgent, savedImageToVideo, savedTextToImage, savedSubmit] });
	await suite.n8n.importCredentials([{ ...OPENAI_CRED, type: 'openAiApi', data: { apiKey: fakeLlm.apiKey, url: fakeLlm.baseUrl } }]);
});
afterAll(async () => {
	await suite?.close();
	await fakeLlm?.close();
});
beforeEach(() => suite.sim.reset());

test('every example file uses the package node type and carries no credentials', () => {
	const files = fs.readdirSync(path.join(repoRoot, 'examples')).filter((f) => f.endsWith('.json'));
	expect(files.sort()).toEqual(
		[
			'ai-agent-video-tool.json',
			'form-upload-to-video.json',
			'image-to-video.json',
			'receive-callbacks.json',
			'spreadsheet-rows-to-videos.json',
			'submit-rows-with-callback.json',
			'text-to-image-then-video.json',
		],
	);
	for (const file of files) {
		const wf = loadExample(file);
		const ours = wf.nodes.filter((n) => n.type.startsWith(`${PACKAGE_NAME}.`));
		expect(ours.length).toBeGreaterThanOrEqual(1);
		for (const n of ours) {
			expect([NODE_TYPE, TOOL_TYPE]).toContain(n.type);
			expect(n.typeVersion).toBe(1);
			expect(['video', 'image', 'task']).toContain(n.parameters.resource);
		}
		expect(JSON.stringify(wf)).not.toMatch(/"credentials"/);
		const names = new Set(wf.nodes.map((n) => n.name));
		for (const [from, outputs] of Object.entries(wf.connections)) {
			expect(names.has(from)).toBe(true);
			for (const list of Object.values(outputs)) for (const conns of list) for (const c of conns) expect(names.has(c.node)).toBe(true);
		}
	}
	expect(loadExample('image-to-video.json').nodes.find((n) => n.type.startsWith(PACKAGE_NAME)).type).toBe(
		'n8n-nodes-cometapi-runway.cometApiRunway',
	);
	expect(loadExample('ai-agent-video-tool.json').nodes.find((n) => n.type.startsWith(PACKAGE_NAME)).type).toBe(
		'n8n-nodes-cometapi-runway.cometApiRunwayTool',
	);
});

test.each([
	['as in examples/', sheet],
	['as saved before', savedSheet],
])('spreadsheet-rows-to-videos.json %s: rows → videos → written back to their rows', async (_as, sheet) => {
	const { sim, n8n } = suite;
	const r = expectSuccess(await n8n.execute(sheet.id));
	const videos = r.nodeOutput('Image to Video');
	expect(brief(videos)).toHaveLength(3); // the row that already has a video is skipped
	expect(videos.map(pairedIndex)).toEqual([0, 1, 2]);
	expect(sim.createRequests()).toHaveLength(3);

	const written = r.nodeOutput('Write back');
	expect(written.map((w) => w.json.row_number)).toEqual([2, 4, 5]);
	const byRow = Object.fromEntries(written.map((w) => [w.json.row_number, w.json]));
	for (const [row, tag] of [[2, 'Sheet A:'], [4, 'Sheet C:'], [5, 'Sheet D:']]) {
		const [task] = sim.tasksWithPrompt(tag);
		expect(byRow[row].task_id).toBe(task.id);
		expect(task.body.promptImage).toBe(sheetRows.find((x) => x.row_number === row).image_url);
	}
	expect(byRow[2]).toMatchObject({ status: 'SUCCEEDED', video_url: `${sim.baseUrl}/cdn/videos/${byRow[2].task_id}.mp4` });
	expect(byRow[5]).toMatchObject({ status: 'SUCCEEDED', video_url: `${sim.baseUrl}/cdn/videos/${byRow[5].task_id}.mp4` });
	expect(byRow[4].status).toBe('FAILED');
	expect(byRow[4].video_url).toContain(byRow[4].task_id); // the error names the task
});

test.each([
	['as in examples/', form],
	['as saved before', savedForm],
])('form-upload-to-video.json %s: uploaded image (binary) → video file returned', async (_as, form) => {
	const { sim, n8n } = suite;
	expect(formTrigger.type).toBe('n8n-nodes-base.formTrigger');
	const r = expectSuccess(await n8n.execute(form.id));
	const [video] = r.nodeOutput('Image to Video');
	const [task] = [...sim.tasks.values()];
	expect(video.json).toMatchObject({ taskId: task.id, status: 'SUCCEEDED' });
	expect(createBodies(sim)[0]).toMatchObject({
		promptImage: `data:image/png;base64,${PNG_BASE64}`,
		ratio: '720:1280',
		promptText: 'The photo comes alive, leaves drift by [sim duration=2000]',
	});
	expect(video.binary?.data?.mimeType).toBe('video/mp4');
	const [reply] = r.nodeOutput('Return the video');
	expect(reply.json.completionMessage).toBe(`Task ${task.id} finished. The download starts now.`);
	expect(reply.binary?.data?.mimeType).toBe('video/mp4');
	expect(n8n.readBinary(reply, 'data').equals(sampleVideoBytes())).toBe(true);
});

test.each([
	['as in examples/', agent],
	['as saved before', savedAgent],
])('ai-agent-video-tool.json %s: the AI Agent calls the node as a tool', async (_as, agent) => {
	const { sim, n8n } = suite;
	const r = expectSuccess(await n8n.execute(agent.id));
	const [task] = [...sim.tasks.values()];
	expect(task).toBeDefined();
	expect(createBodies(sim)).toEqual([
		expect.objectContaining({ promptImage: toolArgs.image_url, promptText: toolArgs.prompt, model: 'gen4_turbo' }),
	]);
	// The model saw the tool with the $fromAI parameters, then got the finished task back.
	const chats = fakeLlm.chatRequests();
	expect(chats.length).toBeGreaterThanOrEqual(2);
	const tool = chats[0].body.tools?.[0]?.function;
	expect(Object.keys(tool.parameters.properties)).toEqual(expect.arrayContaining(['image_url', 'prompt']));
	const toolResult = JSON.stringify(chats[chats.length - 1].body.messages.filter((m) => m.role === 'tool'));
	expect(toolResult).toContain(task.id);
	expect(toolResult).toContain('SUCCEEDED');
	expect(r.nodeRun('Make video')).toBeDefined();
	const [answer] = r.nodeOutput('AI Agent');
	expect(answer.json.output).toContain(task.id);
	expect(answer.json.output).toContain(`${sim.baseUrl}/cdn/videos/${task.id}.mp4`);
});

test('image-to-video.json as saved before: runs unchanged and stores the video', async () => {
	const { sim, n8n } = suite;
	const r = expectSuccess(await n8n.execute(savedImageToVideo.id));
	const [video] = r.nodeOutput('Image to Video');
	const [task] = [...sim.tasks.values()];
	expect(video.json).toMatchObject({ taskId: task.id, status: 'SUCCEEDED' });
	expect(n8n.readBinary(video, 'data').equals(sampleVideoBytes())).toBe(true);
});

test('text-to-image-then-video.json as saved before: image, then the video made from it', async () => {
	const { sim, n8n } = suite;
	const r = expectSuccess(await n8n.execute(savedTextToImage.id));
	const names = savedTextToImage.nodes.filter((n) => n.type === NODE_TYPE).map((n) => n.name);
	const [image, video] = names.map((name) => r.nodeOutput(name)[0]);
	expect(image.json.status).toBe('SUCCEEDED');
	expect(image.binary?.data?.mimeType).toMatch(/^image\//);
	expect(video.json.status).toBe('SUCCEEDED');
	expect(video.binary?.data?.mimeType).toBe('video/mp4');
	expect(sim.createRequests()).toHaveLength(2);
});

test('submit-rows-with-callback.json and receive-callbacks.json as saved before: submit, then the callback is verified and stored', async () => {
	const { sim, n8n } = suite;
	const r = expectSuccess(await n8n.execute(savedSubmit.id));
	const [submitted] = r.nodeOutput('Generate');
	const task = sim.tasks.get(submitted.json.taskId);
	expect(task.body.callback_url).toBe('https://n8n.example.com/webhook/runway-callback');
	await new Promise((resolve) => setTimeout(resolve, 1500)); // the simulated task ends
	const receive = testCopy('receive-callbacks.json', 'e2eSavedReceive', loadSaved);
	standIn(receive, 'CometAPI callback', codeNode('CometAPI callback', `return [{ json: { body: ${JSON.stringify(sim.callbackBody(task))} } }];`));
	startFrom(receive, 'CometAPI callback');
	const received = expectSuccess(await n8n.runWorkflow(receive));
	const [item] = received.nodeOutput('From Callback');
	expect(item.json).toMatchObject({ taskId: task.id, status: 'SUCCEEDED', verified: true });
	expect(n8n.readBinary(item, 'data').equals(sampleVideoBytes())).toBe(true);
});
