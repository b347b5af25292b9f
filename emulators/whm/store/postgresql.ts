import { createHash } from 'node:crypto';
import { prepare, type DB } from '../../../state/database.js';

/*
 * An account's PostgreSQL databases and roles (seed 004, "Databases /
 * PostgreSQL Databases"; list_databases and list_database_users show them
 * with `engine: postgresql`). A role's password is kept as PostgreSQL's md5
 * verifier, md5(password + role name): the reason renaming a role needs its
 * password (rename_postgresql_user's required `password`).
 */

export type PgKind = 'database' | 'user';

const TABLE: Record<PgKind, string> = { database: 'whm_pg_db', user: 'whm_pg_user' };

/** PostgreSQL's md5 password verifier for a role. */
export function pgVerifier(role: string, password: string): string {
  return `md5${createHash('md5')
    .update(password + role)
    .digest('hex')}`;
}

/** The account owning the database or role, or undefined when there is none of that name. */
export function pgOwner(db: DB, kind: PgKind, name: string): string | undefined {
  return prepare<[string], { user: string }>(db, `SELECT user FROM ${TABLE[kind]} WHERE name = ?`).get(name)?.user;
}

/** The account's databases or roles, by name. */
export function pgNamesOf(db: DB, kind: PgKind, user: string): string[] {
  return prepare<[string], { name: string }>(db, `SELECT name FROM ${TABLE[kind]} WHERE user = ? ORDER BY name`)
    .all(user)
    .map((r) => r.name);
}

export function addPgDatabase(db: DB, user: string, name: string): void {
  prepare(db, 'INSERT INTO whm_pg_db (name, user) VALUES (?, ?)').run(name, user);
}

export function addPgUser(db: DB, user: string, name: string, password: string): void {
  prepare(db, 'INSERT INTO whm_pg_user (name, user, verifier) VALUES (?, ?, ?)').run(name, user, pgVerifier(name, password));
}

export function renamePgDatabase(db: DB, from: string, to: string): void {
  prepare(db, 'UPDATE whm_pg_db SET name = ? WHERE name = ?').run(to, from);
}

/** Renames a role; its verifier is made anew from the password under the new name. */
export function renamePgUser(db: DB, from: string, to: string, password: string): void {
  prepare(db, 'UPDATE whm_pg_user SET name = ?, verifier = ? WHERE name = ?').run(to, pgVerifier(to, password), from);
}

export function setPgPassword(db: DB, name: string, password: string): void {
  prepare(db, 'UPDATE whm_pg_user SET verifier = ? WHERE name = ?').run(pgVerifier(name, password), name);
}

/** True when `password` is the role's current password. */
export function pgPasswordMatches(db: DB, name: string, password: string): boolean {
  return prepare<[string], { verifier: string }>(db, 'SELECT verifier FROM whm_pg_user WHERE name = ?').get(name)?.verifier === pgVerifier(name, password);
}
