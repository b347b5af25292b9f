import { prepare, type DB } from '../../../state/database.js';
import { rowOf, rowsOf } from './records.js';
import type { Row } from './datalog.js';

// `$app->db->queryOneRecord / queryAllRecords / query` for the store's hand-written statements.
// SQL names tables with sqlName(); values bind as strings, as PHP's mysqli layer sends them.

function bind(params: unknown[]): unknown[] {
  return params.map((p) => (p === null || p === undefined ? null : typeof p === 'string' ? p : String(p)));
}

export function queryOne(db: DB, sql: string, ...params: unknown[]): Row | undefined {
  return rowOf(prepare<unknown[], Record<string, unknown>>(db, sql).get(...bind(params)));
}

export function queryAll(db: DB, sql: string, ...params: unknown[]): Row[] {
  return rowsOf(prepare<unknown[], Record<string, unknown>>(db, sql).all(...bind(params)));
}

/** Runs a write; returns MySQL's affected rows. */
export function exec(db: DB, sql: string, ...params: unknown[]): number {
  return prepare(db, sql).run(...bind(params)).changes;
}
