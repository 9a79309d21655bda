'use strict';
/**
 * The simulator of one test file: started before its tests, emptied after each test, closed after
 * the last. `sim` is the simulator; `credentials` reach it with the key it expects (`API_KEY`).
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
		Object.assign(credentials, { apiKey: API_KEY, baseUrl: sim.baseUrl });
	});
	afterEach(() => sim.reset());
	afterAll(() => sim.close());
	return { sim, credentials };
}

module.exports = { API_KEY, useSimulator };
