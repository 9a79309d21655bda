'use strict';
/**
 * The host classifier, attacked with generated addresses: every internal range, spelled every way
 * a URL can spell it (IPv4 as dotted, integer, hex, octal and short forms; through IPv6 as mapped,
 * compatible, translated, NAT64 and 6to4; IPv6 expanded, compressed, upper-case, zero-padded).
 * Each goes through `new URL`, as a fetched URL does, then through the classifier as it ships.
 * Public addresses, spelled the same ways, stay allowed.
 */
const fc = require('fast-check');

const { hosts } = require('../support/dist');

const PUBLIC_BASE = 'https://api.cometapi.com';
const RUNS = 1000;

const ipv4 = (text) => text.split('.').reduce((value, byte) => value * 256 + Number(byte), 0);
const dotted = (n) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
const hex4 = (n) => [Math.floor(n / 0x10000), n % 0x10000];

/** Internal IPv4 ranges: [first address, prefix length, never allowed even beside a Base URL of its kind]. */
const INTERNAL_V4 = [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['169.254.0.0', 16, true],
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.0.2.0', 24, true],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['198.51.100.0', 24, true],
	['203.0.113.0', 24, true],
	['224.0.0.0', 4, true],
	['240.0.0.0', 4, true],
];
const inRange = ([start, bits]) => fc.integer({ min: 0, max: 2 ** (32 - bits) - 1 }).map((offset) => ipv4(start) + offset);
const internalV4 = fc.oneof(...INTERNAL_V4.map(inRange));
const neverV4 = fc.oneof(...INTERNAL_V4.filter((range) => range[2]).map(inRange));
const isInternalV4 = (n) => INTERNAL_V4.some(([start, bits]) => n >= ipv4(start) && n < ipv4(start) + 2 ** (32 - bits));
const publicV4 = fc.integer({ min: 0, max: 2 ** 32 - 1 }).filter((n) => !isInternalV4(n));

/** A 32-bit address as the WHATWG IPv4 parser reads it: one of its spellings. */
const v4Spelling = (n) =>
	fc.constantFrom(
		() => dotted(n),
		() => String(n),
		() => `0x${n.toString(16)}`,
		() => `0X${n.toString(16).toUpperCase()}`,
		() => `0${n.toString(8)}`,
		() => dotted(n).split('.').map((b) => `0x${Number(b).toString(16).padStart(2, '0')}`).join('.'),
		() => dotted(n).split('.').map((b) => `0${Number(b).toString(8)}`).join('.'),
		// Short forms: the last part fills the remaining bytes.
		() => `${Math.floor(n / 2 ** 24)}.${n % 2 ** 24}`,
		() => `${Math.floor(n / 2 ** 24)}.${Math.floor(n / 2 ** 16) % 256}.${n % 2 ** 16}`,
		() => `${dotted(n)}.`,
	).map((spell) => spell());

/** Eight hextets, written in one of the ways IPv6 may be written. */
function v6Text(hextets, style, tail) {
	const pad = style.pad ? 4 : 1;
	let parts = hextets.map((h) => h.toString(16).padStart(pad, '0'));
	if (tail) parts = [...parts.slice(0, 6), dotted(hextets[6] * 0x10000 + hextets[7])];
	let text = parts.join(':');
	if (style.compress) {
		// The longest run of zero hextets becomes `::`.
		let best = [-1, 0];
		for (let i = 0; i < parts.length; i++) {
			let j = i;
			while (j < parts.length && /^0+$/.test(parts[j])) j++;
			if (j - i > best[1]) best = [i, j - i];
		}
		if (best[1] >= 1) text = `${parts.slice(0, best[0]).join(':')}::${parts.slice(best[0] + best[1]).join(':')}`;
	}
	return style.upper ? text.toUpperCase() : text;
}
const v6Style = fc.record({ pad: fc.boolean(), compress: fc.boolean(), upper: fc.boolean() });
const hextet = fc.integer({ min: 0, max: 0xffff });

/** An IPv4 address carried in IPv6, in each way the classifier must read through. */
const embeddings = (n) => {
	const [hi, lo] = hex4(n);
	return fc.tuple(
		fc.constantFrom(
			() => [0, 0, 0, 0, 0, 0xffff, hi, lo], // mapped
			() => [0, 0, 0, 0, 0, 0, hi, lo], // compatible
			() => [0, 0, 0, 0, 0xffff, 0, hi, lo], // translated
			() => [0x64, 0xff9b, 0, 0, 0, 0, hi, lo], // NAT64
		),
		fc.boolean(),
	).map(([make, tail]) => ({ hextets: make(), tail }));
};
const sixToFour = (n) => fc.tuple(hextet, hextet, hextet, hextet, hextet).map((rest) => ({ hextets: [0x2002, ...hex4(n), ...rest], tail: false }));
const viaV6 = (n) => fc.tuple(fc.oneof(embeddings(n), sixToFour(n)), v6Style).map(([{ hextets, tail }, style]) => `[${v6Text(hextets, style, tail)}]`);

