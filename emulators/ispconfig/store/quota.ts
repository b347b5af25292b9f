import type { DB } from '../../../state/database.js';
import { looseEquals, str } from '../engine/php.js';
import { sqlName as t } from '../schema/index.js';
import type { Row } from './datalog.js';
import { queryAll } from './sql.js';

// The rows quota_lib.inc.php reports on (ISPConfig 3.2.11), all or one client's.

/** `sys_groupid = (SELECT default_group FROM sys_user WHERE client_id=?)` when `$clientid != null` (loose: 0 and '' select everything). */
function ownerFilter(clientId: unknown, joiner: 'WHERE' | 'AND'): { sql: string; params: unknown[] } {
  if (looseEquals(clientId, null)) return { sql: '', params: [] };
  return { sql: ` ${joiner} sys_groupid = (SELECT default_group FROM ${t('sys_user')} WHERE client_id = ? LIMIT 1)`, params: [str(clientId)] };
}

/** get_quota_data: active vhosts, by domain. */
export function activeVhosts(db: DB, clientId: unknown): Row[] {
  const owner = ownerFilter(clientId, 'AND');
  return queryAll(db, `SELECT * FROM ${t('web_domain')} WHERE active = 'y' AND type = 'vhost'${owner.sql} ORDER BY domain`, ...owner.params);
}

/** get_trafficquota_data: active vhosts, alias and sub domains, by id. */
export function activeWebDomains(db: DB, clientId: unknown): Row[] {
  const owner = ownerFilter(clientId, 'AND');
  return queryAll(
    db,
    `SELECT * FROM ${t('web_domain')} WHERE active = 'y' AND (type = 'vhost' OR type = 'vhostsubdomain' OR type = 'vhostalias')${owner.sql} ORDER BY domain_id`,
    ...owner.params,
  );
}

/** get_mailquota_data: mailboxes, by address. */
export function mailboxesByAddress(db: DB, clientId: unknown): Row[] {
  const owner = ownerFilter(clientId, 'WHERE');
  return queryAll(db, `SELECT * FROM ${t('mail_user')}${owner.sql} ORDER BY email`, ...owner.params);
}

/** get_databasequota_data: databases, by name. */
export function databasesByName(db: DB, clientId: unknown): Row[] {
  const owner = ownerFilter(clientId, 'WHERE');
  return queryAll(db, `SELECT * FROM ${t('web_database')}${owner.sql} ORDER BY database_name`, ...owner.params);
}
