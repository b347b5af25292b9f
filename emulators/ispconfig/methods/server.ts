import { defineMethods } from '../../core/define-methods.js';
import type { IspCall } from '../call.js';
import { empty, intval, str, writeIni } from '../engine/php.js';
import { faults } from '../faults.js';
import { globalConfig, serverConfig } from '../store/config.js';
import {
  configValue, datalogEntries, datalogSince, datalogUpdateExisting, deleteConfigValue, domainsOfGroup, insertConfigValue, ownerExists, pendingJobCount,
  serverFunctions, serverIdByIp, serverIdByName, serverIds, serverNames, serverPhpVersions, updateConfigValue,
} from '../store/server.js';

// Servers, their configuration and the panel's own settings (remote.d/server.inc.php and admin.inc.php, 3.2.11).

function looseZero(v: unknown): boolean {
  return v === undefined || v === null || v === 0 || v === '0' || v === '' || v === false;
}

/** The group and name (and value) the config_value_* methods require, or field_empty_error. */
function configArgs(call: IspCall, withValue: boolean): [string, string, string] {
  const group = call.param('group');
  const name = call.param('name');
  const value = withValue ? call.param('value') : undefined;
  if (str(group) === '' || str(name) === '' || (withValue && str(value) === '')) throw faults.fieldEmpty(withValue);
  return [str(group), str(name), str(value)];
}

const ALLOWED_PERMISSION_KEYS = ['sys_userid', 'sys_groupid', 'sys_perm_user', 'sys_perm_group'];

