import { prepare, type DB } from '../../../state/database.js';
import { getAccount, type AccountRow } from './accounts.js';
import { uploadDestinations } from './backup-destinations.js';

/*
 * Account archives that exist on the server, by account and day. mockpanel
 * runs no nightly backup; what makes an archive is a background pkgacct
 * session (start_background_pkgacct) of an existing account: when it
 * completes, the account's record as it then is becomes that day's archive
 * (inferred: pkgacct is the tool the backup system itself runs per account,
 * and the only one a client can start on demand). An archive outlives the
 * account, as a real server's backups do (backup_user_list lists archives of
 * removed accounts, Cpanel::Backup::BackupSet, asmrdevelop/cpanel).
 */

/** Most archives kept per account: the oldest goes first, as backup retention removes old ones (inferred bound). */
export const MAX_ARCHIVES_PER_ACCOUNT = 30;

/** Seconds an archive takes to reach each backup destination (inferred). */
export const TRANSPORT_SECONDS = 30;

export interface BackupRow {
  user: string;
  /** YYYY-MM-DD (UTC, the world clock). */
  date: string;
  made: number;
  account: string;
}

export interface TransportRow {
  user: string;
  date: string;
  transport: string;
  started: number;
  ends: number;
}

/** The day of a Unix time, YYYY-MM-DD. */
export function dayOf(unix: number): string {
  return new Date(unix * 1000).toISOString().slice(0, 10);
}

/** A backup date as the reference prints it: ISO 8601 at midnight UTC (seed 004, backup_date_list). */
export function isoDay(day: string): string {
  return `${day}T00:00:00.000Z`;
}

/**
 * Writes `user`'s archive for the day of `at` (replacing one made earlier
 * that day) and sends it to every enabled destination; answers why it could
 * not (the account is gone).
 */
export function makeArchive(db: DB, user: string, at: number): string | undefined {
  const row = getAccount(db, user);
  if (!row) return `The user “${user}” no longer exists.`;
  const date = dayOf(at);
  prepare(db, 'INSERT OR REPLACE INTO whm_backup (user, date, made, account) VALUES (?, ?, ?, ?)').run(user, date, at, JSON.stringify(row));
  const expired = prepare<[string, number], { date: string }>(db, 'SELECT date FROM whm_backup WHERE user = ? ORDER BY date DESC LIMIT -1 OFFSET ?').all(
    user,
    MAX_ARCHIVES_PER_ACCOUNT,
  );
  for (const old of expired) {
    prepare(db, 'DELETE FROM whm_backup WHERE user = ? AND date = ?').run(user, old.date);
    prepare(db, 'DELETE FROM whm_backup_transport WHERE user = ? AND date = ?').run(user, old.date);
  }
  for (const d of uploadDestinations(db)) {
    prepare(db, 'INSERT OR REPLACE INTO whm_backup_transport (user, date, transport, started, ends) VALUES (?, ?, ?, ?, ?)').run(
      user,
      date,
      d.id,
      at,
      at + TRANSPORT_SECONDS,
    );
  }
  return undefined;
}

export function getBackup(db: DB, user: string, date: string): BackupRow | undefined {
  return prepare<[string, string], BackupRow>(db, 'SELECT * FROM whm_backup WHERE user = ? AND date = ?').get(user, date);
}

/** The newest archive of an account, if any. */
export function latestBackup(db: DB, user: string): BackupRow | undefined {
  return prepare<[string], BackupRow>(db, 'SELECT * FROM whm_backup WHERE user = ? ORDER BY date DESC LIMIT 1').get(user);
}

/** The account record an archive holds. */
export function archivedAccount(backup: BackupRow): AccountRow {
  return JSON.parse(backup.account) as AccountRow;
}

/** The days that have archives, newest first. */
export function backupDates(db: DB): string[] {
  return prepare<[], { date: string }>(db, 'SELECT DISTINCT date FROM whm_backup ORDER BY date DESC')
    .all()
    .map((r) => r.date);
}

/** Every archive, by account then day. */
export function allBackups(db: DB): BackupRow[] {
  return prepare<[], BackupRow>(db, 'SELECT * FROM whm_backup ORDER BY user, date').all();
}

/** The uploads of archives to destinations (all, or one destination's). */
export function transports(db: DB, transport?: string): TransportRow[] {
  return transport === undefined
    ? prepare<[], TransportRow>(db, 'SELECT * FROM whm_backup_transport ORDER BY transport, user, date').all()
    : prepare<[string], TransportRow>(db, 'SELECT * FROM whm_backup_transport WHERE transport = ? ORDER BY user, date').all(transport);
}

/** Forgets a destination's upload history (backup_destination_delete prunes it: Whostmgr::API::1::Backup, prune_by_transport). */
export function pruneTransports(db: DB, transport: string): void {
  prepare(db, 'DELETE FROM whm_backup_transport WHERE transport = ?').run(transport);
}

/** The archives made on one day (YYYY-MM-DD). */
export function backupsOn(db: DB, date: string): BackupRow[] {
  return prepare<[string], BackupRow>(db, 'SELECT * FROM whm_backup WHERE date = ? ORDER BY user').all(date);
}

/** The accounts that have archives, by name. */
export function archivedUsers(db: DB): string[] {
  return prepare<[], { user: string }>(db, 'SELECT DISTINCT user FROM whm_backup ORDER BY user')
    .all()
    .map((r) => r.user);
}

/** Removes every archive of `user` kept on the server (what was uploaded to destinations stays there); answers how many went. */
export function deleteArchives(db: DB, user: string): number {
  return prepare(db, 'DELETE FROM whm_backup WHERE user = ?').run(user).changes;
}
