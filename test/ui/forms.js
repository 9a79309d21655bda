'use strict';
/*
 * The node's forms, as data: one row per operation. The browser suite adds the node through the
 * row's action (as a user picks it in the node panel) and checks, for every state of the form, that
 * it shows the operation's own parameters and hides every other operation's.
 *
 * To add an operation, add its row: its name, its action text in the node panel, the parameters
 * its form always shows, the input choices it offers (default first), whether it waits by default
 * and what it shows only while not waiting. Parameter names are the node's `name`s (the `for` of
 * each form label).
 */

/** Choices that show parameters per option (an empty list shows none). */
const CHOICES = {
	imageSource: {
		url: { label: 'Image URL', fields: ['imageUrl'] },
		binary: { label: 'Binary File', fields: ['binaryPropertyName'] },
		none: { label: 'None (Text Only)', fields: [] },
	},
	videoSource: {
		url: { label: 'Video URL', fields: ['videoUrl'] },
		binary: { label: 'Binary File', fields: ['videoBinaryPropertyName'] },
	},
	characterType: {
		image: { label: 'Image', fields: ['imageSource', 'imageUrl'] },
		video: { label: 'Video', fields: ['characterVideoSource', 'characterVideoUrl'] },
	},
};

/** Shown beside Wait for Completion once it is on; the binary field while the download is on (its default). */
const WAIT_FIELDS = ['downloadOutput', 'waitOptions'];
const DOWNLOAD_FIELDS = ['outputBinaryProperty'];

/** The built node's action text of each operation, as the node panel lists it. */
function actionOf(operation) {
	const { CometApiRunway } = require('../../dist/nodes/CometApiRunway/CometApiRunway.node.js');
	const selectors = new CometApiRunway().description.properties.filter((p) => p.name === 'operation');
	const option = selectors.flatMap((p) => p.options).find((o) => o.value === operation);
	if (!option?.action) throw new Error(`no action text for operation ${operation}`);
	return option.action;
}

/**
 * One row per operation: the fields its form always shows, its input choices (default first), and
 * the fields it shows only while Wait for Completion is off.
 */
const OPERATIONS = [
	{
		operation: 'imageToVideo',
		name: 'Image to Video',
		fields: ['resource', 'operation', 'imageSource', 'prompt', 'model', 'ratio', 'duration', 'options', 'waitForCompletion'],
		choices: { imageSource: ['url', 'binary'] },
		waitsByDefault: true,
	},
	{
		operation: 'textToImage',
		name: 'Text to Image',
		fields: ['resource', 'operation', 'referenceImages', 'imageSource', 'imageUrl', 'tag', 'prompt', 'model', 'ratio', 'options', 'waitForCompletion'],
		choices: {},
		waitsByDefault: true,
	},
	{
		operation: 'generate',
		name: 'Generate',
		fields: ['resource', 'operation', 'imageSource', 'prompt', 'model', 'ratio', 'options', 'waitForCompletion'],
		choices: { imageSource: ['none', 'url', 'binary'] },
		waitsByDefault: true,
		notWaiting: ['callbackUrl'],
	},
	{
		operation: 'videoToVideo',
		name: 'Video to Video',
		fields: ['resource', 'operation', 'videoSource', 'prompt', 'model', 'keyframes', 'targetAspectRatio', 'options', 'waitForCompletion'],
		choices: { videoSource: ['url', 'binary'] },
		waitsByDefault: true,
	},
	{
		operation: 'upscale',
		name: 'Upscale',
		fields: ['resource', 'operation', 'videoSource', 'model', 'options', 'waitForCompletion'],
		choices: { videoSource: ['url', 'binary'] },
		waitsByDefault: true,
	},
	{
		operation: 'characterPerformance',
		name: 'Character Performance',
		fields: ['resource', 'operation', 'characterType', 'videoSource', 'model', 'ratio', 'options', 'waitForCompletion'],
		choices: { characterType: ['image', 'video'], videoSource: ['url', 'binary'] },
		waitsByDefault: true,
	},
	{
		operation: 'restyle',
		name: 'Restyle Video',
		fields: ['resource', 'operation', 'videoSource', 'prompt', 'model', 'options', 'waitForCompletion'],
		choices: { videoSource: ['url', 'binary'] },
		waitsByDefault: true,
		notWaiting: ['callbackUrl'],
	},
	{
		operation: 'actOne',
		name: 'Act-One',
		fields: ['resource', 'operation', 'imageSource', 'videoSource', 'options', 'waitForCompletion'],
		choices: { imageSource: ['url', 'binary'], videoSource: ['url', 'binary'] },
		waitsByDefault: true,
		notWaiting: ['callbackUrl'],
	},
	{
		operation: 'get',
		name: 'Get Task',
		fields: ['resource', 'operation', 'taskId', 'taskRoute', 'options', 'waitForCompletion'],
		choices: {},
		waitsByDefault: false,
	},
	{
		operation: 'fromCallback',
		name: 'From Callback',
		fields: ['resource', 'operation', 'callbackBodyField', 'verify', 'options', 'waitForCompletion'],
		choices: {},
		waitsByDefault: true,
	},
].map((op) => ({ ...op, action: actionOf(op.operation) }));

