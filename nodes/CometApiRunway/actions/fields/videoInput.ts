import type { INodeProperties } from 'n8n-workflow';

import { MAX_FILE_WORDS } from '../../helpers/media';
import { BY_URL, type MediaInput } from './mediaInput';

/** The video input most operations have: Video Source, Video URL, Input Video Binary Field. */
export const VIDEO_INPUT: MediaInput = {
	kind: 'video',
	source: 'videoSource',
	url: 'videoUrl',
	binaryProperty: 'videoBinaryPropertyName',
	labels: { source: 'Video Source', url: 'Video URL', binaryProperty: 'Input Video Binary Field' },
};

/** The fields of `VIDEO_INPUT`: by URL, or from a binary field (MP4, MOV or WebM, checked by content). */
export function videoSourceProperties(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Video Source',
			name: 'videoSource',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Binary File',
					value: 'binary',
					description: `A video file from an earlier node (MP4, MOV or WebM, ${MAX_FILE_WORDS} at most; a larger one goes by URL)`,
				},
				{
					name: 'Video URL',
					value: 'url',
					description: BY_URL,
				},
			],
			default: 'url',
		},
		{
			displayName: 'Video URL',
			name: 'videoUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/clip.mp4',
			description: `Public https:// URL of ${what}; Runway fetches it itself`,
			displayOptions: { show: { videoSource: ['url'] } },
		},
		{
			displayName: 'Input Video Binary Field',
			name: 'videoBinaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: `The name of the input binary field holding ${what}`,
			description:
				'The video is sent inline as a data URI after its container and size are checked',
			displayOptions: { show: { videoSource: ['binary'] } },
		},
	];
}
