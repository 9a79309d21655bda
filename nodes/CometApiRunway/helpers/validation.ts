// The checks many fields share; a check that belongs to one field lives in its module
// (actions/fields/).

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

/** A whole number, also from its text. */
export function toInteger(field: string, value: unknown): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number)) {
		throw new InputError(field, `${field} must be a whole number, got ${describe(value)}`);
	}
	return number;
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
