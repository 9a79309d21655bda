'use strict';
/*
 * Workflows of the queue-mode suite and bench, as a user builds them: a Webhook receives rows in its
 * JSON body (`{ rows: [{ id, image_url, prompt, concurrency? }] }`), Split Out makes one item per
 * row, CometAPI Runway turns each into a video (Image to Video, waiting on), and the webhook answers
 * when the last node finishes.
 */
const crypto = require('node:crypto');
const { chainWorkflow, cometNode } = require('../harness');
const { imageToVideo } = require('../../support/params');

/** A node of n8n's own, as a saved workflow holds it. */
function n8nNode(name, type, typeVersion, parameters, extra = {}) {
	return { id: crypto.randomUUID(), name, type: `n8n-nodes-base.${type}`, typeVersion, position: [0, 0], parameters, ...extra };
}

function webhookNode(webhookPath, { responseData = 'allEntries', responseBinaryPropertyName } = {}) {
	const parameters = { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData, options: {} };
	if (responseBinaryPropertyName) parameters.responseBinaryPropertyName = responseBinaryPropertyName;
	return n8nNode('Webhook', 'webhook', 2.1, parameters, { webhookId: crypto.randomUUID() });
}

const splitRows = () => n8nNode('Rows', 'splitOut', 1, { fieldToSplitOut: 'body.rows', include: 'noOtherFields', options: {} });

/** Carries each row's id onto its video item through n8n's item pairing. */
const pairRowId = () =>
	n8nNode('Pair', 'set', 3.4, {
		mode: 'manual',
		includeOtherFields: true,
		include: 'all',
		assignments: { assignments: [{ id: crypto.randomUUID(), name: 'rowId', value: "={{ $('Rows').item.json.id }}", type: 'string' }] },
		options: {},
	});

/**
 * Image to Video on every row, waiting on. With `download`, Download Output is on and a row's
 * `concurrency` caps downloads at once (`maxConcurrentDownloads`); every row of a download
 * workflow carries it.
 */
function rowsToVideos({ download = false } = {}) {
	const waitOptions = { pollInterval: 2, timeout: 600 };
	if (download) waitOptions.maxConcurrentDownloads = '={{ $json.concurrency }}';
	return cometNode(
		'Image to Video',
		imageToVideo({
			imageUrl: '={{ $json.image_url }}',
			prompt: '={{ $json.prompt }}',
			waitForCompletion: true,
			...(download ? { downloadOutput: true } : {}),
			waitOptions,
		}),
	);
}

/** Rows → videos, every item (with its `rowId`) in the webhook's answer. */
function batchWorkflow(id, webhookPath) {
	return chainWorkflow(id, `queue: rows to videos (${webhookPath})`, [webhookNode(webhookPath), splitRows(), rowsToVideos(), pairRowId()]);
}

/**
 * Rows → downloaded videos. `respond: 'binary'` answers with the first item's video bytes,
 * `'json'` with every item's JSON (the bytes stay in n8n's binary data store).
 */
function downloadWorkflow(id, webhookPath, { respond = 'binary' } = {}) {
	const hook =
		respond === 'binary'
			? webhookNode(webhookPath, { responseData: 'firstEntryBinary', responseBinaryPropertyName: 'data' })
			: webhookNode(webhookPath);
	return chainWorkflow(id, `queue: rows to downloaded videos (${webhookPath})`, [hook, splitRows(), rowsToVideos({ download: true })]);
}

/** `n` rows for one webhook call; `tag` makes prompts unique across calls. */
function rows(n, tag, { directives = '', concurrency } = {}) {
	return Array.from({ length: n }, (_, i) => ({
		id: `${tag}-r${i}`,
		image_url: `https://images.example.com/${tag}/${i}.jpg`,
		prompt: `Row ${tag}-r${i}: a slow pan over a product [sim ${directives}]`,
		...(concurrency ? { concurrency } : {}),
	}));
}

module.exports = { batchWorkflow, downloadWorkflow, rows };
