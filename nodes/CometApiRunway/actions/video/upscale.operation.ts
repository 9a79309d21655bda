import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { UPSCALE } from '../../helpers/constants';
import type { PreparedTask, UnservedRouteNote } from '../../helpers/interfaces';
import {
	optionsCollection,
	runwayVersionOption,
	videoSourceProperties,
} from '../common.descriptions';
import { waitProperties } from '../wait.descriptions';
import { modelProperties, readModel } from '../model';
import { prepareCreate, type Operation } from '../operation';
import { readMedia, VIDEO_INPUT } from '../parameters';
import { CREATE_ROUTES } from '../../transport/routes';

const defaultModel = UPSCALE.defaultModel;

const RETIRED =
	'Runway retired upscale_v1 upstream in January 2026, and CometAPI may no longer serve it even though its documentation still lists this route.';

/** Said when CometAPI refuses the route: it may be retired upstream. */
const RETIRED_ROUTE: UnservedRouteNote = {
	reason:
		'The Upscale route (upscale_v1) may be retired upstream: Runway removed it in January 2026',
	advice:
		'Runway retired upscale_v1 upstream in January 2026 and CometAPI may no longer serve it. Instead, upscale the video in the Runway web app or with another upscaling service, or, if CometAPI lists a newer upscale model, choose Custom Model ID in Model and type its ID.',
};

const properties: INodeProperties[] = [
	{
		displayName: `${RETIRED} If it is refused, the error says so and what to use instead.`,
		name: 'retiredNotice',
		type: 'notice',
		default: '',
	},
	...videoSourceProperties('the video to upscale'),
	...modelProperties(
		[defaultModel],
		defaultModel,
		'Runway model for this route: upscale_v1 (4× larger, each side at most 4,096 px; Runway takes videos under 4,096 px per side and at most 40 seconds, which the node does not check), or Custom Model ID to type another',
	),
	optionsCollection([runwayVersionOption]),
	...waitProperties(true),
];

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const model = readModel.call(this, itemIndex);
	return await prepareCreate.call(
		this,
		itemIndex,
		CREATE_ROUTES.upscale,
		'video',
		async () => ({ videoUri: await readMedia.call(this, itemIndex, VIDEO_INPUT), model }),
		{ unservedRoute: RETIRED_ROUTE },
	);
}

export const upscale: Operation = {
	meta: {
		resource: 'video',
		value: 'upscale',
		name: 'Upscale',
		description:
			'Make a video 4× larger. Runway retired upscale_v1 upstream in January 2026, so CometAPI may refuse it.',
		action: 'Upscale a video to 4× its size',
		creates: true,
	},
	properties,
	prepare,
};
