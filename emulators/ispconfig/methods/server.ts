import type { Handler } from '../../core/panel.js';
import { globalConfig, serverConfig } from '../engine/config.js';
import type { IspCall } from '../engine/context.js';
import { datalogSave } from '../engine/datalog.js';
import { empty, intval, str, writeIni } from '../engine/php.js';
import { exec, queryAll, queryOne } from '../engine/query.js';
import { faults, ispFault } from '../faults.js';
import { sqlName as t } from '../schema/index.js';
import { ispCall } from '../session.js';

// Servers, their configuration and the panel's own settings (core-tables.md §10–11, remote.d/server.inc.php and admin.inc.php).

/** The version ISPC_APP_VERSION reports; a release tarball of 3.2.11 says "3.2.11" (evidence README). Setting `ispconfig.appVersion`. */
export const DEFAULT_APP_VERSION = '3.2.11';

/** `$app->db->datalogUpdate($table, $values, $pk, $id)`: writes the values and queues the change; true. */
function datalogUpdate(call: IspCall, table: string, pk: string, id: unknown, values: Record<string, unknown>): boolean {
  const read = () => queryOne(call, `SELECT * FROM ${t(table)} WHERE "${pk}" = ?`, str(id));
  const old = read();
  const names = Object.keys(values);
  if (!old || !names.length) return true;
  exec(call, `UPDATE ${t(table)} SET ${names.map((n) => `"${n}" = ?`).join(', ')} WHERE "${pk}" = ?`, ...names.map((n) => (values[n] === null ? null : str(values[n]))), str(id));
  datalogSave(call, table, 'u', pk, str(id), old, read(), 'admin');
  return true;
}

/**
 * server_get(session, server_id = null, section = ''): one server's config
 * (a section, or all sections), or — without a server id — every server's,
 * keyed by the integer server_id (core-tables.md §10, verified).
 */
const serverGet: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, serverId, sectionArg] = ctx.args;
  const section = str(sectionArg);
  const pick = (id: number) => {
    const config = serverConfig(call, id);
    return section === '' ? config : (config[section] ?? null);
  };
  if (!empty(serverId)) return pick(intval(serverId));
  // Keyed by server id like the PHP array: numeric keys, which the codecs write as PHP would (an ns2:Map with xsd:int keys).
  const out: Record<string, unknown> = {};
  for (const row of queryAll(call, `SELECT server_id FROM ${t('server')} ORDER BY server_id`)) out[str(row.server_id)] = pick(intval(row.server_id));
  return out;
};

const serverConfigSet: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, serverId, section, key, value] = ctx.args;
  if (empty(serverId) || !(intval(serverId) > 0) || str(section) === '' || str(key) === '') throw faults.invalidFunctionParameter();
  const config = serverConfig(call, intval(serverId));
  (config[str(section)] ??= {})[str(key)] = str(value);
  return datalogUpdate(call, 'server', 'server_id', intval(serverId), { config: writeIni(config) });
};

const serverGetAll: Handler = (ctx) => queryAll(ispCall(ctx), `SELECT server_id, server_name FROM ${t('server')} ORDER BY server_id`);

const serverGetServeridByIp: Handler = (ctx) =>
  queryOne(ispCall(ctx), `SELECT server_id FROM ${t('server_ip')} WHERE ip_address = ? ORDER BY server_ip_id LIMIT 1`, str(ctx.args[1])) ?? null;

const serverGetServeridByName: Handler = (ctx) => {
  if (empty(ctx.args[1])) return false;
  return queryOne(ispCall(ctx), `SELECT server_id FROM ${t('server')} WHERE server_name = ?`, str(ctx.args[1])) ?? null;
};

const serverGetFunctions: Handler = (ctx) => {
  if (empty(ctx.args[1])) return false;
  return (
    queryOne(
      ispCall(ctx),
      `SELECT mail_server, web_server, dns_server, file_server, db_server, vserver_server, proxy_server, firewall_server, mirror_server_id FROM ${t('server')} WHERE server_id = ?`,
      str(ctx.args[1]),
    ) ?? null
  );
};

/** The panel's version for server 0; another server's as its monitor reported it (none in mockpanel: nil). */
const serverGetAppVersion: Handler = (ctx) => {
  const serverId = ctx.args[1];
  if (looseZero(serverId)) return { ispc_app_version: ctx.world.setting<string>('ispconfig.appVersion') ?? DEFAULT_APP_VERSION };
  // inferred: monitor_data is filled by the server daemons, which mockpanel does not run, so the version is unknown.
  return { ispc_app_version: null };
};

function looseZero(v: unknown): boolean {
  return v === undefined || v === null || v === 0 || v === '0' || v === '' || v === false;
}

