import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readCallbackBody, valueAtPath } from '../../helpers/callback';
import type { PreparedTask } from '../../helpers/interfaces';
import { optionalBoolean, optionalText } from '../../helpers/validation';
import { optionsCollection } from '../fields/options';
import { readRunwayVersion, runwayVersionOption } from '../fields/runwayVersion';
import { waitProperties } from '../fields/waitSettings';
import type { Operation } from '../operation';

/** Download Output, Output Binary Field and Wait Options, as every operation has them. */
const [, ...downloadAndWaitOptions] = waitProperties(true);

const properties: INodeProperties[] = [
	{
		displayName: 'Callback Body Field',
		name: 'callbackBodyField',
		type: 'string',
		default: 'body',
		placeholder: 'body',
		description:
			'Where the body that CometAPI POSTed is in the input item: a Webhook node puts it in body. A dot path reaches deeper (e.g. data.callback); empty takes the whole item.',
	},
	{
		displayName: 'Verify with CometAPI',
		name: 'verify',
		type: 'boolean',
		default: true,
		description:
			"Whether to ask CometAPI for the task (one status request on the feed route, with this credential) before trusting the callback: the item then carries CometAPI's status and URLs, and downloads come from CometAPI's URLs. Warning: turned off, anyone who knows the webhook URL can post a made-up result, and the node reports it and downloads from the URL it names.",
	},
	optionsCollection([runwayVersionOption]),
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description:
			"Whether to wait, when CometAPI does not report the task's end yet, until it does (within Timeout, counted from now), then download if asked. Off: the item carries CometAPI's status as it is now, and nothing is downloaded.",
	},
	...downloadAndWaitOptions,
];

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const path = optionalText(
		'Callback Body Field',
		this.getNodeParameter('callbackBodyField', itemIndex, 'body'),
	);
	const json = this.getInputData()[itemIndex]?.json ?? {};
	const where = path ? `The callback body (item field "${path}")` : 'The input item';
	const claim = readCallbackBody(valueAtPath(json, path, itemIndex), where);
	const verify =
		optionalBoolean('Verify with CometAPI', this.getNodeParameter('verify', itemIndex, true)) ??
		true;
	return {
		kind: 'callback',
		claim,
		verify,
		runwayVersion: readRunwayVersion.call(this, itemIndex),
	};
}

export const fromCallback: Operation = {
	meta: {
		resource: 'task',
		value: 'fromCallback',
		name: 'From Callback',
		description:
			'Turn the body CometAPI POSTed to a callback URL (an n8n Webhook) into the task, verified with CometAPI',
		action: 'Read a task from the callback a Webhook received',
		subtitle: 'Task from Callback',
	},
	properties,
	prepare,
};
