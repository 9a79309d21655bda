import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { MAX_MESSAGE_CHARS, MAX_RESPONSE_CHARS, OUTPUT_URLS_EXPIRE } from '../helpers/constants';
import type { TaskItem } from '../helpers/interfaces';
import { kindFromUrl } from '../helpers/media';
import { isToolRun } from '../helpers/tool';
import { createRedactor, type Redactor } from '../helpers/redact';
import type { Job } from '../runner/job';
import type { TaskRecord } from '../runner/record';

type NodeError = NodeApiError | NodeOperationError;

/** Cuts text already redacted: a cut before redaction could leave a piece of the key unmatched. */
function cut(text: string, max: number, what = 'the text'): string {
	if (text.length <= max) return text;
	const marker = ` … [cut: ${what} had ${text.length} characters]`;
	return text.slice(0, Math.max(0, max - marker.length)) + marker;
}

/** The last raw answer, cut to a size an item can carry. */
function cutResponse(response: unknown): unknown {
	if (response === undefined || response === null) return null;
	const text = typeof response === 'string' ? response : JSON.stringify(response);
	return text.length <= MAX_RESPONSE_CHARS ? response : cut(text, MAX_RESPONSE_CHARS, 'the answer');
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The output item's JSON: one shape for every operation and every response shape. Raw: `jsonOf`
 * redacts it and cuts `response`.
 */
export function toTaskItem(record: TaskRecord): TaskItem {
	const task = record.task;
	const outputs = task?.outputs ?? [];
	const outputUrl = task?.results[0] ?? null;
	const kind = record.outputKind ?? (outputUrl ? kindFromUrl(outputUrl) : null);
	return {
		taskId: record.taskId,
		route: record.route,
		// A task CometAPI does not know has no status, rather than a made-up PENDING.
		status: task && !task.notVisible ? task.status : null,
		rawStatus: task?.rawStatus ?? null,
		progress: task?.progress ?? null,
		outputUrl,
		videoUrl: kind === 'video' ? outputUrl : null,
		outputs,
		failure: task?.failure ?? null,
		failureCode: task?.failureCode ?? null,
		timedOut: record.timedOut,
		// The node's own submission time; for a task made elsewhere, the API's times.
		submittedAt: iso(record.submittedAtMs ?? task?.createdAtMs ?? null),
		finishedAt: iso(task?.finishedAtMs ?? record.finishedAtMs),
		polls: record.polls,
		response: (task?.response ?? null) as TaskItem['response'],
		cost: {
			estimatedCredits: task?.estimatedCredits ?? record.estimatedCredits ?? null,
			credits: task?.credits ?? null,
		},
		...(record.verified === undefined ? {} : { verified: record.verified }),
	};
}

/**
 * The output boundary: the one place the node's items, errors and log lines are made. Each
 * passes the redactor last, after everything else is added (task IDs, file names, the task list
 * of a batch error), and is cut only after that.
 *
 * With On Error set to "Continue (using error output)", n8n routes an item to the error output
 * when its JSON holds nothing but `error`, `message` and `details` (an `item.error` would route
 * it too, but n8n then replaces the JSON with the message alone, and the task ID with it), so a
 * failed row is `{ error, details }`, `details` being the item the regular output would carry.
 */
export function createOutput(ctx: IExecuteFunctions, redactor: Redactor) {
	const routeErrors = ctx.getNode().onError === 'continueErrorOutput';
	const toolRun = isToolRun(ctx);

	/** Redacts every part of an n8n error that n8n shows, stores or logs. */
	const error = <T extends NodeError>(nodeError: T): T => {
		const fields = nodeError as unknown as Record<string, unknown>;
		for (const key of Object.keys(fields)) {
			const value = fields[key];
			if (key === 'node') continue;
			if (value instanceof Error) {
				// A cause stays an Error, so that n8n still reads its message.
				value.message = redactor.text(value.message);
				if (value.stack) value.stack = redactor.text(value.stack);
			} else fields[key] = redactor.json(value);
		}
		nodeError.message = cut(redactor.text(nodeError.message), MAX_MESSAGE_CHARS);
		if (typeof nodeError.description === 'string') {
			nodeError.description = redactor.text(nodeError.description);
		}
		if (nodeError.stack) nodeError.stack = redactor.text(nodeError.stack);
		return nodeError;
	};

	const binaryOf = (binary: IBinaryData): IBinaryData => {
		// The bytes and n8n's storage ID are the file itself, not text the node wrote.
		const { data, id, ...meta } = binary;
		return { ...redactor.json(meta), data, ...(id === undefined ? {} : { id }) };
	};

	const jsonOf = (json: IDataObject): IDataObject => {
		const clean = redactor.json(json);
		const task = (clean.details ?? clean) as IDataObject;
		if ('response' in task) task.response = cutResponse(task.response) as IDataObject;
		return clean;
	};

	const taskJson = (job?: Job): IDataObject => (job?.record ? { ...toTaskItem(job.record) } : {});

	return {
		error,

		/**
		 * A row whose task ended as asked. Its first file goes on Output Binary Field, the others
		 * on numbered fields (`data_1`, `data_2`…), each described in `files`.
		 */
		success(job: Job): INodeExecutionData {
			const json = taskJson(job);
			const field = job.wait.outputBinaryProperty;
			const binary: Record<string, IBinaryData> = {};
			const files: IDataObject[] = [];
			for (const [index, stored] of (job.binaries ?? []).entries()) {
				const binaryProperty = index === 0 ? field : `${field}_${index}`;
				binary[binaryProperty] = binaryOf(stored);
				const { fileName, mimeType, fileSize } = binary[binaryProperty];
				files.push({ fileName, mimeType, fileSize, binaryProperty });
			}
			if (files.length > 0) {
				json.file = { ...files[0] };
				json.files = files;
			}
			if (toolRun) json.urlsExpire = OUTPUT_URLS_EXPIRE;
			return {
				json: jsonOf(json),
				...(files.length > 0 ? { binary } : {}),
				pairedItem: { item: job.itemIndex },
			};
		},

		/** A failed row under Continue On Fail: the task's fields, with the error beside them. */
		failure(nodeError: NodeError, itemIndex: number, job?: Job): INodeExecutionData {
			const clean = error(nodeError);
			const json = {
				...taskJson(job),
				error: clean.message,
				errorDescription: clean.description ?? null,
			};
			return {
				json: jsonOf(routeErrors ? { error: clean.message, details: json } : json),
				pairedItem: { item: itemIndex },
			};
		},

		/** Writes a line to n8n's log. */
		log(level: 'info' | 'warn', line: string): void {
			ctx.logger[level](redactor.text(line));
		},
	};
}

export type Output = ReturnType<typeof createOutput>;

/**
 * An error that ended the whole node (the credential, the node's settings) as one failed row per
 * input item, for Continue On Fail. The router's errors have passed its redactor already.
 */
export function failEveryItem(ctx: IExecuteFunctions, nodeError: NodeError): INodeExecutionData[] {
	const out = createOutput(ctx, createRedactor([]));
	return ctx.getInputData().map((_, itemIndex) => out.failure(nodeError, itemIndex));
}
