import type { INodeProperties } from 'n8n-workflow';

import { InputError, toInteger } from '../../helpers/validation';

/** CometAPI's seed range on Image to Video. */
export const SEED_MAX = 999_999_999;
/** Runway's own seed range (Text to Image, Video to Video, Act-Two): an unsigned 32-bit integer. */
export const RUNWAY_SEED_MAX = 4_294_967_295;

/** The Seed option of a route that takes seeds from 0 to `max` (`validateSeed`). */
export function seedOption(max: number): INodeProperties {
	return {
		displayName: 'Seed',
		name: 'seed',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: max },
		default: 0,
		description: `Fixed seed for repeatable results, 0 to ${max}`,
	};
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
