'use strict';
// gen4.5's other output formats in a real n8n: every file of a task stored, each with the MIME
// type and extension of its bytes, the first on the output field and the rest on numbered fields,
// and Runway's cost in credits on the item.
const { chainWorkflow, manualTrigger, cometNode } = require('./harness');
const { startSuite, createBodies, expectSuccess } = require('./suite');
const artifacts = require('../support/artifacts');

const gen45 = (id, outputFormat) =>
	chainWorkflow(id, `e2e: gen4.5 ${outputFormat}`, [
		manualTrigger(),
		cometNode('Image to Video', {
			resource: 'video',
			operation: 'imageToVideo',
			imageSource: 'url',
			imageUrl: 'https://example.com/harbour.jpg',
			model: 'gen4.5',
			prompt: 'A slow pan across a quiet harbour at dawn',
			ratio: '1280:720',
			duration: 5,
			options: { outputFormat },
			waitForCompletion: true,
			downloadOutput: true,
			waitOptions: { pollInterval: 2 },
		}),
	]);

const frames = gen45('e2eFramesI2V', 'png_sequence');
const prores = gen45('e2eProresI2V', 'prores');

let suite;
beforeAll(async () => {
	suite = await startSuite({ workflows: [frames, prores] });
});
afterAll(async () => {
	await suite?.close();
});
beforeEach(() => suite.sim.reset());

test('PNG Sequence: the ZIP on data and the WAV on data_1, each with its own type and extension', async () => {
	const { sim, n8n } = suite;
	const r = expectSuccess(await n8n.execute(frames.id));
	const [item] = r.nodeOutput('Image to Video');
	const { taskId } = item.json;
	expect(createBodies(sim)[0]).toMatchObject({ model: 'gen4.5', outputFormat: 'png_sequence' });
	expect(item.binary.data).toMatchObject({ mimeType: 'application/zip', fileName: `${taskId}.zip`, fileExtension: 'zip' });
	expect(item.binary.data_1).toMatchObject({ mimeType: 'audio/wav', fileName: `${taskId}_1.wav`, fileExtension: 'wav' });
	expect(n8n.readBinary(item, 'data').equals(artifacts.zip())).toBe(true);
	expect(n8n.readBinary(item, 'data_1').equals(artifacts.wav())).toBe(true);
	expect(item.json.files.map((f) => [f.binaryProperty, f.mimeType, f.fileName])).toEqual([
		['data', 'application/zip', `${taskId}.zip`],
		['data_1', 'audio/wav', `${taskId}_1.wav`],
	]);
	expect(item.json.file).toEqual(item.json.files[0]);
	expect(item.json.cost).toEqual({ estimatedCredits: 60, credits: 60 });
});

test('ProRes: one QuickTime movie stored as .mov (video/quicktime)', async () => {
	const { n8n } = suite;
	const r = expectSuccess(await n8n.execute(prores.id));
	const [item] = r.nodeOutput('Image to Video');
	expect(item.binary.data).toMatchObject({ mimeType: 'video/quicktime', fileName: `${item.json.taskId}.mov`, fileExtension: 'mov' });
	expect(Object.keys(item.binary)).toEqual(['data']);
	expect(n8n.readBinary(item, 'data').equals(artifacts.mov())).toBe(true);
});
