import type { DB } from '../../../state/database.js';
import { intval, str } from '../engine/php.js';
import { sqlName as t } from '../schema/index.js';
import { datalogSave, type Row } from './datalog.js';
import type { RecordScope } from './scope.js';
import { exec, queryAll, queryOne } from './sql.js';

// Servers, their configuration, sys_config and the change queue (remote.d/server.inc.php and admin.inc.php, 3.2.11).

/** `$app->db->datalogUpdate($table, $values, $pk, $id)` for the admin methods: writes the values and queues the change, nothing when the row is missing. */
export function datalogUpdateExisting(scope: RecordScope, table: string, pk: string, id: unknown, values: Record<string, unknown>): void {
  const read = () => queryOne(scope.db, `SELECT * FROM ${t(table)} WHERE "${pk}" = ?`, str(id));
  const old = read();
  const names = Object.keys(values);
  if (!old || !names.length) return;
  exec(scope.db, `UPDATE ${t(table)} SET ${names.map((n) => `"${n}" = ?`).join(', ')} WHERE "${pk}" = ?`, ...names.map((n) => (values[n] === null ? null : str(values[n]))), str(id));
  datalogSave(scope, table, 'u', pk, str(id), old, read(), 'admin');
}

export function serverIds(db: DB): Row[] {
  return queryAll(db, `SELECT server_id FROM ${t('server')} ORDER BY server_id`);
}

export function serverNames(db: DB): Row[] {
  return queryAll(db, `SELECT server_id, server_name FROM ${t('server')} ORDER BY server_id`);
}

export function serverIdByIp(db: DB, ip: string): Row | undefined {
  return queryOne(db, `SELECT server_id FROM ${t('server_ip')} WHERE ip_address = ? ORDER BY server_ip_id LIMIT 1`, ip);
}

export function serverIdByName(db: DB, name: string): Row | undefined {
  return queryOne(db, `SELECT server_id FROM ${t('server')} WHERE server_name = ?`, name);
}

export function serverFunctions(db: DB, serverId: string): Row | undefined {
  return queryOne(
    db,
    `SELECT mail_server, web_server, dns_server, file_server, db_server, vserver_server, proxy_server, firewall_server, mirror_server_id FROM ${t('server')} WHERE server_id = ?`,
    serverId,
  );
}

/** The first server with the DNS role. */
export function firstDnsServer(db: DB): Row | undefined {
  return queryOne(db, `SELECT server_id FROM ${t('server')} WHERE dns_server = 1 ORDER BY server_id LIMIT 1`);
}

export function serverRoles(db: DB, serverId: unknown): Row | undefined {
  return queryOne(db, `SELECT server_id, db_server FROM ${t('server')} WHERE server_id = ?`, serverId);
}

/** Additional PHP versions of a server (server_php rows of client 0) usable as PHP-FPM or as FastCGI. */
export function serverPhpVersions(db: DB, serverId: string, kind: 'php-fpm' | 'fast-cgi'): Row[] {
  const usable =
    kind === 'php-fpm'
      ? `php_fpm_init_script != '' AND php_fpm_ini_dir != '' AND php_fpm_pool_dir != ''`
      : `php_fastcgi_binary != '' AND php_fastcgi_ini_dir != ''`;
  return queryAll(db, `SELECT * FROM ${t('server_php')} WHERE ${usable} AND server_id = ? AND client_id = 0 ORDER BY server_php_id`, serverId);
}

export function configValue(db: DB, group: string, name: string): Row | undefined {
  return queryOne(db, `SELECT * FROM ${t('sys_config')} WHERE "group" = ? AND name = ?`, group, name);
}

export function insertConfigValue(db: DB, group: string, name: string, value: string): void {
  exec(db, `INSERT INTO ${t('sys_config')} ("group", name, value) VALUES (?, ?, ?)`, group, name, value);
}

export function updateConfigValue(db: DB, group: string, name: string, value: string): void {
  exec(db, `UPDATE ${t('sys_config')} SET value = ? WHERE "group" = ? AND name = ?`, value, group, name);
}

export function deleteConfigValue(db: DB, group: string, name: string): void {
  exec(db, `DELETE FROM ${t('sys_config')} WHERE "group" = ? AND name = ?`, group, name);
}

const DATALOG_COLUMNS = 'datalog_id, server_id, dbtable, dbidx, action, tstamp, user, data, status, error';

/** Change-queue entries since a time, newest first. */
export function datalogSince(db: DB, tstamp: number): Row[] {
  return queryAll(db, `SELECT ${DATALOG_COLUMNS} FROM ${t('sys_datalog')} WHERE CAST(tstamp AS INTEGER) >= ? ORDER BY datalog_id DESC`, tstamp);
}

/** One change-queue entry, or with `andNewer` every entry from that id on, newest first. */
export function datalogEntries(db: DB, id: number, andNewer: boolean): Row[] {
  return queryAll(db, `SELECT ${DATALOG_COLUMNS} FROM ${t('sys_datalog')} WHERE datalog_id ${andNewer ? '>=' : '='} ? ORDER BY datalog_id DESC`, id);
}

/** Datalog entries the servers have not processed yet (beyond each server's `updated` mark), as MySQL's count string; undefined for no server. */
export function pendingJobCount(db: DB, serverId: number): string | undefined {
  const servers = serverId === 0 ? queryAll(db, `SELECT server_id, updated FROM ${t('server')}`) : queryAll(db, `SELECT server_id, updated FROM ${t('server')} WHERE server_id = ?`, serverId);
  if (!servers.length) return undefined;
  const where = servers.map(() => '(datalog_id > ? AND server_id IN (0, ?))').join(' OR ');
  const row = queryOne(db, `SELECT count(datalog_id) AS jobqueue_count FROM ${t('sys_datalog')} WHERE ${where}`, ...servers.flatMap((s) => [intval(s.updated), intval(s.server_id)]));
  return row?.jobqueue_count ?? '0';
}

/** True when a sys_user (`sys_userid`) or sys_group (`sys_groupid`) with that id exists. */
export function ownerExists(db: DB, key: 'sys_userid' | 'sys_groupid', id: number): boolean {
  const [table, col] = key === 'sys_userid' ? ['sys_user', 'userid'] : ['sys_group', 'groupid'];
  return queryOne(db, `SELECT ${col} FROM ${t(table)} WHERE ${col} = ?`, id) !== undefined;
}

export function domainsOfGroup(db: DB, groupId: number): Row[] {
  return queryAll(db, `SELECT domain_id, domain FROM ${t('domain')} WHERE sys_groupid = ? ORDER BY domain_id`, groupId);
}
