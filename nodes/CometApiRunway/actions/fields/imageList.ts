import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { imageSourceProperties, readImageAt } from './imageInput';
import type { MediaValue } from './mediaInput';

/**
 * A list of images by URL or from a binary field (Reference Images, Keyframes): saved as
 * `<name>.<entry>[i]`, each entry named "<entryLabel> <i + 1>" in messages.
 */
export interface ImageList {
	name: string;
	label: string;
	entry: string;
	entryLabel: string;
}

/** The list's field: entries of the image fields, each with `more` fields after its image. */
export function imageListProperty(
	list: ImageList,
	description: string,
	more: INodeProperties[] = [],
): INodeProperties {
	const add = `Add ${list.entryLabel}`;
	return {
		displayName: list.label,
		name: list.name,
		type: 'fixedCollection',
		placeholder: add,
		typeOptions: { multipleValues: true, multipleValueButtonText: add },
		default: {},
		description,
		options: [
			{
				displayName: list.entryLabel,
				name: list.entry,
				values: [...imageSourceProperties(false), ...more],
			},
		],
	};
}

/** The list's entries as saved, each with its image fields and its `more` fields. */
export function readImageListEntries(
	this: IExecuteFunctions,
	itemIndex: number,
	list: ImageList,
): IDataObject[] {
	const entries = this.getNodeParameter(`${list.name}.${list.entry}`, itemIndex, []);
	return Array.isArray(entries) ? (entries as IDataObject[]) : [];
}

/** The image of entry `index` (from 0), named "<entryLabel> <index + 1>". */
export async function readImageListImage(
	this: IExecuteFunctions,
	itemIndex: number,
	list: ImageList,
	index: number,
): Promise<MediaValue | undefined> {
	return await readImageAt.call(
		this,
		itemIndex,
		`${list.name}.${list.entry}[${index}]`,
		`${list.entryLabel} ${index + 1}`,
	);
}
