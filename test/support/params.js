'use strict';
/** Node parameters as a saved workflow holds them, with test-friendly waiting defaults. */
const imageToVideo = (overrides = {}) => ({
	resource: 'video',
	operation: 'imageToVideo',
	imageSource: 'url',
	imageUrl: 'https://example.com/cat.jpg',
	model: 'gen4_turbo',
	prompt: '={{ $json.prompt }}',
	ratio: '1280:720',
	duration: 5,
	waitForCompletion: false,
	...overrides,
});

const generate = (overrides = {}) => ({
	resource: 'video',
	operation: 'generate',
	imageSource: 'none',
	prompt: '={{ $json.prompt }}',
	model: 'gen4',
	ratio: '1280:720',
	callbackUrl: '',
	waitForCompletion: false,
	...overrides,
});

const restyle = (overrides = {}) => ({
	resource: 'video',
	operation: 'restyle',
	videoSource: 'url',
	videoUrl: 'https://videos.example.com/dance.mp4',
	prompt: '={{ $json.prompt }}',
	model: 'gen4',
	callbackUrl: '',
	waitForCompletion: false,
	...overrides,
});

const actOne = (overrides = {}) => ({
	resource: 'video',
	operation: 'actOne',
	videoSource: 'url',
	videoUrl: 'https://videos.example.com/performance.mp4',
	imageSource: 'url',
	imageUrl: 'https://images.example.com/character.png',
	callbackUrl: '',
	waitForCompletion: false,
	...overrides,
});

/** From Callback, verifying, reading the callback once (waiting off) unless told otherwise. */
const fromCallback = (overrides = {}) => ({
	resource: 'task',
	operation: 'fromCallback',
	callbackBodyField: 'body',
	verify: true,
	waitForCompletion: false,
	...overrides,
});

const getTask = (overrides = {}) => ({
	resource: 'task',
	operation: 'get',
	taskId: '={{ $json.taskId }}',
	taskRoute: 'official',
	waitForCompletion: false,
	...overrides,
});

/** Fast waiting for tests: the node's minimum interval. */
const fastWait = (overrides = {}) => ({ pollInterval: 2, ...overrides });

/**
 * Wait settings as the form saves them: Download Output and Output Binary Field sit beside the
 * Wait Options collection, the rest inside it.
 */
function waitParameters(options = {}) {
	const { downloadOutput, outputBinaryProperty, ...waitOptions } = options;
	return {
		...(downloadOutput !== undefined ? { downloadOutput } : {}),
		...(outputBinaryProperty !== undefined ? { outputBinaryProperty } : {}),
		waitOptions,
	};
}

/** Waiting on, with the test's fast interval. */
const waiting = (options = {}) => ({ waitForCompletion: true, ...waitParameters(fastWait(options)) });

const prompts = (...texts) => texts.map((prompt) => ({ json: { prompt } }));

/** Text to Image with one reference image by URL, tagged `cat`. */
const textToImage = (overrides = {}) => ({
	resource: 'image',
	operation: 'textToImage',
	model: 'gen4_image',
	prompt: '={{ $json.prompt }}',
	ratio: '1280:720',
	referenceImages: { image: [{ imageSource: 'url', imageUrl: 'https://example.com/cat.jpg', tag: 'cat' }] },
	waitForCompletion: false,
	...overrides,
});

const videoToVideo = (overrides = {}) => ({
	resource: 'video',
	operation: 'videoToVideo',
	videoSource: 'url',
	videoUrl: 'https://example.com/clip.mp4',
	prompt: '={{ $json.prompt }}',
	model: 'gen4_aleph',
	ratio: '1280:720',
	waitForCompletion: false,
	...overrides,
});

const upscale = (overrides = {}) => ({
	resource: 'video',
	operation: 'upscale',
	videoSource: 'url',
	videoUrl: 'https://example.com/clip.mp4',
	model: 'upscale_v1',
	waitForCompletion: false,
	...overrides,
});

const characterPerformance = (overrides = {}) => ({
	resource: 'video',
	operation: 'characterPerformance',
	characterType: 'image',
	imageSource: 'url',
	imageUrl: 'https://example.com/face.jpg',
	videoSource: 'url',
	videoUrl: 'https://example.com/performance.mp4',
	model: 'act_two',
	ratio: '1280:720',
	waitForCompletion: false,
	...overrides,
});

module.exports = {
	imageToVideo,
	textToImage,
	generate,
	videoToVideo,
	upscale,
	characterPerformance,
	restyle,
	actOne,
	fromCallback,
	getTask,
	fastWait,
	waitParameters,
	waiting,
	prompts,
};
