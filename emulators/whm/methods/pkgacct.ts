import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { canAccess } from '../access.js';
import { faults } from '../faults.js';
import { getAccount } from '../store/accounts.js';
import { allBackups, backupDates, isoDay } from '../store/backups.js';
import { addJobItem, checkRoom, createJob, getJob, jobItems, jobPid, sessionId, type JobRow } from '../store/operations.js';

/*
 * Background pkgacct sessions and the archives they leave (seed 004,
 * "Backups / Backup or Restore" and "Backup Settings"): a session runs on
 * the world clock (store/operations.ts) and, once COMPLETED, the account's
 * archive for that day exists (store/backups.ts), which backup_date_list,
 * backup_set_list and the restore functions read.
 */

function pkgacctSession(call: WhmCall, missing: () => Error): JobRow {
  const id = call.required('session_id');
  const job = getJob(call.db, id, 'pkgacct');
  if (!job) throw missing();
  return job;
}

function start_background_pkgacct(call: WhmCall): unknown {
  const user = call.required('user');
  const row = getAccount(call.db, user);
  // The same refusal whether the account is missing or not the caller's (Whostmgr::Backup::Pkgacct, asmrdevelop/cpanel).
  if (!row || !canAccess(call, row)) throw faults.noSuchUser(user.slice(0, 100));
  checkRoom(call.db, 'job');
  const id = sessionId(user, '', call.now());
  createJob(call.db, { id, kind: 'pkgacct', state: 'RUNNING', created: call.now(), cursor: call.now() });
  addJobItem(call.db, id, { key: user, user });
  return { complete_master_error_log: 'master.error_log', complete_master_log: 'master.log', session_id: id };
}

function get_pkgacct_session_state(call: WhmCall): unknown {
  // RUNNING, COMPLETED or FAILED (Whostmgr::Backup::Pkgacct::State).
  return { state: pkgacctSession(call, () => faults.pkgacctStateUnknown()).state };
}

/** `2020-03-23 10:43:28 +0000`, the log's timestamp form (seed 004, fetch_pkgacct_master_log; UTC here). */
function logTime(unix: number): string {
  return `${new Date(unix * 1000).toISOString().slice(0, 19).replace('T', ' ')} +0000`;
}

/**
 * The session's master log as JSON lines (seed 004, fetch_pkgacct_master_log):
 * its start, and its end once the clock has passed it, "pkgacct completed"
 * or an error line, the two endings Whostmgr::Backup::Pkgacct::State reads.
 */
function fetch_pkgacct_master_log(call: WhmCall): unknown {
  const job = pkgacctSession(call, () => faults.noSuchLogFile('master.log'));
  const pid = jobPid(job.id);
  const line = (at: number, type: string, contents: string) => JSON.stringify({ contents, partial: 0, timestamp: logTime(at), pid, indent: 0, type });
  const [item] = jobItems(call.db, job.id);
  const lines = [line(job.created, 'out', 'pkgacct started.\n'), line(job.created, 'out', `pkgacct version 10 - user : ${item.user} - tarball: 1\n`)];
  if (item.state === 'COMPLETED') lines.push(line(item.finished!, 'out', 'pkgacct completed\n'));
  else if (item.state !== 'PENDING') lines.push(line(item.finished!, 'error', `${item.message}\n`));
  return { log: `${lines.join('\n')}\n` };
}

function backup_date_list(call: WhmCall): unknown {
  return { backup_set: backupDates(call.db).map(isoDay) };
}

/**
 * Each account that has archives with their dates. The reference's sample
 * is an empty `{}`; the records are the ones the backup system returns
 * (Cpanel::Backup::BackupSet::backup_set_list, asmrdevelop/cpanel: `user`, `backup_date`).
 */
function backup_set_list(call: WhmCall): unknown {
  const byUser = new Map<string, string[]>();
  for (const b of allBackups(call.db)) byUser.set(b.user, [...(byUser.get(b.user) ?? []), isoDay(b.date)]);
  return { backup_set: [...byUser].map(([user, dates]) => ({ user, backup_date: dates })) };
}

export const pkgacctMethods = defineMethods<WhmCall>({
  start_background_pkgacct: { acl: 'root', run: start_background_pkgacct },
  get_pkgacct_session_state: { acl: 'root', run: get_pkgacct_session_state },
  fetch_pkgacct_master_log: { acl: 'root', run: fetch_pkgacct_master_log },
  backup_date_list: { acl: 'root', run: backup_date_list },
  backup_set_list: { acl: 'root', run: backup_set_list },
});
