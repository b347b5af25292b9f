import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { canAccess } from '../access.js';
import { faults } from '../faults.js';
import { getAccount, homedir } from '../store/accounts.js';
import { getDomain, webVhosts, type DomainRow } from '../store/domains.js';
import { phpSystemDefault, saveVhostPhpSettings, vhostPhpSettings } from '../store/php.js';
import { MAX_LIST_ENTRIES } from '../store/stored-settings.js';

/*
 * The PHP version per virtual host (seed 004, "Web Server Configuration / EasyApache Settings"): php_set_vhost_versions
 * writes, php_get_vhost_versions shows it (inherit restores the system
 * default). The answers keep the documented samples' keys; wording marked
 * inferred is ours.
 */

const PHP_VERSION = /^(ea-php\d{2,3}|alt-php\d{2,3}|inherit)$/;
const POOL_DEFAULTS = { pm_max_children: 5, pm_max_requests: 20, pm_process_idle_timeout: 10 };

const vhostSettings = (call: WhmCall) => vhostPhpSettings(call.db);

/** A web virtual host: a main, sub or addon domain (parked domains are aliases of the main one). */
function vhostRow(call: WhmCall, name: string): DomainRow {
  const row = getDomain(call.db, name);
  const account = row && getAccount(call.db, row.user);
  if (!row || row.type === 'parked' || !account || !canAccess(call, account)) throw faults.noSuchVhost(name.slice(0, 200));
  return row;
}

function php_set_vhost_versions(call: WhmCall): unknown {
  const version = call.required('version');
  if (!PHP_VERSION.test(version)) throw faults.invalidParameter('version', version.slice(0, 100), 'an installed PHP version such as ea-php82, or inherit');
  const vhosts = call.list('vhost');
  if (!vhosts.length) throw faults.missingParameter('vhost');
  const settings = vhostSettings(call);
  let pool: Record<string, unknown> | undefined;
  const rawPool = call.params.php_fpm_pool_parms;
  if (rawPool !== undefined) {
    try {
      pool = typeof rawPool === 'string' ? (JSON.parse(rawPool) as Record<string, unknown>) : (rawPool as Record<string, unknown>);
    } catch {
      throw faults.invalidParameter('php_fpm_pool_parms', String(rawPool).slice(0, 100), 'JSON');
    }
  }
  for (const name of vhosts.slice(0, MAX_LIST_ENTRIES)) {
    const row = vhostRow(call, name);
    const before = settings[row.domain];
    if (version === 'inherit') delete settings[row.domain];
    else
      settings[row.domain] = {
        version,
        php_fpm: call.sent('php_fpm') ? (call.bool('php_fpm') ? 1 : 0) : (before?.php_fpm ?? 0),
        ...((pool ?? before?.php_fpm_pool_parms) ? { php_fpm_pool_parms: pool ?? before?.php_fpm_pool_parms } : {}),
      };
  }
  saveVhostPhpSettings(call.db, settings);
  return undefined;
}

function php_get_vhost_versions(call: WhmCall): unknown {
  const settings = vhostSettings(call);
  const systemDefault = phpSystemDefault(call.db);
  const versions = [];
  for (const row of webVhosts(call.db)) {
    const account = getAccount(call.db, row.user);
    if (!account || !canAccess(call, account)) continue;
    const own = settings[row.domain];
    versions.push({
      account: account.user,
      account_owner: account.owner,
      documentroot: row.docroot,
      homedir: homedir(account),
      is_suspended: account.suspended ? 1 : 0,
      main_domain: row.type === 'main' ? 1 : 0,
      php_fpm: own?.php_fpm ?? 0,
      php_fpm_pool_parms: { ...POOL_DEFAULTS, ...(own?.php_fpm_pool_parms ?? {}) },
      // Where the version comes from (inferred from the sample): the vhost's own setting, else the system default.
      phpversion_source: [own ? { domain: row.domain } : { domain: row.domain, system_default: 1 }],
      version: own?.version ?? systemDefault,
      vhost: row.domain,
    });
  }
  return { versions };
}

export const phpVhostMethods = defineMethods<WhmCall>({
  php_set_vhost_versions: { acl: 'list-accts', run: php_set_vhost_versions },
  php_get_vhost_versions: { acl: 'list-accts', run: php_get_vhost_versions },
});
