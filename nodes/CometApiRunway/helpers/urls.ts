import { MEDIA } from './constants';
import { describe, InputError, requireText } from './validation';

function parseUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

export function validateHttpUrl(field: string, value: unknown): string {
	const text = requireText(field, value, 'Give a public http:// or https:// URL.');
	const url = parseUrl(text);
	if (!url) {
		throw new InputError(
			field,
			`${field} is not a valid URL: ${describe(text)}`,
			'Give a public http:// or https:// URL.',
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new InputError(
			field,
			`${field} must start with http:// or https://, got ${describe(`${url.protocol}…`)}`,
			'To send a file from this workflow, set Image Source to Binary File.',
		);
	}
	return text;
}

const IP_HOST = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

/**
 * A URL that Runway fetches itself (§10.2): HTTPS, a domain name rather than an IP address, no
 * credentials, no spaces, at most 2,048 characters.
 */
export function validateMediaUrl(field: string, value: unknown): string {
	const hint = 'Give a public https:// URL on a domain name, or send the file from a binary field.';
	const text = requireText(field, value, hint);
	const refuse = (why: string) => {
		throw new InputError(field, `${field} ${why}; Runway only fetches public https:// URLs`, hint);
	};
	if (text.length > MEDIA.urlMaxLength) {
		refuse(`is ${text.length} characters long, more than the ${MEDIA.urlMaxLength} allowed`);
	}
	if (/\s/.test(text)) refuse('contains spaces (encode them as %20)');
	const url = parseUrl(text);
	if (!url) refuse(`is not a valid URL: ${describe(text)}`);
	if (url!.protocol !== 'https:')
		refuse(`must start with https://, got ${describe(`${url!.protocol}…`)}`);
	if (url!.username || url!.password) refuse('carries a user name or password');
	if (IP_HOST.test(url!.hostname))
		refuse(`uses an IP address (${url!.hostname}) instead of a domain name`);
	return text;
}

const LOCAL_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** The credential's base URL: https, or plain http only to this machine, where no key can leak. */
export function validateBaseUrl(value: unknown): string {
	const field = 'Base URL (credential)';
	const text = requireText(field, value, 'Use https://api.cometapi.com.');
	const url = parseUrl(text);
	if (!url)
		throw new InputError(field, `${field} is not a valid URL`, 'Use https://api.cometapi.com.');
	if (url.protocol === 'https:') return text;
	if (url.protocol === 'http:' && LOCAL_HOSTS.test(url.hostname)) return text;
	if (url.protocol === 'http:') {
		throw new InputError(
			field,
			`${field} uses http:// for ${url.hostname}; the API key would travel unencrypted`,
			'Use https:// (plain http:// is accepted only for localhost).',
		);
	}
	throw new InputError(field, `${field} must start with https://`, 'Use https://api.cometapi.com.');
}
