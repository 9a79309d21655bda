import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PreparedTask } from '../../helpers/interfaces';
import { CREATE_ROUTES } from '../../transport/routes';
import { readMedia } from '../fields/mediaInput';
import { legacyNote, modelProperties, readModel } from '../fields/model';
import { optionsCollection } from '../fields/options';
import { runwayVersionOption } from '../fields/runwayVersion';
import { VIDEO_INPUT, videoSourceProperties } from '../fields/videoInput';
import { waitProperties } from '../fields/waitSettings';
import { type CreatingMeta, type Operation, prepareCreate } from '../operation';

/**
 * Runway's video_upscale models (cometapi-runway-api.md §13): the route came back in June 2026
 * with these; upscale_v1, the default of version 1, was retired.
 */
const MODELS = ['magnific_video_upscaler_creative', 'enhance_frame_rate', 'upscale_v1'];
const defaultModel = 'magnific_video_upscaler_creative';
const LEGACY = {
	upscale_v1: `${defaultModel} (or enhance_frame_rate for smoother motion)`,
};

const properties: INodeProperties[] = [
	...videoSourceProperties('the video to upscale'),
	...modelProperties(
		MODELS,
		defaultModel,
		"Runway model: magnific_video_upscaler_creative (a larger, sharper video), enhance_frame_rate (smoother motion, more frames per second), or Custom Model ID to type another. Runway's limits on the input video are not checked by the node.",
		LEGACY,
		'upscale_v1',
	),
	optionsCollection([runwayVersionOption]),
	...waitProperties(true),
];

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const model = readModel.call(this, itemIndex);
	return await prepareCreate.call(
		this,
		itemIndex,
		upscale.meta,
		async () => ({ videoUri: await readMedia.call(this, itemIndex, VIDEO_INPUT), model }),
		legacyNote(LEGACY, model),
	);
}

export const upscale: Operation<CreatingMeta> = {
	meta: {
		resource: 'video',
		value: 'upscale',
		name: 'Upscale',
		description:
			'Make a video larger and sharper (magnific_video_upscaler_creative) or smoother (enhance_frame_rate)',
		action: 'Upscale a video or raise its frame rate',
		createRoute: CREATE_ROUTES.upscale,
	},
	properties,
	prepare,
};
