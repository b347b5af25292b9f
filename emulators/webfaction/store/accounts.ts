import { prepare, type DB } from '../../../state/database.js';

export interface AccountRow {
  id: number;
  username: string;
  password: string;
  home: string;
  mail_server: string;
}

export interface MachineRow {
  name: string;
  id: number;
  operating_system: string;
  location: string;
}

export function accountByUsername(db: DB, username: string): AccountRow | undefined {
  return prepare<[string], AccountRow>(db, 'SELECT id, username, password, home, mail_server FROM wf_account WHERE username = ?').get(username);
}

/** The machines the account has plans on, in its own order (the first is where a login without `machine` lands). */
export function machinesOf(db: DB, accountId: number): MachineRow[] {
  return prepare<[number], MachineRow>(
    db,
    'SELECT m.name, m.id, m.operating_system, m.location FROM wf_account_machine am JOIN wf_machine m ON m.id = am.machine_id WHERE am.account_id = ? ORDER BY am.position',
  ).all(accountId);
}

export function accountHasMachine(db: DB, accountId: number, machine: string): boolean {
  return !!prepare<[number, string]>(
    db,
    'SELECT 1 FROM wf_account_machine am JOIN wf_machine m ON m.id = am.machine_id WHERE am.account_id = ? AND m.name = ?',
  ).get(accountId, machine);
}

export function diskQuotaKb(db: DB, accountId: number): number {
  return prepare<[number], { disk_quota_kb: number }>(db, 'SELECT disk_quota_kb FROM wf_account WHERE id = ?').get(accountId)!.disk_quota_kb;
}

/** The account's IPs: its machines' main IPs and its own extra IPs, main first per machine. */
export function listIps(db: DB, accountId: number): { machine: string; ip: string; is_main: number; id: number }[] {
  return prepare<[number, number], { machine: string; ip: string; is_main: number; id: number }>(
    db,
    `SELECT m.name AS machine, i.ip, i.is_main, i.id FROM wf_ip i JOIN wf_machine m ON m.id = i.machine_id
     JOIN wf_account_machine am ON am.machine_id = i.machine_id AND am.account_id = ?
     WHERE i.account_id IS NULL OR i.account_id = ? ORDER BY am.position, i.is_main DESC, i.id`,
  ).all(accountId, accountId);
}

/** The IP, if the account may use it (its machines' main IPs and its extra IPs), with its machine. */
export function accountIp(db: DB, accountId: number, ip: string): { machine_id: number; machine: string } | undefined {
  return prepare<[number, string, number], { machine_id: number; machine: string }>(
    db,
    `SELECT i.machine_id, m.name AS machine FROM wf_ip i JOIN wf_machine m ON m.id = i.machine_id
     JOIN wf_account_machine am ON am.machine_id = i.machine_id AND am.account_id = ?
     WHERE i.ip = ? AND (i.account_id IS NULL OR i.account_id = ?)`,
  ).get(accountId, ip, accountId);
}

/** Seeds a machine and its main IP (shared by every account with a plan on it). */
export function insertMachine(db: DB, machine: { id: number; name: string; operatingSystem: string; location: string; mainIp: string }): void {
  prepare(db, 'INSERT INTO wf_machine (id, name, operating_system, location) VALUES (?, ?, ?, ?)').run(
    machine.id,
    machine.name,
    machine.operatingSystem,
    machine.location,
  );
  prepare(db, 'INSERT INTO wf_ip (machine_id, account_id, ip, is_main) VALUES (?, NULL, ?, 1)').run(machine.id, machine.mainIp);
}

/** Seeds an account (no machines yet). */
export function insertAccount(db: DB, account: AccountRow & { disk_quota_kb: number }): void {
  prepare(db, 'INSERT INTO wf_account (id, username, password, home, mail_server, disk_quota_kb) VALUES (?, ?, ?, ?, ?, ?)').run(
    account.id,
    account.username,
    account.password,
    account.home,
    account.mail_server,
    account.disk_quota_kb,
  );
}

/** Gives the account a plan on a machine, with its own (primary) shell user there. */
export function addAccountMachine(db: DB, account: { id: number; username: string; password: string }, machineId: number, position: number): void {
  prepare(db, 'INSERT INTO wf_account_machine (account_id, machine_id, position) VALUES (?, ?, ?)').run(account.id, machineId, position);
  prepare(db, "INSERT INTO wf_shell_user (account_id, machine_id, username, shell, groups, password, is_primary) VALUES (?, ?, ?, 'bash', '[]', ?, 1)").run(
    account.id,
    machineId,
    account.username,
    account.password,
  );
}

/** Seeds an extra IP of the account's own on a machine. */
export function insertExtraIp(db: DB, accountId: number, machineId: number, ip: string): void {
  prepare(db, 'INSERT INTO wf_ip (machine_id, account_id, ip, is_main) VALUES (?, ?, ?, 0)').run(machineId, accountId, ip);
}

/** Makes the next row of `table` get `first` as its id. */
export function setFirstId(db: DB, table: string, first: number): void {
  prepare(db, 'INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(table, first - 1);
}
