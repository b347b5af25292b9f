import { prepare, type DB } from '../../../state/database.js';

/** One installed certificate (whm_ssl_vhost: what WHM's fetch_ssl_vhosts and the cPanel door's SSL functions read). */
export interface SslVhostRow {
  servername: string;
  user: string;
  ip: string;
  crt: string;
  key: string;
  cab: string | null;
  created: number;
}

export function sslVhost(db: DB, servername: string): SslVhostRow | undefined {
  return prepare<[string], SslVhostRow>(db, 'SELECT * FROM whm_ssl_vhost WHERE servername = ?').get(servername.toLowerCase());
}

export function sslVhostsOf(db: DB, user: string): SslVhostRow[] {
  return prepare<[string], SslVhostRow>(db, 'SELECT * FROM whm_ssl_vhost WHERE user = ? ORDER BY servername').all(user);
}

/** Installs (or replaces) the certificate of a web vhost. */
export function putSslVhost(db: DB, row: SslVhostRow): void {
  prepare(
    db,
    'INSERT INTO whm_ssl_vhost (servername, user, ip, crt, key, cab, created) VALUES (@servername, @user, @ip, @crt, @key, @cab, @created) ON CONFLICT(servername) DO UPDATE SET ip = excluded.ip, crt = excluded.crt, key = excluded.key, cab = excluded.cab, created = excluded.created',
  ).run(row);
}

export function deleteSslVhost(db: DB, servername: string): boolean {
  return prepare(db, 'DELETE FROM whm_ssl_vhost WHERE servername = ?').run(servername.toLowerCase()).changes > 0;
}
