import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	type ImageList,
	imageListProperty,
	readImageListEntries,
	readImageListImage,
} from './imageList';
import type { MediaValue } from './mediaInput';

const REFERENCE_IMAGES: ImageList = {
	name: 'referenceImages',
	label: 'Reference Images',
	entry: 'image',
	entryLabel: 'Reference Image',
};

/**
 * Reference Images: images by URL or from a binary field, each with `more` fields after its
 * image (`readReferenceEntries`, `readReferenceImage`). How many there are is checked when the
 * node runs, not by n8n's minRequiredFields/maxAllowedFields: their refusal names neither this
 * field nor why the route needs it.
 */
export function referenceImagesProperty(
	description: string,
	more: INodeProperties[] = [],
): INodeProperties {
	return imageListProperty(REFERENCE_IMAGES, description, more);
}

/** The entries of Reference Images as saved, each with its image fields. */
export function readReferenceEntries(this: IExecuteFunctions, itemIndex: number): IDataObject[] {
	return readImageListEntries.call(this, itemIndex, REFERENCE_IMAGES);
}

/** The image of Reference Images' entry `index` (from 0), named "Reference Image <index + 1>". */
export async function readReferenceImage(
	this: IExecuteFunctions,
	itemIndex: number,
	index: number,
): Promise<MediaValue | undefined> {
	return await readImageListImage.call(this, itemIndex, REFERENCE_IMAGES, index);
}
