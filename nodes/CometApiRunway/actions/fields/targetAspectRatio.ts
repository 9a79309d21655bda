import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/validation';

/** The aspect ratios aleph2 can outpaint a video to, in Runway's order (cometapi-runway-api.md §13). */
const TARGET_ASPECT_RATIOS = ['16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '21:9'];

/** Target Aspect Ratio, shown for the `models` that outpaint; empty keeps the video's own. */
export function targetAspectRatioProperty(models: string[]): INodeProperties {
	return {
		displayName: 'Target Aspect Ratio',
		name: 'targetAspectRatio',
		type: 'options',
		options: [
			{ name: 'Same as the Video', value: '' },
			...TARGET_ASPECT_RATIOS.map((ratio) => ({ name: ratio, value: ratio })),
		],
		default: '',
		description: 'Outpaint the video to this aspect ratio, or keep its own',
		displayOptions: { show: { model: models } },
	};
}

/** The aspect ratio to outpaint to, or nothing to keep the video's own. */
export function readTargetAspectRatio(
	this: IExecuteFunctions,
	itemIndex: number,
): string | undefined {
	const target = this.getNodeParameter('targetAspectRatio', itemIndex, '');
	if (target !== '' && !TARGET_ASPECT_RATIOS.includes(target as string)) {
		throw new InputError(
			'Target Aspect Ratio',
			`Target Aspect Ratio must be one of ${TARGET_ASPECT_RATIOS.join(', ')}, got "${String(target)}"`,
		);
	}
	return target === '' ? undefined : (target as string);
}
