import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describe, InputError, requireText } from '../../helpers/validation';
import { isUsableTaskId, TASK_ID_RULE_WORDS } from '../../helpers/taskId';

/** The Task ID of an existing task (`readTaskId`). */
export const taskIdProperty: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '3d957031-9a2a-45e2-9dc7-bc8513059c50',
	description: 'The taskId output of any operation of this node that creates tasks',
};

const TASK_ID_HINT = 'Use the taskId output of an operation of this node that creates tasks.';

export function validateTaskId(value: unknown): string {
	const taskId = requireText('Task ID', value, TASK_ID_HINT);
	if (!isUsableTaskId(taskId)) {
		throw new InputError(
			'Task ID',
			`Task ID ${describe(taskId)} is malformed; ${TASK_ID_RULE_WORDS}`,
			TASK_ID_HINT,
		);
	}
	return taskId;
}

export function readTaskId(this: IExecuteFunctions, itemIndex: number): string {
	return validateTaskId(this.getNodeParameter('taskId', itemIndex));
}
