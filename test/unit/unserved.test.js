'use strict';
// Which refusals of a create say the route or model itself is not served (a model retired
// upstream), as opposed to refusing the request's values.
const { unserved } = require('../support/dist');

const answer = (statusCode, body) => ({ statusCode, headers: {}, body });
const envelope = (message, code = '') => ({ error: { message, type: 'comet_api_error', param: '', code } });

describe('refusesRoute', () => {
	test.each([
		['404 Invalid URL', answer(404, envelope('Invalid URL (POST /runwayml/v1/video_upscale)'))],
		['404 with an empty body', answer(404, '')],
		['405', answer(405, envelope('method not allowed'))],
		['410 with Runway\'s string error', answer(410, { error: 'The video_upscale endpoint has been sunset.' })],
		['501', answer(501, envelope('not implemented'))],
		['an HTML 404 page', answer(404, '<html><body>404 page not found</body></html>')],
		['400: model not supported', answer(400, envelope('model upscale_v1 is not supported (request id: 1)', 'invalid_request'))],
		['422: unknown endpoint', answer(422, envelope('Unknown endpoint video_upscale'))],
		['503: no channel for the model', answer(503, envelope('No available channel for model upscale_v1 under group default'))],
		['400: a model_not_found code', answer(400, envelope('something went wrong', 'model_not_found'))],
		['500: an upstream deprecation', answer(500, envelope('upstream: this API version is deprecated'))],
	])('%s: the route is refused', (_name, a) => {
		expect(unserved.refusesRoute(a)).toBe(true);
	});

	test.each([
		['400: a missing model', answer(400, envelope('model name is required (request id: 2)', 'invalid_request'))],
		['400: the video could not be fetched', answer(400, envelope('videoUri could not be fetched (HTTP 403)', 'invalid_request'))],
		['400: a bad ratio', answer(400, envelope('Validation of body failed: ratio: Invalid enum value'))],
		['401', answer(401, envelope('Invalid token (request id: 3)'))],
		['429', answer(429, envelope('rate limited'))],
		['500 invalid_request', answer(500, envelope('bad json', 'invalid_request'))],
		['an HTML 403 page (a firewall)', answer(403, '<!DOCTYPE html><html><body>Forbidden</body></html>')],
		['an HTML 200 page (wrong base URL)', answer(200, '<html><body>Welcome</body></html>')],
		['a 502 gateway page', answer(502, envelope('Bad gateway'))],
	])('%s: not a refusal of the route', (_name, a) => {
		expect(unserved.refusesRoute(a)).toBe(false);
	});
});

test('unservedRouteProblem adds the reason to the message and puts the advice first', () => {
	const problem = { message: 'CometAPI refused the task with HTTP 404', description: 'Check the route.', httpCode: 404, apiCode: 'x' };
	expect(unserved.unservedRouteProblem(problem, { reason: 'The route may be retired', advice: 'Use another.' })).toEqual({
		message: 'CometAPI refused the task with HTTP 404. The route may be retired',
		description: 'Use another. (Check the route.)',
		httpCode: 404,
		apiCode: 'x',
	});
});
