import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { STRUCTURE_TRANSFORMATION } from '../../helpers/constants';
import type { PreparedTask } from '../../helpers/interfaces';
import {
	optionalBoolean,
	validateDuration,
	validateModel,
	validateNumberInRange,
	validatePrompt,
} from '../../helpers/validation';
import {
	callbackUrlProperty,
	durationOptions,
	runwayVersionOption,
	videoSourceProperties,
} from '../common.descriptions';
import { waitProperties } from '../wait.descriptions';
import { createTask, type Operation } from '../operation';
import {
	readCallbackUrl,
	readMedia,
	readOptions,
	readRunwayVersion,
	VIDEO_INPUT,
} from '../parameters';
import { CREATE_ROUTES } from '../../transport/routes';

// A plain name: n8n's lint reads a parameter's default only from a literal or a name.
const defaultStructureTransformation = STRUCTURE_TRANSFORMATION.default;
const { min, max } = STRUCTURE_TRANSFORMATION;

const properties: INodeProperties[] = [
	...videoSourceProperties('the video to restyle'),
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'pixelated style',
		description: 'The style to give the video; at most 512 characters',
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'string',
		default: 'gen4',
		description: 'Model ID on the compatibility route, e.g. gen4',
	},
	callbackUrlProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Flip',
				name: 'flip',
				type: 'boolean',
				default: false,
				description: 'Whether to flip the output to portrait (vertical) orientation',
			},
			runwayVersionOption,
			{
				displayName: 'Seconds',
				name: 'seconds',
				type: 'options',
				options: durationOptions,
				default: 5,
				description: 'Length of the video',
			},
			{
				displayName: 'Structure Transformation',
				name: 'structureTransformation',
				type: 'number',
				typeOptions: { minValue: min, maxValue: max, numberPrecision: 2 },
				default: defaultStructureTransformation,
				description: `How far the result may depart from the shapes and motion of the source video, from ${min} (keep them) to ${max} (transform freely); 0.5 is a moderate start`,
			},
		],
	},
	...waitProperties(true),
];

async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedTask> {
	const options = readOptions.call(this, itemIndex);
	const structure = options.structureTransformation;
	const flip = optionalBoolean('Flip', options.flip);
	const body: IDataObject = {
		callback_url: readCallbackUrl.call(this, itemIndex),
		prompt: validatePrompt('Prompt', this.getNodeParameter('prompt', itemIndex), true),
		model: validateModel('Model', this.getNodeParameter('model', itemIndex)),
		options: {
			seconds: validateDuration('Seconds', options.seconds ?? 5),
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
	const runwayVersion = readRunwayVersion.call(this, itemIndex);
	// The video is read last: it is the costly check and the other fields fail faster.
	body.video = await readMedia.call(this, itemIndex, VIDEO_INPUT);
	return createTask(CREATE_ROUTES.restyle, 'video', body, runwayVersion);
}

export const restyle: Operation = {
	meta: {
		resource: 'video',
		value: 'restyle',
		name: 'Restyle Video',
		description: 'Redraw a video in the style a prompt describes (compatibility route)',
		action: 'Restyle a video',
		creates: true,
	},
	properties,
	prepare,
};
