import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** The Options collection of an operation, holding `options`; `readOptions` reads what is set. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/** The options the item sets; an option left unset is absent. */
export function readOptions(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return this.getNodeParameter('options', itemIndex, {}) as IDataObject;
}
