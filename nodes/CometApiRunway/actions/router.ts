import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { WAIT } from '../helpers/constants';
import { createRedactor } from '../helpers/redact';
import { isToolRun } from '../helpers/tool';
import { InputError, requireText } from '../helpers/validation';
import { validateBaseUrl } from '../helpers/urls';
import { runBatch } from '../runner/batch';
import type { Job } from '../runner/job';
import { CREDENTIAL_TYPE } from '../transport';
import { createShaper, type Shaper } from './errors';
import type { Operation } from './operation';
import { createOutput, type Output } from './output';
import { readWaitSettings } from './fields/waitSettings';
import { findOperation } from './registry';

function dispatch(ctx: IExecuteFunctions): Operation {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const value = ctx.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, value);
	if (!operation) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The operation "${value}" of resource "${resource}" is not supported`,
		);
	}
	return operation;
}

/** n8n's Retry On Fail would submit the whole batch again, and pay for it again. */
function refuseRetryOnFail(ctx: IExecuteFunctions, operation: Operation, shape: Shaper) {
	if (!operation.meta.createRoute || !ctx.getNode().retryOnFail) return;
	throw shape.operationError(
		'Retry On Fail is on for this node: a retry would submit, and pay for, every task of the batch again',
		'Turn off Retry On Fail in the node settings; nothing was sent. To retry failed items without paying twice, set On Error to Continue, then send only the items that came back with an error, or follow their taskId with Get Task.',
	);
}

/** The credential's base URL once it is known safe to send the key to. */
function checkCredential(credentials: ICredentialDataDecryptedObject, shape: Shaper): string {
	try {
		const baseUrl = validateBaseUrl(credentials.baseUrl);
		requireText(
			'API Key (credential)',
			credentials.apiKey,
			'Set the API key in the CometAPI credential.',
		);
		return baseUrl;
	} catch (error) {
		throw shape.inputError(error as InputError);
	}
}

/** Reads and checks every item before anything is sent. */
async function prepareJobs(
	ctx: IExecuteFunctions,
	operation: Operation,
	shape: Shaper,
	out: Output,
	outputs: INodeExecutionData[],
): Promise<Job[]> {
	const continueOnFail = ctx.continueOnFail();
	// Binary data does not cross the agent-tool boundary: as a tool, the node downloads nothing.
	const toolRun = isToolRun(ctx);
	const jobs: Job[] = [];
	for (let itemIndex = 0; itemIndex < outputs.length; itemIndex++) {
		try {
			const prepared = await operation.prepare.call(ctx, itemIndex);
			const wait = readWaitSettings.call(ctx, itemIndex);
			if (toolRun) wait.downloadOutput = false;
			jobs.push({ itemIndex, prepared, wait, record: null });
		} catch (error) {
			const nodeError =
				error instanceof InputError
					? shape.inputError(error, itemIndex)
					: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
			if (!continueOnFail) throw nodeError;
			outputs[itemIndex] = out.failure(nodeError, itemIndex);
		}
	}
	return jobs;
}

/**
 * Validates every item first, then submits them all and waits on them together. Each item gets
 * exactly one output item, paired to it; without Continue On Fail the first failure stops the
 * batch and its error names every task this execution submitted.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = dispatch(this);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const out = createOutput(this, createRedactor([credentials.apiKey]));
	try {
		return await runAll(this, operation, credentials, out);
	} catch (error) {
		const nodeError =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.getNode(), error as Error);
		throw out.error(nodeError);
	}
}

async function runAll(
	ctx: IExecuteFunctions,
	operation: Operation,
	credentials: ICredentialDataDecryptedObject,
	out: Output,
): Promise<INodeExecutionData[][]> {
	const shape = createShaper(ctx);
	refuseRetryOnFail(ctx, operation, shape);
	const baseUrl = checkCredential(credentials, shape);

	const outputs: INodeExecutionData[] = new Array(ctx.getInputData().length);
	const jobs = await prepareJobs(ctx, operation, shape, out, outputs);
	const first = jobs[0]?.wait;
	const { stopped, firstFailure } = await runBatch(ctx, jobs, {
		continueOnFail: ctx.continueOnFail(),
		maxConcurrentRequests: first?.maxConcurrentRequests ?? WAIT.maxConcurrentRequests.default,
		maxConcurrentDownloads: first?.maxConcurrentDownloads ?? WAIT.maxConcurrentDownloads.default,
		baseUrl,
		log: out.log,
	});

	if (stopped || firstFailure) {
		const error = out.error(shape.batchError(jobs, stopped, firstFailure));
		// n8n stores a stopped execution before the node returns, so the task IDs also go to its log.
		if (stopped) out.log('warn', `${error.message}. ${error.description ?? ''}`.trim());
		throw error;
	}
	for (const job of jobs) {
		outputs[job.itemIndex] = job.failure
			? out.failure(shape.jobError(job), job.itemIndex, job)
			: out.success(job);
	}
	return [outputs];
}
