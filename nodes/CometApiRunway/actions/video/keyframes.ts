import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError, validateNumberInRange } from '../../helpers/validation';
import { imageSourceProperties } from '../common.descriptions';
import { readImageAt } from '../parameters';

// aleph2's keyframes and outpainting (cometapi-runway-api.md §13): images the edited video passes
// through at given times, and the aspect ratios it can be widened to.

/** Runway takes at most this many keyframes, at times within the video (at most 30 s). */
export const KEYFRAMES = { max: 5, maxSeconds: 30 } as const;

/** The aspect ratios aleph2 can outpaint a video to, in Runway's order. */
export const TARGET_ASPECT_RATIOS = ['16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '21:9'];

/** Keyframes: up to five images by URL or from a binary field, each at a time in seconds. */
export function keyframesProperty(models: string[]): INodeProperties {
	return {
		displayName: 'Keyframes',
		name: 'keyframes',
		type: 'fixedCollection',
		placeholder: 'Add Keyframe',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Keyframe' },
		default: {},
		description: `Up to ${KEYFRAMES.max} images the edited video shows at the given times`,
		displayOptions: { show: { model: models } },
		options: [
			{
				displayName: 'Keyframe',
				name: 'keyframe',
				values: [
					...imageSourceProperties(false),
					{
						displayName: 'At (Seconds)',
						name: 'seconds',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: KEYFRAMES.maxSeconds, numberPrecision: 2 },
						default: 0,
						description: 'When in the video this image is shown, in seconds from its start',
					},
				],
			},
		],
	};
}

/** Runway's `keyframes`: `[{ seconds, uri }]`, or nothing when there are none. */
export async function readKeyframes(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[] | undefined> {
	const saved = this.getNodeParameter('keyframes.keyframe', itemIndex, []);
	const entries = Array.isArray(saved) ? (saved as IDataObject[]) : [];
	if (entries.length > KEYFRAMES.max) {
		throw new InputError(
			'Keyframes',
			`Keyframes has ${entries.length} images; aleph2 takes at most ${KEYFRAMES.max}`,
		);
	}
	if (entries.length === 0) return undefined;
	const keyframes: IDataObject[] = [];
	for (const [index, entry] of entries.entries()) {
		const label = `Keyframe ${index + 1}`;
		const seconds = validateNumberInRange(
			`${label} At (Seconds)`,
			entry.seconds ?? 0,
			0,
			KEYFRAMES.maxSeconds,
		);
		const uri = await readImageAt.call(this, itemIndex, `keyframes.keyframe[${index}]`, label);
		keyframes.push({ seconds, uri });
	}
	return keyframes;
}
