import { prepare, type DB } from '../../../state/database.js';

/** The account's mailboxes (full addresses), in order. */
export function mailboxesOf(db: DB, user: string): string[] {
  return prepare<[string], { email: string }>(db, 'SELECT email FROM whm_email WHERE user = ? ORDER BY email')
    .all(user)
    .map((r) => r.email);
}

/** The account that owns a MySQL database or database user, or undefined when there is none of that name. */
export function mysqlObjectOwner(db: DB, kind: 'database' | 'user', name: string): string | undefined {
  const table = kind === 'database' ? 'whm_mysql_db' : 'whm_mysql_user';
  return prepare<[string], { user: string }>(db, `SELECT user FROM ${table} WHERE name = ?`).get(name)?.user;
}

export function setMysqlUserPassword(db: DB, name: string, password: string): void {
  prepare(db, 'UPDATE whm_mysql_user SET password = ? WHERE name = ?').run(password, name);
}

/** The account that owns an email address, or undefined when there is no such mailbox. */
export function emailOwner(db: DB, email: string): string | undefined {
  return prepare<[string], { user: string }>(db, 'SELECT user FROM whm_email WHERE email = ?').get(email.toLowerCase())?.user;
}

/** Gives the mailboxes and forwarders of `domain` to another account (an addon domain converted into an account of its own). */
export function moveDomainMail(db: DB, from: string, to: string, domain: string): void {
  const at = `@${domain}`;
  prepare(db, 'UPDATE whm_email SET user = ? WHERE user = ? AND substr(email, -length(?)) = ?').run(to, from, at, at);
  prepare(db, 'UPDATE whm_forwarder SET user = ? WHERE user = ? AND substr(source, -length(?)) = ?').run(to, from, at, at);
}
