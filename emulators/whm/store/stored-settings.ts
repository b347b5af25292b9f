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
/** The stored map of account → assigned enhancement names. */
export const ENHANCEMENT_ASSIGNMENTS = 'enhancement-assignments';

/**
 * Forgets what the stored lists keep about an account that is removed: its
 * SSH keys and its account enhancements, so a new account of the same name
 * inherits neither (removals cascade as on a real server, where both live
 * with the account's home and cpuser data).
 */
export function forgetAccountLists(db: DB, user: string): void {
  prepare(db, 'DELETE FROM whm_stored WHERE key = ?').run(`list:${sshKeysList(user)}`);
  const assigned = readList<Record<string, string[]>>(db, ENHANCEMENT_ASSIGNMENTS, {});
  if (Object.prototype.hasOwnProperty.call(assigned, user)) {
    delete assigned[user];
    writeList(db, ENHANCEMENT_ASSIGNMENTS, assigned);
  }
}
