import { prepare, type DB } from '../../../state/database.js';
import { ipv6Text, ipv6Value } from '../ip.js';

/*
 * IPv6 address ranges (ipv6_range_*) and the addresses they hand to
 * accounts (ipv6_enable_account writes whm_account.ipv6, which listaccts,
 * accountsummary and listipv6s read). Addresses are handed out in order
 * from the range's first address; one taken back is "reclaimed" and not
 * handed out again (seed 004, ipv6_disable_account: enabling again assigns
 * a different address). Removing the account frees its address.
 */

export interface Ipv6RangeRow {
  name: string;
  cidr: string;
  enabled: number;
  note: string | null;
  owner: string;
  next_offset: string;
  mostrecent: string | null;
  reclaimed: string;
}

/** Most ranges the server keeps. */
export const MAX_IPV6_RANGES = 200;
/** Most reclaimed addresses a range remembers. */
const MAX_RECLAIMED = 1000;

/** A range's first address and size, from its CIDR (`2001:db8::/64`). */
export function rangeBounds(cidr: string): { first: bigint; size: bigint; prefix: number } | undefined {
  const [addr, prefixText, ...rest] = cidr.split('/');
  const value = ipv6Value(addr);
  if (value === undefined || rest.length || !/^\d{1,3}$/.test(prefixText ?? '')) return undefined;
  const prefix = Number(prefixText);
  if (prefix < 1 || prefix > 128) return undefined;
  const size = 1n << BigInt(128 - prefix);
  return { first: value & ~(size - 1n) & ((1n << 128n) - 1n), size, prefix };
}

export function inIpv6Range(cidr: string, address: string): boolean {
  const b = rangeBounds(cidr);
  const v = ipv6Value(address);
  return !!b && v !== undefined && v >= b.first && v < b.first + b.size;
}

export function ipv6Ranges(db: DB): Ipv6RangeRow[] {
  return prepare<[], Ipv6RangeRow>(db, 'SELECT * FROM whm_ipv6_range ORDER BY name').all();
}

export function ipv6Range(db: DB, name: string): Ipv6RangeRow | undefined {
  return prepare<[string], Ipv6RangeRow>(db, 'SELECT * FROM whm_ipv6_range WHERE name = ?').get(name);
}

export function addIpv6Range(db: DB, row: Pick<Ipv6RangeRow, 'name' | 'cidr' | 'enabled' | 'note' | 'owner'>): void {
  prepare(db, 'INSERT INTO whm_ipv6_range (name, cidr, enabled, note, owner) VALUES (@name, @cidr, @enabled, @note, @owner)').run(row);
}

export function editIpv6Range(db: DB, name: string, changes: { name?: string; note?: string }): void {
  const row = ipv6Range(db, name)!;
  prepare(db, 'UPDATE whm_ipv6_range SET name = ?, note = ? WHERE name = ?').run(changes.name ?? row.name, changes.note ?? row.note, name);
}

export function removeIpv6Range(db: DB, name: string): void {
  prepare(db, 'DELETE FROM whm_ipv6_range WHERE name = ?').run(name);
}

/** The accounts holding an address of the range, with their addresses. */
export function rangeUsers(db: DB, cidr: string): { user: string; ipv6: string }[] {
  return prepare<[], { user: string; ipv6: string }>(db, 'SELECT user, ipv6 FROM whm_account WHERE ipv6 IS NOT NULL ORDER BY user')
    .all()
    .filter((r) => inIpv6Range(cidr, r.ipv6));
}

/** Every account's IPv6 address, sorted (the addresses bound to the server: listipv6s). */
export function assignedIpv6s(db: DB): string[] {
  return prepare<[], { ipv6: string }>(db, 'SELECT DISTINCT ipv6 FROM whm_account WHERE ipv6 IS NOT NULL ORDER BY ipv6')
    .all()
    .map((r) => r.ipv6);
}

/** Gives the account the range's next address; undefined when the range has none left. */
export function assignIpv6(db: DB, range: Ipv6RangeRow, user: string): string | undefined {
  const b = rangeBounds(range.cidr)!;
  const offset = BigInt(range.next_offset);
  if (offset >= b.size) return undefined;
  const address = ipv6Text(b.first + offset);
  prepare(db, 'UPDATE whm_ipv6_range SET next_offset = ?, mostrecent = ? WHERE name = ?').run(String(offset + 1n), address, range.name);
  prepare(db, 'UPDATE whm_account SET ipv6 = ? WHERE user = ?').run(address, user);
  return address;
}

/** Takes the account's address back; it joins its range's reclaimed list (bounded to the most recent ones). */
export function unassignIpv6(db: DB, user: string, address: string): void {
  prepare(db, 'UPDATE whm_account SET ipv6 = NULL WHERE user = ?').run(user);
  const range = ipv6Ranges(db).find((r) => inIpv6Range(r.cidr, address));
  if (!range) return;
  const reclaimed = [...(JSON.parse(range.reclaimed) as string[]), address].slice(-MAX_RECLAIMED);
  prepare(db, 'UPDATE whm_ipv6_range SET reclaimed = ? WHERE name = ?').run(JSON.stringify(reclaimed), range.name);
}
