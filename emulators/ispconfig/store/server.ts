import type { DB } from '../../../state/database.js';
import { sqlName as t } from '../schema/index.js';
import type { Row } from './datalog.js';
import { queryAll, queryOne } from './sql.js';

// Servers and their roles (remote.d/server.inc.php, 3.2.11).

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
