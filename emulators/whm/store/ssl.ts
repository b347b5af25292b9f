import { prepare, type DB } from '../../../state/database.js';

/** An SSL virtual host (`whm_ssl_vhost`) with its certificate, key and CA bundle in PEM. */
export interface VhostRow {
  servername: string;
  user: string;
  ip: string;
  crt: string;
  key: string;
  cab: string | null;
  created: number;
}

/** Installs (or replaces) the certificate of a virtual host. */
export function saveVhost(db: DB, row: VhostRow): void {
  prepare(
    db,
    'INSERT INTO whm_ssl_vhost (servername, user, ip, crt, key, cab, created) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(servername) DO UPDATE SET ip = excluded.ip, crt = excluded.crt, key = excluded.key, cab = excluded.cab, created = excluded.created',
  ).run(row.servername, row.user, row.ip, row.crt, row.key, row.cab, row.created);
}

export function listVhosts(db: DB): VhostRow[] {
  return prepare<[], VhostRow>(db, 'SELECT * FROM whm_ssl_vhost ORDER BY servername').all();
}

/** The virtual hosts of one account (what the cPanel door's SSL functions list). */
export function vhostsOf(db: DB, user: string): VhostRow[] {
  return prepare<[string], VhostRow>(db, 'SELECT * FROM whm_ssl_vhost WHERE user = ? ORDER BY servername').all(user);
}

/** The virtual host of that server name (lower case). */
export function getVhost(db: DB, servername: string): VhostRow | undefined {
  return prepare<[string], VhostRow>(db, 'SELECT * FROM whm_ssl_vhost WHERE servername = ?').get(servername);
}

/** The virtual host that serves this certificate (PEM). */
export function vhostWithCert(db: DB, crt: string): VhostRow | undefined {
  return prepare<[string], VhostRow>(db, 'SELECT * FROM whm_ssl_vhost WHERE crt = ?').get(crt);
}

export function deleteVhost(db: DB, servername: string): void {
  prepare(db, 'DELETE FROM whm_ssl_vhost WHERE servername = ?').run(servername);
}

/** Records an AutoSSL check started for a user (`*` for all); its id. */
export function startAutosslCheck(db: DB, user: string, now: number): number {
  return Number(prepare(db, 'INSERT INTO whm_autossl_check (user, started) VALUES (?, ?)').run(user, now).lastInsertRowid);
}
