import { prepare, type DB } from '../../../state/database.js';

/** The values a settings setter stored under `key` (see methods/settings-pairs.ts), or an empty object. */
export function storedSettings(db: DB, key: string): Record<string, unknown> {
  const row = prepare<[string], { value: string }>(db, 'SELECT value FROM whm_stored WHERE key = ?').get(key);
  return row ? (JSON.parse(row.value) as Record<string, unknown>) : {};
}

export function saveStoredSettings(db: DB, key: string, values: Record<string, unknown>): void {
  prepare(db, 'INSERT INTO whm_stored (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(values));
}
