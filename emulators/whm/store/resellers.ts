import type { Contract } from '../../../contracts/contract.js';
import { prepare, type DB } from '../../../state/database.js';

export interface ResellerRow {
  user: string;
  acllist: string | null;
  acls: string;
  limits: string;
  nameservers: string;
  ips: string;
  main_ip: string | null;
  package_limits: string;
  suspended: number;
  suspend_reason: string;
}

export interface ResellerLimits {
  enable_account_limit?: number;
  account_limit?: number;
  enable_resource_limits?: number;
  diskspace_limit?: number;
  bandwidth_limit?: number;
  enable_overselling?: number;
  enable_overselling_bandwidth?: number;
  enable_overselling_diskspace?: number;
  enable_package_limits?: number;
  enable_package_limit_numbers?: number;
}

/** Per package: may the reseller use it, and how many accounts (no_limit: any number). */
export type PackageLimits = Record<string, { allowed: number; number?: number; no_limit?: number }>;

let privilegeCache: { contract: Contract; names: string[] } | undefined;

/** The privilege names a documented sample shows (myprivs and listacls print slightly different sets). */
export function samplePrivilegeNames(contract: Contract, fn: 'myprivs' | 'listacls'): string[] {
  const sample = contract.methods.find((m) => m.name === fn)?.returns?.sample as { data?: Record<string, unknown> } | undefined;
  const data = sample?.data;
  const flags =
    fn === 'myprivs'
      ? (data?.privileges as Record<string, unknown>[] | undefined)?.[0]
      : (data?.acl as { privileges?: Record<string, unknown> }[] | undefined)?.[0]?.privileges;
  return Object.keys(flags ?? {}).sort();
}

/**
 * Every WHM privilege name, from the contract itself: the `acl-*`
 * parameters of setacls and the keys of the documented myprivs/listacls
 * samples (the two lists differ slightly; WHM knows the union).
 */
export function allPrivileges(contract: Contract): string[] {
  if (privilegeCache?.contract === contract) return privilegeCache.names;
  const names = new Set<string>();
  const byName = new Map(contract.methods.map((m) => [m.name, m]));
  for (const p of byName.get('setacls')?.params ?? []) if (p.name.startsWith('acl-')) names.add(p.name.slice(4));
  for (const fn of ['myprivs', 'listacls'] as const) for (const k of samplePrivilegeNames(contract, fn)) names.add(k);
  const sorted = [...names].sort();
  privilegeCache = { contract, names: sorted };
  return sorted;
}

export function getReseller(db: DB, user: string): ResellerRow | undefined {
  return prepare<[string], ResellerRow>(db, 'SELECT * FROM whm_reseller WHERE user = ?').get(user);
}

export function resellerAcls(row: ResellerRow): string[] {
  return JSON.parse(row.acls) as string[];
}

export function aclList(db: DB, name: string): string[] | undefined {
  const row = prepare<[string], { privileges: string }>(db, 'SELECT privileges FROM whm_acl_list WHERE name = ?').get(name);
  return row ? (JSON.parse(row.privileges) as string[]) : undefined;
}

/** `{privilege: 0|1}` over every known privilege, as myprivs and listacls print them. */
export function privilegeFlags(all: string[], held: Iterable<string>): Record<string, number> {
  const set = new Set(held);
  const every = set.has('all');
  return Object.fromEntries(all.map((p) => [p, every || set.has(p) ? 1 : 0]));
}

export function resellerLimits(row: ResellerRow): ResellerLimits {
  return JSON.parse(row.limits) as ResellerLimits;
}

export function resellerPackageLimits(row: ResellerRow): PackageLimits {
  return JSON.parse(row.package_limits) as PackageLimits;
}

export function updateReseller(db: DB, user: string, changes: Partial<ResellerRow>): void {
  const keys = Object.keys(changes) as (keyof ResellerRow)[];
  if (!keys.length) return;
  prepare(db, `UPDATE whm_reseller SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE user = @__user`).run({ ...changes, __user: user });
}

export function listResellerNames(db: DB): string[] {
  return prepare<[], { user: string }>(db, 'SELECT user FROM whm_reseller ORDER BY user')
    .all()
    .map((r) => r.user);
}

/** Makes the user a reseller (no privileges yet); nothing when it already is one. */
export function makeReseller(db: DB, user: string): void {
  prepare(db, 'INSERT OR IGNORE INTO whm_reseller (user) VALUES (?)').run(user);
}

export function deleteReseller(db: DB, user: string): void {
  prepare(db, 'DELETE FROM whm_reseller WHERE user = ?').run(user);
}

/** A reseller's main IP address, or undefined (none set, or not a reseller). */
export function resellerMainIp(db: DB, user: string): string | undefined {
  return prepare<[string], { main_ip: string | null }>(db, 'SELECT main_ip FROM whm_reseller WHERE user = ?').get(user)?.main_ip ?? undefined;
}

/** Every saved privilege list (`whm_acl_list`), by name; privileges is a JSON list. */
export function aclLists(db: DB): { name: string; privileges: string }[] {
  return prepare<[], { name: string; privileges: string }>(db, 'SELECT * FROM whm_acl_list ORDER BY name').all();
}

/** Saves a privilege list and gives its privileges to every reseller that uses it. */
export function saveAclList(db: DB, name: string, acls: string[]): void {
  prepare(db, 'INSERT INTO whm_acl_list (name, privileges) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET privileges = excluded.privileges').run(
    name,
    JSON.stringify(acls),
  );
  prepare(db, 'UPDATE whm_reseller SET acls = ? WHERE acllist = ?').run(JSON.stringify(acls), name);
}
