import type { IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApiProblem } from '../helpers/answers';
import type { InputError } from '../helpers/validation';
import type { Job } from '../runner/job';

type NodeError = NodeApiError | NodeOperationError;

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/**
 * n8n swaps a message that mentions ECONNREFUSED and the like for a generic text; a bad value or
 * an API's own words may well contain one, and the message must keep naming field and task.
 */
function keepMessage<T extends NodeError>(error: T, message: string): T {
	error.message = message;
	return error;
}

function operationError(node: INode, message: string, description: string, itemIndex?: number) {
	const error = new NodeOperationError(node, message, { itemIndex, description });
	return keepMessage(error, message);
}

/** An API's refusal or a failed request, with what the API said kept as the error's response. */
function apiError(node: INode, problem: ApiProblem, itemIndex: number, taskId?: string) {
	const { message, description } = problem;
	const httpCode = problem.httpCode !== undefined ? String(problem.httpCode) : undefined;
	const response: JsonObject = {
		message,
		description,
		...(httpCode ? { httpCode } : {}),
		...(problem.apiCode ? { code: problem.apiCode } : {}),
		...(taskId ? { taskId } : {}),
	};
	const error = new NodeApiError(node, response, { itemIndex, message, description, httpCode });
	return keepMessage(error, message);
}

/** The error of a job that failed: a wait that ended (time out, stop), or what the API said. */
function jobError(node: INode, job: Job): NodeError {
	const failure = job.failure!;
	return failure.reason === 'timedOut' || failure.reason === 'cancelled'
		? operationError(node, failure.problem.message, failure.problem.description, job.itemIndex)
		: apiError(node, failure.problem, job.itemIndex, job.record?.taskId);
}

/** Names every paid task, and every create that may have been taken, so nothing is lost. */
function mentionTasks(error: NodeError, jobs: Job[], except?: Job): NodeError {
	const tasks = jobs
		.filter((job) => job !== except && job.record)
		.map((job) => `${job.record!.taskId} (${job.record!.task?.status ?? 'PENDING'})`);
	const unanswered = jobs.filter((job) => job.createSentAtMs !== undefined && !job.record);
	const parts: string[] = [];
	const details: string[] = [];
	if (tasks.length > 0) {
		const shown = tasks.slice(0, 10).join(', ');
		const more = tasks.length > 10 ? ` and ${tasks.length - 10} more` : '';
		parts.push(`${except ? 'Other tasks' : 'Tasks'} submitted in this execution: ${shown}${more}`);
		details.push(
			`All task IDs submitted in this execution: ${tasks.join(', ')}. Use Get Task to follow them.`,
		);
	}
	if (unanswered.length > 0) {
		const times = unanswered.map((job) => clock(job.createSentAtMs!)).join(', ');
		parts.push(
			`${unanswered.length} more create request(s) got no answer and may have been accepted (sent at ${times} UTC)`,
		);
		details.push(
			'Check your CometAPI task log for tasks created at those times before running these items again.',
		);
	}
	if (parts.length === 0) return error;
	error.message = `${error.message}. ${parts.join('. ')}`;
	error.description = [error.description ?? '', ...details].join('\n').trim();
	return error;
}

/**
 * Words what happened to the items as n8n errors of this node. The output boundary (./output.ts)
 * redacts them before they leave.
 */
export function createShaper(ctx: IExecuteFunctions) {
	const node = ctx.getNode();
	return {
		inputError: (error: InputError, itemIndex?: number) =>
			operationError(
				node,
				error.message,
				error.hint ?? `Fix the ${error.field} field; nothing was sent to CometAPI.`,
				itemIndex,
			),

		operationError: (message: string, description: string, itemIndex?: number) =>
			operationError(node, message, description, itemIndex),

		/** The error that ends the node: a stop of the execution, or the first failure. */
		batchError(jobs: Job[], stopped: boolean, firstFailure?: Job): NodeError {
			if (stopped || !firstFailure) {
				const error = operationError(
					node,
					'The execution was stopped while waiting for the tasks',
					'The submitted tasks go on at CometAPI.',
				);
				return mentionTasks(error, jobs);
			}
			return mentionTasks(jobError(node, firstFailure), jobs, firstFailure);
		},

		jobError: (job: Job) => jobError(node, job),
	};
}

export type Shaper = ReturnType<typeof createShaper>;
