import { defineMethods } from '../../core/define-methods.js';
import type { IspCall } from '../call.js';
import { intval, str, writeIni } from '../engine/php.js';
import { faults } from '../faults.js';
import { globalConfig } from '../store/config.js';
import { datalogEntries, datalogSince, datalogUpdateExisting } from '../store/datalog.js';
import { ownerExists } from '../store/groups.js';
import { configValue, deleteConfigValue, insertConfigValue, updateConfigValue } from '../store/sys-config.js';

// The panel's own settings, its change queue and record permissions (remote.d/admin.inc.php, 3.2.11).

/** The group and name (and value) the config_value_* methods require, or field_empty_error. */
function configArgs(call: IspCall, withValue: boolean): [string, string, string] {
  const group = call.param('group');
  const name = call.param('name');
  const value = withValue ? call.param('value') : undefined;
  if (str(group) === '' || str(name) === '' || (withValue && str(value) === '')) throw faults.fieldEmpty(withValue);
  return [str(group), str(name), str(value)];
}

const ALLOWED_PERMISSION_KEYS = ['sys_userid', 'sys_groupid', 'sys_perm_user', 'sys_perm_group'];

export const adminMethods = defineMethods<IspCall>({
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
});
