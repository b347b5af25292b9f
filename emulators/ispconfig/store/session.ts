import { prepare, type DB } from '../../../state/database.js';
import { mysqlDateTime } from '../engine/mysql-values.js';
import { sqlName } from '../schema/index.js';

// remote_session and the brute-force guard's attempts_login rows (interface/lib/classes/remoting.inc.php, 3.2.11).

export interface Attempt {
  rowid: number;
  times: string | null;
}

/** The guard's row for an IP hash with a login_time after `since` (Unix seconds). */
export function recentFailures(db: DB, ipHash: string, since: number): Attempt | undefined {
  return prepare<[string, string], Attempt>(db, `SELECT rowid, times FROM ${sqlName('attempts_login')} WHERE ip = ? AND login_time > ? LIMIT 1`).get(
    ipHash,
    mysqlDateTime(since),
  );
}

/** Counts one failed attempt for an IP, as login and getSession do: a new row, or the latest row's count + 1. */
export function countFailure(db: DB, ipHash: string, attempt: Attempt | undefined, now: number): void {
  const at = mysqlDateTime(now);
  if (!attempt || !Number(attempt.times)) {
    prepare(db, `INSERT INTO ${sqlName('attempts_login')} (ip, times, login_time) VALUES (?, '1', ?)`).run(ipHash, at);
  } else {
    prepare(
      db,
      `UPDATE ${sqlName('attempts_login')} SET times = CAST(times AS INTEGER) + 1, login_time = ? WHERE rowid = (SELECT rowid FROM ${sqlName('attempts_login')} WHERE ip = ? ORDER BY login_time DESC LIMIT 1)`,
    ).run(at, ipHash);
  }
}

/** client_login_get's own guard: one failure row for an IP (no hash), or the row's count + 1. */
export function countPanelLoginFailure(db: DB, ip: string, attempt: Attempt | undefined, now: number): void {
  if (!Number(attempt?.times)) prepare(db, `INSERT INTO ${sqlName('attempts_login')} (ip, times, login_time) VALUES (?, '1', ?)`).run(ip, mysqlDateTime(now));
  else
    prepare(db, `UPDATE ${sqlName('attempts_login')} SET times = CAST(times AS INTEGER) + 1, login_time = ? WHERE rowid = ?`).run(
      mysqlDateTime(now),
      attempt!.rowid,
    );
}

/** A new remote_session row, and the IP's failure count cleared. */
export function insertSession(
  db: DB,
  row: { id: string; remoteUserId: number; functions: string; clientLogin: boolean; expires: number; ip: string; ipHash: string },
): void {
  prepare(
    db,
    `INSERT INTO ${sqlName('remote_session')} (remote_session, remote_userid, remote_functions, client_login, tstamp, remote_ip) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(row.id, String(row.remoteUserId), row.functions, row.clientLogin ? '1' : '0', String(row.expires), row.ip);
  prepare(db, `DELETE FROM ${sqlName('attempts_login')} WHERE ip = ?`).run(row.ipHash);
}

export function deleteExpiredSessions(db: DB, now: number): void {
  prepare(db, `DELETE FROM ${sqlName('remote_session')} WHERE CAST(tstamp AS INTEGER) < ?`).run(now);
}

export function deleteSession(db: DB, id: string): void {
  prepare(db, `DELETE FROM ${sqlName('remote_session')} WHERE remote_session = ?`).run(id);
}

/** A session that has not expired at `now`. */
export function liveSession(db: DB, id: string, now: number) {
  return prepare<[string, number], { remote_userid: string; remote_functions: string | null; client_login: string; remote_ip: string }>(
    db,
    `SELECT remote_userid, remote_functions, client_login, remote_ip FROM ${sqlName('remote_session')} WHERE remote_session = ? AND CAST(tstamp AS INTEGER) >= ?`,
  ).get(id, now);
}

/** The panel login a client login checks. */
export function panelUserByName(db: DB, username: string) {
  return prepare<[string], { userid: number; passwort: string; active: string; default_group: string }>(
    db,
    `SELECT userid, passwort, active, default_group FROM ${sqlName('sys_user')} WHERE username = ?`,
  ).get(username);
}

/** The can_use_api flag of the client owning a group. */
export function clientApiAccess(db: DB, groupId: string) {
  return prepare<[string], { can_use_api: string }>(
    db,
    `SELECT c.can_use_api FROM ${sqlName('sys_group')} g JOIN ${sqlName('client')} c ON g.client_id = c.client_id WHERE g.groupid = ?`,
  ).get(groupId);
}

export function remoteUserByName(db: DB, username: string) {
  return prepare<
    [string],
    { remote_userid: number; remote_password: string; remote_access: string; remote_ips: string | null; remote_functions: string | null }
  >(db, `SELECT remote_userid, remote_password, remote_access, remote_ips, remote_functions FROM ${sqlName('remote_user')} WHERE remote_username = ?`).get(
    username,
  );
}

export function setRemoteUserPassword(db: DB, username: string, hash: string): void {
  prepare(db, `UPDATE ${sqlName('remote_user')} SET remote_password = ? WHERE remote_username = ?`).run(hash, username);
}
