import { prepare, type DB } from '../../../state/database.js';

/** The values a settings setter stored under `key` (see families/pair.ts), or an empty object. */
export function storedSettings(db: DB, key: string): Record<string, unknown> {
  const row = prepare<[string], { value: string }>(db, 'SELECT value FROM whm_stored WHERE key = ?').get(key);
  return row ? (JSON.parse(row.value) as Record<string, unknown>) : {};
}

export function saveStoredSettings(db: DB, key: string, values: Record<string, unknown>): void {
  prepare(db, 'INSERT INTO whm_stored (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(values));
}

/*
 * Server-side lists that tier-2 writes keep and their reads show (SSH keys,
 * cPHulk lists, PHP versions per vhost), one JSON value each in whm_stored
 * under a `list:` key, apart from the settings pairs' keys (above).
 */

/** Most entries one list keeps: a call's work stays bounded however many writes came before. */
export const MAX_LIST_ENTRIES = 1000;

/** The list stored under `key`, or `fallback` when none is. */
export function readList<T>(db: DB, key: string, fallback: T): T {
  const row = prepare<[string], { value: string }>(db, 'SELECT value FROM whm_stored WHERE key = ?').get(`list:${key}`);
  return row ? (JSON.parse(row.value) as T) : fallback;
}

/** Replaces the list stored under `key`. */
export function writeList(db: DB, key: string, value: unknown): void {
  prepare(db, 'INSERT INTO whm_stored (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    `list:${key}`,
    JSON.stringify(value),
  );
}

/** The stored list of an account's SSH keys (importsshkey, listsshkeys). */
export const sshKeysList = (user: string): string => `sshkeys:${user}`;
/** The stored list of an account's AutoSSL-excluded domains. */
export const autosslExcludedList = (user: string): string => `autossl-excluded:${user}`;
/** The stored list of an account's service proxy backends. */
export const proxyBackendsList = (user: string): string => `service-proxy:${user}`;
/** The stored list of a user's SSL storage (generatessl's keys, requests, certificates). */
export const sslStorageList = (user: string): string => `ssl-storage:${user}`;
/** The per-account lists: forgotten with the account, renamed with it. */
const ACCOUNT_LISTS = [sshKeysList, autosslExcludedList, proxyBackendsList, sslStorageList];

/** The stored map of account → assigned enhancement names. */
export const ENHANCEMENT_ASSIGNMENTS = 'enhancement-assignments';
/** The stored map of user → 2FA secret (store/two-factor.ts). */
export const TFA_SECRETS = 'tfa-secrets';
/** The stored map of user → 2FA issuer (store/two-factor.ts). */
export const TFA_ISSUERS = 'tfa-issuers';
/** The stored map of user → "must change the password at the next login" (forcepasswordchange). */
export const FORCE_PASSWORD_FLAGS = 'force-password';

/** Stored maps keyed by account name: an account's entry goes with the account. */
const ACCOUNT_KEYED_MAPS = [ENHANCEMENT_ASSIGNMENTS, TFA_SECRETS, TFA_ISSUERS, FORCE_PASSWORD_FLAGS];

/** Sets (or, for undefined, removes) one account's entry in a stored map keyed by account name. */
export function setAccountEntry(db: DB, key: string, user: string, value: unknown): void {
  const map = readList<Record<string, unknown>>(db, key, {});
  if (value === undefined) delete map[user];
  else map[user] = value;
  writeList(db, key, map);
}

/**
 * Forgets what the stored lists keep about an account that is removed: its
 * SSH keys, AutoSSL exclusions, service proxying, SSL storage, account
 * enhancements, 2FA secret and issuer and forced-password flag, so a new
 * account of the same name inherits none of them (removals cascade as on a
 * real server, where they live with the account's home and cpuser data).
 */
export function forgetAccountLists(db: DB, user: string): void {
  for (const key of ACCOUNT_LISTS) prepare(db, 'DELETE FROM whm_stored WHERE key = ?').run(`list:${key(user)}`);
  for (const key of ACCOUNT_KEYED_MAPS) {
    if (Object.prototype.hasOwnProperty.call(readList<Record<string, unknown>>(db, key, {}), user)) setAccountEntry(db, key, user, undefined);
  }
}

/** Moves an account's own lists to its new name (modifyacct newuser), so they stay with the account and a later account of the old name starts without them. */
export function renameAccountLists(db: DB, from: string, to: string): void {
  for (const key of ACCOUNT_LISTS) {
    prepare(db, 'DELETE FROM whm_stored WHERE key = ?').run(`list:${key(to)}`);
    prepare(db, 'UPDATE whm_stored SET key = ? WHERE key = ?').run(`list:${key(to)}`, `list:${key(from)}`);
  }
  for (const key of ACCOUNT_KEYED_MAPS) {
    const map = readList<Record<string, unknown>>(db, key, {});
    if (!Object.prototype.hasOwnProperty.call(map, from)) continue;
    setAccountEntry(db, key, to, map[from]);
    setAccountEntry(db, key, from, undefined);
  }
}
