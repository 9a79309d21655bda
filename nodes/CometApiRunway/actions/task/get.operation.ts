import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PreparedTask, TaskRoute } from '../../helpers/interfaces';
import { InputError, validateTaskId } from '../../helpers/validation';
import { optionsCollection, runwayVersionOption } from '../common.descriptions';
import { waitProperties } from '../wait.descriptions';
import type { Operation } from '../operation';
import { readRunwayVersion } from '../parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '3d957031-9a2a-45e2-9dc7-bc8513059c50',
		description:
			'The taskId output of any operation of this node that creates tasks (Image to Video, Text to Image, Generate…)',
	},
	{
		displayName: 'Task Route',
		name: 'taskRoute',
		type: 'options',
		options: [
			{
				name: 'Feed',
				value: 'feed',
				description: 'POST /runway/feed, for tasks from Generate, Restyle Video and Act-One',
			},
			{
				name: 'Official',
				value: 'official',
				description:
					'GET /runwayml/v1/tasks/{ID}, for tasks from Image to Video, Text to Image, Video to Video, Upscale and Character Performance',
			},
		],
		default: 'official',
		description:
			'Where to ask for the task: the route family it was created on, as the route field of its output says',
	},
	optionsCollection([runwayVersionOption]),
	...waitProperties(false),
];

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const taskId = validateTaskId(this.getNodeParameter('taskId', itemIndex));
	const route = this.getNodeParameter('taskRoute', itemIndex, 'official') as TaskRoute;
	if (route !== 'official' && route !== 'feed') {
		throw new InputError(
			'Task Route',
			`Task Route must be official or feed, got "${String(route)}"`,
		);
	}
	return {
		kind: 'existing',
		taskId,
		route,
		runwayVersion: readRunwayVersion.call(this, itemIndex),
	};
}

export const getTask: Operation = {
	meta: {
		resource: 'task',
		value: 'get',
		name: 'Get',
		description: "Read a task's status and output by its ID, optionally waiting for it to finish",
		action: "Get a task's status and output by ID",
		creates: false,
		subtitle: 'Get Task',
	},
	properties,
	prepare,
};
