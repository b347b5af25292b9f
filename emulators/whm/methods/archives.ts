import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { canAccess } from '../access.js';
import { whmReply } from '../envelope/reply.js';
import { faults } from '../faults.js';
import { getAccount } from '../store/accounts.js';
import { destinations } from '../store/backup-destinations.js';
import { allBackups, archivedAccount, archivedUsers, deleteArchives, isoDay, latestBackup, transports } from '../store/backups.js';

/*
 * The account archives on the server (store/backups.ts, made by a completed
 * start_background_pkgacct) as the backup metadata reads, the quick-restore
 * file list and delete_account_archives see them (seed 004, "Backups /
 * Backup or Restore" and "Transfers / Transfer Configuration").
 */

/** Where pkgacct leaves its archive when given no directory: /home (delete_account_archives' `mountpoint` default, seed 004). */
const ARCHIVE_DIR = '/home';

/** The archive file pkgacct writes for an account (seed 004, list_cparchive_files: "cpmove-USER.tar.gz"). */
const cpmoveFile = (user: string) => `cpmove-${user}.tar.gz`;

/** The archived accounts the caller may see (a reseller, its own accounts' archives). */
function visibleArchives(call: WhmCall) {
  return allBackups(call.db).filter((b) => canAccess(call, archivedAccount(b)));
}

/**
 * Each account's archives, local ones and those uploaded to FTP
 * destinations, with every destination's name and type as a legend
 * (seed 004, backup_set_list_combined). Only FTP destinations' uploads are
 * listed, and with no destination the legend is null: Whostmgr::API::1::Backup
 * backup_set_list_combined ("Filter out non-FTP remotes", an undefined
 * legend), asmrdevelop/cpanel.
 */
function backup_set_list_combined(call: WhmCall): unknown {
  const sets: Record<string, { when: string; where: string }[]> = {};
  for (const b of visibleArchives(call)) (sets[b.user] ??= []).push({ when: isoDay(b.date), where: 'local' });
  const dests = destinations(call.db);
  const ftp = new Set(dests.filter((d) => d.type === 'FTP').map((d) => d.id));
  const now = call.now();
  for (const t of transports(call.db)) {
    // An upload still running is not yet in the destination's history (inferred, as backup_list_transported).
    if (ftp.has(t.transport) && t.ends <= now) (sets[t.user] ??= []).push({ when: isoDay(t.date), where: t.transport });
  }
  const legend = dests.length ? Object.fromEntries(dests.map((d) => [d.id, { name: d.name, type: d.type }])) : null;
  return { backup_set: sets, destination_legend: legend };
}

/**
 * The accounts that have backup metadata (every account with an archive)
 * and still exist, each with its main domain (seed 004,
 * get_users_and_domains_with_backup_metadata: filtered "by what accounts we
 * actually have", Whostmgr::API::1::Backup, asmrdevelop/cpanel).
 */
function usersWithMetadata(call: WhmCall): Record<string, string> {
  const out: Record<string, string> = {};
  for (const user of archivedUsers(call.db)) {
    const row = getAccount(call.db, user);
    if (row) out[user] = row.domain;
  }
  return out;
}

function get_users_with_backup_metadata(call: WhmCall): unknown {
  return { accounts: Object.keys(usersWithMetadata(call)).sort() };
}

/** One file per archived account: the newest pkgacct archive, in /home (seed 004, list_cparchive_files). */
function list_cparchive_files(call: WhmCall): unknown {
  const users = [...new Set(visibleArchives(call).map((b) => b.user))];
  // An empty list still answers result 1: the reference's test of the file list is on its array reference, always true (Whostmgr::API::1::Backup).
  return { quickrestore_files: users.map((user) => ({ file: cpmoveFile(user), path: ARCHIVE_DIR, user })) };
}

/**
 * delete_account_archives: removes the account's archives from the server
 * (scripts/unpkgacct, which the reference runs, names each archive it finds
 * on stdout: seed 004's sample "Found archive: …"). The archives outlive the
 * account, so a removed account's archives can be deleted; a name that is
 * neither an account nor has archives is refused (inferred). Archives are
 * kept under /home only: another `mountpoint` finds none (inferred).
 * Uploads to destinations stay where they were sent.
 */
function delete_account_archives(call: WhmCall): unknown {
  const user = call.required('user');
  const latest = latestBackup(call.db, user);
  const row = getAccount(call.db, user);
  if ((!row && !latest) || (row && !canAccess(call, row)) || (latest && !canAccess(call, archivedAccount(latest)))) throw faults.noSuchUser(user.slice(0, 100));
  const mountpoint = call.strOr('mountpoint', ARCHIVE_DIR).replace(/\/+$/, '') || '/';
  if (!latest || mountpoint !== ARCHIVE_DIR) return undefined;
  deleteArchives(call.db, user);
  return whmReply({ metadata: { output: { messages: [`Found archive: ${ARCHIVE_DIR}/${cpmoveFile(user)}`] } } });
}

export const archiveMethods = defineMethods<WhmCall>({
  backup_set_list_combined: { acl: 'root', run: backup_set_list_combined },
  get_users_and_domains_with_backup_metadata: { acl: 'root', run: usersWithMetadata },
  get_users_with_backup_metadata: { acl: 'root', run: get_users_with_backup_metadata },
  list_cparchive_files: { acl: 'root', run: list_cparchive_files },
  delete_account_archives: { acl: 'root', run: delete_account_archives },
});
