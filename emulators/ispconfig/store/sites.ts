import type { DB } from '../../../state/database.js';
import { intval, str } from '../engine/php.js';
import { sqlName as t } from '../schema/index.js';
import { datalogSave, type Row } from './datalog.js';
import { fetchRow } from './records.js';
import type { RecordScope } from './scope.js';
import { exec, queryAll, queryOne } from './sql.js';

// Websites, databases, FTP users, protected folders and backups (remote.d/sites.inc.php, 3.2.11).

/** sites_web_vhost_domain_plugin's ownership move, client_protection on: the site's group becomes the client's, sys_perm_group 'ru'. */
export function protectSiteForGroup(db: DB, siteId: number, group: number): void {
  exec(db, `UPDATE ${t('web_domain')} SET sys_groupid = ?, sys_perm_group = 'ru' WHERE domain_id = ?`, group, siteId);
}

/** The same move with client_protection off: the client's login owns the site (the admin when the group has none), sys_perm_group 'riud'. */
export function giveSiteToGroup(db: DB, siteId: number, group: number): void {
  const user = queryOne(db, `SELECT userid FROM ${t('sys_user')} WHERE default_group = ?`, group);
  exec(
    db,
    `UPDATE ${t('web_domain')} SET sys_userid = ?, sys_groupid = ?, sys_perm_group = 'riud' WHERE domain_id = ?`,
    intval(user?.userid) || 1,
    group,
    siteId,
  );
}

/** The paths and system user the vhost plugin derives for a new site. */
export function setSitePaths(
  db: DB,
  siteId: number,
  paths: { systemUser: string; systemGroup: string; documentRoot: string; allowOverride: string; openBasedir: string },
): void {
  exec(
    db,
    `UPDATE ${t('web_domain')} SET system_user = ?, system_group = ?, document_root = ?, allow_override = ?, php_open_basedir = ? WHERE domain_id = ?`,
    paths.systemUser,
    paths.systemGroup,
    paths.documentRoot,
    paths.allowOverride,
    paths.openBasedir,
    siteId,
  );
}

/** A site owned by the admin login: its client may read but not change it. */
export function makeSiteReadonly(db: DB, siteId: number): void {
  exec(db, `UPDATE ${t('web_domain')} SET sys_userid = '1' WHERE domain_id = ?`, siteId);
}

/** The backup columns of web_database, which are not form fields: an UPDATE and its change-queue entry. */
export function writeDatabaseBackup(scope: RecordScope, id: number, backup: { interval?: string; copies?: number }): void {
  const sets: string[] = [];
  const values: unknown[] = [];
  if (backup.interval !== undefined) (sets.push('backup_interval = ?'), values.push(backup.interval));
  if (backup.copies !== undefined) (sets.push('backup_copies = ?'), values.push(backup.copies));
  if (!sets.length) return;
  const old = fetchRow(scope, 'web_database', id);
  if (!old) return;
  exec(scope.db, `UPDATE ${t('web_database')} SET ${sets.join(', ')} WHERE database_id = ?`, ...values, id);
  datalogSave(scope, 'web_database', 'u', 'database_id', id, old, fetchRow(scope, 'web_database', id), 'admin');
}

/** sites_database_plugin: a database of a website joins the website's group and takes its backup interval and copies (a plain UPDATE, no datalog). */
export function alignDatabaseWithSite(db: DB, databaseId: number, siteId: number): void {
  const web = queryOne(db, `SELECT sys_groupid, backup_interval, backup_copies FROM ${t('web_domain')} WHERE domain_id = ?`, siteId);
  exec(
    db,
    `UPDATE ${t('web_database')} SET sys_groupid = ?, backup_interval = ?, backup_copies = ? WHERE database_id = ?`,
    intval(web?.sys_groupid),
    web?.backup_interval ?? null,
    intval(web?.backup_copies),
    databaseId,
  );
}

/** How many databases of that name a server has. */
export function databaseNameCount(db: DB, name: string, serverId: string): number {
  return Number(queryOne(db, `SELECT count(database_id) AS n FROM ${t('web_database')} WHERE database_name = ? AND server_id = ?`, name, serverId)?.n);
}

/** Unlinks a database user from every database that used it as `column`, queueing each change. */
export function unlinkDatabaseUser(scope: RecordScope, column: 'database_user_id' | 'database_ro_user_id', userId: string): void {
  for (const db of queryAll(scope.db, `SELECT * FROM ${t('web_database')} WHERE ${column} = ?`, userId)) {
    exec(scope.db, `UPDATE ${t('web_database')} SET ${column} = NULL WHERE database_id = ?`, db.database_id);
    datalogSave(scope, 'web_database', 'u', 'database_id', str(db.database_id), db, fetchRow(scope, 'web_database', str(db.database_id)), 'admin');
  }
}

export function folderUsers(db: DB, folderId: string): Row[] {
  return queryAll(db, `SELECT web_folder_user_id FROM ${t('web_folder_user')} WHERE web_folder_id = ?`, folderId);
}

export function ftpUserServer(db: DB, username: string): Row | undefined {
  return queryOne(db, `SELECT server_id FROM ${t('ftp_user')} WHERE username = ?`, username);
}

/** Databases of a client with their user name and password hash (evidence: sites_database_get_all_by_user). */
export function databasesOfClient(db: DB, clientId: number): Row[] {
  return queryAll(
    db,
    `SELECT d.database_id, d.database_name, d.database_user_id, d.database_ro_user_id, du.database_user, du.database_password FROM ${t('web_database')} d LEFT JOIN ${t('web_database_user')} du ON du.database_user_id = d.database_user_id JOIN ${t('sys_user')} s ON d.sys_groupid = s.default_group WHERE s.client_id = ? ORDER BY d.database_id`,
    clientId,
  );
}

/** Web backups, of one site or of all. */
export function webBackups(db: DB, siteId?: string): Row[] {
  if (siteId === undefined) return queryAll(db, `SELECT * FROM ${t('web_backup')} ORDER BY backup_id`);
  return queryAll(db, `SELECT * FROM ${t('web_backup')} WHERE parent_domain_id = ? ORDER BY backup_id`, siteId);
}

/** Websites (vhosts) readable by a user id or any of a list of group ids. */
export function sitesReadableBy(db: DB, userid: number, groups: number[]): Row[] {
  return queryAll(
    db,
    `SELECT domain, domain_id, document_root, active FROM ${t('web_domain')} WHERE ((sys_userid = ? AND sys_perm_user LIKE '%r%') OR (sys_groupid IN (${groups.map(() => '?').join(', ')}) AND sys_perm_group LIKE '%r%') OR sys_perm_other LIKE '%r%') AND type = 'vhost' ORDER BY domain_id`,
    userid,
    ...groups,
  );
}
