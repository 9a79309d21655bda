import type { INodeProperties } from 'n8n-workflow';

import { describe, InputError } from '../../helpers/validation';

/** The model that can return other files than one MP4 (Runway's gen4.5). */
const FORMAT_MODEL = 'gen4.5';
const DEFAULT_FORMAT = 'mp4';

/** gen4.5's output formats: what each returns, as Runway documents it. */
const FORMATS = [
	{ name: 'MP4', value: DEFAULT_FORMAT, description: 'One MP4 video' },
	{
		name: 'PNG Sequence',
		value: 'png_sequence',
		description: 'A ZIP of PNG frames, plus a WAV when the video has sound',
	},
	{ name: 'ProRes', value: 'prores', description: 'One ProRes video (.mov)' },
];

/** Output Format, in Image to Video's options, shown only for gen4.5. */
export const outputFormatOption: INodeProperties = {
	displayName: 'Output Format',
	name: 'outputFormat',
	type: 'options',
	options: FORMATS,
	default: DEFAULT_FORMAT,
	description:
		'What gen4.5 returns; formats other than MP4 cost extra credits and may return several files, each stored when downloading',
	displayOptions: { show: { '/model': [FORMAT_MODEL] } },
};

/** The `outputFormat` to send: only for gen4.5, and only when not the default. */
export function readOutputFormat(model: string, value: unknown): string | undefined {
	if (model !== FORMAT_MODEL || value === undefined || value === DEFAULT_FORMAT) return undefined;
	if (!FORMATS.some((format) => format.value === value)) {
		throw new InputError(
			'Output Format',
			`Output Format must be one of ${FORMATS.map((format) => format.value).join(', ')}, got ${describe(value)}`,
		);
	}
	return value as string;
}
