import { defineMethods } from '../../core/define-methods.js';
import type { IspCall } from '../call.js';
import { empty, intval, looseEquals, str, type PhpArray } from '../engine/php.js';
import { faults } from '../faults.js';
import { form as formDef } from '../schema/index.js';
import { globalConfig, serverConfig } from '../store/config.js';
import { clientOfGroup, groupOfClient } from '../store/groups.js';
import { loadProfile } from '../store/profile.js';
import { arrayParams, deleteRecord, getDataRecord, insertRecord, updateRecord } from '../store/records.js';
import { backupServer, pendingAction, queueRemoteAction } from '../store/remote-actions.js';
import {
  alignDatabaseWithSite,
  databaseNameCount,
  databasesOfClient,
  folderUsers,
  ftpUserServer,
  giveSiteToGroup,
  makeSiteReadonly,
  protectSiteForGroup,
  setSitePaths,
  sitesReadableBy,
  unlinkDatabaseUser,
  webBackups,
  writeDatabaseBackup,
} from '../store/sites.js';

// Websites, databases, FTP/shell users, protected folders and backups (remote.d/sites.inc.php, 3.2.11).

/** PHP `$params[k] == ''`: missing, null, '' and false count as empty; 0 and '0' do not. */
function blank(value: unknown): boolean {
  return value === undefined || value === null || looseEquals(value, '');
}

/** The PHP-FPM sizes and log retention the website methods fill in whenever a call leaves them out (remote.d/sites.inc.php, 3.2.11). */
function fillRuntimeDefaults(params: PhpArray): void {
  if (blank(params.log_retention)) params.log_retention = 30;
  for (const k of ['pm_max_children', 'pm_start_servers', 'pm_min_spare_servers', 'pm_max_spare_servers']) if (blank(params[k])) params[k] = 1;
}

/**
 * sites_web_vhost_domain_plugin on insert (sites_web_vhost_domain_plugin.inc.php, 3.2.11): with the
 * default `client_protection=y` the site moves to params['client_group_id']
 * with sys_perm_group 'ru'; a vhost gets its document root from the server's
 * `website_path`, system user `web<id>`, group `client<client id>`, the
 * server's allow_override and php_open_basedir.
 */
function webDomainPlugin(call: IspCall, id: number, params: PhpArray): void {
  const groupId = params.client_group_id;
  if (groupId !== undefined && groupId !== null) {
    const group = intval(groupId);
    if ((globalConfig(call).sites?.client_protection ?? 'y') === 'y') protectSiteForGroup(call.db, id, group);
    else giveSiteToGroup(call.db, id, group);
  }
  const type = str(params.type);
  // inferred: vhost alias and sub domains take their paths from the parent site in ISPConfig; mockpanel leaves them as sent.
  if (type === 'vhostalias' || type === 'vhostsubdomain') return;
  const web = serverConfig(call, intval(params.server_id)).web ?? {};
  const clientId = intval(clientOfGroup(call.db, intval(groupId))?.client_id);
  const root = str(web.website_path).split('[website_id]').join(String(id)).split('[client_id]').join(String(clientId));
  const basedir = str(web.php_open_basedir).split('[website_path]').join(root).split('[website_domain]').join(str(params.domain));
  setSitePaths(call.db, id, {
    systemUser: `web${id}`,
    systemGroup: `client${clientId}`,
    documentRoot: root,
    allowOverride: str(web.htaccess_allow_override),
    openBasedir: basedir,
  });
}

/** sites_web_domain_add and the vhost alias/sub domain adds: '-' placeholders and runtime defaults, the form, then the plugin. */
function webDomainAdd(withGroup: boolean): (call: IspCall) => unknown {
  return (call) => {
    const clientId = call.param('client_id');
    const params = arrayParams(call.param('params'));
    if (withGroup && empty(params.client_group_id)) params.client_group_id = groupOfClient(call.db, intval(clientId))?.groupid ?? null;
    for (const k of ['document_root', 'system_user', 'system_group']) if (blank(params[k])) params[k] = '-';
    fillRuntimeDefaults(params);
    const result = insertRecord(call, 'web_vhost_domain', clientId, params, (id) => webDomainPlugin(call, id, params));
    // `=== true`: only a real boolean makes the site read-only for its client (sites_web_domain_add's `readonly`).
    if (withGroup && call.param('readonly') === true) makeSiteReadonly(call.db, result.id);
    return result.returned;
  };
}

/** The website updates reset log_retention and the pm_* sizes whenever params leave them out (remote.d/sites.inc.php, 3.2.11). */
function webDomainUpdate(call: IspCall): unknown {
  const params = arrayParams(call.param('params'));
  fillRuntimeDefaults(params);
  return updateRecord(call, 'web_vhost_domain', call.param('client_id'), call.param('primary_id'), params);
}

/** The backup columns of web_database are not form fields: both database methods write them with a second UPDATE. */
function databaseBackup(call: IspCall, id: number, params: PhpArray): void {
  writeDatabaseBackup(call, id, {
    interval: params.backup_interval !== undefined && params.backup_interval !== null ? str(params.backup_interval) : undefined,
    copies: params.backup_copies !== undefined && params.backup_copies !== null ? intval(params.backup_copies) : undefined,
  });
}

