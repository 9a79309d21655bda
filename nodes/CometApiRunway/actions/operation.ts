import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PreparedTask } from '../helpers/interfaces';

export type Resource = 'video' | 'image' | 'task';

/** How an operation appears in the node's Operation list. */
export interface OperationMeta {
	resource: Resource;
	/** The saved `operation` value. */
	value: string;
	name: string;
	description: string;
	/** The text of the node panel's action list. */
	action: string;
	/** Whether the operation submits paid tasks (rather than reading existing ones). */
	creates: boolean;
}

/** One operation: its form, and how one item's parameters become a validated request. */
export interface Operation {
	meta: OperationMeta;
	/** The operation's own fields; the registry shows them only for this operation. */
	properties: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask>;
}