/** Additional PHP versions of a server (server_php rows of client 0) as `name:binary:ini-dir[:pool-dir]` strings or full rows. */
const serverGetPhpVersions: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, serverId, php, full] = ctx.args;
  if (empty(serverId) || empty(php)) return false;
  const serverType = serverConfig(call, intval(serverId)).web?.server_type || 'apache';
  const out: unknown[] = [];
  if (php === 'php-fpm' || (php === 'hhvm' && serverType === 'nginx')) {
    for (const row of queryAll(
      call,
      `SELECT * FROM ${t('server_php')} WHERE php_fpm_init_script != '' AND php_fpm_ini_dir != '' AND php_fpm_pool_dir != '' AND server_id = ? AND client_id = 0 ORDER BY server_php_id`,
      str(serverId),
    )) {
      out.push(full ? row : `${row.name}:${row.php_fpm_init_script}:${row.php_fpm_ini_dir}:${row.php_fpm_pool_dir}`);
    }
  }
  if (php === 'fast-cgi') {
    for (const row of queryAll(
      call,
      `SELECT * FROM ${t('server_php')} WHERE php_fastcgi_binary != '' AND php_fastcgi_ini_dir != '' AND server_id = ? AND client_id = 0 ORDER BY server_php_id`,
      str(serverId),
    )) {
      out.push(full ? row : `${row.name}:${row.php_fastcgi_binary}:${row.php_fastcgi_ini_dir}`);
    }
  }
  return out;
};

const systemConfigSet: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, section, key, value] = ctx.args;
  if (str(section) === '' || str(key) === '') throw faults.invalidFunctionParameter();
  const config = globalConfig(call);
  (config[str(section)] ??= {})[str(key)] = str(value);
  return datalogUpdate(call, 'sys_ini', 'sysini_id', 1, { config: writeIni(config) });
};

/** One key (false when absent) or a whole section (false when absent) of the system config. */
const systemConfigGet: Handler = (ctx) => {
  const [, section, key] = ctx.args;
  if (str(section) === '') throw faults.invalidFunctionParameter();
  const config = globalConfig(ispCall(ctx));
  if (str(key) !== '') return config[str(section)]?.[str(key)] ?? false;
  return config[str(section)] ?? false;
};

function configArgs(args: unknown[], withValue: boolean): [string, string, string] {
  const [, group, name, value] = args;
  if (str(group) === '' || str(name) === '' || (withValue && str(value) === '')) {
    throw ispFault('field_empty_error', withValue ? 'Group, name, and value parameter may not be empty.' : 'Group and name parameter may not be empty.');
  }
  return [str(group), str(name), str(value)];
}

function configRow(call: IspCall, group: string, name: string) {
  return queryOne(call, `SELECT * FROM ${t('sys_config')} WHERE "group" = ? AND name = ?`, group, name);
}

const configValueGet: Handler = (ctx) => {
  const [group, name] = configArgs(ctx.args, false);
  return configRow(ispCall(ctx), group, name) ?? null;
};

const configValueAdd: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [group, name, value] = configArgs(ctx.args, true);
  if (configRow(call, group, name)) throw ispFault('record_unique_error', 'Group plus name field combination is not unique.');
  exec(call, `INSERT INTO ${t('sys_config')} ("group", name, value) VALUES (?, ?, ?)`, group, name, value);
  return true;
};

const configValueUpdate: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [group, name, value] = configArgs(ctx.args, true);
  if (!configRow(call, group, name)) throw ispFault('record_nonexist_error', 'There is no record with this group plus name field combination.');
  exec(call, `UPDATE ${t('sys_config')} SET value = ? WHERE "group" = ? AND name = ?`, value, group, name);
  return true;
};

const configValueReplace: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [group, name, value] = configArgs(ctx.args, true);
  if (configRow(call, group, name)) exec(call, `UPDATE ${t('sys_config')} SET value = ? WHERE "group" = ? AND name = ?`, value, group, name);
  else exec(call, `INSERT INTO ${t('sys_config')} ("group", name, value) VALUES (?, ?, ?)`, group, name, value);
  return true;
};

const configValueDelete: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [group, name] = configArgs(ctx.args, false);
  if (!configRow(call, group, name)) throw ispFault('record_nonexist_error', 'There is no record with this group plus name field combination.');
  exec(call, `DELETE FROM ${t('sys_config')} WHERE "group" = ? AND name = ?`, group, name);
  return true;
};

const DATALOG_COLUMNS = 'datalog_id, server_id, dbtable, dbidx, action, tstamp, user, data, status, error';

