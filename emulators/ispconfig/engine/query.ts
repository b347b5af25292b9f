import { prepare } from '../../../state/database.js';
import type { IspCall } from './context.js';
import { rowOf, rowsOf } from './crud.js';
import type { Row } from './datalog.js';

// `$app->db->queryOneRecord / queryAllRecords / query` for the hand-written methods.
// SQL names tables with sqlName(); values bind as strings, as PHP's mysqli layer sends them.

function bind(params: unknown[]): unknown[] {
  return params.map((p) => (p === null || p === undefined ? null : typeof p === 'string' ? p : String(p)));
}

export function queryOne(call: IspCall, sql: string, ...params: unknown[]): Row | undefined {
  return rowOf(prepare<unknown[], Record<string, unknown>>(call.db, sql).get(...bind(params)));
}

export function queryAll(call: IspCall, sql: string, ...params: unknown[]): Row[] {
  return rowsOf(prepare<unknown[], Record<string, unknown>>(call.db, sql).all(...bind(params)));
}

/** Runs a write; returns MySQL's affected rows. */
export function exec(call: IspCall, sql: string, ...params: unknown[]): number {
  return prepare(call.db, sql).run(...bind(params)).changes;
}
