import type { StatusOutcome } from '../helpers/answers';
import { classifyStatusAnswer } from '../helpers/answers';
import type { TaskRoute } from '../helpers/interfaces';
import type { FetchStatus } from '../helpers/poller';
import { cometApiRequest } from '../transport';
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
		const result = await run.requests(async () =>
			run.signal.aborted
				? undefined
				: await cometApiRequest.call(run.ctx, {
						...STATUS_ROUTES[route](taskId),
						runwayVersion,
						timeoutMs: requestTimeoutMs,
						totalTimeoutMs: requestTimeoutMs,
						signal: run.signal,
					}),
		);
		if (result === undefined) {
			return { kind: 'transient', problem: { message: 'stopped', description: '' } };
		}
		if (result.kind === 'failed') {
			return { kind: 'transient', problem: transportProblem(result.failure, 'The status request') };
		}
		return classifyStatusAnswer(result.answer, run.clock.now(), taskId);
	};
}
