import { prepare, type DB } from '../../../state/database.js';
import { sqlName } from '../schema/index.js';
import type { RecordScope } from './scope.js';
import { intval, looseEquals, serialize, str } from '../engine/php.js';
import { rowOf } from './records.js';
import { exec, queryAll, queryOne } from './sql.js';

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
  if (datalog)
    datalogSave(
      scope,
      table,
      'i',
      pk,
      id,
      undefined,
      rowOf(prepare<[string], Record<string, unknown>>(scope.db, `SELECT * FROM ${sqlName(table)} WHERE "${pk}" = ?`).get(String(id))),
      'admin',
    );
  return id;
}

/** `$app->db->datalogUpdate($table, $values, $pk, $id)` for the admin methods: writes the values and queues the change, nothing when the row is missing. */
export function datalogUpdateExisting(scope: RecordScope, table: string, pk: string, id: unknown, values: Record<string, unknown>): void {
  const read = () => queryOne(scope.db, `SELECT * FROM ${sqlName(table)} WHERE "${pk}" = ?`, str(id));
  const old = read();
  const names = Object.keys(values);
  if (!old || !names.length) return;
  exec(
    scope.db,
    `UPDATE ${sqlName(table)} SET ${names.map((n) => `"${n}" = ?`).join(', ')} WHERE "${pk}" = ?`,
    ...names.map((n) => (values[n] === null ? null : str(values[n]))),
    str(id),
  );
  datalogSave(scope, table, 'u', pk, str(id), old, read(), 'admin');
}

const DATALOG_COLUMNS = 'datalog_id, server_id, dbtable, dbidx, action, tstamp, user, data, status, error';

/** Change-queue entries since a time, newest first. */
export function datalogSince(db: DB, tstamp: number): Row[] {
  return queryAll(db, `SELECT ${DATALOG_COLUMNS} FROM ${sqlName('sys_datalog')} WHERE CAST(tstamp AS INTEGER) >= ? ORDER BY datalog_id DESC`, tstamp);
}

/** One change-queue entry, or with `andNewer` every entry from that id on, newest first. */
export function datalogEntries(db: DB, id: number, andNewer: boolean): Row[] {
  return queryAll(db, `SELECT ${DATALOG_COLUMNS} FROM ${sqlName('sys_datalog')} WHERE datalog_id ${andNewer ? '>=' : '='} ? ORDER BY datalog_id DESC`, id);
}

/** Datalog entries the servers have not processed yet (beyond each server's `updated` mark), as MySQL's count string; undefined for no server. */
export function pendingJobCount(db: DB, serverId: number): string | undefined {
  const servers =
    serverId === 0
      ? queryAll(db, `SELECT server_id, updated FROM ${sqlName('server')}`)
      : queryAll(db, `SELECT server_id, updated FROM ${sqlName('server')} WHERE server_id = ?`, serverId);
  if (!servers.length) return undefined;
  const where = servers.map(() => '(datalog_id > ? AND server_id IN (0, ?))').join(' OR ');
  const row = queryOne(
    db,
    `SELECT count(datalog_id) AS jobqueue_count FROM ${sqlName('sys_datalog')} WHERE ${where}`,
    ...servers.flatMap((s) => [intval(s.updated), intval(s.server_id)]),
  );
  return row?.jobqueue_count ?? '0';
}
