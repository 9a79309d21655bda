import type { INodeProperties } from 'n8n-workflow';

import { IMAGE_INPUT, imageSourceProperties } from './imageInput';
import { type MediaInput, mediaInputProperties } from './mediaInput';
import { VIDEO_INPUT, videoSourceProperties } from './videoInput';

// The inputs of the operations that give a character a performance (Character Performance,
// Act-One), named alike on both: the shared image and video fields under the names of what they
// hold.

/** The character as an image: the shared image fields, labelled for the character. */
export const CHARACTER_IMAGE_INPUT: MediaInput = {
	...IMAGE_INPUT,
	labels: {
		source: 'Character Image Source',
		url: 'Character Image URL',
		binaryProperty: 'Character Image Binary Field',
	},
};

/** The performance that drives the character: the shared video fields. */
export const PERFORMANCE_INPUT: MediaInput = {
	...VIDEO_INPUT,
	labels: {
		source: 'Performance Video Source',
		url: 'Performance Video URL',
		binaryProperty: 'Performance Video Binary Field',
	},
};

/** The fields of `CHARACTER_IMAGE_INPUT`. */
export const characterImageProperties = (): INodeProperties[] =>
	mediaInputProperties(imageSourceProperties(false), IMAGE_INPUT, CHARACTER_IMAGE_INPUT);

/** The fields of `PERFORMANCE_INPUT`, their help speaking of the video as `what`. */
export const performanceVideoProperties = (what: string): INodeProperties[] =>
	mediaInputProperties(videoSourceProperties(what), VIDEO_INPUT, PERFORMANCE_INPUT);
