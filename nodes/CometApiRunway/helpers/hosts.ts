/**
 * The host classifier: which network a URL's host is on, read from the host as the WHATWG URL
 * parser gives it (IPv4 in any spelling comes out dotted; IPv6 bracketed and compressed). Names
 * cannot be resolved in a community node, so a name is "public" here (n8n's own SSRF settings
 * cover names). Every URL the node fetches without the key passes `refusedOutputHost`.
 */
export type HostKind =
	| 'public'
	| 'loopback'
	| 'private'
	| 'linkLocal'
	| 'unspecified'
	| 'multicast'
	| 'reserved';

/** An IPv4 range: its first address and prefix length, and the kind of host on it. */
type Range = readonly [address: string, bits: number, kind: HostKind];

const IPV4_RANGES: readonly Range[] = [
	['0.0.0.0', 8, 'unspecified'],
	['10.0.0.0', 8, 'private'],
	['100.64.0.0', 10, 'private'],
	['127.0.0.0', 8, 'loopback'],
	['169.254.0.0', 16, 'linkLocal'],
	['172.16.0.0', 12, 'private'],
	['192.0.0.0', 24, 'private'],
	['192.0.2.0', 24, 'reserved'],
	['192.88.99.0', 24, 'reserved'],
	['192.168.0.0', 16, 'private'],
	['198.18.0.0', 15, 'private'],
	['198.51.100.0', 24, 'reserved'],
	['203.0.113.0', 24, 'reserved'],
	['224.0.0.0', 4, 'multicast'],
	['240.0.0.0', 4, 'reserved'],
];

/** A dotted IPv4 address as a 32-bit number, or undefined when the text is not one. */
function parseIpv4(text: string): number | undefined {
	const parts = text.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
	const bytes = parts.map(Number);
	if (bytes.some((byte) => byte > 255)) return undefined;
	return bytes.reduce((value, byte) => value * 256 + byte, 0);
}

const RANGES = IPV4_RANGES.map(([address, bits, kind]) => ({
	start: parseIpv4(address)!,
	size: 2 ** (32 - bits),
	kind,
}));

function ipv4Kind(value: number): HostKind {
	return RANGES.find(({ start, size }) => value >= start && value < start + size)?.kind ?? 'public';
}

/** An IPv6 address (without brackets) as its 8 hextets, or undefined when it is not one. */
function parseIpv6(text: string): number[] | undefined {
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const sides = halves.map((half) => (half === '' ? [] : half.split(':')));
	const hextets: number[][] = [];
	for (const [index, side] of sides.entries()) {
		const values: number[] = [];
		for (const [at, part] of side.entries()) {
			const last = index === sides.length - 1 && at === side.length - 1;
			const ipv4 = last && part.includes('.') ? parseIpv4(part) : undefined;
			if (ipv4 !== undefined) values.push(Math.floor(ipv4 / 0x10000), ipv4 % 0x10000);
			else if (/^[0-9a-f]{1,4}$/i.test(part)) values.push(parseInt(part, 16));
			else return undefined;
		}
		hextets.push(values);
	}
	const count = hextets.reduce((sum, side) => sum + side.length, 0);
	if (hextets.length === 1) return count === 8 ? hextets[0] : undefined;
	if (count > 7) return undefined;
	return [...hextets[0], ...Array<number>(8 - count).fill(0), ...hextets[1]];
}

/** The IPv4 address in hextets `at` and `at + 1`. */
const ipv4At = (h: number[], at: number) => h[at] * 0x10000 + h[at + 1];

const zeroes = (h: number[], from: number, to: number) => h.slice(from, to).every((x) => x === 0);

function ipv6Kind(h: number[]): HostKind {
	if (zeroes(h, 0, 7))
		return h[7] === 0 ? 'unspecified' : h[7] === 1 ? 'loopback' : ipv4Kind(ipv4At(h, 6));
	// IPv4-mapped ::ffff:0:0/96, IPv4-translated ::ffff:0:0:0/96, IPv4-compatible ::/96.
	if (zeroes(h, 0, 5) && (h[5] === 0xffff || h[5] === 0)) return ipv4Kind(ipv4At(h, 6));
	if (zeroes(h, 0, 4) && h[4] === 0xffff && h[5] === 0) return ipv4Kind(ipv4At(h, 6));
	// NAT64: the well-known prefix carries any IPv4; the local-use one is never public.
	if (h[0] === 0x64 && h[1] === 0xff9b) {
		if (zeroes(h, 2, 6)) return ipv4Kind(ipv4At(h, 6));
		if (h[2] === 1) {
			const kind = ipv4Kind(ipv4At(h, 6));
			return kind === 'public' ? 'private' : kind;
		}
	}
	// 6to4: the IPv4 follows the prefix.
	if (h[0] === 0x2002) return ipv4Kind(ipv4At(h, 1));
	if (h[0] >= 0xfc00 && h[0] <= 0xfdff) return 'private';
	if (h[0] >= 0xfe80 && h[0] <= 0xfebf) return 'linkLocal';
	// Site-local: deprecated, but still private wherever it is used.
	if (h[0] >= 0xfec0 && h[0] <= 0xfeff) return 'private';
	if (h[0] >= 0xff00) return 'multicast';
	// Teredo 2001::/32 and documentation 2001:db8::/32 are tunnels and examples, never a CDN.
	if (h[0] === 0x2001 && (h[1] === 0 || h[1] === 0xdb8)) return 'reserved';
	// Global unicast is 2000::/3; anything else is unassigned or special.
	return h[0] >= 0x2000 && h[0] <= 0x3fff ? 'public' : 'reserved';
}

/** The kind of host a URL's `hostname` (as `new URL` gives it) is on. */
export function hostKind(hostname: string): HostKind {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
	const ipv4 = parseIpv4(host);
	if (ipv4 !== undefined) return ipv4Kind(ipv4);
	if (host.startsWith('[') && host.endsWith(']')) {
		const ipv6 = parseIpv6(host.slice(1, -1));
		// Brackets around something that is not an address: nothing to reach safely.
		return ipv6 ? ipv6Kind(ipv6) : 'reserved';
	}
	return 'public';
}

const HOST_WORDS: Record<Exclude<HostKind, 'public'>, string> = {
	loopback: 'this machine (loopback)',
	private: 'a private network',
	linkLocal: 'a link-local address (cloud metadata lives there)',
	unspecified: 'an unspecified address',
	multicast: 'a multicast address',
	reserved: 'a reserved, documentation or tunnel address',
};

/** Kinds never fetched, whatever the Base URL is on. */
const NEVER: readonly HostKind[] = ['linkLocal', 'multicast', 'reserved'];

/**
 * Why a URL must not be fetched, or undefined when it may be. An internal host is allowed only
 * when the credential's Base URL is on the same kind of host (local testing); link-local,
 * multicast and reserved hosts never.
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
	if (kind === baseKind && !NEVER.includes(kind)) return undefined;
	return `its host ${target.hostname} is on ${HOST_WORDS[kind]}`;
}
