import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { accessibleAccount, canAccess } from '../access.js';
import { whmReply } from '../envelope/reply.js';
import { faults } from '../faults.js';
import { uidInUse, untrackRemovedId } from '../store/account-ids.js';
import { getAccount } from '../store/accounts.js';
import { FORCE_PASSWORD_FLAGS, readList, writeList } from '../store/stored-settings.js';
import { usernameProblem, usernameReserved } from '../validate.js';

/*
 * Account administration odds and ends (seed 004, "Accounts / Account
 * Creation", "Account Management", "Passwords"; "Transfers / Transfer
 * Configuration"): the license's account limit, uid tracking after removals,
 * forced password changes, and username checks.
 */

/** UID_MIN of the servers cPanel supports: ids below it are system ones. */
const SYSTEM_ID_LIMIT = 1000;
/** Users present on every cPanel server besides the accounts (inferred: the system users a transfer or createacct collides with). */
const SYSTEM_USERS = new Set(['root', 'nobody', 'mailman', 'dovecot', 'mysql', 'named', 'postgres']);

/** get_maximum_users: the most accounts the license allows (world setting `whm.maximumUsers`; the reference's sample shows 100). */
function get_maximum_users(call: WhmCall): unknown {
  return { users: Number(call.setting('maximumUsers', 100)) };
}

/**
 * untrack_acct_id: frees a removed account's uid so createacct hands it out
 * again (accountsummary's `uid` shows it). Root only ([cpanel] wording).
 */
function untrack_acct_id(call: WhmCall): unknown {
  if (!call.session.root) throw faults.untrackNeedsRoot();
  const id = call.int('uid') ?? call.int('gid');
  if (id === undefined) throw faults.missingParameter('uid');
  if (call.bool('protect_system', true) && id < SYSTEM_ID_LIMIT) throw faults.idIsSystem(id);
  if (uidInUse(call.db, id)) {
    if (call.bool('check_exists', true)) throw faults.idInUse(id);
    return undefined;
  }
  if (!untrackRemovedId(call.db, id)) throw faults.idNotTracked(id);
  return undefined;
}

const forceFlags = (call: WhmCall) => readList<Record<string, 1>>(call.db, FORCE_PASSWORD_FLAGS, {});

/**
 * forcepasswordchange: `users_json` maps users to 1 (must change the
 * password at the next login) or 0; users whose flag already has that value
 * are left out, and when none is left the answer is "Nothing to do."
 * ([cpanel] Whostmgr::API::1::Accounts::forcepasswordchange). A second call
 * with the same users is how the flag reads back.
 */
function forcepasswordchange(call: WhmCall): unknown {
  let wanted: unknown;
  try {
    wanted = JSON.parse(call.required('users_json'));
  } catch {
    throw faults.usersJsonInvalid();
  }
  if (!wanted || typeof wanted !== 'object' || Array.isArray(wanted)) throw faults.usersJsonInvalid();
  const entries = Object.entries(wanted as Record<string, unknown>).slice(0, 1000);
  // A reseller may name its own accounts only; the flag lives in the account's cpuser data, so it must exist (inferred: root's check is the name's validity).
  const invalid = entries
    .map(([user]) => user)
    .filter((user) => {
      const row = getAccount(call.db, user);
      return !row || !canAccess(call, row);
    });
  if (invalid.length) throw faults.invalidUsers(invalid.sort());
  const flags = forceFlags(call);
  const changed = entries.filter(([user, on]) => !!Number(on) !== !!flags[user]);
  if (!changed.length) return whmReply({ reason: 'Nothing to do.' });
  for (const [user, on] of changed) {
    if (Number(on)) flags[user] = 1;
    else delete flags[user];
  }
  writeList(call.db, FORCE_PASSWORD_FLAGS, flags);
  return { updated: changed.map(([user]) => user) };
}

/** validate_system_user: whether the name is taken here, reserved, and usable for a new or transferred account. */
function validate_system_user(call: WhmCall): unknown {
  const user = call.required('user');
  const exists = !!getAccount(call.db, user) || SYSTEM_USERS.has(user);
  const reserved = usernameReserved(user);
  const valid = !exists && !usernameProblem(user);
  return { exists: exists ? 1 : 0, reserved: reserved ? 1 : 0, valid_for_new: valid ? 1 : 0, valid_for_transfer: valid ? 1 : 0 };
}

/** has_mycnf_for_cpuser: every account has its ~/.my.cnf (inferred: createacct writes it with the account's MySQL login); no account, no file. */
function has_mycnf_for_cpuser(call: WhmCall): unknown {
  accessibleAccount(call, call.required('user'));
  return { has_mycnf_for_cpuser: 1 };
}

export const accountAdminMethods = defineMethods<WhmCall>({
  get_maximum_users: { acl: 'any', run: get_maximum_users },
  untrack_acct_id: { acl: 'any', run: untrack_acct_id },
  forcepasswordchange: { acl: 'passwd', run: forcepasswordchange },
  validate_system_user: { acl: 'root', run: validate_system_user },
  has_mycnf_for_cpuser: { acl: 'list-accts', run: has_mycnf_for_cpuser },
});
