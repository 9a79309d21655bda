import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MAX_FILE_WORDS } from '../../helpers/media';
import { BY_URL, type MediaInput, type MediaValue, readMedia } from './mediaInput';

/** The image input most operations have: Image Source, Image URL, Input Binary Field. */
export const IMAGE_INPUT: MediaInput = {
	kind: 'image',
	source: 'imageSource',
	url: 'imageUrl',
	binaryProperty: 'binaryPropertyName',
	labels: { source: 'Image Source', url: 'Image URL', binaryProperty: 'Input Binary Field' },
};

const imageSourceOptions = [
	{
		name: 'Binary File',
		value: 'binary',
		description: `An image file from an earlier node (JPEG, PNG or WebP, ${MAX_FILE_WORDS} at most)`,
	},
	{
		name: 'Image URL',
		value: 'url',
		description: BY_URL,
	},
];

const imageSourceWithUrlDefault: INodeProperties = {
	displayName: 'Image Source',
	name: 'imageSource',
	type: 'options',
	noDataExpression: true,
	options: imageSourceOptions,
	default: 'url',
};

const imageSourceWithNoneDefault: INodeProperties = {
	displayName: 'Image Source',
	name: 'imageSource',
	type: 'options',
	noDataExpression: true,
	options: [
		...imageSourceOptions,
		{ name: 'None (Text Only)', value: 'none', description: 'Generate from the prompt alone' },
	],
	default: 'none',
};

/** The fields of `IMAGE_INPUT`; `withNone` offers None (Text Only), and starts at it. */
export function imageSourceProperties(withNone: boolean): INodeProperties[] {
	return [
		withNone ? imageSourceWithNoneDefault : imageSourceWithUrlDefault,
		{
			displayName: 'Image URL',
			name: 'imageUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/photo.jpg',
			description:
				'Public https:// URL of the image; Runway fetches it itself, so the host must answer without a login',
			displayOptions: { show: { imageSource: ['url'] } },
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field holding the image',
			description: 'The image is sent inline as a data URI after its type and size are checked',
			displayOptions: { show: { imageSource: ['binary'] } },
		},
	];
}

/** The image fields of a collection entry at `path` (e.g. `keyframes.keyframe[0]`), named `label`. */
export async function readImageAt(
	this: IExecuteFunctions,
	itemIndex: number,
	path: string,
	label: string,
): Promise<MediaValue | undefined> {
	return await readMedia.call(this, itemIndex, {
		kind: 'image',
		source: `${path}.${IMAGE_INPUT.source}`,
		url: `${path}.${IMAGE_INPUT.url}`,
		binaryProperty: `${path}.${IMAGE_INPUT.binaryProperty}`,
		labels: {
			source: `${label} Source`,
			url: `${label} URL`,
			binaryProperty: `${label} Binary Field`,
		},
	});
}
