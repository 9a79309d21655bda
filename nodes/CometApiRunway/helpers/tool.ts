import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Whether the node runs as an AI agent's tool. n8n makes the tool variant of a node marked
 * `usableAsTool` under the node's type name with `Tool` appended (`…cometApiRunwayTool`); an
 * execution context that says so itself is believed too.
 */
export function isToolRun(ctx: IExecuteFunctions): boolean {
	const type = ctx.getNode().type;
	return type.endsWith('Tool') || ctx.isToolExecution?.() === true;
}
