import { prepare, type DB } from '../../../state/database.js';

/*
 * cPanel sessions live in WHM's whm_session table (service `cpaneld`), so a
 * session from WHM's create_user_session and one from the cPanel `/login`
 * form are the same kind of row.
 */

/** The account user of a live cPanel session, or undefined. */
export function accountSession(db: DB, session: string, now: number): string | undefined {
  return prepare<[string, number], { user: string }>(db, "SELECT user FROM whm_session WHERE token = ? AND service = 'cpaneld' AND expires > ?").get(
    session,
    now,
  )?.user;
}

export function insertAccountSession(db: DB, session: string, user: string, expires: number): void {
  prepare(db, "INSERT INTO whm_session (token, user, service, expires) VALUES (?, ?, 'cpaneld', ?)").run(session, user, expires);
}
