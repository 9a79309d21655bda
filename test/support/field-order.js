'use strict';
/**
 * The one order every operation's form asks in: input media, prompt, model, ratio, duration,
 * options, waiting. Each field is classified by its name; a name no class knows is
 * "unclassified", so a new field has to be placed before the checks pass.
 */
const ORDER = ['input', 'prompt', 'model', 'ratio', 'duration', 'options', 'waiting'];

const CLASS_OF = {
	input: [
		'imageSource',
		'imageUrl',
		'binaryPropertyName',
		'videoSource',
		'videoUrl',
		'videoBinaryPropertyName',
		'characterType',
		'characterVideoSource',
		'characterVideoUrl',
		'characterVideoBinaryPropertyName',
		'referenceImages',
		'referenceImage',
		'referenceImageSource',
		'referenceImageUrl',
		'referenceImageBinaryPropertyName',
		'tag',
		'taskId',
		'taskRoute',
		'callbackBodyField',
		'verify',
	],
	prompt: ['prompt'],
	model: ['model', 'customModel'],
	// What the chosen model takes, shown for it: its ratio (per group of models), aleph2's keyframes
	// and outpainting ratio.
	ratio: ['ratio', 'customRatio', 'keyframes', 'targetAspectRatio'],
	duration: ['duration'],
	options: ['options'],
	waiting: ['waitForCompletion', 'callbackUrl', 'downloadOutput', 'outputBinaryProperty', 'waitOptions'],
};

/** What the field named `name` is; undefined for the resource and operation pickers and notices. */
function classify(name, type) {
	if (type === 'notice' || name === 'resource' || name === 'operation') return undefined;
	// Ratio and Duration per group of models: `ratio_veo3`, `duration_custom`…
	const base = name.replace(/^(ratio|duration)_\w+$/, '$1');
	const found = Object.entries(CLASS_OF).find(([, names]) => names.includes(base));
	return found ? found[0] : 'unclassified';
}

/**
 * The fields of `fields` ({ name, type? }, in form order) that break the order, each as
 * [name, class], with the unclassified ones; empty when the form keeps it.
 */
function outOfOrder(fields) {
	const classes = fields.map(({ name, type }) => [name, classify(name, type)]).filter(([, kind]) => kind);
	const ranks = classes.map(([, kind]) => ORDER.indexOf(kind));
	let highest = -1;
	return classes.filter((_, i) => {
		const broken = ranks[i] < highest;
		highest = Math.max(highest, ranks[i]);
		return broken || ranks[i] === -1;
	});
}

module.exports = { ORDER, classify, outOfOrder };
