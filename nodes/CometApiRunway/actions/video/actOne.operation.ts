import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PreparedTask } from '../../helpers/interfaces';
import {
	callbackUrlProperty,
	imageSourceProperties,
	optionsCollection,
	runwayVersionOption,
	videoSourceProperties,
} from '../common.descriptions';
import { mediaInputProperties } from '../inputs.descriptions';
import { waitProperties } from '../wait.descriptions';
import { prepareCreate, type Operation } from '../operation';
import { IMAGE_INPUT, readCallbackUrl, readMedia, VIDEO_INPUT } from '../parameters';
import { CHARACTER_IMAGE_INPUT, PERFORMANCE_INPUT } from '../performance.inputs';
import { CREATE_ROUTES } from '../../transport/routes';

/** The character image: the shared image fields under its name, each saying what Act-One takes. */
const characterImageProperties = mediaInputProperties(
	imageSourceProperties(false),
	IMAGE_INPUT,
	CHARACTER_IMAGE_INPUT,
).map((property) =>
	property.name === IMAGE_INPUT.source
		? { ...property, description: 'Where the character image comes from' }
		: {
				...property,
				description: `${property.description}. This is the character image that the performance is given to: 16:9 (landscape) only.`,
			},
);

const properties: INodeProperties[] = [
	...characterImageProperties,
	...mediaInputProperties(
		videoSourceProperties('the performance video (16:9 landscape only)'),
		VIDEO_INPUT,
		PERFORMANCE_INPUT,
	),
	optionsCollection([runwayVersionOption]),
	...waitProperties(true, [callbackUrlProperty]),
];

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const callbackUrl = readCallbackUrl.call(this, itemIndex);
	return await prepareCreate.call(this, itemIndex, CREATE_ROUTES.actOne, 'video', async () => ({
		callback_url: callbackUrl,
		video: await readMedia.call(this, itemIndex, PERFORMANCE_INPUT),
		image: await readMedia.call(this, itemIndex, CHARACTER_IMAGE_INPUT),
	}));
}

export const actOne: Operation = {
	meta: {
		resource: 'video',
		value: 'actOne',
		name: 'Act-One',
		description:
			'Give a character image the face and expressions of a performance video (Act-One, the older model); 16:9 sources only',
		action: "Give a character image an actor's facial expressions",
		creates: true,
	},
	properties,
	prepare,
};
