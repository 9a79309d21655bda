import type { NormalisedTask } from './interfaces';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const creditsOf = (value: unknown): number | null => {
	const credits = isObject(value) ? value.credits : undefined;
	return typeof credits === 'number' && Number.isFinite(credits) && credits >= 0 ? credits : null;
};

/**
 * Runway's cost in credits: `estimatedCost` on a create answer and a running task, `cost` once
 * the task ended (refunds included). Read on the task itself, or inside a relay's `data` wrapper.
 */
export function costOf(body: unknown): Pick<NormalisedTask, 'estimatedCredits' | 'credits'> {
	const levels: Json[] = [];
	for (let level = body; isObject(level) && levels.length < 3; level = level.data) {
		levels.push(level);
	}
	const first = (read: (level: Json) => number | null) =>
		levels.map(read).find((value) => value !== null) ?? null;
	return {
		estimatedCredits: first((level) => creditsOf(level.estimatedCost)),
		credits: first((level) => creditsOf(level.cost)),
	};
}
