import type { IDataObject } from 'n8n-workflow';

import { sendableBody } from '../helpers/binaryInput';
import type { JsonBytes } from '../helpers/jsonBytes';
import type { CreateRequest } from '../helpers/interfaces';
import { InputError } from '../helpers/validation';
import { TaskFailure } from './failure';
import type { Run } from './run';

/**
 * The create's body as sent, its files read and checked now, in the request's slot. A file that
 * can no longer be read or sent fails its own item; nothing is sent for it.
 */
export async function requestBody(
	run: Run,
	request: CreateRequest,
): Promise<IDataObject | JsonBytes | TaskFailure> {
	try {
		return await sendableBody(run.ctx, request.body);
	} catch (error) {
		const known = error instanceof InputError;
		return new TaskFailure(
			{
				message: known
					? error.message
					: `The item's binary file could not be read: ${(error as Error).message}`,
				description: `${known && error.hint ? `${error.hint} ` : ''}Nothing was sent for this item.`,
			},
			'api',
		);
	}
}
