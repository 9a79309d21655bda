import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/validation';

/** Runway's `contentModeration.publicFigureThreshold`, an option of the routes that take it. */
export const publicFigureThresholdOption: INodeProperties = {
	displayName: 'Public Figure Threshold',
	name: 'publicFigureThreshold',
	type: 'options',
	options: [
		{ name: 'Auto', value: 'auto', description: "Runway's default moderation" },
		{
			name: 'Low',
			value: 'low',
			description: 'Less strict about recognisable public figures',
		},
	],
	default: 'auto',
	description:
		"Runway's content moderation of recognisable public figures (sent as contentModeration)",
};

/** Runway's `contentModeration` from the options, or nothing when the option is not set. */
export function readContentModeration(options: IDataObject): IDataObject | undefined {
	const threshold = options.publicFigureThreshold;
	if (threshold === undefined || threshold === '') return undefined;
	if (threshold !== 'auto' && threshold !== 'low') {
		throw new InputError(
			'Public Figure Threshold',
			`Public Figure Threshold must be auto or low, got "${String(threshold)}"`,
		);
	}
	return { publicFigureThreshold: threshold };
}