const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const unique = (list) => [...new Set(list)];

/** Every parameter some choice of `choice` shows. */
const choiceFields = (choice) => Object.values(CHOICES[choice]).flatMap((o) => o.fields);

/**
 * The states to check for one operation, in the order a user reaches them from the form as it
 * opens: [{ name, shot, set: [{ choice, label } | { wait }], shows, hides }].
 */
function formCases(op) {
	const own = new Set([...op.fields, ...(op.notWaiting ?? [])]);
	const others = unique(OPERATIONS.filter((o) => o !== op).flatMap((o) => [...o.fields, ...(o.notWaiting ?? [])])).filter(
		(f) => !own.has(f),
	);
	const allChoiceFields = unique(Object.keys(CHOICES).flatMap(choiceFields));
	/** What a state shows and hides when the choices stand at `picked`. */
	const notWaiting = op.notWaiting ?? [];
	const state = (picked, waiting, download = true) => {
		const chosen = Object.entries(picked).flatMap(([choice, option]) => CHOICES[choice][option].fields);
		const waitShown = waiting ? [...WAIT_FIELDS, ...(download ? DOWNLOAD_FIELDS : [])] : notWaiting;
		return {
			shows: unique([...op.fields, ...chosen, ...waitShown]),
			hides: unique([
				...others,
				...allChoiceFields.filter((f) => !chosen.includes(f) && !op.fields.includes(f)),
				...[...WAIT_FIELDS, ...DOWNLOAD_FIELDS, ...notWaiting].filter((f) => !waitShown.includes(f)),
			]).filter((f) => !chosen.includes(f)),
		};
	};
	const defaults = Object.fromEntries(Object.entries(op.choices).map(([choice, options]) => [choice, options[0]]));
	/** Steps that put every choice but `except` back at its default, so each state stands alone. */
	const atDefaults = (except) =>
		Object.entries(defaults)
			.filter(([choice]) => choice !== except)
			.map(([choice, option]) => ({ choice, label: CHOICES[choice][option].label }));
	const cases = [
		{
			name: `${op.name}: as it opens (${[...Object.entries(defaults).map(([c, o]) => `${c} ${o}`), `waiting ${op.waitsByDefault ? 'on' : 'off'}`].join(', ')})`,
			shot: `form-${slug(op.name)}-default`,
			set: [],
			...state(defaults, op.waitsByDefault),
		},
	];
	for (const [choice, options] of Object.entries(op.choices)) {
		for (const option of options.slice(1)) {
			cases.push({
				name: `${op.name}: ${choice} ${option}`,
				shot: `form-${slug(op.name)}-${slug(choice)}-${option}`,
				set: [...atDefaults(choice), { choice, label: CHOICES[choice][option].label }],
				...state({ ...defaults, [choice]: option }, op.waitsByDefault),
			});
		}
		// Back to the default, so the next states start from the form as it opened.
		if (options.length > 1) cases[cases.length - 1].reset = { choice, label: CHOICES[choice][options[0]].label };
	}
	// Download Output is on as the form opens, so Output Binary Field shows; off hides it.
	if (op.waitsByDefault) {
		cases.push({
			name: `${op.name}: Download Output off`,
			shot: `form-${slug(op.name)}-download-off`,
			set: [...atDefaults(), { download: false }],
			reset: { download: true },
			...state(defaults, true, false),
		});
	}
	cases.push({
		name: `${op.name}: waiting ${op.waitsByDefault ? 'off' : 'on'}`,
		shot: `form-${slug(op.name)}-waiting-${op.waitsByDefault ? 'off' : 'on'}`,
		set: [...atDefaults(), { wait: !op.waitsByDefault }],
		...state(defaults, !op.waitsByDefault),
	});
	return cases;
}

module.exports = { OPERATIONS, CHOICES, formCases, slug };
