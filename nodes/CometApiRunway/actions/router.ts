import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { TaskItem } from '../helpers/interfaces';
import { createAbortFanOut } from '../helpers/abort';
import { createLimiter } from '../helpers/limiter';
import { toTaskItem } from '../helpers/output';
import { InputError, requireText, validateBaseUrl } from '../helpers/validation';
import { CREDENTIAL_TYPE } from '../transport';
import type { Operation } from './operation';
import { readWaitSettings } from './parameters';
import * as task from './task';
import { hostClock, type Job, runJob, type Run, TaskFailure } from './taskRunner';
import * as video from './video';

const OPERATIONS: Record<string, Record<string, Operation>> = {
	video: { imageToVideo: video.imageToVideo, generate: video.generate },
	task: { get: task.get },
};

type NodeError = NodeApiError | NodeOperationError;

/**
 * n8n swaps a message that mentions ECONNREFUSED and the like for a generic text; a bad value or
 * an API's own words may well contain one, and the message must keep naming field and task.
 */
function keepMessage<T extends NodeError>(error: T, message: string): T {
	error.message = message;
	return error;
}

function inputError(
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

function failureError(ctx: IExecuteFunctions, job: Job, failure: TaskFailure): NodeError {
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
function mentionOtherTasks(error: NodeError, jobs: Job[], except?: Job): NodeError {
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

function outputItem(job: Job): INodeExecutionData {
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

function errorItem(error: NodeError, itemIndex: number, job?: Job): INodeExecutionData {
	const base = job?.record ? toTaskItem(job.record) : {};
	return {
		json: { ...base, error: error.message, errorDescription: error.description ?? null },
		pairedItem: { item: itemIndex },
	};
}

/**
 * Validates every item first, then submits them all and waits on them together. Each item gets
 * exactly one output item, paired to it; without Continue On Fail the first failure stops the
 * wait and its error names every task this execution submitted.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = OPERATIONS[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not supported`,
		);
	}
	const continueOnFail = this.continueOnFail();
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	try {
		validateBaseUrl(credentials.baseUrl);
		requireText(
			'API Key (credential)',
			credentials.apiKey,
			'Set the API key in the CometAPI credential.',
		);
	} catch (error) {
		throw inputError(this, error as InputError);
	}

	const outputs: INodeExecutionData[] = new Array(items.length);
	const jobs: Job[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const prepared = await operation.prepare.call(this, itemIndex);
			const wait = readWaitSettings.call(this, itemIndex);
			jobs.push({ itemIndex, prepared, wait, record: null });
		} catch (error) {
			const nodeError =
				error instanceof InputError
					? inputError(this, error, itemIndex)
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			if (!continueOnFail) throw nodeError;
			outputs[itemIndex] = errorItem(nodeError, itemIndex);
		}
	}

	const executionSignal = this.getExecutionCancelSignal();
	const controller = new AbortController();
	const stop = () => controller.abort();
	if (executionSignal?.aborted) stop();
	executionSignal?.addEventListener('abort', stop);
	const run: Run = {
		ctx: this,
		limit: createLimiter(jobs[0]?.wait.maxConcurrentRequests ?? 5),
		signal: controller.signal,
		clock: hostClock(),
	};
	let firstFailure: Job | undefined;
	const signals = createAbortFanOut(controller.signal);
	try {
		await Promise.all(
			jobs.map(async (job) => {
				const { signal, release } = signals.child();
				try {
					await runJob({ ...run, signal }, job);
				} catch (error) {
					job.failure =
						error instanceof TaskFailure
							? error
							: new TaskFailure({ message: (error as Error).message, description: '' }, 'api');
					if (!continueOnFail && job.failure.reason !== 'cancelled' && !firstFailure) {
						firstFailure = job;
						stop();
					}
				} finally {
					release();
				}
			}),
		);
	} finally {
		signals.dispose();
		executionSignal?.removeEventListener('abort', stop);
	}

	if (executionSignal?.aborted) {
		throw mentionOtherTasks(
			new NodeOperationError(
				this.getNode(),
				'The execution was stopped while waiting for the videos',
				{
					description: 'The submitted tasks go on at CometAPI.',
				},
			),
			jobs,
		);
	}
	if (firstFailure) {
		throw mentionOtherTasks(
			failureError(this, firstFailure, firstFailure.failure!),
			jobs,
			firstFailure,
		);
	}
	for (const job of jobs) {
		outputs[job.itemIndex] = job.failure
			? errorItem(failureError(this, job, job.failure), job.itemIndex, job)
			: outputItem(job);
	}
	return [outputs];
}
