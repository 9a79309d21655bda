import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { TaskItem } from '../helpers/interfaces';
import { toTaskItem } from '../helpers/output';
import type { InputError } from '../helpers/validation';
import type { TaskFailure } from '../runner/failure';
import type { Job } from '../runner/job';

export type NodeError = NodeApiError | NodeOperationError;

/**
 * n8n swaps a message that mentions ECONNREFUSED and the like for a generic text; a bad value or
 * an API's own words may well contain one, and the message must keep naming field and task.
 */
function keepMessage<T extends NodeError>(error: T, message: string): T {
	error.message = message;
	return error;
}

export function inputError(
	ctx: IExecuteFunctions,
	error: InputError,
	itemIndex?: number,
): NodeOperationError {
	const nodeError = new NodeOperationError(ctx.getNode(), error.message, {
		itemIndex,
		description: error.hint ?? `Fix the ${error.field} field; nothing was sent to CometAPI.`,
	});
	return keepMessage(nodeError, error.message);
}

export function failureError(ctx: IExecuteFunctions, job: Job, failure: TaskFailure): NodeError {
	const { problem } = failure;
	if (failure.reason === 'timedOut' || failure.reason === 'cancelled') {
		const error = new NodeOperationError(ctx.getNode(), problem.message, {
			itemIndex: job.itemIndex,
			description: problem.description,
		});
		return keepMessage(error, problem.message);
	}
	const response: JsonObject = {
		message: problem.message,
		description: problem.description,
		...(problem.httpCode !== undefined ? { httpCode: String(problem.httpCode) } : {}),
		...(problem.apiCode ? { code: problem.apiCode } : {}),
		...(job.record ? { taskId: job.record.taskId } : {}),
	};
	const error = new NodeApiError(ctx.getNode(), response, {
		itemIndex: job.itemIndex,
		message: problem.message,
		description: problem.description,
		httpCode: problem.httpCode !== undefined ? String(problem.httpCode) : undefined,
	});
	return keepMessage(error, problem.message);
}

/** Says which other paid tasks exist, so that nothing is lost from sight when the node stops. */
export function mentionOtherTasks(error: NodeError, jobs: Job[], except?: Job): NodeError {
	const others = jobs.filter((job) => job !== except && job.record).map((job) => job.record!);
	if (others.length === 0) return error;
	const listed = others.map((record) => `${record.taskId} (${record.task?.status ?? 'PENDING'})`);
	const shown =
		listed.slice(0, 10).join(', ') + (listed.length > 10 ? ` and ${listed.length - 10} more` : '');
	const label = except
		? 'Other tasks submitted in this execution'
		: 'Tasks submitted in this execution';
	error.message = `${error.message}. ${label}: ${shown}`;
	error.description =
		`${error.description ?? ''}\nAll task IDs submitted in this execution: ${listed.join(', ')}. Use Get Task to follow them.`.trim();
	return error;
}

export function outputItem(job: Job): INodeExecutionData {
	const json: TaskItem | IDataObject = job.record ? toTaskItem(job.record) : {};
	if (job.binary) {
		const metadata: IDataObject = { binaryProperty: job.wait.outputBinaryProperty, ...job.binary };
		delete metadata.data;
		json.video = metadata;
	}
	return {
		json,
		...(job.binary ? { binary: { [job.wait.outputBinaryProperty]: job.binary } } : {}),
		pairedItem: { item: job.itemIndex },
	};
}

export function errorItem(error: NodeError, itemIndex: number, job?: Job): INodeExecutionData {
	const base = job?.record ? toTaskItem(job.record) : {};
	return {
		json: { ...base, error: error.message, errorDescription: error.description ?? null },
		pairedItem: { item: itemIndex },
	};
}
