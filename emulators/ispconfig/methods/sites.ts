import type { Handler } from '../../core/panel.js';
import { globalConfig, serverConfig } from '../engine/config.js';
import type { IspCall } from '../engine/context.js';
import { arrayParams, deleteRecord, fetchRow, getDataRecord, insertRecord, updateRecord } from '../engine/crud.js';
import { datalogSave } from '../engine/datalog.js';
import { empty, intval, isPhpArray, looseEquals, str, type PhpArray } from '../engine/php.js';
import { loadProfile } from '../engine/profile.js';
import { exec, queryAll, queryOne } from '../engine/query.js';
import { ispFault } from '../faults.js';
import { form as formDef, sqlName as t } from '../schema/index.js';
import { ispCall } from '../session.js';

// Websites, databases, FTP/shell users, protected folders and backups (research/ispconfig/core-tables.md §3–5).

/** PHP `$params[k] == ''`: missing, null, '' and false count as empty; 0 and '0' do not. */
function blank(value: unknown): boolean {
  return value === undefined || value === null || looseEquals(value, '');
}

/** The PHP-FPM sizes and log retention the website methods fill in whenever a call leaves them out (core-tables.md §1.3). */
function fillRuntimeDefaults(params: PhpArray): void {
  if (blank(params.log_retention)) params.log_retention = 30;
  for (const k of ['pm_max_children', 'pm_start_servers', 'pm_min_spare_servers', 'pm_max_spare_servers']) if (blank(params[k])) params[k] = 1;
}

/**
 * sites_web_vhost_domain_plugin on insert (core-tables.md §3): with the
 * default `client_protection=y` the site moves to params['client_group_id']
 * with sys_perm_group 'ru'; a vhost gets its document root from the server's
 * `website_path`, system user `web<id>`, group `client<client id>`, the
 * server's allow_override and php_open_basedir.
 */
function webDomainPlugin(call: IspCall, id: number, params: PhpArray): void {
  const groupId = params.client_group_id;
  if (groupId !== undefined && groupId !== null) {
    const group = intval(groupId);
    if ((globalConfig(call).sites?.client_protection ?? 'y') === 'y') {
      exec(call, `UPDATE ${t('web_domain')} SET sys_groupid = ?, sys_perm_group = 'ru' WHERE domain_id = ?`, group, id);
    } else {
      const user = queryOne(call, `SELECT userid FROM ${t('sys_user')} WHERE default_group = ?`, group);
      exec(call, `UPDATE ${t('web_domain')} SET sys_userid = ?, sys_groupid = ?, sys_perm_group = 'riud' WHERE domain_id = ?`, intval(user?.userid) || 1, group, id);
    }
  }
  const type = str(params.type);
  // inferred: vhost alias and sub domains take their paths from the parent site in ISPConfig; mockpanel leaves them as sent.
  if (type === 'vhostalias' || type === 'vhostsubdomain') return;
  const web = serverConfig(call, intval(params.server_id)).web ?? {};
  const client = queryOne(call, `SELECT client_id FROM ${t('sys_group')} WHERE groupid = ?`, intval(groupId));
  const clientId = intval(client?.client_id);
  const root = str(web.website_path).split('[website_id]').join(String(id)).split('[client_id]').join(String(clientId));
  const basedir = str(web.php_open_basedir).split('[website_path]').join(root).split('[website_domain]').join(str(params.domain));
  exec(
    call,
    `UPDATE ${t('web_domain')} SET system_user = ?, system_group = ?, document_root = ?, allow_override = ?, php_open_basedir = ? WHERE domain_id = ?`,
    `web${id}`,
    `client${clientId}`,
    root,
    str(web.htaccess_allow_override),
    basedir,
    id,
  );
}

/** sites_web_domain_add and the vhost alias/sub domain adds: '-' placeholders and runtime defaults, the form, then the plugin. */
function webDomainAdd(withGroup: boolean): Handler {
  return (ctx) => {
    const call = ispCall(ctx);
    const [, clientId, raw, readonly] = ctx.args;
    const params = arrayParams(raw);
    if (withGroup && empty(params.client_group_id)) {
      params.client_group_id = queryOne(call, `SELECT groupid FROM ${t('sys_group')} WHERE client_id = ?`, intval(clientId))?.groupid ?? null;
    }
    for (const k of ['document_root', 'system_user', 'system_group']) if (blank(params[k])) params[k] = '-';
    fillRuntimeDefaults(params);
    const result = insertRecord(call, 'web_vhost_domain', clientId, params, (id) => webDomainPlugin(call, id, params));
    // `=== true`: only a real boolean makes the site read-only for its client.
    if (readonly === true) exec(call, `UPDATE ${t('web_domain')} SET sys_userid = '1' WHERE domain_id = ?`, result.id);
    return result.returned;
  };
}

