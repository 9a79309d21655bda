/** Removes secrets from whatever the node puts out: messages, items, log lines. */
export interface Redactor {
	text(value: string): string;
	json<T>(value: T): T;
}

const MARK = '[redacted]';
/** Shorter values cannot be told apart from ordinary text. */
const MIN_SECRET_LENGTH = 6;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createRedactor(secrets: unknown[]): Redactor {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.trim().length < MIN_SECRET_LENGTH) continue;
		for (const form of [secret, secret.trim(), encodeURIComponent(secret.trim())]) forms.add(form);
	}
	const pattern =
		forms.size === 0
			? undefined
			: new RegExp(
					[...forms]
						.sort((a, b) => b.length - a.length)
						.map(escapeRegExp)
						.join('|'),
					'g',
				);
	const text = (value: string) => (pattern ? value.replace(pattern, MARK) : value);
	const json = <T>(value: T): T => {
		if (!pattern) return value;
		if (typeof value === 'string') return text(value) as T;
		if (Array.isArray(value)) return value.map(json) as T;
		if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
			return Object.fromEntries(
				Object.entries(value).map(([key, entry]) => [text(key), json(entry)]),
			) as T;
		}
		return value;
	};
	return { text, json };
}