/** Native IPv6 internal ranges: [first hextets, bits fixed, never allowed]. */
const INTERNAL_V6 = [
	[[0xfc00], 7],
	[[0xfe80], 10, true],
	[[0xfec0], 10],
	[[0xff00], 8, true],
	[[0x2001, 0x0db8], 32, true],
	[[0x2001, 0x0000], 32, true],
	[[0x64, 0xff9b, 0x0001], 48],
];
const inV6Range = ([prefix, bits]) =>
	fc.array(hextet, { minLength: 8, maxLength: 8 }).map((random) =>
		random.map((h, i) => {
			const fixed = Math.max(0, Math.min(16, bits - 16 * i));
			if (fixed === 0) return h;
			const mask = (0xffff << (16 - fixed)) & 0xffff;
			return ((prefix[i] ?? 0) & mask) | (h & ~mask & 0xffff);
		}),
	);
/** The unspecified address and loopback. */
const SPECIALS = [fc.constant([0, 0, 0, 0, 0, 0, 0, 0]), fc.constant([0, 0, 0, 0, 0, 0, 0, 1])];
const nativeV6 = (ranges, specials = []) =>
	fc.tuple(fc.oneof(...ranges.map(inV6Range), ...specials), v6Style).map(
		([hextets, style]) => `[${v6Text(hextets, style, false)}]`,
	);

const hostname = (host) => new URL(`http://${host}/x`).hostname;
const refused = (host, base = PUBLIC_BASE) => hosts.refusedOutputHost(`http://${host}/x`, base);

const spelledInternal = fc.oneof(
	internalV4.chain(v4Spelling),
	internalV4.chain(viaV6),
	nativeV6(INTERNAL_V6, SPECIALS),
);

test(`an internal address in any spelling is never public, and is refused beside a public Base URL (numRuns ${RUNS})`, () => {
	fc.assert(
		fc.property(spelledInternal, (host) => {
			expect(refused(host)).toMatch(/^its host .+ is on /);
			expect(hosts.hostKind(hostname(host))).not.toBe('public');
		}),
		{ numRuns: RUNS },
	);
});

test(`link-local, documentation, multicast and reserved addresses are refused even beside a Base URL on one (numRuns ${RUNS})`, () => {
	const never = fc.oneof(neverV4.chain(v4Spelling), neverV4.chain(viaV6), nativeV6(INTERNAL_V6.filter((range) => range[2])));
	fc.assert(
		fc.property(never, (host) => {
			expect(refused(host, `http://${host}:8080`)).toBeDefined();
		}),
		{ numRuns: RUNS },
	);
});

test(`a public address, spelled any way, is allowed (numRuns ${RUNS})`, () => {
	const publicV6 = fc
		.tuple(fc.integer({ min: 0x2000, max: 0x3fff }), fc.array(hextet, { minLength: 7, maxLength: 7 }), v6Style)
		.filter(([first, rest]) => first !== 0x2002 && !(first === 0x2001 && (rest[0] === 0 || rest[0] === 0xdb8)))
		.map(([first, rest, style]) => `[${v6Text([first, ...rest], style, false)}]`);
	const spelledPublic = fc.oneof(publicV4.chain(v4Spelling), publicV4.chain(viaV6), publicV6);
	fc.assert(
		fc.property(spelledPublic, (host) => {
			expect(refused(host)).toBeUndefined();
			expect(hosts.hostKind(hostname(host))).toBe('public');
		}),
		{ numRuns: RUNS },
	);
});

describe('the spellings the issue lists', () => {
	test.each([
		['[::ffff:127.0.0.1]', 'loopback'],
		['[0:0:0:0:0:ffff:7f00:1]', 'loopback'],
		['[::ffff:169.254.169.254]', 'link-local'],
		['[::ffff:10.0.0.1]', 'private'],
		['[::ffff:192.168.1.1]', 'private'],
		['[::ffff:0.0.0.0]', 'unspecified'],
		['[64:ff9b::a9fe:a9fe]', 'link-local'],
		['[2002:a9fe:a9fe::1]', 'link-local'],
		['[::127.0.0.1]', 'loopback'],
		['[fd00::1]', 'private'],
		['[fe80::1]', 'link-local'],
		['[ff02::1]', 'multicast'],
		['[::]', 'unspecified'],
		['[::1]', 'loopback'],
		['2130706433', 'loopback'],
		['0x7f.1', 'loopback'],
		['0251.0376.0251.0376', 'link-local'],
		['255.255.255.255', 'reserved'],
	])('%s is refused beside a public Base URL (%s)', (host, words) => {
		expect(refused(host)).toContain(words);
	});

	test('a mapped link-local address is refused even when the Base URL is link-local', () => {
		expect(refused('[::ffff:169.254.169.254]', 'http://169.254.169.254')).toMatch(/link-local/);
	});

	test('local testing keeps working: a loopback spelling beside a loopback Base URL is allowed', () => {
		expect(refused('[::ffff:127.0.0.1]:9000', 'http://127.0.0.1:9000')).toBeUndefined();
		expect(refused('127.0.0.1:9000', 'http://localhost:9000')).toBeUndefined();
		expect(refused('[::1]:9000', 'http://127.0.0.1:9000')).toBeUndefined();
	});

	test('an internal host of another kind than the Base URL is refused', () => {
		expect(refused('[::ffff:10.0.0.1]', 'http://127.0.0.1:9000')).toMatch(/private network/);
		expect(refused('[::ffff:127.0.0.1]', 'http://10.0.0.5')).toMatch(/loopback/);
	});
});
