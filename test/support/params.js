'use strict';
/** Node parameters as a saved workflow holds them, with test-friendly waiting defaults. */
const imageToVideo = (overrides = {}) => ({
	resource: 'video',
	operation: 'imageToVideo',
	imageSource: 'url',
	imageUrl: 'https://example.com/cat.jpg',
	model: 'gen4_turbo',
	promptText: '={{ $json.prompt }}',
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

const prompts = (...texts) => texts.map((prompt) => ({ json: { prompt } }));

module.exports = { imageToVideo, generate, getTask, fastWait, prompts };
