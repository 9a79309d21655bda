import type { IDataObject } from 'n8n-workflow';

/** Which family of CometAPI routes a task lives on; it decides how it is polled. */
export type TaskRoute = 'official' | 'feed';

/** Runway's status vocabulary, which every response shape is mapped onto. */
export type TaskStatus = 'PENDING' | 'THROTTLED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** One status answer, whatever shape the API sent it in. */
export interface NormalisedTask {
	taskId: string | null;
	status: TaskStatus;
	rawStatus: string | null;
	progress: number | null;
	/** The task's results proper (the video, the image), first the main one. */
	results: string[];
	/** Every URL the answer gives: the results, then posters and last frames. */
	outputs: string[];
	failure: string | null;
	failureCode: string | null;
	/** When the API says the task was created and finished, where it says so. */
	createdAtMs: number | null;
	finishedAtMs: number | null;
	/** The API says it does not know the id (yet): `task_not_exist`. */
	notVisible: boolean;
	/** Runway's estimate in credits (create answer, running task), where the answer carries it. */
	estimatedCredits: number | null;
	/** What the ended task cost in credits, refunds included, where the answer carries it. */
	credits: number | null;
	response: unknown;
}

/** The output item's JSON, the same for every operation and response shape. */
export interface TaskItem extends IDataObject {
	taskId: string;
	route: TaskRoute;
	status: TaskStatus | null;
	rawStatus: string | null;
	progress: number | null;
	/** The first result, of any kind. */
	outputUrl: string | null;
	/** The first result when it is a video. */
	videoUrl: string | null;
	outputs: string[];
	failure: string | null;
	failureCode: string | null;
	timedOut: boolean;
	submittedAt: string | null;
	finishedAt: string | null;
	polls: number;
	response: IDataObject | IDataObject[] | string | null;
	/** Runway's figures in credits; null where CometAPI passed none on. */
	cost: { estimatedCredits: number | null; credits: number | null };
	/** From Callback only: whether CometAPI confirmed what the item reports. */
	verified?: boolean;
}

/** What came back over HTTP, whatever its status: the classifier decides what it means. */
export interface HttpAnswer {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	/** As the bounded reader read it (`readBody` in helpers/envelope.ts): JSON, or the text. */
	body: unknown;
	/** Set when the body was larger than any answer of CometAPI's; it was cut off unread. */
	oversizedBytes?: number;
	/** Set when the body was beyond the bounded reader's limits (e.g. nested too deep): why. */
	unreadable?: string;
}

/** A validated request, ready for the transport; nothing in it has been sent yet. */
export interface CreateRequest {
	route: TaskRoute;
	/** What the task makes: only bytes of that kind are stored when downloading. */
	output: 'video' | 'image';
	path: string;
	body: IDataObject;
	runwayVersion: string;
	/** What to tell the user when CometAPI answers that it does not serve this route. */
	unservedRoute?: UnservedRouteNote;
}

/** Why a route may not be served (e.g. retired upstream) and what to use instead. */
export interface UnservedRouteNote {
	/** Added to the error message, e.g. "the route may be retired upstream". */
	reason: string;
	/** Put first in the error's description. */
	advice: string;
}

/** What one input item asks for, validated, before anything is sent. */
export type PreparedTask =
	| { kind: 'create'; request: CreateRequest }
	| { kind: 'existing'; taskId: string; route: TaskRoute; runwayVersion: string }
	| CallbackTask;

/** A body CometAPI POSTed to a callback URL, normalised; `verify` asks CometAPI before trusting it. */
export interface CallbackTask {
	kind: 'callback';
	/** What the callback claims; its task ID is known. */
	claim: NormalisedTask & { taskId: string };
	verify: boolean;
	runwayVersion: string;
}

export interface WaitSettings {
	waitForCompletion: boolean;
	pollIntervalMs: number;
	timeoutMs: number;
	onTimeout: 'returnPending' | 'error';
	downloadOutput: boolean;
	outputBinaryProperty: string;
	maxConcurrentRequests: number;
	maxConcurrentDownloads: number;
	requestTimeoutMs: number;
	/** A download larger than this is ended mid-stream and nothing is stored. */
	maxOutputBytes: number;
}
