import type { ApiProblem } from '../helpers/answers';
import type { TransportFailure } from '../transport';

type FailureReason = 'api' | 'taskFailed' | 'timedOut' | 'cancelled' | 'download';

/** Why one item ended without a result, with the task it concerns when there is one. */
export class TaskFailure extends Error {
	constructor(
		readonly problem: ApiProblem,
		readonly reason: FailureReason,
	) {
		super(problem.message);
		this.name = 'TaskFailure';
	}
}

export function cancelled(): TaskFailure {
	return new TaskFailure(
		{
			message: 'The execution was stopped',
			description: 'Waiting ended because the execution was stopped.',
		},
		'cancelled',
	);
}

/** Names the task in a problem's message, once. */
export function aboutTask(taskId: string, problem: ApiProblem): ApiProblem {
	return problem.message.includes(taskId)
		? problem
		: { ...problem, message: `Task ${taskId}: ${problem.message}` };
}

// Error codes stay out of messages: n8n swaps a message that names one for a generic text.
export function transportProblem(failure: TransportFailure, what: string): ApiProblem {
	const detail = `(Network error ${failure.code}: ${failure.message})`;
	if (failure.neverReachedServer) {
		return {
			message: `${what} could not connect to CometAPI`,
			description: `Check the Base URL in the CometAPI credential and that it is reachable. ${detail}`,
		};
	}
	const timedOut = failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT';
	return {
		message: timedOut ? `${what} timed out` : `${what} failed: the connection to CometAPI broke`,
		description: detail,
	};
}
