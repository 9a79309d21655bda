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
const BASE_URL_FIELD = 'Base URL (credential)';
const USE_DEFAULT = 'Use https://api.cometapi.com (without /v1).';

/**
 * The credential's base URL, checked before the key goes anywhere: https, or plain http only to
 * this machine; no user name or password; no /v1 (CometAPI's Runway routes are not under it).
 * Returns the URL without trailing slashes.
 */
export function validateBaseUrl(value: unknown): string {
	const refuse = (why: string, hint = USE_DEFAULT): never => {
		throw new InputError(BASE_URL_FIELD, `The Base URL ${why}`, hint);
	};
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) refuse('is empty');
	const url = parseUrl(text) ?? refuse(`is not a valid URL: ${describe(text)}`);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') refuse('must start with https://');
	if (url.username || url.password) refuse('must not contain a user name or password');
	const path = url.pathname.replace(/\/+$/, '');
	if (/\/v1$/i.test(path)) {
		refuse(
			'ends with /v1: remove /v1. The node adds the paths itself',
			`Use ${url.origin}${path.slice(0, -3)} (without /v1).`,
		);
	}
	if (url.protocol === 'http:' && !LOCAL_HOSTS.test(url.hostname)) {
		refuse(
			`uses plain http:// to ${url.hostname}, so the API key would travel unencrypted. Nothing was sent`,
			'Use https:// (plain http:// is accepted only for localhost).',
		);
	}
	return `${url.origin}${path}`;
}
