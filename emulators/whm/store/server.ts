import { prepare, type DB } from '../../../state/database.js';

/** Server-wide values kept in `whm_server` (hostname, version, nameservers, root's password…). */
export function serverValue(db: DB, key: string): string | undefined {
  return prepare<[string], { value: string }>(db, 'SELECT value FROM whm_server WHERE key = ?').get(key)?.value;
}

export function setServerValue(db: DB, key: string, value: string): void {
  prepare(db, 'INSERT INTO whm_server (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function serverJson<T>(db: DB, key: string, fallback: T): T {
  const v = serverValue(db, key);
  return v === undefined ? fallback : (JSON.parse(v) as T);
}

export function setServerJson(db: DB, key: string, value: unknown): void {
  setServerValue(db, key, JSON.stringify(value));
}

export function hostname(db: DB): string {
  return serverValue(db, 'hostname') ?? 'server.example.com';
}

/** The server's configured nameservers (ns1…ns4 of Basic WebHost Manager Setup). */
export function nameservers(db: DB): string[] {
  return serverJson<string[]>(db, 'nameservers', []);
}

export interface IpRow {
  ip: string;
  iface: string;
  netmask: string;
  network: string;
  public_ip: string;
  mainaddr: number;
  dedicated: number;
  removable: number;
  active: number;
}

export function listIps(db: DB): IpRow[] {
  return prepare<[], IpRow>(db, 'SELECT * FROM whm_ip ORDER BY mainaddr DESC, ip').all();
}

export function getIp(db: DB, ip: string): IpRow | undefined {
  return prepare<[string], IpRow>(db, 'SELECT * FROM whm_ip WHERE ip = ?').get(ip);
}

/** The shared (main) address new accounts get unless they ask for a dedicated one. */
export function mainIp(db: DB): string {
  return prepare<[], { ip: string }>(db, 'SELECT ip FROM whm_ip WHERE mainaddr = 1 LIMIT 1').get()?.ip ?? '127.0.0.1';
}

/** A free dedicated address (no account on it), or undefined. */
export function freeDedicatedIp(db: DB): string | undefined {
  return prepare<[], { ip: string }>(
    db,
    'SELECT ip FROM whm_ip WHERE mainaddr = 0 AND active = 1 AND ip NOT IN (SELECT ip FROM whm_account) ORDER BY ip LIMIT 1',
  ).get()?.ip;
}

export function ipUsed(db: DB, ip: string): boolean {
  return prepare<[string], { n: number }>(db, 'SELECT COUNT(*) AS n FROM whm_account WHERE ip = ?').get(ip)!.n > 0;
}

/** Adds a dedicated, removable address on the next eth0:cpN alias. */
export function addIp(db: DB, ip: string, netmask: string): void {
  const n = prepare<[], { n: number }>(db, 'SELECT COUNT(*) AS n FROM whm_ip').get()!.n;
  prepare(db, 'INSERT INTO whm_ip (ip, iface, netmask, network, public_ip, mainaddr, dedicated, removable) VALUES (?, ?, ?, ?, ?, 0, 1, 1)').run(
    ip,
    `eth0:cp${n}`,
    netmask,
    ip.replace(/\.\d+$/, '.0'),
    ip,
  );
}

export function deleteIp(db: DB, ip: string): void {
  prepare(db, 'DELETE FROM whm_ip WHERE ip = ?').run(ip);
}
