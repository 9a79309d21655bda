import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PreparedTask } from '../../helpers/interfaces';
import { CREATE_ROUTES } from '../../transport/routes';
import { callbackUrlProperty, readCallbackUrl } from '../fields/callbackUrl';
import { IMAGE_INPUT } from '../fields/imageInput';
import { readMedia } from '../fields/mediaInput';
import { optionsCollection } from '../fields/options';
import {
	CHARACTER_IMAGE_INPUT,
	characterImageProperties,
	PERFORMANCE_INPUT,
	performanceVideoProperties,
} from '../fields/performanceInputs';
import { runwayVersionOption } from '../fields/runwayVersion';
import { waitProperties } from '../fields/waitSettings';
import { type CreatingMeta, type Operation, prepareCreate } from '../operation';

/** The character image: the shared image fields under its name, each saying what Act-One takes. */
const characterProperties = characterImageProperties().map((property) =>
	property.name === IMAGE_INPUT.source
		? { ...property, description: 'Where the character image comes from' }
		: {
				...property,
				description: `${property.description}. This is the character image that the performance is given to: 16:9 (landscape) only.`,
			},
);

const properties: INodeProperties[] = [
	...characterProperties,
	...performanceVideoProperties('the performance video (16:9 landscape only)'),
	optionsCollection([runwayVersionOption]),
	...waitProperties(true, [callbackUrlProperty]),
];

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const callbackUrl = readCallbackUrl.call(this, itemIndex);
	return await prepareCreate.call(this, itemIndex, actOne.meta, async () => ({
		callback_url: callbackUrl,
		video: await readMedia.call(this, itemIndex, PERFORMANCE_INPUT),
		image: await readMedia.call(this, itemIndex, CHARACTER_IMAGE_INPUT),
	}));
}

export const actOne: Operation<CreatingMeta> = {
	meta: {
		resource: 'video',
		value: 'actOne',
		name: 'Act-One',
		description:
			'Give a character image the face and expressions of a performance video (Act-One, the older model); 16:9 sources only',
		action: "Give a character image an actor's facial expressions",
		createRoute: CREATE_ROUTES.actOne,
	},
	properties,
	prepare,
};
