import { prepare, type DB } from '../../../state/database.js';

export type DbType = 'mysql' | 'postgresql';

export interface DbRow {
  id: number;
  name: string;
  db_type: DbType;
  machine: string;
  owner_id: number | null;
}

export interface DbUserRow {
  id: number;
  username: string;
  db_type: DbType;
  machine: string;
}

const DB_SELECT = 'SELECT d.id, d.name, d.db_type, m.name AS machine, d.owner_id FROM wf_db d JOIN wf_machine m ON m.id = d.machine_id';
const USER_SELECT = 'SELECT u.id, u.username, u.db_type, m.name AS machine FROM wf_db_user u JOIN wf_machine m ON m.id = u.machine_id';

export function findDatabase(db: DB, accountId: number, name: string, type: DbType): DbRow | undefined {
  return prepare<[number, string, string], DbRow>(db, `${DB_SELECT} WHERE d.account_id = ? AND d.name = ? AND d.db_type = ?`).get(accountId, name, type);
}

export function listDatabases(db: DB, accountId: number): DbRow[] {
  return prepare<[number], DbRow>(db, `${DB_SELECT} WHERE d.account_id = ? ORDER BY d.id`).all(accountId);
}

export function insertDatabase(db: DB, d: { accountId: number; machineId: number; name: string; type: DbType; ownerId: number }): number {
  return Number(
    prepare(db, 'INSERT INTO wf_db (account_id, machine_id, name, db_type, owner_id) VALUES (?, ?, ?, ?, ?)').run(
      d.accountId,
      d.machineId,
      d.name,
      d.type,
      d.ownerId,
    ).lastInsertRowid,
  );
}

export function deleteDatabase(db: DB, id: number): void {
  prepare(db, 'DELETE FROM wf_db WHERE id = ?').run(id);
}

/** The first database (by id) the user owns, if any. */
export function databaseOwnedBy(db: DB, userId: number): string | undefined {
  return prepare<[number], { name: string }>(db, 'SELECT name FROM wf_db WHERE owner_id = ? ORDER BY id').get(userId)?.name;
}

export function setDatabaseOwner(db: DB, dbId: number, userId: number): void {
  prepare(db, 'UPDATE wf_db SET owner_id = ? WHERE id = ?').run(userId, dbId);
}

export function findDbUser(db: DB, accountId: number, username: string, type: DbType): DbUserRow | undefined {
  return prepare<[number, string, string], DbUserRow>(db, `${USER_SELECT} WHERE u.account_id = ? AND u.username = ? AND u.db_type = ?`).get(
    accountId,
    username,
    type,
  );
}

export function listDbUsers(db: DB, accountId: number): DbUserRow[] {
  return prepare<[number], DbUserRow>(db, `${USER_SELECT} WHERE u.account_id = ? ORDER BY u.id`).all(accountId);
}

export function insertDbUser(db: DB, u: { accountId: number; machineId: number; username: string; type: DbType; password: string }): number {
  return Number(
    prepare(db, 'INSERT INTO wf_db_user (account_id, machine_id, username, db_type, password) VALUES (?, ?, ?, ?, ?)').run(
      u.accountId,
      u.machineId,
      u.username,
      u.type,
      u.password,
    ).lastInsertRowid,
  );
}

export function setDbUserPassword(db: DB, userId: number, password: string): void {
  prepare(db, 'UPDATE wf_db_user SET password = ? WHERE id = ?').run(password, userId);
}

export function deleteDbUser(db: DB, userId: number): void {
  prepare(db, 'DELETE FROM wf_db_user WHERE id = ?').run(userId);
}

/** Grants the user permissions on the database (nothing changes when it has them). */
export function grant(db: DB, dbId: number, userId: number): void {
  prepare(db, 'INSERT OR IGNORE INTO wf_db_grant (db_id, user_id) VALUES (?, ?)').run(dbId, userId);
}

/** Revokes the user's permissions on the database; false when it had none. */
export function revoke(db: DB, dbId: number, userId: number): boolean {
  return prepare(db, 'DELETE FROM wf_db_grant WHERE db_id = ? AND user_id = ?').run(dbId, userId).changes > 0;
}

/** Enables an addon (nothing changes when it is enabled). */
export function enableAddon(db: DB, dbId: number, addon: string): void {
  prepare(db, 'INSERT OR IGNORE INTO wf_db_addon (db_id, addon) VALUES (?, ?)').run(dbId, addon);
}

/** The account's databases of one type with their machines, for list_disk_usage. */
export function databasesOfType(db: DB, accountId: number, type: DbType): { name: string; machine: string }[] {
  return prepare<[number, string], { name: string; machine: string }>(
    db,
    'SELECT d.name, m.name AS machine FROM wf_db d JOIN wf_machine m ON m.id = d.machine_id WHERE d.account_id = ? AND d.db_type = ? ORDER BY d.id',
  ).all(accountId, type);
}
