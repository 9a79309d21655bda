'use strict';
/**
 * The simulator of one test file: started before its tests, emptied after each test, closed after
 * the last; or, with `perTest`, a new one started before each test and closed after it. `sim`
 * stands for the current simulator; `credentials` reach it with the key it expects (`API_KEY`
 * unless `options.apiKey` names another).
 *
 *   const { sim, credentials } = useSimulator({ taskDurationMs: 1000, pendingMs: 200 });
 */
const { createSimulator } = require('../simulator/server');

const API_KEY = 'test-api-key';

function useSimulator(options = {}, { perTest = false } = {}) {
	const make = () => createSimulator({ apiKey: API_KEY, ...options });
	let current = make();
	const credentials = {};
	const start = async () => {
		if (perTest && current.baseUrl) current = make();
		await current.listen();
		Object.assign(credentials, { apiKey: current.apiKey, baseUrl: current.baseUrl });
	};
	// A test may close its simulator itself (a run that overran); closing again is harmless.
	const close = async () => await current.close().catch(() => undefined);
	if (perTest) {
		beforeEach(start);
		afterEach(close);
	} else {
		beforeAll(start);
		afterEach(() => current.reset());
		afterAll(close);
	}
	const sim = new Proxy(
		{},
		{
			get: (_, name) => {
				if (name === 'close') return close;
				const value = current[name];
				return typeof value === 'function' ? value.bind(current) : value;
			},
			set: (_, name, value) => Reflect.set(current, name, value),
			has: (_, name) => name in current,
		},
	);
	return { sim, credentials };
}

/**
 * The first create request the simulator took, after checking that it went to `path` with the
 * key and the Runway API version.
 */
function firstCreateRequest(sim, path, version = '2024-11-06') {
	const [request] = sim.createRequests();
	expect(request.path).toBe(path);
	expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
	expect(request.headers['x-runway-version']).toBe(version);
	return request;
}

module.exports = { API_KEY, useSimulator, firstCreateRequest };
