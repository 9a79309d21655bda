import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describe, InputError, requireText } from '../../helpers/validation';
import { readOptions } from './options';

const DEFAULT_RUNWAY_VERSION = '2024-11-06';

/** Runway API Version, an option of every operation. */
export const runwayVersionOption: INodeProperties = {
	displayName: 'Runway API Version',
	name: 'runwayVersion',
	type: 'string',
	default: DEFAULT_RUNWAY_VERSION,
	description: 'Sent as the X-Runway-Version header on every request to the Runway routes',
};

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

export function readRunwayVersion(this: IExecuteFunctions, itemIndex: number): string {
	return validateRunwayVersion(
		readOptions.call(this, itemIndex).runwayVersion ?? DEFAULT_RUNWAY_VERSION,
	);
}
