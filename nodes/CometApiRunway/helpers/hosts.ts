/**
 * Which network an output URL's host is on, from the host as written: names cannot be resolved
 * in a community node, so a name is "public" here (n8n's own SSRF settings cover names).
 */
type HostKind = 'public' | 'loopback' | 'private' | 'linkLocal' | 'unspecified';

function ipv4Kind(host: string): HostKind | undefined {
	const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
	if (!match) return undefined;
	const [a, b] = [Number(match[1]), Number(match[2])];
	if (a === 127) return 'loopback';
	if (a === 0) return 'unspecified';
	if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
	if (a === 100 && b >= 64 && b <= 127) return 'private';
	if (a === 169 && b === 254) return 'linkLocal';
	return 'public';
}

function ipv6Kind(host: string): HostKind | undefined {
	if (!host.startsWith('[') || !host.endsWith(']')) return undefined;
	const ip = host.slice(1, -1).toLowerCase();
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
	if (mapped) return ipv4Kind(mapped[1]);
	if (/^::(0*1)?$/.test(ip)) return ip === '::' ? 'unspecified' : 'loopback';
	if (/^f[cd]/.test(ip)) return 'private';
	if (/^fe[89ab]/.test(ip)) return 'linkLocal';
	return 'public';
}

function hostKind(hostname: string): HostKind {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
	return ipv4Kind(host) ?? ipv6Kind(host) ?? 'public';
}

const HOST_WORDS: Record<Exclude<HostKind, 'public'>, string> = {
	loopback: 'this machine (loopback)',
	private: 'a private network',
	linkLocal: 'a link-local address (cloud metadata lives there)',
	unspecified: 'an unspecified address',
};

/**
 * Why an output URL must not be fetched, or undefined when it may be. An internal host is
 * allowed only when the credential's Base URL is on the same kind of host (local testing);
 * link-local hosts never.
 */
export function refusedOutputHost(url: string, baseUrl: string): string | undefined {
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		return 'it is not a valid URL';
	}
	if (target.protocol !== 'https:' && target.protocol !== 'http:') {
		return `it is not an http(s) URL (${target.protocol})`;
	}
	const kind = hostKind(target.hostname);
	if (kind === 'public') return undefined;
	let baseKind: HostKind = 'public';
	try {
		baseKind = hostKind(new URL(baseUrl).hostname);
	} catch {
		// An unreadable base URL allows nothing internal.
	}
	if (kind === baseKind && kind !== 'linkLocal') return undefined;
	return `its host ${target.hostname} is on ${HOST_WORDS[kind]}`;
}