export const serverMethods = defineMethods<IspCall>({
  /**
   * server_get(session, server_id = null, section = ''): one server's config
   * (a section, or all sections), or — without a server id — every server's,
   * keyed by the integer server_id (remote.d/server.inc.php; the recorded 3.2.11 run).
   */
  server_get: {
    run(call) {
      const serverId = call.param('server_id');
      const section = str(call.param('section'));
      const pick = (id: number) => {
        const config = serverConfig(call, id);
        return section === '' ? config : (config[section] ?? null);
      };
      if (!empty(serverId)) return pick(intval(serverId));
      // Keyed by server id like the PHP array: numeric keys, which the codecs write as PHP would (an ns2:Map with xsd:int keys).
      const out: Record<string, unknown> = {};
      for (const row of serverIds(call.db)) out[str(row.server_id)] = pick(intval(row.server_id));
      return out;
    },
  },
  server_config_set: {
    run(call) {
      const serverId = call.param('server_id');
      const section = str(call.param('section'));
      const key = str(call.param('key'));
      if (empty(serverId) || !(intval(serverId) > 0) || section === '' || key === '') throw faults.invalidFunctionParameter();
      const config = serverConfig(call, intval(serverId));
      (config[section] ??= {})[key] = str(call.param('value'));
      datalogUpdateExisting(call, 'server', 'server_id', intval(serverId), { config: writeIni(config) });
      return true;
    },
  },
  server_get_all: { run: (call) => serverNames(call.db) },
  server_get_serverid_by_ip: { run: (call) => serverIdByIp(call.db, str(call.param('ipaddress'))) ?? null },
  server_get_serverid_by_name: {
    run(call) {
      const name = call.param('server_name');
      if (empty(name)) return false;
      return serverIdByName(call.db, str(name)) ?? null;
    },
  },
  server_get_functions: {
    run(call) {
      const serverId = call.param('server_id');
      if (empty(serverId)) return false;
      return serverFunctions(call.db, str(serverId)) ?? null;
    },
  },
  /** The panel's version for server 0; another server's as its monitor reported it (none in mockpanel: nil). */
  server_get_app_version: {
    run(call) {
      // The version ISPC_APP_VERSION reports; a release tarball of 3.2.11 says "3.2.11" (setting `appVersion`).
      if (looseZero(call.param('server_id'))) return { ispc_app_version: call.setting<string>('appVersion') };
      // inferred: monitor_data is filled by the server daemons, which mockpanel does not run, so the version is unknown.
      return { ispc_app_version: null };
    },
  },
  /** Additional PHP versions of a server (server_php rows of client 0) as `name:binary:ini-dir[:pool-dir]` strings or full rows. */
  server_get_php_versions: {
    run(call) {
      const serverId = call.param('server_id');
      const php = call.param('php');
      const full = call.param('get_full_data');
      if (empty(serverId) || empty(php)) return false;
      const serverType = serverConfig(call, intval(serverId)).web?.server_type || 'apache';
      const out: unknown[] = [];
      if (php === 'php-fpm' || (php === 'hhvm' && serverType === 'nginx')) {
        for (const row of serverPhpVersions(call.db, str(serverId), 'php-fpm')) {
          out.push(full ? row : `${row.name}:${row.php_fpm_init_script}:${row.php_fpm_ini_dir}:${row.php_fpm_pool_dir}`);
        }
      }
      if (php === 'fast-cgi') {
        for (const row of serverPhpVersions(call.db, str(serverId), 'fast-cgi')) out.push(full ? row : `${row.name}:${row.php_fastcgi_binary}:${row.php_fastcgi_ini_dir}`);
      }
      return out;
    },
  },
  system_config_set: {
    run(call) {
      const section = str(call.param('section'));
      const key = str(call.param('key'));
      if (section === '' || key === '') throw faults.invalidFunctionParameter();
      const config = globalConfig(call);
      (config[section] ??= {})[key] = str(call.param('value'));
      datalogUpdateExisting(call, 'sys_ini', 'sysini_id', 1, { config: writeIni(config) });
      return true;
    },
  },
  /** One key (false when absent) or a whole section (false when absent) of the system config. */
  system_config_get: {
    run(call) {
      const section = str(call.param('section'));
      const key = str(call.param('key'));
      if (section === '') throw faults.invalidFunctionParameter();
      const config = globalConfig(call);
      if (key !== '') return config[section]?.[key] ?? false;
      return config[section] ?? false;
    },
  },
  config_value_get: {
    run(call) {
      const [group, name] = configArgs(call, false);
      return configValue(call.db, group, name) ?? null;
    },
  },
  config_value_add: {
    run(call) {
      const [group, name, value] = configArgs(call, true);
      if (configValue(call.db, group, name)) throw faults.recordNotUnique();
      insertConfigValue(call.db, group, name, value);
      return true;
    },
  },
  config_value_update: {
    run(call) {
      const [group, name, value] = configArgs(call, true);
      if (!configValue(call.db, group, name)) throw faults.recordMissing();
      updateConfigValue(call.db, group, name, value);
      return true;
    },
  },
  config_value_replace: {
    run(call) {
      const [group, name, value] = configArgs(call, true);
      if (configValue(call.db, group, name)) updateConfigValue(call.db, group, name, value);
      else insertConfigValue(call.db, group, name, value);
      return true;
    },
  },
  config_value_delete: {
    run(call) {
      const [group, name] = configArgs(call, false);
      if (!configValue(call.db, group, name)) throw faults.recordMissing();
      deleteConfigValue(call.db, group, name);
      return true;
    },
  },
  /** Change-queue entries since a time, newest first; nothing (nil) for a time ≤ 0. */
  sys_datalog_get_by_tstamp: {
    run(call) {
      const tstamp = intval(call.param('tstamp'));
      return tstamp <= 0 ? null : datalogSince(call.db, tstamp);
    },
  },
  /** One entry, or with `newer === true` (a real boolean) every entry from that id on. */
  sys_datalog_get: {
    run(call) {
      const id = intval(call.param('datalog_id'));
      if (!(id > 0)) throw faults.invalidDatalogId();
      return datalogEntries(call.db, id, call.param('newer') === true);
    },
  },
  /** Datalog entries the servers have not processed yet — as a string, like every counted column. */
  monitor_jobqueue_count: {
    run(call) {
      const serverId = intval(call.param('server_id'));
      return pendingJobCount(call.db, serverId) ?? (serverId === 0 ? null : '0');
    },
  },
  /** update_record_permissions: owner and permission columns of any record, through datalogUpdate; true. */
  update_record_permissions: {
    run(call) {
      const permissions = call.param('permissions');
      const values: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(permissions && typeof permissions === 'object' ? (permissions as Record<string, unknown>) : {})) {
        if (!ALLOWED_PERMISSION_KEYS.includes(key)) {
          throw faults.invalidParameters('Only sys_userid, sys_groupid, sys_perm_user and sys_perm_group parameters can be changed with this function.');
        }
        if (key === 'sys_userid' || key === 'sys_groupid') {
          if (!ownerExists(call.db, key, intval(value))) throw faults.invalidParameters(`${str(value)} is no valid ${key}.`);
          values[key] = intval(value);
        } else {
          const v = str(value).toLowerCase();
          if (!/^[riud]+$/.test(v)) throw faults.invalidParameters(`${v} is no valid permission string.`);
          values[key] = ['r', 'i', 'u', 'd'].filter((c) => v.includes(c)).join('');
        }
      }
      // inferred: an unknown table or column makes the real datalogUpdate fail inside MySQL; mockpanel answers true without writing.
      const table = str(call.param('tablename'));
      const indexField = str(call.param('index_field'));
      if (!/^\w+$/.test(table) || !/^\w+$/.test(indexField)) return true;
      try {
        datalogUpdateExisting(call, table, indexField, call.param('index_value'), values);
      } catch {
        // As above: the real call fails inside MySQL and still answers true.
      }
      return true;
    },
  },
  domains_get_all_by_user: { run: (call) => domainsOfGroup(call.db, intval(call.param('group_id'))) },
});
