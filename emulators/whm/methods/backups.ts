import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { accessibleAccount, visibleAccounts } from '../access.js';
import { whmReply } from '../envelope/reply.js';
import { faults } from '../faults.js';
import { updateAccount } from '../store/accounts.js';

/**
 * toggle_user_backup_state: flips the account's backups on or off, in the
 * standard system (`legacy=0`, the default) or the legacy one (`legacy=1`)
 * (seed 004, "Enable or disable legacy backups"), and answers the new state
 * as `toggle_status` with the sample's reason. listaccts and accountsummary
 * show it (`backup`, `legacy_backup`), and so does backup_user_list.
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
 * backup_user_list: the users a restore point holds, each `active` while its
 * backups are enabled and `inactive` once toggled off (inferred: mockpanel
 * keeps no backup files, so every account is listed for any well-formed
 * date; the sample shows the one status `active`).
 */
function backup_user_list(call: WhmCall): unknown {
  const point = call.required('restore_point');
  if (!ISO_DATE.test(point) || Number.isNaN(Date.parse(point))) throw faults.invalidParameter('restore_point', point.slice(0, 100), 'an ISO-8601 date');
  return { user: visibleAccounts(call).map((row) => ({ status: row.backup ? 'active' : 'inactive', username: row.user })) };
}

export const backupStateMethods = defineMethods<WhmCall>({
  toggle_user_backup_state: { acl: 'edit-account', run: toggle_user_backup_state },
  backup_user_list: { acl: 'list-accts', run: backup_user_list },
});
