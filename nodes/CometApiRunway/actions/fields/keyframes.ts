import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError, validateNumberInRange } from '../../helpers/validation';
import {
	type ImageList,
	imageListProperty,
	readImageListEntries,
	readImageListImage,
} from './imageList';

// aleph2's keyframes (cometapi-runway-api.md §13): images the edited video passes through at given
// times.

/** Runway takes at most this many keyframes, at times within the video (at most 30 s). */
const KEYFRAMES = { max: 5, maxSeconds: 30 } as const;

const KEYFRAME_LIST: ImageList = {
	name: 'keyframes',
	label: 'Keyframes',
	entry: 'keyframe',
	entryLabel: 'Keyframe',
};

/** Keyframes: up to five images by URL or from a binary field, each at a time in seconds. */
export function keyframesProperty(models: string[]): INodeProperties {
	return {
		...imageListProperty(
			KEYFRAME_LIST,
			`Up to ${KEYFRAMES.max} images the edited video shows at the given times`,
			[
				{
					displayName: 'At (Seconds)',
					name: 'seconds',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: KEYFRAMES.maxSeconds, numberPrecision: 2 },
					default: 0,
					description: 'When in the video this image is shown, in seconds from its start',
				},
			],
		),
		displayOptions: { show: { model: models } },
	};
}

/** Runway's `keyframes`: `[{ seconds, uri }]`, or nothing when there are none. */
export async function readKeyframes(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[] | undefined> {
	const entries = readImageListEntries.call(this, itemIndex, KEYFRAME_LIST);
	if (entries.length > KEYFRAMES.max) {
		throw new InputError(
			'Keyframes',
			`Keyframes has ${entries.length} images; aleph2 takes at most ${KEYFRAMES.max}`,
		);
	}
	if (entries.length === 0) return undefined;
	const keyframes: IDataObject[] = [];
	for (const [index, entry] of entries.entries()) {
		const seconds = validateNumberInRange(
			`Keyframe ${index + 1} At (Seconds)`,
			entry.seconds ?? 0,
			0,
			KEYFRAMES.maxSeconds,
		);
		const uri = await readImageListImage.call(this, itemIndex, KEYFRAME_LIST, index);
		keyframes.push({ seconds, uri });
	}
	return keyframes;
}
