import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TaskRoute } from '../../helpers/interfaces';
import { InputError } from '../../helpers/validation';
import { STATUS_PATHS } from '../../transport/routes';
import type { OperationMeta } from '../operation';

const FAMILIES: Array<{ name: string; value: TaskRoute }> = [
	{ name: 'Feed', value: 'feed' },
	{ name: 'Official', value: 'official' },
];

/** Names as a sentence lists them: "A, B and C". */
function listed(names: readonly string[]): string {
	if (names.length < 2) return names.join('');
	return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The names of the `operations` that create tasks on `family`, as the Operation list orders them. */
function creatorsOn(family: TaskRoute, operations: readonly OperationMeta[]): string[] {
	return operations
		.filter(({ createRoute }) => createRoute?.family === family)
		.map(({ name }) => name)
		.sort((a, b) => a.localeCompare(b));
}

/**
 * Task Route: each family's status route and the operations (of `operations`) that create tasks
 * on it, so the help names every one without being typed by hand.
 */
export function taskRouteProperty(operations: readonly OperationMeta[]): INodeProperties {
	return {
		displayName: 'Task Route',
		name: 'taskRoute',
		type: 'options',
		options: FAMILIES.map(({ name, value }) => ({
			name,
			value,
			description: `${STATUS_PATHS[value].method} ${STATUS_PATHS[value].path}, for tasks from ${listed(creatorsOn(value, operations))}`,
		})),
		default: 'official',
		description:
			'Where to ask for the task: the route family it was created on, as the route field of its output says',
	};
}

export function readTaskRoute(this: IExecuteFunctions, itemIndex: number): TaskRoute {
	const route = this.getNodeParameter('taskRoute', itemIndex, 'official');
	if (!FAMILIES.some(({ value }) => value === route)) {
		throw new InputError(
			'Task Route',
			`Task Route must be official or feed, got "${String(route)}"`,
		);
	}
	return route as TaskRoute;
}
