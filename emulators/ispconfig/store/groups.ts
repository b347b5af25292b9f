import type { DB } from '../../../state/database.js';
import { sqlName as t } from '../schema/index.js';
import type { Row } from './datalog.js';
import { exec, queryAll, queryOne } from './sql.js';

// sys_group and sys_user as the methods look them up: a client's group and panel login (remote.d/client.inc.php, 3.2.11).

/** The sys_group of a client. */
export function groupOfClient(db: DB, clientId: number): Row | undefined {
  return queryOne(db, `SELECT groupid FROM ${t('sys_group')} WHERE client_id = ?`, clientId);
}

/** The client a sys_group belongs to. */
export function clientOfGroup(db: DB, groupId: unknown): Row | undefined {
  return queryOne(db, `SELECT client_id FROM ${t('sys_group')} WHERE groupid = ?`, groupId);
}

/** A sys_group's name. */
export function groupName(db: DB, groupId: unknown): Row | undefined {
  return queryOne(db, `SELECT name FROM ${t('sys_group')} WHERE groupid = ?`, groupId);
}

/** The panel login whose default group this is. */
export function userOfDefaultGroup(db: DB, groupId: number): Row | undefined {
  return queryOne(db, `SELECT userid FROM ${t('sys_user')} WHERE default_group = ?`, groupId);
}

/** A client's panel login. */
export function userOfClient(db: DB, clientId: number): Row | undefined {
  return queryOne(db, `SELECT userid FROM ${t('sys_user')} WHERE client_id = ?`, clientId);
}

/** A panel login's comma-separated group list. */
export function userGroups(db: DB, userid: number): string | null | undefined {
  return queryOne(db, `SELECT groups FROM ${t('sys_user')} WHERE userid = ?`, userid)?.groups;
}

export function setUserGroups(db: DB, userid: number, groups: string): void {
  exec(db, `UPDATE ${t('sys_user')} SET groups = ? WHERE userid = ?`, groups, userid);
}

/** True when a sys_user (`sys_userid`) or sys_group (`sys_groupid`) with that id exists. */
export function ownerExists(db: DB, key: 'sys_userid' | 'sys_groupid', id: number): boolean {
  const [table, col] = key === 'sys_userid' ? ['sys_user', 'userid'] : ['sys_group', 'groupid'];
  return queryOne(db, `SELECT ${col} FROM ${t(table)} WHERE ${col} = ?`, id) !== undefined;
}

export function domainsOfGroup(db: DB, groupId: number): Row[] {
  return queryAll(db, `SELECT domain_id, domain FROM ${t('domain')} WHERE sys_groupid = ? ORDER BY domain_id`, groupId);
}
