'use strict';
/*
 * The node's forms, as data: one row per operation. The browser suite adds the node through the
 * row's action (as a user picks it in the node panel) and checks, for every state of the form, that
 * it shows the operation's own parameters and hides every other operation's.
 *
 * To add an operation, add its row: its name, its action text in the node panel, the parameters
 * its form always shows, the input choices it offers (default first) and whether it waits by
 * default. Parameter names are the node's `name`s (the `for` of each form label).
 */

/** Choices that show one parameter per option (an empty `field` shows none). */
const CHOICES = {
	imageSource: {
		url: { label: 'Image URL', field: 'imageUrl' },
		binary: { label: 'Binary File', field: 'binaryPropertyName' },
		none: { label: 'None (Text Only)', field: null },
	},
};

const OPERATIONS = [
	{
		name: 'Image to Video',
		action: 'Generate a video from an image',
		fields: ['resource', 'operation', 'imageSource', 'model', 'promptText', 'ratio', 'duration', 'options', 'waitForCompletion'],
		choices: { imageSource: ['url', 'binary'] },
		waitsByDefault: true,
	},
	{
		name: 'Generate',
		action: 'Generate a video from a prompt',
		fields: ['resource', 'operation', 'imageSource', 'prompt', 'model', 'ratio', 'callbackUrl', 'options', 'waitForCompletion'],
		choices: { imageSource: ['none', 'url', 'binary'] },
		waitsByDefault: true,
	},
	{
		name: 'Get Task',
		action: 'Get a task',
		fields: ['resource', 'operation', 'taskId', 'taskRoute', 'options', 'waitForCompletion'],
		choices: {},
		waitsByDefault: false,
	},
];

const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const unique = (list) => [...new Set(list)];

/** Every parameter some choice of `choice` shows. */
const choiceFields = (choice) => Object.values(CHOICES[choice]).map((o) => o.field).filter(Boolean);

/**
 * The states to check for one operation, in the order a user reaches them from the form as it
 * opens: [{ name, shot, set: [{ choice, label } | { wait }], shows, hides }].
 */
function formCases(op) {
	const own = new Set(op.fields);
	const others = unique(OPERATIONS.filter((o) => o !== op).flatMap((o) => o.fields)).filter((f) => !own.has(f));
	const allChoiceFields = unique(Object.keys(CHOICES).flatMap(choiceFields));
	/** What a state shows and hides when the choices stand at `picked`. */
	const state = (picked, waiting) => {
		const chosen = Object.entries(picked)
			.map(([choice, option]) => CHOICES[choice][option].field)
			.filter(Boolean);
		return {
			shows: [...op.fields, ...chosen, ...(waiting ? ['waitOptions'] : [])],
			hides: unique([...others, ...allChoiceFields.filter((f) => !chosen.includes(f)), ...(waiting ? [] : ['waitOptions'])]),
		};
	};
	const defaults = Object.fromEntries(Object.entries(op.choices).map(([choice, options]) => [choice, options[0]]));
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
				set: [{ choice, label: CHOICES[choice][option].label }],
				...state({ ...defaults, [choice]: option }, op.waitsByDefault),
			});
		}
		// Back to the default, so the next states start from the form as it opened.
		if (options.length > 1) cases[cases.length - 1].reset = { choice, label: CHOICES[choice][options[0]].label };
	}
	cases.push({
		name: `${op.name}: waiting ${op.waitsByDefault ? 'off' : 'on'}`,
		shot: `form-${slug(op.name)}-waiting-${op.waitsByDefault ? 'off' : 'on'}`,
		set: [{ wait: !op.waitsByDefault }],
		...state(defaults, !op.waitsByDefault),
	});
	return cases;
}

module.exports = { OPERATIONS, CHOICES, formCases, slug };
