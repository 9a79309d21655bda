import type { StatusOutcome } from '../helpers/answers';
import { classifyStatusAnswer } from '../helpers/answers';
import type { TaskRoute } from '../helpers/interfaces';
import type { FetchStatus } from '../helpers/poller';
import { cometApiRequest, TransportFailure } from '../transport';
import { STATUS_ROUTES } from '../transport/routes';
import { transportProblem } from './failure';
import type { Run } from './run';

/** One status request for a task, on the route it was created on; never throws for HTTP trouble. */
export function statusFetcher(
	run: Run,
	route: TaskRoute,
	runwayVersion: string,
	requestTimeoutMs: number,
): FetchStatus {
	return async (taskId: string): Promise<StatusOutcome> => {
		const answer = await run.limit(async () =>
			cometApiRequest.call(run.ctx, {
				...STATUS_ROUTES[route](taskId),
				runwayVersion,
				timeoutMs: requestTimeoutMs,
				signal: run.signal,
			}),
		);
		if (answer instanceof TransportFailure) {
			return { kind: 'transient', problem: transportProblem(answer, 'The status request') };
		}
		return classifyStatusAnswer(answer, run.clock.now());
	};
}
