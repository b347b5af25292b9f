import { defineMethods } from '../../core/define-methods.js';
import type { IspCall } from '../call.js';
import { empty, intval, str, writeIni } from '../engine/php.js';
import { faults } from '../faults.js';
import { serverConfig } from '../store/config.js';
import { datalogUpdateExisting } from '../store/datalog.js';
import { serverFunctions, serverIdByIp, serverIdByName, serverIds, serverNames, serverPhpVersions } from '../store/server.js';

// Servers and their configuration (remote.d/server.inc.php, 3.2.11).

function looseZero(v: unknown): boolean {
  return v === undefined || v === null || v === 0 || v === '0' || v === '' || v === false;
}

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
        for (const row of serverPhpVersions(call.db, str(serverId), 'fast-cgi'))
          out.push(full ? row : `${row.name}:${row.php_fastcgi_binary}:${row.php_fastcgi_ini_dir}`);
      }
      return out;
    },
  },
});
