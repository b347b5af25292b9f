import { prepare, type DB } from '../../../state/database.js';

export interface ShellUserRow {
  id: number;
  username: string;
  machine: string;
  shell: string;
  /** A JSON list of the user's extra groups. */
  groups: string;
  is_primary: number;
}

const USER_SELECT = 'SELECT u.id, u.username, m.name AS machine, u.shell, u.groups, u.is_primary FROM wf_shell_user u JOIN wf_machine m ON m.id = u.machine_id';

export function listShellUsers(db: DB, accountId: number): ShellUserRow[] {
  return prepare<[number], ShellUserRow>(db, `${USER_SELECT} WHERE u.account_id = ? ORDER BY u.machine_id, u.id`).all(accountId);
}

export function findShellUser(db: DB, accountId: number, machineId: number, username: string): ShellUserRow | undefined {
  return prepare<[number, number, string], ShellUserRow>(db, `${USER_SELECT} WHERE u.account_id = ? AND u.machine_id = ? AND u.username = ?`).get(
    accountId,
    machineId,
    username,
  );
}

/** Every distinct user name of the account, over all its machines (their homes are the account's files). */
export function shellUsernames(db: DB, accountId: number): string[] {
  return prepare<[number], { username: string }>(db, 'SELECT DISTINCT username FROM wf_shell_user WHERE account_id = ?')
    .all(accountId)
    .map((u) => u.username);
}

/** True when the name is a shell user of any account on the machine, or any account's login. */
export function usernameTaken(db: DB, machineId: number, username: string): boolean {
  return !!(
    prepare(db, 'SELECT 1 FROM wf_shell_user WHERE machine_id = ? AND username = ?').get(machineId, username) ??
    prepare(db, 'SELECT 1 FROM wf_account WHERE username = ?').get(username)
  );
}

/** True when the account still has a user of that name on some machine. */
export function accountHasShellUser(db: DB, accountId: number, username: string): boolean {
  return !!prepare(db, 'SELECT 1 FROM wf_shell_user WHERE account_id = ? AND username = ?').get(accountId, username);
}

export function insertShellUser(db: DB, user: { accountId: number; machineId: number; username: string; shell: string; groups: string[] }): void {
  prepare(db, "INSERT INTO wf_shell_user (account_id, machine_id, username, shell, groups, password, is_primary) VALUES (?, ?, ?, ?, ?, '', 0)").run(
    user.accountId,
    user.machineId,
    user.username,
    user.shell,
    JSON.stringify(user.groups),
  );
}

export function setShellUserPassword(db: DB, id: number, password: string): void {
  prepare(db, 'UPDATE wf_shell_user SET password = ? WHERE id = ?').run(password, id);
}

export function deleteShellUser(db: DB, id: number): void {
  prepare(db, 'DELETE FROM wf_shell_user WHERE id = ?').run(id);
}

/** Drops a group from the extra groups of every user on the machine. */
export function dropGroup(db: DB, machineId: number, group: string): void {
  const members = prepare<[number], { id: number; groups: string }>(db, 'SELECT id, groups FROM wf_shell_user WHERE machine_id = ?').all(machineId);
  for (const m of members) {
    const groups = JSON.parse(m.groups) as string[];
    if (groups.includes(group)) {
      prepare(db, 'UPDATE wf_shell_user SET groups = ? WHERE id = ?').run(JSON.stringify(groups.filter((g) => g !== group)), m.id);
    }
  }
}

/** The account's users with their machines, for list_disk_usage. */
export function shellUsersWithMachines(db: DB, accountId: number): { username: string; machine: string }[] {
  return prepare<[number], { username: string; machine: string }>(
    db,
    'SELECT u.username, m.name AS machine FROM wf_shell_user u JOIN wf_machine m ON m.id = u.machine_id WHERE u.account_id = ? ORDER BY u.machine_id, u.id',
  ).all(accountId);
}
