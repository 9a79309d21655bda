import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * The node's versions. Version 1 saved each Ratio and Duration under one name for every model, so
 * n8n kept a value after a switch of Model that the new model refuses; it stays as it was so saved
 * workflows (which omit values left at their default) read the same. Later versions name each
 * field per group of models that take the same values.
 */
export const NODE_VERSIONS = [1, 1.1];
export const VERSION_1 = { '@version': [1] };
export const SINCE_VERSION_1_1 = { '@version': [{ _cnd: { gte: 1.1 } }] };

/** Whether the node of this execution is version 1 (its saved fields read under their old names). */
export function isVersion1(this: IExecuteFunctions): boolean {
	return this.getNode().typeVersion < 1.1;
}
