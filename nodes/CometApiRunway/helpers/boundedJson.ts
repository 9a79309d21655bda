import { MAX_ANSWER_BYTES, MAX_JSON_DEPTH } from './constants';

/**
 * The bounded reader's rule: every JSON body the node reads (API answers, the credential test's
 * answer, callback bodies) is checked here for size and depth before anything walks it. Nothing
 * in this file recurses, so no body can exhaust the stack.
 */

export interface JsonLimits {
	maxDepth: number;
	/** For text: its UTF-16 length; for a parsed value: about the length of its JSON text. */
	maxSize: number;
}

export const JSON_LIMITS: JsonLimits = { maxDepth: MAX_JSON_DEPTH, maxSize: MAX_ANSWER_BYTES };

/**
 * A body read: JSON parsed; text that is not JSON kept (past a BOM, trimmed), with the JSON
 * document it starts with when one is followed by more (a relay's second document or garbage);
 * or refused unread.
 */
export type JsonRead =
	| { kind: 'json'; value: unknown }
	| { kind: 'text'; text: string; leading?: unknown }
	| { kind: 'unreadable'; why: string };

const BYTE_ORDER_MARK = '\uFEFF';

const tooDeep = (limits: JsonLimits) => `it is nested more than ${limits.maxDepth} levels deep`;
const tooLarge = (limits: JsonLimits) =>
	`it is larger than ${Math.round(limits.maxSize / 1024 / 1024)} MB`;

/**
 * One linear pass over the `[` `{` `]` `}` outside strings, escapes honoured: whether the nesting
 * goes deeper than `maxDepth`, and where the document the text starts with ends, if it does.
 */
function scanBrackets(text: string, maxDepth: number): { tooDeep: boolean; firstEnd?: number } {
	const startsDocument = text[0] === '{' || text[0] === '[';
	let firstEnd: number | undefined;
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c) i++;
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x5b || c === 0x7b) {
			if (++depth > maxDepth) return { tooDeep: true };
		} else if ((c === 0x5d || c === 0x7d) && depth > 0) {
			if (--depth === 0 && startsDocument) firstEnd ??= i + 1;
		}
	}
	return { tooDeep: false, firstEnd };
}

function parsed(text: string): { value: unknown } | undefined {
	try {
		return { value: JSON.parse(text) as unknown };
	} catch {
		return undefined;
	}
}

/**
 * Reads a body's text: JSON within the limits, other text as it is, anything beyond them refused.
 * The only place the node turns an answer's text into JSON.
 */
export function readJsonText(raw: string, limits: JsonLimits = JSON_LIMITS): JsonRead {
	const text = (raw.startsWith(BYTE_ORDER_MARK) ? raw.slice(1) : raw).trim();
	if (text.length > limits.maxSize) return { kind: 'unreadable', why: tooLarge(limits) };
	const scan = scanBrackets(text, limits.maxDepth);
	if (scan.tooDeep) return { kind: 'unreadable', why: tooDeep(limits) };
	const whole = parsed(text);
	if (whole) return { kind: 'json', value: whole.value };
	const leading = scan.firstEnd === undefined ? undefined : parsed(text.slice(0, scan.firstEnd));
	return leading ? { kind: 'text', text, leading: leading.value } : { kind: 'text', text };
}

/**
 * Why an already parsed value (an input item's field) is beyond the limits, or undefined when it
 * is within them. An explicit stack, not recursion; a cycle ends it by size.
 */
export function jsonBoundsProblem(
	value: unknown,
	limits: JsonLimits = JSON_LIMITS,
): string | undefined {
	const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
	let size = 0;
	while (stack.length > 0) {
		const { value: current, depth } = stack.pop()!;
		if (typeof current === 'string') size += current.length + 2;
		else if (typeof current !== 'object' || current === null) size += 8;
		else {
			if (depth + 1 > limits.maxDepth) return tooDeep(limits);
			const children = Array.isArray(current) ? current : Object.entries(current);
			for (const child of children) {
				if (Array.isArray(current)) stack.push({ value: child, depth: depth + 1 });
				else {
					const [key, entry] = child as [string, unknown];
					size += key.length + 4;
					stack.push({ value: entry, depth: depth + 1 });
				}
			}
			size += 2;
		}
		if (size > limits.maxSize) return tooLarge(limits);
	}
	return undefined;
}
