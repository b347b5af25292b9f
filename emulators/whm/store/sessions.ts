import { prepare, type DB } from '../../../state/database.js';

/* whostmgrd/cpaneld/webmaild login sessions: create_user_session's and those cpsrvd's /login makes (login.ts). */

/** cPanel's temporary sessions end after 15 minutes of inactivity (api.docs.cpanel.net, Guide to API Authentication - Single Sign On). */
export const SESSION_IDLE_SECONDS = 15 * 60;

/** A whostmgrd session as the gate reads it. */
export interface WhmSessionRow {
  user: string;
  expires: number;
  /** The `cpsessNNNNNNNNNN` the session was handed out under (by /login or create_user_session); null in rows stored before tokens were kept. */
  security_token: string | null;
}

/** A whostmgrd/cpaneld/webmaild login session (create_user_session), bound to the security token its URL names. */
export function insertSession(db: DB, token: string, user: string, service: string, expires: number, securityToken: string): void {
  prepare(db, 'INSERT INTO whm_session (token, user, service, expires, security_token) VALUES (?, ?, ?, ?, ?)').run(
    token,
    user,
    service,
    expires,
    securityToken,
  );
}

/** The user of a live whostmgrd session, or undefined. */
export function whostmgrSessionUser(db: DB, token: string, now: number): string | undefined {
  return prepare<[string, number], { user: string }>(db, "SELECT user FROM whm_session WHERE token = ? AND service = 'whostmgrd' AND expires > ?").get(
    token,
    now,
  )?.user;
}

/** Stores a session cpsrvd's /login made, bound to its security token. */
export function insertLoginSession(db: DB, session: { token: string; user: string; securityToken: string; expires: number }): void {
  prepare(db, "INSERT INTO whm_session (token, user, service, expires, security_token) VALUES (?, ?, 'whostmgrd', ?, ?)").run(
    session.token,
    session.user,
    session.expires,
    session.securityToken,
  );
}

/** The live whostmgrd session behind a cookie value, or undefined when there is none or it has expired. */
export function liveWhostmgrSession(db: DB, token: string, now: number): WhmSessionRow | undefined {
  return prepare<[string, number], WhmSessionRow>(
    db,
    "SELECT user, expires, security_token FROM whm_session WHERE token = ? AND service = 'whostmgrd' AND expires > ?",
  ).get(token, now);
}

/** Pushes a session's expiry to `expires` (sessions end after a span of inactivity, not of age). */
export function touchSession(db: DB, token: string, expires: number): void {
  prepare(db, 'UPDATE whm_session SET expires = ? WHERE token = ? AND expires < ?').run(expires, token, expires);
}
