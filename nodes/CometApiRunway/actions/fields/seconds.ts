import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { validateIntegerChoice } from '../../helpers/validation';

/** Video lengths of the compatibility routes (Generate, Restyle Video), and their default. */
const GENERATE_SECONDS = [5, 10] as const;
const DEFAULT_GENERATE_SECONDS = 5;

// A plain name: n8n's lint reads a parameter's default only from a literal or a name.
const defaultSeconds = DEFAULT_GENERATE_SECONDS;

/** The Seconds option of the compatibility routes that make videos of set lengths (`readSeconds`). */
export const secondsOption: INodeProperties = {
	displayName: 'Seconds',
	name: 'seconds',
	type: 'options',
	options: GENERATE_SECONDS.map((seconds) => ({ name: String(seconds), value: seconds })),
	default: defaultSeconds,
	description: 'Length of the video',
};

/** One of the compatibility routes' video lengths. */
export function validateSeconds(field: string, value: unknown): 5 | 10 {
	return validateIntegerChoice(field, value, GENERATE_SECONDS) as 5 | 10;
}

/** The Seconds option of a compatibility route, or its default. */
export function readSeconds(options: IDataObject): 5 | 10 {
	return validateSeconds('Seconds', options.seconds ?? DEFAULT_GENERATE_SECONDS);
}
