import { prepare, type DB } from '../../../state/database.js';

/**
 * A hosting plan's settings under WHM's UPPERCASE names. Limits are
 * 'unlimited' or a number; flags 0/1.
 */
export interface PackageSettings {
  QUOTA: number | 'unlimited';
  BWLIMIT: number | 'unlimited';
  MAXPOP: number | 'unlimited';
  MAXSQL: number | 'unlimited';
  MAXFTP: number | 'unlimited';
  MAXLST: number | 'unlimited';
  MAXSUB: number | 'unlimited';
  MAXPARK: number | 'unlimited';
  MAXADDON: number | 'unlimited';
  MAX_EMAILACCT_QUOTA: number | 'unlimited';
  MAX_EMAIL_PER_HOUR: number | 'unlimited';
  MAX_DEFER_FAIL_PERCENTAGE: number | 'unlimited';
  MAX_TEAM_USERS: number;
  CGI: number;
  HASSHELL: number;
  IP: number;
  DIGESTAUTH: number;
  FRONTPAGE: number;
  CPMOD: string;
  FEATURELIST: string;
  LANG: string;
  _PACKAGE_EXTENSIONS: string;
}

/** The limit keys, each with the lowercase argument name addpkg/editpkg/createacct take for it. */
export const LIMIT_KEYS = [
  'QUOTA',
  'BWLIMIT',
  'MAXPOP',
  'MAXSQL',
  'MAXFTP',
  'MAXLST',
  'MAXSUB',
  'MAXPARK',
  'MAXADDON',
  'MAX_EMAILACCT_QUOTA',
  'MAX_EMAIL_PER_HOUR',
  'MAX_DEFER_FAIL_PERCENTAGE',
] as const;
export type LimitKey = (typeof LIMIT_KEYS)[number];

export const FLAG_KEYS = ['CGI', 'HASSHELL', 'IP', 'DIGESTAUTH', 'FRONTPAGE'] as const;
export type FlagKey = (typeof FLAG_KEYS)[number];

/** addpkg's documented defaults (quota 10240 MB, bwlimit 1048576 MB, no parked or addon domains, everything else unlimited). */
export function defaultPackage(): PackageSettings {
  return {
    QUOTA: 10240,
    BWLIMIT: 1048576,
    MAXPOP: 'unlimited',
    MAXSQL: 'unlimited',
    MAXFTP: 'unlimited',
    MAXLST: 'unlimited',
    MAXSUB: 'unlimited',
    MAXPARK: 0,
    MAXADDON: 0,
    MAX_EMAILACCT_QUOTA: 1024,
    MAX_EMAIL_PER_HOUR: 'unlimited',
    MAX_DEFER_FAIL_PERCENTAGE: 'unlimited',
    MAX_TEAM_USERS: 7,
    CGI: 1,
    HASSHELL: 0,
    IP: 0,
    DIGESTAUTH: 0,
    FRONTPAGE: 0,
    CPMOD: 'jupiter',
    FEATURELIST: 'default',
    LANG: 'en',
    _PACKAGE_EXTENSIONS: '',
  };
}

export interface PackageRow {
  name: string;
  owner: string;
  settings: PackageSettings;
}

export function getPackage(db: DB, name: string): PackageRow | undefined {
  const row = prepare<[string], { name: string; owner: string; settings: string }>(db, 'SELECT * FROM whm_package WHERE name = ?').get(name);
  return row ? { name: row.name, owner: row.owner, settings: JSON.parse(row.settings) as PackageSettings } : undefined;
}

export function listPackages(db: DB): PackageRow[] {
  return prepare<[], { name: string; owner: string; settings: string }>(db, 'SELECT * FROM whm_package ORDER BY name')
    .all()
    .map((r) => ({ name: r.name, owner: r.owner, settings: JSON.parse(r.settings) as PackageSettings }));
}

export function savePackage(db: DB, name: string, owner: string, settings: PackageSettings): void {
  prepare(db, 'INSERT INTO whm_package (name, owner, settings) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET settings = excluded.settings').run(
    name,
    owner,
    JSON.stringify(settings),
  );
}

/** A limit as listaccts and listpkgs print it: "unlimited" or the number as a string. */
export function limitText(v: number | 'unlimited'): string {
  return v === 'unlimited' ? 'unlimited' : String(v);
}

/**
 * Reads a limit argument as WHM does: "unlimited", empty or null mean no
 * limit; for quota and bandwidth 0 also means none (createacct docs:
 * "0, unlimited, or null"). Returns undefined for anything else.
 */
export function parseLimit(raw: string, zeroIsUnlimited: boolean): number | 'unlimited' | undefined {
  const v = raw.trim().toLowerCase();
  if (v === '' || v === 'unlimited' || v === 'null') return 'unlimited';
  if (!/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n === 0 && zeroIsUnlimited ? 'unlimited' : n;
}

export function deletePackage(db: DB, name: string): void {
  prepare(db, 'DELETE FROM whm_package WHERE name = ?').run(name);
}
