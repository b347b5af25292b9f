import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { accessibleAccount, canAccess, visibleAccounts } from '../access.js';
import { whmReply } from '../envelope/reply.js';
import { faults } from '../faults.js';
import { getAccount, updateAccount } from '../store/accounts.js';
import { archivedAccount, backupsOn } from '../store/backups.js';

/**
 * toggle_user_backup_state: flips the account's backups on or off, in the
 * standard system (`legacy=0`, the default) or the legacy one (`legacy=1`)
 * (seed 004, "Enable or disable legacy backups"), and answers the new state
 * as `toggle_status` with the sample's reason. listaccts and accountsummary
 * show it (`backup`, `legacy_backup`).
 */
function toggle_user_backup_state(call: WhmCall): unknown {
  const row = accessibleAccount(call, call.required('user'));
  const legacy = call.bool('legacy');
  const now = (legacy ? row.legacy_backup : row.backup) ? 0 : 1;
  updateAccount(call.db, row.user, legacy ? { legacy_backup: now } : { backup: now });
  return whmReply({ data: { toggle_status: now }, reason: 'Backup state modified' });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * backup_user_list: the accounts with an archive on the restore point's day
 * (store/backups.ts), `active` while the account exists and `inactive` once
 * it is gone, then every other account as `no_backup`; a day without
 * archives is refused (Cpanel::Backup::BackupSet::backup_user_list,
 * asmrdevelop/cpanel). Whether an account's backups are on
 * (toggle_user_backup_state) decides which later nightly runs include it,
 * not what an existing restore point holds; listaccts and accountsummary
 * show that setting.
 */
function backup_user_list(call: WhmCall): unknown {
  const point = call.required('restore_point');
  if (!ISO_DATE.test(point) || Number.isNaN(Date.parse(point))) throw faults.invalidParameter('restore_point', point.slice(0, 100), 'an ISO-8601 date');
  const archived = backupsOn(call.db, point.slice(0, 10)).filter((b) => canAccess(call, archivedAccount(b)));
  if (!archived.length) throw faults.invalidRestorePoint(point.slice(0, 100));
  const users = new Set(archived.map((b) => b.user));
  return {
    user: [
      ...archived.map((b) => ({ status: getAccount(call.db, b.user) ? 'active' : 'inactive', username: b.user })),
      ...visibleAccounts(call)
        .filter((row) => !users.has(row.user))
        .map((row) => ({ status: 'no_backup', username: row.user })),
    ],
  };
}

export const backupStateMethods = defineMethods<WhmCall>({
  toggle_user_backup_state: { acl: 'edit-account', run: toggle_user_backup_state },
  backup_user_list: { acl: 'list-accts', run: backup_user_list },
});
