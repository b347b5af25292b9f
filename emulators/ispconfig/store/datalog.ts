import { prepare } from '../../../state/database.js';
import { sqlName } from '../schema/index.js';
import type { RecordScope } from './scope.js';
import { intval, looseEquals, serialize } from '../engine/php.js';
import { rowOf } from './records.js';

export type Row = Record<string, string | null>;

/**
 * `db->datalogSave()`: queues a change for the server daemons in
 * sys_datalog — `{new, old}` PHP-serialized, written only when some value
 * differs (loosely, as PHP's `!=` does). `dbidx` is `<pk>:<id>`; inserts
 * through the form helpers pass an undefined id, so theirs read `<pk>:`
 * (db_mysql.inc.php datalogSave, 3.2.11; the recorded 3.2.11 run: sys_datalog_get_by_tstamp).
 */
export function datalogSave(
  call: RecordScope,
  table: string,
  action: 'i' | 'u' | 'd',
  pkField: string,
  id: number | string,
  oldRow: Row | undefined,
  newRow: Row | undefined,
  username: string,
): void {
  const diff: { old: Row; new: Row } = { old: {}, new: {} };
  let changed = 0;
  let first: 'old' | 'new' = 'new';
  if (oldRow && Object.keys(oldRow).length) {
    first = 'old';
    for (const [k, v] of Object.entries(oldRow)) {
      const n = newRow?.[k] ?? null;
      if (!looseEquals(n, v)) changed++;
      diff.old[k] = v;
      diff.new[k] = looseEquals(n, v) ? v : n;
    }
  } else if (newRow) {
    for (const [k, v] of Object.entries(newRow)) {
      if (v !== null && !looseEquals(null, v)) changed++;
      diff.new[k] = v;
      diff.old[k] = v !== null && !looseEquals(null, v) ? null : v;
    }
  }
  if (!changed) return;
  const data = first === 'new' ? { new: diff.new, old: diff.old } : { old: diff.old, new: diff.new };
  const serverId = newRow && 'server_id' in newRow ? newRow.server_id : oldRow && intval(oldRow.server_id) > 0 ? oldRow.server_id : '0';
  prepare(
    call.db,
    `INSERT INTO ${sqlName('sys_datalog')} (dbtable, dbidx, server_id, action, tstamp, user, data, session_id, status) VALUES (?, ?, ?, ?, ?, ?, ?, '', 'ok')`,
  ).run(table, `${pkField}:${id}`, String(intval(serverId)), action, String(call.now()), username || 'admin', serialize(data));
}

/** `$app->db->datalogInsert()` (no form, no validation), or with `datalog` false a plain INSERT with no change queued; the new id. */
export function datalogInsert(scope: RecordScope, table: string, pk: string, row: Record<string, string | null>, datalog = true): number {
  const names = Object.keys(row);
  const info = prepare(scope.db, `INSERT INTO ${sqlName(table)} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
    ...names.map((n) => row[n]),
  );
  const id = Number(info.lastInsertRowid);
  if (datalog) datalogSave(scope, table, 'i', pk, id, undefined, rowOf(prepare<[string], Record<string, unknown>>(scope.db, `SELECT * FROM ${sqlName(table)} WHERE "${pk}" = ?`).get(String(id))), 'admin');
  return id;
}
