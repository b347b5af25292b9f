import { defineMethods } from '../../core/define-methods.js';
import type { WfCall } from '../call.js';
import { faults } from '../faults.js';
import { homeOf } from '../home-tree.js';
import { listIps, machinesOf } from '../store/accounts.js';
import {
  accountHasShellUser,
  deleteShellUser,
  dropGroup,
  findShellUser,
  insertShellUser,
  listShellUsers,
  setShellUserPassword,
  usernameTaken,
  type ShellUserRow,
} from '../store/shell-users.js';
import { name, nonEmpty } from '../validate.js';

/** Seed § create_user: "none, bash, sh, ksh, csh, or tcsh". */
const SHELLS = ['none', 'bash', 'sh', 'ksh', 'csh', 'tcsh'];

/** list_users' item; change_user_password, create_user and delete_user answer "in the manner of list_users()". */
function userStruct(row: ShellUserRow): Record<string, unknown> {
  return { username: row.username, machine: row.machine, shell: row.shell, groups: JSON.parse(row.groups) as string[] };
}

/** The session machine's user of that name. */
function requireUser(call: WfCall, username: string): ShellUserRow {
  const row = findShellUser(call.db, call.session.accountId, call.session.machineId, username);
  if (!row) throw faults.notFound('Shell user', 'username', username);
  return row;
}

/** Seed § Shell Users and § Servers. */
export const shellUserAndServerMethods = defineMethods<WfCall>({
  list_users: {
    run(call) {
      return listShellUsers(call.db, call.session.accountId).map(userStruct);
    },
  },

  create_user: {
    run(call) {
      const { accountId, machineId } = call.session;
      // inferred: Linux user names (a lowercase letter, then lowercase letters, digits or '_', at most 32).
      const username = name('username', call.str('username'), {
        pattern: /^[a-z][a-z0-9_]*$/,
        describe: "lowercase letters, digits and '_', starting with a letter",
        max: 32,
      });
      const shell = call.str('shell');
      if (!SHELLS.includes(shell)) throw faults.invalid('shell', `must be one of ${SHELLS.join(', ')}, got "${shell}"`);
      // User names are machine-wide: no other account's user or login may have it.
      if (usernameTaken(call.db, machineId, username)) throw faults.alreadyExists('User', 'Username');
      const groups = call.list('groups').map((g) => {
        if (typeof g !== 'string') throw faults.invalid('groups', 'must be a list of group names');
        // Seed § create_user: "do not include the user's own group".
        if (g === username) throw faults.invalid('groups', "do not include the user's own group");
        // inferred: the extra groups are those of the account's other users on the machine.
        requireUser(call, g);
        return g;
      });
      insertShellUser(call.db, { accountId, machineId, username, shell, groups: [...new Set(groups)] });
      call.tree().mkdir(homeOf(username), true);
      return userStruct(requireUser(call, username));
    },
  },

  change_user_password: {
    run(call) {
      const row = requireUser(call, call.str('username'));
      setShellUserPassword(call.db, row.id, nonEmpty('password', call.str('password')));
      return userStruct(row);
    },
  },

  delete_user: {
    run(call) {
      const row = requireUser(call, call.str('username'));
      // inferred: the account's own user is the account; it cannot be deleted through the API.
      if (row.is_primary) throw faults.invalid('username', `"${row.username}" is the account's own user and cannot be deleted`);
      deleteShellUser(call.db, row.id);
      // inferred: the home goes with the user, unless the same user still exists on another of the account's machines.
      if (!accountHasShellUser(call.db, call.session.accountId, row.username)) call.tree().dropHome(homeOf(row.username));
      // Its group goes too: drop it from the other users' extra groups.
      dropGroup(call.db, call.session.machineId, row.username);
      return userStruct(row);
    },
  },

  list_machines: {
    run(call) {
      return machinesOf(call.db, call.session.accountId);
    },
  },

  list_ips: {
    run(call) {
      // Seed § list_ips: is_main is True or False.
      return listIps(call.db, call.session.accountId).map((r) => ({ ...r, is_main: !!r.is_main }));
    },
  },
});
