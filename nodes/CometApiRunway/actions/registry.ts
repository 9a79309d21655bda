import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Operation, Resource } from './operation';
import { actOne } from './video/actOne.operation';
import { characterPerformance } from './video/characterPerformance.operation';
import { fromCallback } from './task/fromCallback.operation';
import { generate } from './video/generate.operation';
import { getTask } from './task/get.operation';
import { imageToVideo } from './video/imageToVideo.operation';
import { restyle } from './video/restyle.operation';
import { textToImage } from './image/textToImage.operation';
import { upscale } from './video/upscale.operation';
import { videoToVideo } from './video/videoToVideo.operation';

const RESOURCES: Array<{ name: string; value: Resource; defaultOperation: string }> = [
	{ name: 'Video', value: 'video', defaultOperation: 'imageToVideo' },
	{ name: 'Image', value: 'image', defaultOperation: 'textToImage' },
	{ name: 'Task', value: 'task', defaultOperation: 'get' },
];

/** Every operation of the node but Get: adding one is adding its file, its import and a line here. */
const OPERATIONS: Operation[] = [
	actOne,
	characterPerformance,
	fromCallback,
	generate,
	imageToVideo,
	restyle,
	textToImage,
	upscale,
	videoToVideo,
];

/** And Get, whose help names the operations that create tasks on each route. */
const ALL: Operation[] = [...OPERATIONS, getTask(OPERATIONS.map(({ meta }) => meta))];

export function findOperation(resource: string, value: string): Operation | undefined {
	return ALL.find(
		(operation) => operation.meta.resource === resource && operation.meta.value === value,
	);
}

function operationSelector(resource: Resource, defaultOperation: string): INodeProperties {
	const options = ALL.filter((operation) => operation.meta.resource === resource)
		.map(({ meta }) => ({
			name: meta.name,
			value: meta.value,
			description: meta.description,
			action: meta.action,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}

/**
 * The canvas subtitle: the operation's name as the form shows it ("Image to Video"), or the saved
 * value for an operation this version does not know.
 */
export const subtitle = `={{ (${JSON.stringify(
	Object.fromEntries(ALL.map(({ meta }) => [meta.value, meta.subtitle ?? meta.name])),
)})[$parameter["operation"]] || $parameter["operation"] }}`;

/**
 * An operation's fields, each shown only for its resource and operation, which are checked first:
 * n8n shows a field as soon as it meets a condition on a field holding an expression (a Model of
 * Generate typed as one), so without them first every operation's Custom Model ID would show.
 */
function forOperation(
	resource: Resource,
	operation: string,
	fields: INodeProperties[],
): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { resource: [resource], operation: [operation] } },
		fields,
	).map((field) => ({
		...field,
		displayOptions: {
			...field.displayOptions,
			show: { resource: [resource], operation: [operation], ...field.displayOptions?.show },
		},
	}));
}

/** The node's whole form: resource, then per resource its operations, then each one's fields. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCES.map(({ name, value }) => ({ name, value })).sort((a, b) =>
			a.name.localeCompare(b.name),
		),
		default: 'video',
	},
	...RESOURCES.flatMap(({ value, defaultOperation }) => [
		operationSelector(value, defaultOperation),
		...ALL.filter((operation) => operation.meta.resource === value).flatMap((operation) =>
			forOperation(value, operation.meta.value, operation.properties),
		),
	]),
];
