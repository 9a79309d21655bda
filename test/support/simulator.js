'use strict';
/**
 * The simulator of one test file: started before its tests, emptied after each test, closed after
 * the last. `sim` is the simulator; `credentials` reach it with the key it expects (`API_KEY`
 * unless `options.apiKey` names another).
 *
 *   const { sim, credentials } = useSimulator({ taskDurationMs: 1000, pendingMs: 200 });
 */
const { createSimulator } = require('../simulator/server');

const API_KEY = 'test-api-key';

function useSimulator(options = {}) {
	const sim = createSimulator({ apiKey: API_KEY, ...options });
	const credentials = {};
	beforeAll(async () => {
		await sim.listen();
		Object.assign(credentials, { apiKey: sim.apiKey, baseUrl: sim.baseUrl });
	});
	afterEach(() => sim.reset());
	afterAll(() => sim.close());
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
