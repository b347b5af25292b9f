import type { Contract } from '../../contracts/contract.js';
import type { DB } from '../../state/database.js';
import type { SeedContext } from '../core/panel.js';
import { MockpanelError } from '../../kernel/mockpanel-error.js';
import { checkSeedList } from '../core/seed-check.js';
import { seedPasswordHash, verifyPassword } from './engine/crypt.js';
import { storeValue } from './engine/mysql-values.js';
import { columns, SCHEMA, sqlName } from './schema/index.js';
import { SEED_LOGIN } from './seed-login.js';

/** A remote user (System → Remote users in the panel): login, password and the function names it may call. */
export interface RemoteUserSeed {
  username: string;
  password: string;
  /** 'all' (default), or the permission names the methods check (e.g. `dns_zone_get`, `server_get`). */
  functions?: 'all' | string[];
  /** Comma-separated IPs allowed besides loopback; empty allows any (with remoteAccess 'y'). */
  remoteIps?: string;
  remoteAccess?: 'y' | 'n';
}

/** The `ispconfig` section of `--seed FILE`. */
export interface IspconfigSeed {
  remoteUsers?: RemoteUserSeed[];
}

export const DEFAULT_REMOTE_USERS: RemoteUserSeed[] = [{ ...SEED_LOGIN, functions: 'all' }];

/** Every permission name the contract's methods check: what a remote user with all function groups ticked holds. */
export function allFunctions(contract: Contract): string[] {
  const names = new Set<string>();
  for (const m of contract.methods) {
    const p = m.permission as string | string[] | undefined;
    for (const name of p === undefined ? [] : Array.isArray(p) ? p : [p]) names.add(name);
  }
  return [...names];
}

function parseSeed(config: unknown): IspconfigSeed {
  if (config === undefined) return {};
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new MockpanelError('seed_invalid', 'the ispconfig seed section must be an object like {"remoteUsers": [...]}');
  const users = (config as IspconfigSeed).remoteUsers;
  checkSeedList('ispconfig.remoteUsers', users, ['username', 'password']);
  return config as IspconfigSeed;
}

/** Creates or replaces remote users (the seed, and the `ispconfig.remoteUsers` world setting at login). */
export function upsertRemoteUsers(db: DB, contract: Contract, users: RemoteUserSeed[]): void {
  const table = sqlName('remote_user');
  for (const u of users) {
    const functions = !u.functions || u.functions === 'all' ? allFunctions(contract) : u.functions;
    const existing = db.prepare(`SELECT remote_userid, remote_password FROM ${table} WHERE remote_username = ?`).get(u.username) as
      { remote_userid: number; remote_password: string } | undefined;
    // Keep a stored hash that still matches: hashing with a fresh salt at every login would cost a full crypt each time.
    const hash = existing && verifyPassword(u.password, existing.remote_password) ? existing.remote_password : seedPasswordHash(u.password);
    const values = [hash, u.remoteAccess ?? 'y', u.remoteIps ?? '', functions.join(',')];
    if (existing) {
      db.prepare(`UPDATE ${table} SET remote_password = ?, remote_access = ?, remote_ips = ?, remote_functions = ? WHERE remote_userid = ?`).run(
        ...values,
        existing.remote_userid,
      );
    } else {
      db.prepare(
        `INSERT INTO ${table} (sys_userid, sys_groupid, sys_perm_user, sys_perm_group, sys_perm_other, remote_username, remote_password, remote_access, remote_ips, remote_functions) VALUES ('1', '1', 'riud', 'riud', '', ?, ?, ?, ?, ?)`,
      ).run(u.username, ...values);
    }
  }
}

/** An INSERT as MySQL would store it (install rows write 'y' into ENUM('N','Y') columns, stored 'Y'). */
function insert(db: DB, table: string, row: Record<string, string | null>): void {
  const names = Object.keys(row);
  const cols = columns(table);
  db.prepare(`INSERT INTO ${sqlName(table)} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
    ...names.map((n) => storeValue(table, cols.get(n)!, row[n], false)),
  );
}

/**
 * A fresh ISPConfig 3.2.11 install as the installer leaves it: the admin
 * panel user and group, the stock DNS template, spam policies and OpenVZ
 * templates, the system config from system.ini.master, one server
 * (`server1.domain.tld`, config from server.ini.master) with the address
 * 192.0.2.10 (the evidence run's), and the remote users of the seed.
 */
export function seedIspconfig(db: DB, ctx: SeedContext, contract: Contract): void {
  const seed = parseSeed(ctx.config);
  for (const [table, rows] of Object.entries(SCHEMA.seedRows)) {
    for (const row of rows) {
      // The installer replaces the admin's placeholder password; the panel login shares the first remote user's password.
      insert(
        db,
        table,
        table === 'sys_user' ? { ...row, passwort: seedPasswordHash((seed.remoteUsers ?? DEFAULT_REMOTE_USERS)[0]?.password ?? 'admin') } : row,
      );
    }
  }
  insert(db, 'sys_ini', { sysini_id: '1', config: SCHEMA.systemIni, default_logo: '', custom_logo: '' });
  insert(db, 'server', {
    server_id: '1',
    sys_userid: '1',
    sys_groupid: '1',
    sys_perm_user: 'riud',
    sys_perm_group: 'riud',
    sys_perm_other: '',
    server_name: 'server1.domain.tld',
    mail_server: '1',
    web_server: '1',
    dns_server: '1',
    file_server: '1',
    db_server: '1',
    vserver_server: '0',
    proxy_server: '0',
    firewall_server: '0',
    xmpp_server: '0',
    config: SCHEMA.serverIni,
    updated: '0',
    mirror_server_id: '0',
    dbversion: '1',
    active: '1',
  });
  insert(db, 'server_ip', {
    server_ip_id: '1',
    sys_userid: '1',
    sys_groupid: '1',
    sys_perm_user: 'riud',
    sys_perm_group: 'riud',
    sys_perm_other: '',
    server_id: '1',
    client_id: '0',
    ip_type: 'IPv4',
    ip_address: '192.0.2.10',
    virtualhost: 'y',
    virtualhost_port: '80,443',
  });
  upsertRemoteUsers(db, contract, seed.remoteUsers ?? DEFAULT_REMOTE_USERS);
}

/** The start-up banner's lines for the seeded logins. */
export function describeIspconfigSeed(config: unknown): string[] {
  const users = parseSeed(config).remoteUsers ?? DEFAULT_REMOTE_USERS;
  return users.map(
    (u) => `remote user ${u.username} / ${u.password} (${!u.functions || u.functions === 'all' ? 'all functions' : `${u.functions.length} functions`})`,
  );
}