/** The website updates reset log_retention and the pm_* sizes whenever params leave them out (core-tables.md §1.3). */
const webDomainUpdate: Handler = (ctx) => {
  const [, clientId, primaryId, raw] = ctx.args;
  const params = arrayParams(raw);
  fillRuntimeDefaults(params);
  return updateRecord(ispCall(ctx), 'web_vhost_domain', clientId, primaryId, params);
};

/** Re-saves the whole stored row through the update path with active y/n (client 0: ownership kept). */
const webDomainSetStatus: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, primaryId, status] = ctx.args;
  if (status !== 'active' && status !== 'inactive') throw ispFault('status_undefined', 'The status is not available');
  const row = getDataRecord(call, formDef('web_vhost_domain'), primaryId, loadProfile(call, 0));
  const params: PhpArray = row && !Array.isArray(row) ? { ...row } : {};
  params.active = status === 'active' ? 'y' : 'n';
  return updateRecord(call, 'web_vhost_domain', 0, primaryId, params);
};

/** The backup columns of web_database are not form fields: both database methods write them with a second UPDATE. */
function writeDatabaseBackup(call: IspCall, id: number, params: PhpArray): void {
  const sets: string[] = [];
  const values: unknown[] = [];
  if (params.backup_interval !== undefined && params.backup_interval !== null) (sets.push('backup_interval = ?'), values.push(str(params.backup_interval)));
  if (params.backup_copies !== undefined && params.backup_copies !== null) (sets.push('backup_copies = ?'), values.push(intval(params.backup_copies)));
  if (!sets.length) return;
  const old = fetchRow(call, 'web_database', id);
  if (!old) return;
  exec(call, `UPDATE ${t('web_database')} SET ${sets.join(', ')} WHERE database_id = ?`, ...values, id);
  datalogSave(call, 'web_database', 'u', 'database_id', id, old, fetchRow(call, 'web_database', id), 'admin');
}

/**
 * sites_database_plugin: a database of a website joins the website's group
 * and takes its backup interval and copies (a plain UPDATE, no datalog).
 */
function databasePlugin(call: IspCall, id: number, params: PhpArray): void {
  if (!(intval(params.parent_domain_id) > 0)) return;
  const web = queryOne(call, `SELECT sys_groupid, backup_interval, backup_copies FROM ${t('web_domain')} WHERE domain_id = ?`, intval(params.parent_domain_id));
  exec(
    call,
    `UPDATE ${t('web_database')} SET sys_groupid = ?, backup_interval = ?, backup_copies = ? WHERE database_id = ?`,
    intval(web?.sys_groupid),
    web?.backup_interval ?? null,
    intval(web?.backup_copies),
    id,
  );
}

/** A database name is unique per server, checked before the form runs (evidence: sites_database_add dup). */
const databaseAdd: Handler = (ctx) => {
  const call = ispCall(ctx);
  const params = arrayParams(ctx.args[2]);
  const dup = queryOne(call, `SELECT count(database_id) AS n FROM ${t('web_database')} WHERE database_name = ? AND server_id = ?`, str(params.database_name), str(params.server_id));
  if (Number(dup?.n) > 0) throw ispFault('database_name_error_unique', 'There is already a database with that name on the same server.');
  const result = insertRecord(call, 'database', ctx.args[1], params);
  databasePlugin(call, result.id, params);
  writeDatabaseBackup(call, result.id, params);
  return result.returned;
};

const databaseUpdate: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, clientId, primaryId, raw] = ctx.args;
  // The plugin runs between the form's validation and its UPDATE; a validation fault rolls it back here as well.
  databasePlugin(call, intval(primaryId), arrayParams(raw));
  const affected = updateRecord(call, 'database', clientId, primaryId, raw);
  writeDatabaseBackup(call, intval(primaryId), arrayParams(raw));
  return affected;
};

/** Deleting a database user unlinks it from the databases that used it. */
const databaseUserDelete: Handler = (ctx) => {
  const call = ispCall(ctx);
  const affected = deleteRecord(call, 'database_user', ctx.args[1]);
  for (const column of ['database_user_id', 'database_ro_user_id']) {
    for (const db of queryAll(call, `SELECT * FROM ${t('web_database')} WHERE ${column} = ?`, str(ctx.args[1]))) {
      exec(call, `UPDATE ${t('web_database')} SET ${column} = NULL WHERE database_id = ?`, db.database_id);
      datalogSave(call, 'web_database', 'u', 'database_id', str(db.database_id), db, fetchRow(call, 'web_database', str(db.database_id)), 'admin');
    }
  }
  return affected;
};

