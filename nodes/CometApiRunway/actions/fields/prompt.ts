import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError, optionalText, requireText } from '../../helpers/validation';

/** The longest prompt most routes take, as Runway counts characters. */
export const PROMPT_MAX_UNITS = 512;

/** An operation's Prompt: whether it is required, its limit, and what the form says of it. */
export interface PromptSpec {
	required: boolean;
	/** At most this many characters, as Runway counts them. */
	maxUnits: number;
	/** What the prompt describes; the form adds the limit, e.g. "What the video shows". */
	what: string;
	/** A sentence after the limit. */
	more?: string;
	placeholder?: string;
}

/** The Prompt field as `spec` has it; its limit is the one `readPrompt` checks. */
export function promptProperty(spec: PromptSpec): INodeProperties {
	const limit = `at most ${spec.maxUnits.toLocaleString('en-US')} characters`;
	return {
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		...(spec.required ? { required: true } : {}),
		default: '',
		...(spec.placeholder ? { placeholder: spec.placeholder } : {}),
		description: `${spec.what}; ${limit}${spec.more ? `. ${spec.more}` : ''}`,
	};
}

/** A prompt-like text of at most `maxUnits` characters as Runway counts them. */
export function validatePrompt(
	field: string,
	value: unknown,
	required: boolean,
	maxUnits = PROMPT_MAX_UNITS,
): string | undefined {
	const text = required ? requireText(field, value) : optionalText(field, value);
	// JavaScript's length counts UTF-16 units, as Runway does: an emoji counts as two.
	if (text !== undefined && text.length > maxUnits) {
		throw new InputError(
			field,
			`${field} is ${text.length} characters long (most emoji count as 2); at most ${maxUnits} are allowed`,
		);
	}
	return text;
}

/** The item's Prompt, checked as `spec` says (`promptProperty` shows the same). */
export function readPrompt(
	this: IExecuteFunctions,
	itemIndex: number,
	spec: PromptSpec,
): string | undefined {
	const prompt = this.getNodeParameter('prompt', itemIndex, '');
	return validatePrompt('Prompt', prompt, spec.required, spec.maxUnits);
}
