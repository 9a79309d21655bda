import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { modelProperties } from './model';
import { validateRatio } from './ratio';

// The Model and Ratio pickers of the compatibility routes (Generate, Restyle Video), which take any
// model ID and any W:H.

/**
 * The models the compatibility routes document, the default first; the routes take any other
 * model ID too, typed in Custom Model ID or saved by hand.
 */
const COMPATIBILITY_MODELS = ['gen4', 'gen4_turbo'] as const;
const COMPATIBILITY_DEFAULT_MODEL = 'gen4';

/** The ratios Generate's route documents, the default first; it takes any other W:H too. */
const COMPATIBILITY_RATIOS = ['1280:720', '720:1280', '16:9', '9:16', '1:1'] as const;
const COMPATIBILITY_DEFAULT_RATIO = '1280:720';

/** The value of a Ratio field that means "the ratio is typed in Custom Ratio". */
const CUSTOM_RATIO = 'custom';

// Plain names: n8n's lint reads a parameter's default only from a literal or a name.
const defaultCompatibilityModel = COMPATIBILITY_DEFAULT_MODEL;
const defaultCompatibilityRatio = COMPATIBILITY_DEFAULT_RATIO;

/**
 * A Model or Ratio field that takes expressions, as it did when typed: no field here depends on
 * it, and n8n would not resolve an expression saved in a field that takes none. Its custom field
 * is not required: n8n shows it, and would ask for it, whenever the field holds an expression; an
 * empty one is refused when the node runs, naming it.
 */
function takingExpressions(properties: INodeProperties[]): INodeProperties[] {
	const [field, ...custom] = properties;
	return [
		{ ...field, noDataExpression: false },
		...custom.map((property) => ({ ...property, required: false })),
	];
}

/**
 * The Model field of a compatibility route (Generate, Restyle Video): its documented models, or
 * Custom Model ID. `readModel` reads it; a saved ID that is not listed is sent as it is, as the
 * route takes any model ID.
 */
export const compatibilityModelProperties = takingExpressions(
	modelProperties(
		COMPATIBILITY_MODELS,
		defaultCompatibilityModel,
		'Model on this route: gen4, gen4_turbo, or Custom Model ID to type any other',
	),
);

/**
 * The Ratio field of a route that takes any W:H: its documented ratios, or Custom Ratio to type
 * another (`readPickedRatio`).
 */
export const compatibilityRatioProperties = takingExpressions([
	{
		displayName: 'Ratio',
		name: 'ratio',
		type: 'options',
		options: [
			...COMPATIBILITY_RATIOS.map((ratio) => ({ name: ratio, value: ratio })),
			{
				name: 'Custom Ratio',
				value: CUSTOM_RATIO,
				description: 'Type any other width:height the model takes',
			},
		],
		default: defaultCompatibilityRatio,
		description: 'Output shape as width:height, or Custom Ratio to type another',
	},
	{
		displayName: 'Custom Ratio',
		name: 'customRatio',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1584:672',
		description: 'Output shape as width:height, e.g. 1584:672; may be an expression',
		displayOptions: { show: { ratio: [CUSTOM_RATIO] } },
	},
]);

/** The ratio picked, or typed in Custom Ratio; a saved W:H that is not listed is taken as it is. */
export function readPickedRatio(this: IExecuteFunctions, itemIndex: number): string {
	const ratio = this.getNodeParameter('ratio', itemIndex, defaultCompatibilityRatio);
	if (ratio === CUSTOM_RATIO) {
		return validateRatio('Custom Ratio', this.getNodeParameter('customRatio', itemIndex, ''));
	}
	return validateRatio('Ratio', ratio);
}
