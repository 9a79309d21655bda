import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { TaskRoute } from '../helpers/interfaces';
import { requireUsableTaskId, taskIdSegment } from '../helpers/taskId';

/** One create route of CometAPI's Runway API, and the family whose status route follows it. */
export interface CreateRoute {
	family: TaskRoute;
	path: string;
}

/** Every create route CometAPI documents for Runway (cometapi-runway-api.md §2, §3, §5). */
export const CREATE_ROUTES = {
	imageToVideo: { family: 'official', path: '/runwayml/v1/image_to_video' },
	textToImage: { family: 'official', path: '/runwayml/v1/text_to_image' },
	videoToVideo: { family: 'official', path: '/runwayml/v1/video_to_video' },
	upscale: { family: 'official', path: '/runwayml/v1/video_upscale' },
	characterPerformance: { family: 'official', path: '/runwayml/v1/character_performance' },
	generate: { family: 'feed', path: '/runway/pro/generate' },
	restyle: { family: 'feed', path: '/runway/pro/video2video' },
	actOne: { family: 'feed', path: '/runway/pro/act_one' },
} as const satisfies Record<string, CreateRoute>;

export interface RouteCall {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
}

/** The status route of each family (§4, §6), `{ID}` standing for the task ID, as help texts show it. */
export const STATUS_PATHS = {
	official: { method: 'GET', path: '/runwayml/v1/tasks/{ID}' },
	feed: { method: 'POST', path: '/runway/feed' },
} as const satisfies Record<TaskRoute, { method: IHttpRequestMethods; path: string }>;

/** The status request of each family; the task ID passes the task-ID rule on both. */
export const STATUS_ROUTES: Record<TaskRoute, (taskId: string) => RouteCall> = {
	official: (taskId) => ({
		method: STATUS_PATHS.official.method,
		path: STATUS_PATHS.official.path.replace('{ID}', () => taskIdSegment(taskId)),
	}),
	feed: (taskId) => ({
		...STATUS_PATHS.feed,
		body: { task_id: requireUsableTaskId(taskId) },
	}),
};
