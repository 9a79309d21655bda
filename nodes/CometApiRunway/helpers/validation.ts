import {
	GENERATE_SECONDS,
	MOTION_AXES,
	MOTION_LIMIT,
	PROMPT_MAX_UNITS,
	SEED_MAX,
} from './constants';
import { isUsableTaskId, TASK_ID_RULE_WORDS } from './taskId';

/** A value the node refuses before sending anything. `field` is the parameter's display name. */
export class InputError extends Error {
	constructor(
		readonly field: string,
		message: string,
		readonly hint?: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

/** A value as a message quotes it, kept short. */
export const describe = (value: unknown): string => {
	if (value === undefined || value === null || value === '') return 'an empty value';
	if (typeof value === 'string')
		return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
	return `${typeof value} ${JSON.stringify(value)}`;
};

export function requireText(field: string, value: unknown, hint?: string): string {
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new InputError(field, `${field} must be text, got ${describe(value)}`, hint);
	}
	const text = String(value).trim();
	if (text === '') throw new InputError(field, `${field} is empty`, hint);
	return text;
}

export function optionalText(field: string, value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new InputError(field, `${field} must be text, got ${describe(value)}`);
	}
	const text = String(value).trim();
	return text === '' ? undefined : text;
}

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

function toInteger(field: string, value: unknown): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number)) {
		throw new InputError(field, `${field} must be a whole number, got ${describe(value)}`);
	}
	return number;
}

/** An optional seed, 0 to `max` (routes differ: CometAPI's Image to Video takes less than Runway). */
export function validateSeed(value: unknown, max = SEED_MAX): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const seed = toInteger('Seed', value);
	if (seed < 0 || seed > max) {
		throw new InputError('Seed', `Seed must be between 0 and ${max}, got ${seed}`);
	}
	return seed;
}

/** A whole number from a fixed list, e.g. the durations a model takes. */
export function validateIntegerChoice(
	field: string,
	value: unknown,
	allowed: readonly number[],
	context = '',
): number {
	const number = toInteger(field, value);
	if (!allowed.includes(number)) {
		throw new InputError(
			field,
			`${field} ${number} is not allowed${context}; allowed: ${allowed.join(', ')}`,
		);
	}
	return number;
}

/** A whole number from `min` to `max`, e.g. the seconds of a model the node does not know. */
export function validateIntegerInRange(
	field: string,
	value: unknown,
	min: number,
	max: number,
	context = '',
): number {
	const number = toInteger(field, value);
	if (number < min || number > max) {
		throw new InputError(
			field,
			`${field} ${number} is not allowed${context}; allowed: a whole number from ${min} to ${max}`,
		);
	}
	return number;
}

export function validateDuration(field: string, value: unknown): 5 | 10 {
	return validateIntegerChoice(field, value, GENERATE_SECONDS) as 5 | 10;
}

export function validateModel(field: string, value: unknown): string {
	const model = requireText(field, value);
	if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(model)) {
		throw new InputError(
			field,
			`${field} ${describe(model)} is not a model ID; use letters, digits, ".", "_" or "-" (e.g. gen4_turbo)`,
		);
	}
	return model;
}

/**
 * A `W:H` ratio; with `allowed`, one of those (`context` says for what, e.g. " for model gen4_turbo").
 */
export function validateRatio(
	field: string,
	value: unknown,
	allowed?: readonly string[],
	context = '',
): string {
	const ratio = requireText(field, value);
	if (!/^\d{1,4}:\d{1,4}$/.test(ratio)) {
		throw new InputError(field, `${field} must look like 1280:720, got ${describe(ratio)}`);
	}
	if (allowed && !allowed.includes(ratio)) {
		throw new InputError(
			field,
			`${field} ${ratio} is not available${context}; allowed: ${allowed.join(', ')}`,
		);
	}
	return ratio;
}

const TASK_ID_HINT =
	'Use the taskId output of an operation of this node that creates tasks (Image to Video, Text to Image, Generate…).';

export function validateTaskId(value: unknown): string {
	const taskId = requireText('Task ID', value, TASK_ID_HINT);
	if (!isUsableTaskId(taskId)) {
		throw new InputError(
			'Task ID',
			`Task ID ${describe(taskId)} is malformed; ${TASK_ID_RULE_WORDS}`,
			TASK_ID_HINT,
		);
	}
	return taskId;
}

export function validateRunwayVersion(value: unknown): string {
	const version = requireText('Runway API Version', value);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(version)) {
		throw new InputError(
			'Runway API Version',
			`Runway API Version must be a date like 2024-11-06, got ${describe(version)}`,
		);
	}
	return version;
}

export function validateMotionVector(value: unknown): Record<string, number> | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const vector = typeof value === 'string' ? parseJson('Motion Vector', value) : value;
	if (typeof vector !== 'object' || vector === null || Array.isArray(vector)) {
		throw new InputError(
			'Motion Vector',
			`Motion Vector must be an object with ${MOTION_AXES.join(', ')}`,
		);
	}
	const result: Record<string, number> = {};
	for (const [axis, raw] of Object.entries(vector)) {
		if (!(MOTION_AXES as readonly string[]).includes(axis)) {
			throw new InputError(
				'Motion Vector',
				`Motion Vector has an unknown axis "${axis}"; allowed: ${MOTION_AXES.join(', ')}`,
			);
		}
		const number = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
		if (typeof number !== 'number' || !Number.isFinite(number) || Math.abs(number) > MOTION_LIMIT) {
			throw new InputError(
				'Motion Vector',
				`Motion Vector ${axis} must be a number from -${MOTION_LIMIT} to ${MOTION_LIMIT}, got ${describe(raw)}`,
			);
		}
		result[axis] = number;
	}
	for (const axis of MOTION_AXES) result[axis] ??= 0;
	return result;
}

function parseJson(field: string, text: string): unknown {
	let value: unknown = INVALID;
	try {
		value = JSON.parse(text);
	} catch {
		// Reported below, outside the catch.
	}
	if (value === INVALID)
		throw new InputError(field, `${field} is not valid JSON: ${describe(text)}`);
	return value;
}

const INVALID = Symbol('invalid');

export function validateNumberInRange(
	field: string,
	value: unknown,
	min: number,
	max: number,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number < min || number > max) {
		throw new InputError(
			field,
			`${field} must be a number from ${min} to ${max}, got ${describe(value)}`,
		);
	}
	return number;
}

/** An on/off field, or undefined when it is not set; anything else (e.g. "yes" from an expression) is refused. */
export function optionalBoolean(field: string, value: unknown): boolean | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'boolean') {
		throw new InputError(field, `${field} must be true or false, got ${describe(value)}`);
	}
	return value;
}
