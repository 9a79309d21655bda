import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isVersion1, SINCE_VERSION_1_1, VERSION_1 } from '../versions';

/**
 * A field whose allowed values depend on the model (Ratio, Duration): `base` is its name in
 * version 1, and later versions save it under one name per group of known models that take the
 * same values (`keyOf` says which do): `base` for the first group (the default model's), the
 * others named after their first model, and `<base>_custom` for any other ID.
 * `without` lists known models that take no such field.
 */
export interface ModelField<Limits> {
	base: string;
	models: Readonly<Record<string, Limits>>;
	keyOf: (limits: Limits) => string;
	without?: readonly string[];
}

/** The groups of a field's known models, each the models that take the same values. */
function groupsOf<Limits>({ base, models, keyOf }: ModelField<Limits>) {
	const groups = new Map<string, { name: string; models: string[]; limits: Limits }>();
	for (const [model, limits] of Object.entries(models)) {
		const key = keyOf(limits);
		const group = groups.get(key);
		if (group) group.models.push(model);
		// The first group keeps version 1's name: the route's default model is in it.
		else if (groups.size === 0) groups.set(key, { name: base, models: [model], limits });
		else groups.set(key, { name: `${base}_${model.replace(/\W/g, '_')}`, models: [model], limits });
	}
	return [...groups.values()];
}

/** The saved name of `field` for `model`, in version 1 or a later version. */
function fieldNameFor<Limits>(field: ModelField<Limits>, model: string, version1: boolean): string {
	if (version1) return field.base;
	const group = groupsOf(field).find(({ models }) => models.includes(model));
	return group?.name ?? `${field.base}_custom`;
}

/**
 * A field once per group of known models, shown only for them and offering what they take, and
 * once for any other model ID (Custom Model ID, or an ID saved by hand). Version 1 keeps its own
 * copy: one per known model, all saved as `base`.
 */
export function perModelProperties<Limits>(
	field: ModelField<Limits>,
	known: (models: readonly string[], limits: Limits) => INodeProperties,
	other: INodeProperties,
): INodeProperties[] {
	const { base, models, without = [] } = field;
	const others = { hide: { model: [...Object.keys(models), ...without] } };
	return [
		...Object.entries(models).map(([model, limits]) => ({
			...known([model], limits),
			name: base,
			displayOptions: { show: { model: [model], ...VERSION_1 } },
		})),
		{ ...other, name: base, displayOptions: { ...others, show: VERSION_1 } },
		...groupsOf(field).map((group) => ({
			...known(group.models, group.limits),
			name: group.name,
			displayOptions: { show: { model: group.models, ...SINCE_VERSION_1_1 } },
		})),
		{ ...other, name: `${base}_custom`, displayOptions: { ...others, show: SINCE_VERSION_1_1 } },
	];
}

/** The item's value of `field` for `model`, saved under the name this node version gives it. */
export function readPerModel<Limits>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: ModelField<Limits>,
	model: string,
	fallback: unknown,
): unknown {
	return ctx.getNodeParameter(
		fieldNameFor(field, model, isVersion1.call(ctx)),
		itemIndex,
		fallback,
	);
}
