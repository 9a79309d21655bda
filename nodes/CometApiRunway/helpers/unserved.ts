import type { ApiProblem } from './answers';
import type { HttpAnswer, UnservedRouteNote } from './interfaces';
import { extractApiCode, extractApiMessage } from './normaliser';

// A create route or model CometAPI may not serve any more (retired upstream, like the legacy
// models: upscale_v1, gen4_aleph, gen3a_turbo, veo3): how to tell, and say so.

const NAMES_ROUTE = /\b(route|endpoint|path|api|model|action|upscale)|\b(POST|GET) \//i;
const REFUSES =
	/unknown|unsupported|not supported|not found|no such|does not exist|no longer|retired|deprecated|sunset|not available|no available channel|invalid (model|route|endpoint|path|action)/i;
const REFUSING_CODE = /not_found|unsupported|not_supported|deprecated|retired/i;

/**
 * Whether an answer to a create says the route itself is not served, rather than refusing the
 * request's values: HTTP 404, 405, 410 or 501 (an HTML 404 page included), a message naming the
 * route, endpoint or model as unknown, unsupported or gone, or a code saying so (`model_not_found`).
 */
export function refusesRoute(answer: HttpAnswer): boolean {
	const { statusCode, body } = answer;
	if ([404, 405, 410, 501].includes(statusCode)) return true;
	const message = extractApiMessage(body) ?? '';
	return (
		(NAMES_ROUTE.test(message) && REFUSES.test(message)) ||
		REFUSING_CODE.test(extractApiCode(body) ?? '')
	);
}

/** A refusal worded for a route or model that may not be served any more, with what to use instead. */
export function unservedRouteProblem(problem: ApiProblem, note: UnservedRouteNote): ApiProblem {
	return {
		...problem,
		message: `${problem.message}. ${note.reason}`,
		description: `${note.advice} (${problem.description})`,
	};
}
