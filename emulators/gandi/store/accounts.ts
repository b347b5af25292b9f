import { prepare, type DB } from '../../../state/database.js';

/** An account as the methods show it. */
export interface AccountRow {
  id: number;
  handle: string;
  fullname: string;
  currency: string;
  balance_cents: number;
}

/** An account as `login` and `su` check it. */
export interface LoginRow {
  id: number;
  handle: string;
  password: string;
  reseller_id: number | null;
}

export function accountById(db: DB, id: number): AccountRow {
  return prepare<[number], AccountRow>(db, 'SELECT id, handle, fullname, currency, balance_cents FROM gandi_account WHERE id = ?').get(id)!;
}

/** The account a handle names (handles compare case-insensitively, schema.ts). */
export function accountByHandle(db: DB, handle: string): LoginRow | undefined {
  return prepare<[string], LoginRow>(db, 'SELECT id, handle, password, reseller_id FROM gandi_account WHERE handle = ?').get(handle);
}

export function insertAccount(
  db: DB,
  a: { handle: string; password: string; fullname: string; currency: string; balanceCents: number; resellerId: number | null },
): number {
  return Number(
    prepare(db, 'INSERT INTO gandi_account (handle, password, fullname, currency, balance_cents, reseller_id) VALUES (?, ?, ?, ?, ?, ?)').run(
      a.handle,
      a.password,
      a.fullname,
      a.currency,
      a.balanceCents,
      a.resellerId,
    ).lastInsertRowid,
  );
}

/** Adds `cents` (negative: takes them) to the prepaid balance. */
export function addToBalance(db: DB, id: number, cents: number): void {
  prepare(db, 'UPDATE gandi_account SET balance_cents = balance_cents + ? WHERE id = ?').run(cents, id);
}
