/** Small IP helpers for token whitelists, listips and address validation. */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

function ipv4Number(text: string): number {
  return text.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** The eight 16-bit groups of an IPv6 address, or undefined when it is not one. */
function ipv6Groups(text: string): number[] | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(text) || !text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string) => (s === '' ? [] : s.split(':'));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((g) => g.length === 0 || g.length > 4)) return undefined;
  return groups.map((g) => parseInt(g, 16));
}

export function isIpv6(text: string): boolean {
  return ipv6Groups(text) !== undefined;
}

/** The fully written IPv6 form WHM stores whitelists in ("fc00:abcd:0000:…:000f", api_token_create sample). */
export function expandIpv6(text: string): string | undefined {
  return ipv6Groups(text)
    ?.map((g) => g.toString(16).padStart(4, '0'))
    .join(':');
}

/**
 * A whitelist entry normalised as WHM prints it (IPv4 as given, IPv6
 * expanded, with its /prefix), or undefined when it is not an address or
 * CIDR range.
 */
export function normaliseWhitelistEntry(entry: string): string | undefined {
  const [addr, prefix, ...rest] = entry.trim().split('/');
  if (rest.length) return undefined;
  if (isIpv4(addr)) {
    if (prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= 32)) return undefined;
    return prefix === undefined ? addr : `${addr}/${prefix}`;
  }
  const v6 = expandIpv6(addr);
  if (!v6) return undefined;
  if (prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= 128)) return undefined;
  return prefix === undefined ? v6 : `${v6}/${prefix}`;
}

/** True when `ip` (the caller's address; IPv4-mapped IPv6 allowed) is inside the whitelist entry. */
export function inRange(ip: string, entry: string): boolean {
  const address = ip.startsWith('::ffff:') && isIpv4(ip.slice(7)) ? ip.slice(7) : ip;
  const [base, prefixText] = entry.split('/');
  if (isIpv4(base)) {
    if (!isIpv4(address)) return false;
    const bits = prefixText === undefined ? 32 : Number(prefixText);
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return (ipv4Number(address) & mask) >>> 0 === (ipv4Number(base) & mask) >>> 0;
  }
  const a = ipv6Groups(address);
  const b = ipv6Groups(base);
  if (!a || !b) return false;
  let bits = prefixText === undefined ? 128 : Number(prefixText);
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const take = Math.min(16, bits);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((a[i] & mask) !== (b[i] & mask)) return false;
  }
  return true;
}

/** An IPv6 address as a 128-bit number, or undefined when it is not one. */
export function ipv6Value(text: string): bigint | undefined {
  return ipv6Groups(text)?.reduce((n, g) => (n << 16n) | BigInt(g), 0n);
}

/** A 128-bit number written as WHM prints IPv6 range addresses: eight groups of four digits (ipv6_range_list sample, seed 004). */
export function ipv6Text(value: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16).padStart(4, '0'));
  return groups.join(':');
}
