/**
 * Removes secrets from whatever the node puts out: messages, items, log lines. Run it last, over
 * the finished text, and cut only after it: a cut can leave a piece of the key no pattern knows.
 */
export interface Redactor {
	text(value: string): string;
	json<T>(value: T): T;
}

/**
 * Any run of this many characters of a secret, in any case, is redacted: a key split over two
 * fields leaves fewer than this in either. Secrets shorter than this are redacted as whole
 * tokens only: a 3-letter key matched everywhere would blank every word that holds it.
 */
const FRAGMENT = 8;
const MARKS = ['[redacted]', '[hidden]', '***', '###'];
const WORD = /[A-Za-z0-9]/;

/** Lower case that keeps every index: `İ` and the like, which grow when lowered, stay as they are. */
function fold(text: string): string {
	// eslint-disable-next-line no-control-regex
	if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
	let out = '';
	for (const char of text) {
		const lower = char.toLowerCase();
		out += lower.length === char.length ? lower : char;
	}
	return out;
}

const base64Alphabets = (text: string) => [
	text,
	text.replace(/\+/g, '-').replace(/\//g, '_'),
];

/**
 * The base64 characters that `value` alone decides, at each of the three byte offsets it may sit
 * at inside a longer encoded text.
 */
function base64Forms(value: string): string[] {
	const bytes = Buffer.from(value, 'utf8');
	const forms: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
		const start = Math.ceil((8 * offset) / 6);
		const end = Math.floor((8 * (offset + bytes.length)) / 6);
		if (end > start) forms.push(...base64Alphabets(encoded.slice(start, end)));
	}
	return forms;
}

/** Every spelling a secret may come back in: as sent, URL-, form- and JSON-encoded. */
const textForms = (secret: string) => [
	secret,
	encodeURIComponent(secret),
	encodeURIComponent(secret).replace(/%20/g, '+'),
	JSON.stringify(secret).slice(1, -1),
];

/**
 * Base64 of the key and of its header, at any offset; a short key's base64 only as a whole
 * token, since a few base64 characters inside a longer run would only match noise.
 */
const encodedForms = (secret: string) => [
	...[secret, `Bearer ${secret}`, `Bearer%20${encodeURIComponent(secret)}`]
		.flatMap(base64Forms)
		.filter((form) => form.length >= FRAGMENT),
	...base64Alphabets(Buffer.from(secret, 'utf8').toString('base64')),
	...base64Alphabets(Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, '')),
];

/** Marks [start, end) ranges of `text` that hold a secret's fragment or a short secret's token. */
function findRanges(text: string, fragments: Set<string>, tokens: Set<string>): boolean[] {
	const lower = fold(text);
	const hit: boolean[] = new Array(text.length).fill(false);
	if (fragments.size > 0) {
		for (let i = 0; i + FRAGMENT <= lower.length; i++) {
			if (fragments.has(lower.slice(i, i + FRAGMENT))) hit.fill(true, i, i + FRAGMENT);
		}
	}
	for (const token of tokens) {
		let at = lower.indexOf(token);
		while (at !== -1) {
			const end = at + token.length;
			const before = at === 0 || !WORD.test(text[at - 1]) || !WORD.test(token[0]);
			const after = end === text.length || !WORD.test(text[end]) || !WORD.test(token.at(-1)!);
			if (before && after) hit.fill(true, at, end);
			at = lower.indexOf(token, at + 1);
		}
	}
	return hit;
}

function replaceRanges(text: string, hit: boolean[], mark: string): string {
	let out = '';
	for (let i = 0; i < text.length; i++) {
		if (!hit[i]) out += text[i];
		else if (i === 0 || !hit[i - 1]) out += mark;
	}
	return out;
}

/** Copies JSON-like data without recursion, so no depth of nesting can overflow the stack. */
function mapStrings(value: unknown, text: (value: string) => string): unknown {
	const root: { value?: unknown } = {};
	const seen = new Set<object>();
	const stack: Array<[Record<string | number, unknown>, string | number, unknown]> = [
		[root, 'value', value],
	];
	while (stack.length > 0) {
		const [parent, key, entry] = stack.pop()!;
		if (typeof entry === 'string') parent[key] = text(entry);
		else if (typeof entry !== 'object' || entry === null || Buffer.isBuffer(entry)) {
			parent[key] = entry;
		} else if (seen.has(entry)) parent[key] = '[circular]';
		else if (Array.isArray(entry)) {
			seen.add(entry);
			const copy: unknown[] = new Array(entry.length);
			parent[key] = copy;
			entry.forEach((item, index) => stack.push([copy as never, index, item]));
		} else {
			seen.add(entry);
			const copy: Record<string, unknown> = {};
			parent[key] = copy;
			for (const [name, item] of Object.entries(entry)) {
				const cleanName = text(name);
				copy[cleanName] = undefined; // keeps the keys' order
				stack.push([copy, cleanName, item]);
			}
		}
	}
	return root.value;
}

export function createRedactor(secrets: unknown[]): Redactor {
	const fragments = new Set<string>();
	const tokens = new Set<string>();
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.trim() === '') continue;
		for (const raw of [secret, secret.trim()]) {
			const forms = [...textForms(raw), ...encodedForms(raw)];
			for (const form of forms.map(fold)) {
				if (form.length < FRAGMENT) {
					if (form !== '') tokens.add(form);
					continue;
				}
				for (let i = 0; i + FRAGMENT <= form.length; i++) fragments.add(form.slice(i, i + FRAGMENT));
			}
		}
	}
	const active = fragments.size > 0 || tokens.size > 0;
	const clean = (mark: string) => !findRanges(mark, fragments, tokens).includes(true);
	const mark = MARKS.find(clean) ?? '';

	const text = (value: string) => {
		if (!active || value === '') return value;
		let current = value;
		// A mark beside what is left could spell a secret anew: go again, a bounded number of times.
		for (let pass = 0; pass < 4; pass++) {
			const hit = findRanges(current, fragments, tokens);
			if (!hit.includes(true)) return current;
			current = replaceRanges(current, hit, pass < 3 ? mark : '');
		}
		return current;
	};
	const json = <T>(value: T): T => (active ? (mapStrings(value, text) as T) : value);
	return { text, json };
}
