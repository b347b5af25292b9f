import { prepare, type DB } from '../../../state/database.js';
import { accountRecord, type AccountRow } from './accounts.js';

/*
 * listaccts on 10,000 accounts spends most of its time reading rows and
 * building records. Both are kept per database until an account row
 * changes: triggers on whm_account (schema.ts, version 2) call the SQL
 * function registered here, which moves a counter kept in the process.
 * The counter is not part of the database, so a rolled-back change still
 * invalidates (conservative), and a reset or restored world is a new
 * database object with a cache of its own.
 */

const changes = new WeakMap<DB, number>();

interface Cached {
  version: number;
  rows: readonly AccountRow[];
  records: readonly Readonly<Record<string, unknown>>[];
}

const cache = new WeakMap<DB, Cached>();

/** Registers the SQL function the account triggers call; every code path that writes accounts calls this first. */
export function trackAccounts(db: DB): void {
  if (changes.has(db)) return;
  changes.set(db, 0);
  db.function('whm_accounts_changed', { deterministic: false }, () => {
    changes.set(db, (changes.get(db) ?? 0) + 1);
    return null;
  });
}

/** Every account row in username order with its listaccts record; shared, so callers must not modify them. */
export function allAccounts(db: DB): Cached {
  trackAccounts(db);
  const version = changes.get(db)!;
  const hit = cache.get(db);
  if (hit && hit.version === version) return hit;
  const rows = prepare<[], AccountRow>(db, 'SELECT * FROM whm_account ORDER BY user').all();
  const entry: Cached = { version, rows, records: rows.map(accountRecord) };
  cache.set(db, entry);
  return entry;
}
