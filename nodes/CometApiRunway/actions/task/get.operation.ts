import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PreparedTask } from '../../helpers/interfaces';
import { optionsCollection } from '../fields/options';
import { readRunwayVersion, runwayVersionOption } from '../fields/runwayVersion';
import { readTaskId, taskIdProperty } from '../fields/taskIdField';
import { readTaskRoute, taskRouteProperty } from '../fields/taskRoute';
import { waitProperties } from '../fields/waitSettings';
import type { Operation, OperationMeta } from '../operation';

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	return {
		kind: 'existing',
		taskId: readTaskId.call(this, itemIndex),
		route: readTaskRoute.call(this, itemIndex),
		runwayVersion: readRunwayVersion.call(this, itemIndex),
	};
}

/** Get, whose Task Route names the operations of `operations` that create tasks on each route. */
export function getTask(operations: readonly OperationMeta[]): Operation {
	const properties: INodeProperties[] = [
		taskIdProperty,
		taskRouteProperty(operations),
		optionsCollection([runwayVersionOption]),
		...waitProperties(false),
	];
	return {
		meta: {
			resource: 'task',
			value: 'get',
			name: 'Get',
			description: "Read a task's status and output by its ID, optionally waiting for it to finish",
			action: "Get a task's status and output by ID",
			subtitle: 'Get Task',
		},
		properties,
		prepare,
	};
}
