import { prepare, type DB } from '../../state/database.js';

export interface AccountRow {
  id: number;
  handle: string;
  fullname: string;
  currency: string;
  balance_cents: number;
}

export function account(db: DB, id: number): AccountRow {
  return prepare<[number], AccountRow>(db, 'SELECT id, handle, fullname, currency, balance_cents FROM gandi_account WHERE id = ?').get(id)!;
}

/** Cents as the decimal figure a client reads (`12.5`, `1000`). */
export function money(cents: number): number {
  return cents / 100;
}
