import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CreateRequest, PreparedTask } from '../helpers/interfaces';
import type { CreateRoute } from '../transport/routes';
import { readRunwayVersion } from './parameters';

export type Resource = 'video' | 'image' | 'task';

/** How an operation appears in the node's Operation list. */
interface OperationMeta {
	resource: Resource;
	/** The saved `operation` value. */
	value: string;
	name: string;
	description: string;
	/** The text of the node panel's action list. */
	action: string;
	/** Whether the operation submits paid tasks (rather than reading existing ones). */
	creates: boolean;
	/** The canvas subtitle, where the name alone reads badly ("Get" → "Get Task"). */
	subtitle?: string;
}

/** One operation: its form, and how one item's parameters become a validated request. */
export interface Operation {
	meta: OperationMeta;
	/** The operation's own fields; the registry shows them only for this operation. */
	properties: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask>;
}

/**
 * The create request of one item on `route`, with the optional fields the user left out dropped.
 * The Runway API version is read first, then `readBody`: it reads the files last (they are the
 * costly checks, and the other fields fail faster). `notes` word the request's errors for the
 * route (e.g. one that may be retired upstream).
 */
export async function prepareCreate(
	this: IExecuteFunctions,
	itemIndex: number,
	route: CreateRoute,
	output: 'video' | 'image',
	readBody: () => Promise<IDataObject>,
	notes: Pick<CreateRequest, 'unservedRoute'> = {},
): Promise<PreparedTask> {
	const runwayVersion = readRunwayVersion.call(this, itemIndex);
	const body = await readBody();
	const sent = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
	return {
		kind: 'create',
		request: { route: route.family, path: route.path, output, body: sent, runwayVersion, ...notes },
	};
}
