import type { INodeProperties } from 'n8n-workflow';

import { describe, InputError } from '../../helpers/validation';

/** Generate's camera motion: each axis from -MOTION_LIMIT to MOTION_LIMIT. */
const MOTION_LIMIT = 10;
const MOTION_AXES = ['x', 'y', 'z', 'r', 'bg_x_pan', 'bg_y_pan'] as const;
/** What each camera-motion axis does, as the form names it. */
const MOTION_AXIS_NAMES: Record<(typeof MOTION_AXES)[number], string> = {
	x: 'Pan Horizontally (x)',
	y: 'Pan Vertically (y)',
	z: 'Zoom (z)',
	r: 'Roll (r)',
	bg_x_pan: 'Background Pan Horizontally (bg_x_pan)',
	bg_y_pan: 'Background Pan Vertically (bg_y_pan)',
};

/** Motion Vector, an option of Generate (`validateMotionVector`). */
export const motionVectorOption: INodeProperties = {
	displayName: 'Motion Vector',
	name: 'motionVector',
	type: 'collection',
	placeholder: 'Add Axis',
	default: {},
	description: 'Camera motion: each axis from -10 to 10 (negative moves the other way, 0 is still)',
	options: MOTION_AXES.map((axis) => ({
		displayName: MOTION_AXIS_NAMES[axis],
		name: axis,
		type: 'number' as const,
		typeOptions: { minValue: -MOTION_LIMIT, maxValue: MOTION_LIMIT, numberPrecision: 2 },
		default: 0,
		description: `${MOTION_AXIS_NAMES[axis]}, from -${MOTION_LIMIT} to ${MOTION_LIMIT}`,
	})),
};

const INVALID = Symbol('invalid');

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

/** The motion vector with every axis, or nothing when unset; JSON text (from an expression) is read. */
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
