import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { WaitSettings } from '../helpers/interfaces';
import { InputError, requireText, validateBaseUrl } from '../helpers/validation';
import { runBatch } from '../runner/batch';
import type { Job } from '../runner/job';
import { CREDENTIAL_TYPE } from '../transport';
import { errorItem, failureError, inputError, mentionOtherTasks, outputItem } from './errors';
import type { Operation } from './operation';
import { readWaitSettings } from './parameters';
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

async function checkCredential(ctx: IExecuteFunctions): Promise<void> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	try {
		validateBaseUrl(credentials.baseUrl);
		requireText(
			'API Key (credential)',
			credentials.apiKey,
			'Set the API key in the CometAPI credential.',
		);
	} catch (error) {
		throw inputError(ctx, error as InputError);
	}
}

/**
 * Validates every item first, then submits them all and waits on them together. Each item gets
 * exactly one output item, paired to it; without Continue On Fail the first failure stops the
 * wait and its error names every task this execution submitted.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = dispatch(this);
	const continueOnFail = this.continueOnFail();
	await checkCredential(this);

	const items = this.getInputData();
	const outputs: INodeExecutionData[] = new Array(items.length);
	const jobs: Job[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const prepared = await operation.prepare.call(this, itemIndex);
			const wait: WaitSettings = readWaitSettings.call(this, itemIndex);
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

	const { stopped, firstFailure } = await runBatch(this, jobs, continueOnFail);

	if (stopped) {
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