/** sites_database_plugin: a database of a website joins the website's group and takes its backup settings. */
function databasePlugin(call: IspCall, id: number, params: PhpArray): void {
  if (intval(params.parent_domain_id) > 0) alignDatabaseWithSite(call.db, id, intval(params.parent_domain_id));
}

/** Queues a restore/download/delete of a backup in sys_remoteaction for the server daemon; true when queued. */
export function queueBackupAction(call: IspCall, table: 'web_backup' | 'mail_backup', backupId: unknown, actionType: unknown, allowed: string[]): boolean {
  const backup = backupServer(call.db, table, str(backupId));
  if (!(intval(backup?.server_id) > 0)) throw faults.invalidBackupId(str(backupId));
  const action = str(actionType);
  if (!allowed.includes(action)) throw faults.invalidAction(action);
  const pending = pendingAction(call.db, str(backupId), action);
  if (pending && intval(pending.action_id) >= 1) throw faults.duplicateAction(action);
  queueRemoteAction(call.db, backup!.server_id, call.now(), action, str(backupId));
  return true;
}

export const sitesMethods = defineMethods<IspCall>({
  sites_web_domain_add: { run: webDomainAdd(true) },
  sites_web_vhost_aliasdomain_add: { run: webDomainAdd(false) },
  sites_web_vhost_subdomain_add: { run: webDomainAdd(false) },
  sites_web_domain_update: { run: webDomainUpdate },
  sites_web_vhost_aliasdomain_update: { run: webDomainUpdate },
  sites_web_vhost_subdomain_update: { run: webDomainUpdate },
  /** Re-saves the whole stored row through the update path with active y/n (client 0: ownership kept). */
  sites_web_domain_set_status: {
    run(call) {
      const primaryId = call.param('primary_id');
      const status = call.param('status');
      if (status !== 'active' && status !== 'inactive') throw faults.statusUndefined();
      const row = getDataRecord(call, formDef('web_vhost_domain'), primaryId, loadProfile(call, 0));
      const params: PhpArray = row && !Array.isArray(row) ? { ...row } : {};
      params.active = status === 'active' ? 'y' : 'n';
      return updateRecord(call, 'web_vhost_domain', 0, primaryId, params);
    },
  },
  /** A database name is unique per server, checked before the form runs (evidence: sites_database_add dup). */
  sites_database_add: {
    run(call) {
      const params = arrayParams(call.param('params'));
      if (databaseNameCount(call.db, str(params.database_name), str(params.server_id)) > 0) throw faults.databaseNameTaken();
      const result = insertRecord(call, 'database', call.param('client_id'), params);
      databasePlugin(call, result.id, params);
      databaseBackup(call, result.id, params);
      return result.returned;
    },
  },
  sites_database_update: {
    run(call) {
      const primaryId = call.param('primary_id');
      const raw = call.param('params');
      // The plugin runs between the form's validation and its UPDATE; a validation fault rolls it back here as well.
      databasePlugin(call, intval(primaryId), arrayParams(raw));
      const affected = updateRecord(call, 'database', call.param('client_id'), primaryId, raw);
      databaseBackup(call, intval(primaryId), arrayParams(raw));
      return affected;
    },
  },
  /** Deleting a database user unlinks it from the databases that used it. */
  sites_database_user_delete: {
    run(call) {
      const primaryId = call.param('primary_id');
      const affected = deleteRecord(call, 'database_user', primaryId);
      for (const column of ['database_user_id', 'database_ro_user_id'] as const) unlinkDatabaseUser(call, column, str(primaryId));
      return affected;
    },
  },
  /** A protected folder goes with its users. */
  sites_web_folder_delete: {
    run(call) {
      const primaryId = call.param('primary_id');
      for (const user of folderUsers(call.db, str(primaryId))) deleteRecord(call, 'web_folder_user', user.web_folder_user_id);
      return deleteRecord(call, 'web_folder', primaryId);
    },
  },
  /** The `server` section of the server config of an FTP user's server, or false for an unknown user. */
  sites_ftp_user_server_get: {
    run(call) {
      const row = ftpUserServer(call.db, str(call.param('ftp_user')));
      if (!row) return false;
      return serverConfig(call, intval(row.server_id)).server ?? null;
    },
  },
  sites_database_get_all_by_user: { run: (call) => databasesOfClient(call.db, intval(call.param('client_id'))) },
  sites_web_domain_backup_list: {
    run(call) {
      const siteId = call.param('site_id');
      return webBackups(call.db, siteId === null || siteId === undefined || looseEquals(siteId, null) ? undefined : str(siteId));
    },
  },
  sites_web_domain_backup: {
    run: (call) =>
      queueBackupAction(call, 'web_backup', call.param('primary_id'), call.param('action_type'), ['backup_download', 'backup_restore', 'backup_delete']),
  },
  /** Websites (vhosts) readable by a user id or any of a comma list of group ids. */
  client_get_sites_by_user: {
    run(call) {
      const groups = str(call.param('sys_groupid'))
        .split(',')
        .map((g) => intval(g));
      return sitesReadableBy(call.db, intval(call.param('sys_userid')), groups);
    },
  },
});
