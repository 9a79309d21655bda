import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PreparedTask } from '../../helpers/interfaces';
import { optionalBoolean, validateNumberInRange } from '../../helpers/validation';
import { CREATE_ROUTES } from '../../transport/routes';
import { callbackUrlProperty, readCallbackUrl } from '../fields/callbackUrl';
import { compatibilityModelProperties } from '../fields/compatibilityPickers';
import { readMedia } from '../fields/mediaInput';
import { readModel } from '../fields/model';
import { optionsCollection, readOptions } from '../fields/options';
import { PROMPT_MAX_UNITS, type PromptSpec, promptProperty, readPrompt } from '../fields/prompt';
import { runwayVersionOption } from '../fields/runwayVersion';
import { readSeconds, secondsOption } from '../fields/seconds';
import { VIDEO_INPUT, videoSourceProperties } from '../fields/videoInput';
import { waitProperties } from '../fields/waitSettings';
import { type CreatingMeta, type Operation, prepareCreate } from '../operation';

/**
 * `options.structure_transformation`: CometAPI documents a number, its example 0.5 described as a
 * moderate start, and no bounds; 0 keeps the source's structure, 1 the most change.
 */
const STRUCTURE_TRANSFORMATION = { min: 0, max: 1, default: 0.5 } as const;

// A plain name: n8n's lint reads a parameter's default only from a literal or a name.
const defaultStructureTransformation = STRUCTURE_TRANSFORMATION.default;
const { min, max } = STRUCTURE_TRANSFORMATION;

const PROMPT: PromptSpec = {
	required: true,
	maxUnits: PROMPT_MAX_UNITS,
	what: 'The style to give the video',
	placeholder: 'pixelated style',
};

const properties: INodeProperties[] = [
	...videoSourceProperties('the video to restyle'),
	promptProperty(PROMPT),
	...compatibilityModelProperties,
	optionsCollection([
		{
			displayName: 'Flip',
			name: 'flip',
			type: 'boolean',
			default: false,
			description: 'Whether to flip the output to portrait (vertical) orientation',
		},
		runwayVersionOption,
		secondsOption,
		{
			displayName: 'Structure Transformation',
			name: 'structureTransformation',
			type: 'number',
			typeOptions: { minValue: min, maxValue: max, numberPrecision: 2 },
			default: defaultStructureTransformation,
			description: `How far the result may depart from the shapes and motion of the source video, from ${min} (keep them) to ${max} (transform freely); 0.5 is a moderate start`,
		},
	]),
	...waitProperties(true, [callbackUrlProperty]),
];

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const options = readOptions.call(this, itemIndex);
	const structure = options.structureTransformation;
	const flip = optionalBoolean('Flip', options.flip);
	const body = {
		callback_url: readCallbackUrl.call(this, itemIndex),
		prompt: readPrompt.call(this, itemIndex, PROMPT),
		model: readModel.call(this, itemIndex),
		options: {
			seconds: readSeconds(options),
			...(structure === undefined || structure === ''
				? {}
				: {
						structure_transformation: validateNumberInRange(
							'Structure Transformation',
							structure,
							min,
							max,
						),
					}),
			...(flip === undefined ? {} : { flip }),
		},
	};
	return await prepareCreate.call(this, itemIndex, restyle.meta, async () => ({
		...body,
		video: await readMedia.call(this, itemIndex, VIDEO_INPUT),
	}));
}

export const restyle: Operation<CreatingMeta> = {
	meta: {
		resource: 'video',
		value: 'restyle',
		name: 'Restyle Video',
		description: 'Redraw a whole video in the look a prompt describes, e.g. as an oil painting',
		action: 'Restyle a whole video in a new look',
		createRoute: CREATE_ROUTES.restyle,
	},
	properties,
	prepare,
};
