import { prepare } from '../../../state/database.js';
import { sessionHandlers, str, treeOf, type WfCall, type WfHandler } from '../call.js';
import { alreadyExists, invalid, notFound } from '../faults.js';
import { homeOf } from '../home-tree.js';
import { name, nonEmpty } from '../validate.js';

interface UserRow {
  id: number;
  username: string;
  machine: string;
  shell: string;
  groups: string;
  is_primary: number;
}

/** Seed § create_user: "none, bash, sh, ksh, csh, or tcsh". */
const SHELLS = ['none', 'bash', 'sh', 'ksh', 'csh', 'tcsh'];

const USER_SELECT = 'SELECT u.id, u.username, m.name AS machine, u.shell, u.groups, u.is_primary FROM wf_shell_user u JOIN wf_machine m ON m.id = u.machine_id';

/** list_users' item; change_user_password, create_user and delete_user answer "in the manner of list_users()". */
function userStruct(row: UserRow): Record<string, unknown> {
  return { username: row.username, machine: row.machine, shell: row.shell, groups: JSON.parse(row.groups) as string[] };
}

function findUser(c: WfCall, username: string): UserRow {
  const row = prepare<[number, number, string], UserRow>(c.db, `${USER_SELECT} WHERE u.account_id = ? AND u.machine_id = ? AND u.username = ?`).get(
    c.session.accountId,
    c.session.machineId,
    username,
  );
  if (!row) throw notFound('Shell user', 'username', username);
  return row;
}

const handlers: Record<string, WfHandler> = {
  list_users(c) {
    return prepare<[number], UserRow>(c.db, `${USER_SELECT} WHERE u.account_id = ? ORDER BY u.machine_id, u.id`).all(c.session.accountId).map(userStruct);
  },

  create_user(c) {
    // inferred: Linux user names (a lowercase letter, then lowercase letters, digits or '_', at most 32).
    const username = name('username', str(c.p.username), { pattern: /^[a-z][a-z0-9_]*$/, describe: "lowercase letters, digits and '_', starting with a letter", max: 32 });
    const shell = str(c.p.shell);
    if (!SHELLS.includes(shell)) throw invalid('shell', `must be one of ${SHELLS.join(', ')}, got "${shell}"`);
    // User names are machine-wide: no other account's user or login may have it.
    const taken =
      prepare(c.db, 'SELECT 1 FROM wf_shell_user WHERE machine_id = ? AND username = ?').get(c.session.machineId, username) ??
      prepare(c.db, 'SELECT 1 FROM wf_account WHERE username = ?').get(username);
    if (taken) throw alreadyExists('User', 'Username');
    const groups = (c.p.groups as unknown[]).map((g) => {
      if (typeof g !== 'string') throw invalid('groups', 'must be a list of group names');
      // Seed § create_user: "do not include the user's own group".
      if (g === username) throw invalid('groups', "do not include the user's own group");
      // inferred: the extra groups are those of the account's other users on the machine.
      findUser(c, g);
      return g;
    });
    prepare(c.db, "INSERT INTO wf_shell_user (account_id, machine_id, username, shell, groups, password, is_primary) VALUES (?, ?, ?, ?, ?, '', 0)").run(
      c.session.accountId,
      c.session.machineId,
      username,
      shell,
      JSON.stringify([...new Set(groups)]),
    );
    const tree = treeOf(c);
    tree.mkdir(homeOf(username), true);
    return userStruct(findUser(c, username));
  },

  change_user_password(c) {
    const row = findUser(c, str(c.p.username));
    prepare(c.db, 'UPDATE wf_shell_user SET password = ? WHERE id = ?').run(nonEmpty('password', str(c.p.password)), row.id);
    return userStruct(row);
  },

  delete_user(c) {
    const row = findUser(c, str(c.p.username));
    // inferred: the account's own user is the account; it cannot be deleted through the API.
    if (row.is_primary) throw invalid('username', `"${row.username}" is the account's own user and cannot be deleted`);
    prepare(c.db, 'DELETE FROM wf_shell_user WHERE id = ?').run(row.id);
    // inferred: the home goes with the user, unless the same user still exists on another of the account's machines.
    if (!prepare(c.db, 'SELECT 1 FROM wf_shell_user WHERE account_id = ? AND username = ?').get(c.session.accountId, row.username)) {
      treeOf(c).dropHome(homeOf(row.username));
    }
    // Its group goes too: drop it from the other users' extra groups.
    const members = prepare<[number], { id: number; groups: string }>(c.db, 'SELECT id, groups FROM wf_shell_user WHERE machine_id = ?').all(c.session.machineId);
    for (const m of members) {
      const groups = JSON.parse(m.groups) as string[];
      if (groups.includes(row.username)) {
        prepare(c.db, 'UPDATE wf_shell_user SET groups = ? WHERE id = ?').run(JSON.stringify(groups.filter((g) => g !== row.username)), m.id);
      }
    }
    return userStruct(row);
  },

  list_machines(c) {
    return prepare<[number], { name: string; id: number; operating_system: string; location: string }>(
      c.db,
      'SELECT m.name, m.id, m.operating_system, m.location FROM wf_account_machine am JOIN wf_machine m ON m.id = am.machine_id WHERE am.account_id = ? ORDER BY am.position',
    ).all(c.session.accountId);
  },

  list_ips(c) {
    return prepare<[number, number], { machine: string; ip: string; is_main: number; id: number }>(
      c.db,
      `SELECT m.name AS machine, i.ip, i.is_main, i.id FROM wf_ip i JOIN wf_machine m ON m.id = i.machine_id
       JOIN wf_account_machine am ON am.machine_id = i.machine_id AND am.account_id = ?
       WHERE i.account_id IS NULL OR i.account_id = ? ORDER BY am.position, i.is_main DESC, i.id`,
    )
      .all(c.session.accountId, c.session.accountId)
      // Seed § list_ips: is_main is True or False.
      .map((r) => ({ ...r, is_main: !!r.is_main }));
  },
};

export const shellUserAndServerHandlers = sessionHandlers(handlers);
