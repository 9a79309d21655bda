import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CreateRequest, TaskRoute } from '../helpers/interfaces';

/** What one input item asks for, validated, before anything is sent. */
export type PreparedTask =
	| { kind: 'create'; request: CreateRequest }
	| { kind: 'existing'; taskId: string; route: TaskRoute; runwayVersion: string };

export interface Operation {
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask>;
}