/** A protected folder goes with its users. */
const webFolderDelete: Handler = (ctx) => {
  const call = ispCall(ctx);
  for (const user of queryAll(call, `SELECT web_folder_user_id FROM ${t('web_folder_user')} WHERE web_folder_id = ?`, str(ctx.args[1]))) {
    deleteRecord(call, 'web_folder_user', user.web_folder_user_id);
  }
  return deleteRecord(call, 'web_folder', ctx.args[1]);
};

/** The `server` section of the server config of an FTP user's server, or false for an unknown user. */
const ftpUserServerGet: Handler = (ctx) => {
  const call = ispCall(ctx);
  const row = queryOne(call, `SELECT server_id FROM ${t('ftp_user')} WHERE username = ?`, str(ctx.args[1]));
  if (!row) return false;
  return serverConfig(call, intval(row.server_id)).server ?? null;
};

/** Databases of a client with their user name and password hash (evidence: sites_database_get_all_by_user). */
const databaseGetAllByUser: Handler = (ctx) =>
  queryAll(
    ispCall(ctx),
    `SELECT d.database_id, d.database_name, d.database_user_id, d.database_ro_user_id, du.database_user, du.database_password FROM ${t('web_database')} d LEFT JOIN ${t('web_database_user')} du ON du.database_user_id = d.database_user_id JOIN ${t('sys_user')} s ON d.sys_groupid = s.default_group WHERE s.client_id = ? ORDER BY d.database_id`,
    intval(ctx.args[1]),
  );

const webDomainBackupList: Handler = (ctx) => {
  const siteId = ctx.args[1];
  const call = ispCall(ctx);
  if (siteId === null || siteId === undefined || looseEquals(siteId, null)) return queryAll(call, `SELECT * FROM ${t('web_backup')} ORDER BY backup_id`);
  return queryAll(call, `SELECT * FROM ${t('web_backup')} WHERE parent_domain_id = ? ORDER BY backup_id`, str(siteId));
};

/** Queues a restore/download/delete of a backup in sys_remoteaction for the server daemon; true when queued. */
export function queueBackupAction(call: IspCall, table: 'web_backup' | 'mail_backup', backupId: unknown, actionType: unknown, allowed: string[]): boolean {
  const backup = queryOne(call, `SELECT server_id FROM ${t(table)} WHERE backup_id = ?`, str(backupId));
  if (!(intval(backup?.server_id) > 0)) throw ispFault('invalid_backup_id', `Invalid or non existant backup_id ${str(backupId)}`);
  const action = str(actionType);
  if (!allowed.includes(action)) throw ispFault('invalid_action', `Invalid action_type ${action}`);
  const pending = queryOne(call, `SELECT action_id FROM ${t('sys_remoteaction')} WHERE action_param = ? AND action_type = ? AND action_state = 'pending'`, str(backupId), action);
  if (pending && intval(pending.action_id) >= 1) throw ispFault('duplicate_action', `There is already a pending ${action} action`);
  exec(
    call,
    `INSERT INTO ${t('sys_remoteaction')} (server_id, tstamp, action_type, action_param, action_state, response) VALUES (?, ?, ?, ?, 'pending', '')`,
    backup!.server_id,
    call.now,
    action,
    str(backupId),
  );
  return true;
}

export const sitesHandlers: Record<string, Handler> = {
  sites_web_domain_add: webDomainAdd(true),
  sites_web_vhost_aliasdomain_add: webDomainAdd(false),
  sites_web_vhost_subdomain_add: webDomainAdd(false),
  sites_web_domain_update: webDomainUpdate,
  sites_web_vhost_aliasdomain_update: webDomainUpdate,
  sites_web_vhost_subdomain_update: webDomainUpdate,
  sites_web_domain_set_status: webDomainSetStatus,
  sites_database_add: databaseAdd,
  sites_database_update: databaseUpdate,
  sites_database_user_delete: databaseUserDelete,
  sites_web_folder_delete: webFolderDelete,
  sites_ftp_user_server_get: ftpUserServerGet,
  sites_database_get_all_by_user: databaseGetAllByUser,
  sites_web_domain_backup_list: webDomainBackupList,
  sites_web_domain_backup: (ctx) => queueBackupAction(ispCall(ctx), 'web_backup', ctx.args[1], ctx.args[2], ['backup_download', 'backup_restore', 'backup_delete']),
};
