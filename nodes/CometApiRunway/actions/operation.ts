import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CreateRequest, PreparedTask } from '../helpers/interfaces';
import type { CreateRoute } from '../transport/routes';
import { readRunwayVersion } from './fields/runwayVersion';

export type Resource = 'video' | 'image' | 'task';

/** How an operation appears in the node's Operation list, and where it creates its tasks. */
export interface OperationMeta {
	resource: Resource;
	/** The saved `operation` value. */
	value: string;
	name: string;
	description: string;
	/** The text of the node panel's action list. */
	action: string;
	/** The route it submits paid tasks on; none for an operation that reads existing tasks. */
	createRoute?: CreateRoute;
	/** The canvas subtitle, where the name alone reads badly ("Get" → "Get Task"). */
	subtitle?: string;
}

/** An operation that creates tasks: a video or an image, as its resource says, on its route. */
export interface CreatingMeta extends OperationMeta {
	resource: 'video' | 'image';
	createRoute: CreateRoute;
}

/** One operation: its form, and how one item's parameters become a validated request. */
export interface Operation<Meta extends OperationMeta = OperationMeta> {
	meta: Meta;
	/** The operation's own fields; the registry shows them only for this operation. */
	properties: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask>;
}

/**
 * The create request of one item of the operation `meta` describes, with the optional fields the
 * user left out dropped. The Runway API version is read first, then `readBody`: it reads the files
 * last (they are the costly checks, and the other fields fail faster). `notes` word the request's
 * errors for the route (e.g. one that may be retired upstream).
 */
export async function prepareCreate(
	this: IExecuteFunctions,
	itemIndex: number,
	meta: CreatingMeta,
	readBody: () => Promise<IDataObject>,
	notes: Pick<CreateRequest, 'unservedRoute'> = {},
): Promise<PreparedTask> {
	const runwayVersion = readRunwayVersion.call(this, itemIndex);
	const body = await readBody();
	const sent = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
	const { family, path } = meta.createRoute;
	return {
		kind: 'create',
		request: { route: family, path, output: meta.resource, body: sent, runwayVersion, ...notes },
	};
}
