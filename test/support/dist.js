'use strict';
/** The compiled helpers, as they ship in the package. */
const path = require('node:path');

const helpers = path.join(__dirname, '..', '..', 'dist', 'nodes', 'CometApiRunway', 'helpers');
const load = (name) => require(path.join(helpers, `${name}.js`));

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
};
