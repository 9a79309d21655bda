import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionalText } from '../../helpers/validation';
import { validateHttpUrl } from '../../helpers/urls';

/** The compatibility routes refuse a request without a callback URL; this is their documented placeholder. */
export const PLACEHOLDER_CALLBACK_URL = 'https://example.com/webhook';

/**
 * Where a compatibility-route task reports its end. Pointed at an n8n Webhook, the task can be
 * picked up there by Task → From Callback instead of waiting here, so the form shows it only
 * while Wait for Completion is off (`waitProperties`).
 */
export const callbackUrlProperty: INodeProperties = {
	displayName: 'Callback URL',
	name: 'callbackUrl',
	type: 'string',
	default: '',
	placeholder: 'https://n8n.example.com/webhook/runway-done',
	description: `URL that CometAPI POSTs the result to when the task ends, e.g. the production URL of a workflow whose Webhook node is followed by Task → From Callback. The API requires one: when empty, and always while waiting, the placeholder ${PLACEHOLDER_CALLBACK_URL} is sent.`,
};

/**
 * The callback URL of a compatibility-route operation, or the documented placeholder. While
 * waiting the form hides the field, so a URL saved with it is not sent: the placeholder is.
 */
export function readCallbackUrl(this: IExecuteFunctions, itemIndex: number): string {
	if (this.getNodeParameter('waitForCompletion', itemIndex, true) !== false) {
		return PLACEHOLDER_CALLBACK_URL;
	}
	const callbackUrl = optionalText(
		'Callback URL',
		this.getNodeParameter('callbackUrl', itemIndex, ''),
	);
	return callbackUrl ? validateHttpUrl('Callback URL', callbackUrl) : PLACEHOLDER_CALLBACK_URL;
}