/** Change-queue entries since a time, newest first; nothing (nil) for a time ≤ 0. */
const datalogGetByTstamp: Handler = (ctx) => {
  const tstamp = intval(ctx.args[1]);
  if (tstamp <= 0) return null;
  return queryAll(ispCall(ctx), `SELECT ${DATALOG_COLUMNS} FROM ${t('sys_datalog')} WHERE CAST(tstamp AS INTEGER) >= ? ORDER BY datalog_id DESC`, tstamp);
};

/** One entry, or with `newer === true` (a real boolean) every entry from that id on. */
const datalogGet: Handler = (ctx) => {
  const [, id, newer] = ctx.args;
  const n = intval(id);
  if (!(n > 0)) throw ispFault('invalid_datalog_id', 'The ID passed to the function must be > 0');
  return queryAll(ispCall(ctx), `SELECT ${DATALOG_COLUMNS} FROM ${t('sys_datalog')} WHERE datalog_id ${newer === true ? '>=' : '='} ? ORDER BY datalog_id DESC`, n);
};

/** Datalog entries the servers have not processed yet (beyond each server's `updated` mark) — as a string, like every counted column. */
const monitorJobqueueCount: Handler = (ctx) => {
  const call = ispCall(ctx);
  const serverId = intval(ctx.args[1]);
  const servers = serverId === 0 ? queryAll(call, `SELECT server_id, updated FROM ${t('server')}`) : queryAll(call, `SELECT server_id, updated FROM ${t('server')} WHERE server_id = ?`, serverId);
  if (!servers.length) return serverId === 0 ? null : '0';
  const where = servers.map(() => '(datalog_id > ? AND server_id IN (0, ?))').join(' OR ');
  const row = queryOne(call, `SELECT count(datalog_id) AS jobqueue_count FROM ${t('sys_datalog')} WHERE ${where}`, ...servers.flatMap((s) => [intval(s.updated), intval(s.server_id)]));
  return row?.jobqueue_count ?? '0';
};

const ALLOWED_PERMISSION_KEYS = ['sys_userid', 'sys_groupid', 'sys_perm_user', 'sys_perm_group'];

/** update_record_permissions: owner and permission columns of any record, through datalogUpdate; true. */
const updateRecordPermissions: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, tablename, indexField, indexValue, permissions] = ctx.args;
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(permissions && typeof permissions === 'object' ? (permissions as Record<string, unknown>) : {})) {
    if (!ALLOWED_PERMISSION_KEYS.includes(key)) {
      throw ispFault('invalid parameters', 'Only sys_userid, sys_groupid, sys_perm_user and sys_perm_group parameters can be changed with this function.');
    }
    if (key === 'sys_userid' || key === 'sys_groupid') {
      const [tbl, col] = key === 'sys_userid' ? ['sys_user', 'userid'] : ['sys_group', 'groupid'];
      if (!queryOne(call, `SELECT ${col} FROM ${t(tbl)} WHERE ${col} = ?`, intval(value))) throw ispFault('invalid parameters', `${str(value)} is no valid ${key}.`);
      values[key] = intval(value);
    } else {
      const v = str(value).toLowerCase();
      if (!/^[riud]+$/.test(v)) throw ispFault('invalid parameters', `${v} is no valid permission string.`);
      values[key] = ['r', 'i', 'u', 'd'].filter((c) => v.includes(c)).join('');
    }
  }
  // inferred: an unknown table or column makes the real datalogUpdate fail inside MySQL; mockpanel answers true without writing.
  const table = str(tablename);
  if (!/^\w+$/.test(table) || !/^\w+$/.test(str(indexField))) return true;
  try {
    return datalogUpdate(call, table, str(indexField), indexValue, values);
  } catch {
    return true;
  }
};

const domainsGetAllByUser: Handler = (ctx) =>
  queryAll(ispCall(ctx), `SELECT domain_id, domain FROM ${t('domain')} WHERE sys_groupid = ? ORDER BY domain_id`, intval(ctx.args[1]));

export const serverHandlers: Record<string, Handler> = {
  server_get: serverGet,
  server_config_set: serverConfigSet,
  server_get_all: serverGetAll,
  server_get_serverid_by_ip: serverGetServeridByIp,
  server_get_serverid_by_name: serverGetServeridByName,
  server_get_functions: serverGetFunctions,
  server_get_app_version: serverGetAppVersion,
  server_get_php_versions: serverGetPhpVersions,
  system_config_set: systemConfigSet,
  system_config_get: systemConfigGet,
  config_value_get: configValueGet,
  config_value_add: configValueAdd,
  config_value_update: configValueUpdate,
  config_value_replace: configValueReplace,
  config_value_delete: configValueDelete,
  sys_datalog_get_by_tstamp: datalogGetByTstamp,
  sys_datalog_get: datalogGet,
  monitor_jobqueue_count: monitorJobqueueCount,
  update_record_permissions: updateRecordPermissions,
  domains_get_all_by_user: domainsGetAllByUser,
};
