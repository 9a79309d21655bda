'use strict';
/** The compiled helpers, as they ship in the package. */
const path = require('node:path');

const node = path.join(__dirname, '..', '..', 'dist', 'nodes', 'CometApiRunway');
const load = (name) => require(path.join(node, 'helpers', `${name}.js`));
/** A field module (actions/fields/): its form property and its reader with its checks. */
const field = (name) => require(path.join(node, 'actions', 'fields', `${name}.js`));

module.exports = {
	normaliser: load('normaliser'),
	answers: load('answers'),
	poller: load('poller'),
	validation: load('validation'),
	media: load('media'),
	hosts: load('hosts'),
	redact: load('redact'),
	urls: load('urls'),
	limiter: load('limiter'),
	callback: load('callback'),
	unserved: load('unserved'),
	boundedJson: load('boundedJson'),
	envelope: load('envelope'),
	jsonBytes: load('jsonBytes'),
	field,
};
