import { prepare, type DB } from '../../../state/database.js';
import { reasons } from '../faults.js';
import type { AccountRow } from './accounts.js';
import { domainsOf } from './domains.js';
import { checkPassword } from '../validate.js';

/*
 * The cPanel UAPI functions hosting clients reach through WHM's
 * uapi_cpanel and cpanel passthroughs: Email mailboxes and forwarders, Mysql
 * databases, users and privileges. They act as the account `user`; their
 * arguments are plain strings. UAPI itself is documented in cPanel's UAPI
 * reference, not in the WHM seed, so the shapes here are inferred from its
 * published function names (the Email and Mysql functions hosting clients
 * call through uapi_cpanel and cpanel, seed 004) and kept small.
 */

/** A UAPI function: reads string arguments, returns `data` or throws a UapiError. */
export type UapiFunction = (ctx: UapiContext) => unknown;

export interface UapiContext {
  db: DB;
  account: AccountRow;
  args: Record<string, string>;
  now: number;
  minimumStrength: number;
}

/** A UAPI failure: `status: 0` and the message in `errors`. */
export class UapiError extends Error {}

const fail = (message: string) => new UapiError(message);

function arg(ctx: UapiContext, name: string): string {
  const v = ctx.args[name];
  if (v === undefined || v === '') throw fail(reasons.missingParameter(name));
  return v;
}

interface EmailRow {
  user: string;
  email: string;
  password: string;
  quota: number;
  suspended_login: number;
  created: number;
}

/** The full address from `email` (local part or full) and `domain`, on one of the account's domains. */
function address(ctx: UapiContext): { email: string; local: string; domain: string } {
  const raw = arg(ctx, 'email').toLowerCase();
  const [local, at] = raw.includes('@') ? raw.split('@') : [raw, ctx.args.domain?.toLowerCase() ?? ctx.account.domain];
  if (!/^[a-z0-9._+-]+$/.test(local)) throw fail(reasons.invalidParameter('email', raw, 'a mailbox name such as “info”'));
  if (!domainsOf(ctx.db, ctx.account.user).some((d) => d.domain === at)) throw fail(reasons.noAccessToDomain(at));
  return { email: `${local}@${at}`, local, domain: at };
}

function mailbox(ctx: UapiContext): EmailRow {
  const { email } = address(ctx);
  const row = prepare<[string, string], EmailRow>(ctx.db, 'SELECT * FROM whm_email WHERE email = ? AND user = ?').get(email, ctx.account.user);
  if (!row) throw fail(reasons.noSuchEmail(email));
  return row;
}

function mailboxes(ctx: UapiContext): EmailRow[] {
  return prepare<[string], EmailRow>(ctx.db, 'SELECT * FROM whm_email WHERE user = ? ORDER BY email').all(ctx.account.user);
}

/** A mailbox in list_pops_with_disk terms (sizes in MB, as cPanel prints them). */
function popWithDisk(row: EmailRow): Record<string, unknown> {
  const [local, domain] = row.email.split('@');
  return {
    email: row.email,
    login: row.email,
    user: local,
    domain,
    diskquota: row.quota ? String(row.quota) : 'unlimited',
    diskused: '0',
    diskusedpercent: 0,
    humandiskquota: row.quota ? `${row.quota} MB` : 'None',
    humandiskused: 'None',
    suspended_login: row.suspended_login,
    suspended_incoming: 0,
    mtime: row.created,
  };
}

function passwordArg(ctx: UapiContext): string {
  const password = ctx.args.password ?? '';
  try {
    checkPassword(password, ctx.minimumStrength);
  } catch (e) {
    throw fail((e as Error).message);
  }
  return password;
}

function checkLimit(limit: string, used: number, what: string): void {
  if (limit !== 'unlimited' && used >= Number(limit)) throw fail(reasons.maxReached(what, limit));
}

const email: Record<string, UapiFunction> = {
  list_pops: (ctx) => mailboxes(ctx).map((r) => ({ email: r.email, login: r.email, suspended_incoming: 0, suspended_login: r.suspended_login })),
  list_pops_with_disk: (ctx) => mailboxes(ctx).map(popWithDisk),
  add_pop: (ctx) => {
    const { email: full } = address(ctx);
    checkLimit(ctx.account.maxpop, mailboxes(ctx).length, 'email accounts');
    if (prepare<[string], { n: number }>(ctx.db, 'SELECT COUNT(*) AS n FROM whm_email WHERE email = ?').get(full)!.n) throw fail(reasons.emailExists(full));
    const password = passwordArg(ctx);
    const quota = Number(ctx.args.quota ?? 0) || 0;
    prepare(ctx.db, 'INSERT INTO whm_email (user, email, password, quota, created) VALUES (?, ?, ?, ?, ?)').run(
      ctx.account.user,
      full,
      password,
      quota,
      ctx.now,
    );
    // inferred: UAPI add_pop answers the new address ("user+domain" in some versions).
    return full;
  },
  delete_pop: (ctx) => {
    const row = mailbox(ctx);
    prepare(ctx.db, 'DELETE FROM whm_email WHERE email = ?').run(row.email);
    return null;
  },
  passwd_pop: (ctx) => {
    const row = mailbox(ctx);
    prepare(ctx.db, 'UPDATE whm_email SET password = ? WHERE email = ?').run(passwordArg(ctx), row.email);
    return null;
  },
  edit_pop_quota: (ctx) => {
    const row = mailbox(ctx);
    const quota = ctx.args.quota === 'unlimited' ? 0 : Number(arg(ctx, 'quota'));
    if (!Number.isFinite(quota) || quota < 0) throw fail(reasons.invalidQuota(ctx.args.quota));
    prepare(ctx.db, 'UPDATE whm_email SET quota = ? WHERE email = ?').run(quota, row.email);
    return null;
  },
  suspend_login: (ctx) => {
    prepare(ctx.db, 'UPDATE whm_email SET suspended_login = 1 WHERE email = ?').run(mailbox(ctx).email);
    return null;
  },
  unsuspend_login: (ctx) => {
    prepare(ctx.db, 'UPDATE whm_email SET suspended_login = 0 WHERE email = ?').run(mailbox(ctx).email);
    return null;
  },
  count_pops: (ctx) => mailboxes(ctx).length,
  list_forwarders: (ctx) =>
    prepare<[string], { source: string; destination: string }>(
      ctx.db,
      'SELECT source, destination FROM whm_forwarder WHERE user = ? ORDER BY source, destination',
    )
      .all(ctx.account.user)
      .filter((r) => !ctx.args.domain || r.source.endsWith(`@${ctx.args.domain}`))
      .map((r) => ({
        dest: r.source,
        forward: r.destination,
        html_dest: r.source,
        html_forward: r.destination,
        uri_dest: encodeURIComponent(r.source),
        uri_forward: encodeURIComponent(r.destination),
      })),
  add_forwarder: (ctx) => {
    const { email: source } = address(ctx);
    const dest = arg(ctx, 'fwdemail');
    prepare(ctx.db, 'INSERT OR IGNORE INTO whm_forwarder (user, source, destination) VALUES (?, ?, ?)').run(ctx.account.user, source, dest);
    return [{ domain: source.split('@')[1], email: source, forward: dest }];
  },
  delete_forwarder: (ctx) => {
    const source = arg(ctx, 'address').toLowerCase();
    const dest = arg(ctx, 'forwarder');
    const n = prepare(ctx.db, 'DELETE FROM whm_forwarder WHERE user = ? AND source = ? AND destination = ?').run(ctx.account.user, source, dest).changes;
    if (!n) throw fail(reasons.noSuchEmail(source));
    return null;
  },
};

/** cPanel's database prefix: the username and an underscore (inferred: the prefix of modern cPanel, 16 characters at most). */
export function dbPrefix(account: AccountRow): string {
  return `${account.user}_`;
}

function prefixed(ctx: UapiContext, name: string): string {
  const prefix = dbPrefix(ctx.account);
  if (!name.startsWith(prefix)) throw fail(reasons.dbPrefix(name, prefix));
  if (!/^[a-z0-9_]{1,64}$/i.test(name)) throw fail(reasons.invalidParameter('name', name, 'letters, digits and underscores'));
  return name;
}

/** The two kinds of MySQL object an account owns, where they live and how their grants name them. */
const MYSQL_OBJECTS = {
  database: { table: 'whm_mysql_db', grantColumn: 'db', exists: reasons.databaseExists, missing: reasons.noSuchDatabase },
  user: { table: 'whm_mysql_user', grantColumn: 'dbuser', exists: reasons.dbUserExists, missing: reasons.noSuchDbUser },
} as const;
export type MysqlObject = keyof typeof MYSQL_OBJECTS;

/** The reason a new name is taken, or undefined. */
export function mysqlNameTaken(db: DB, kind: MysqlObject, name: string): string | undefined {
  const o = MYSQL_OBJECTS[kind];
  return prepare<[string], { n: number }>(db, `SELECT COUNT(*) AS n FROM ${o.table} WHERE name = ?`).get(name)!.n ? o.exists(name) : undefined;
}

/** Renames a database or database user and its grants (the caller checked ownership and the prefix). */
export function renameMysqlObject(db: DB, kind: MysqlObject, oldName: string, newName: string): string | undefined {
  const taken = mysqlNameTaken(db, kind, newName);
  if (taken) return taken;
  const o = MYSQL_OBJECTS[kind];
  prepare(db, `UPDATE ${o.table} SET name = ? WHERE name = ?`).run(newName, oldName);
  prepare(db, `UPDATE whm_mysql_grant SET ${o.grantColumn} = ? WHERE ${o.grantColumn} = ?`).run(newName, oldName);
  return undefined;
}

function deleteMysqlObject(db: DB, kind: MysqlObject, name: string): void {
  const o = MYSQL_OBJECTS[kind];
  prepare(db, `DELETE FROM whm_mysql_grant WHERE ${o.grantColumn} = ?`).run(name);
  prepare(db, `DELETE FROM ${o.table} WHERE name = ?`).run(name);
}

function renameOwn(ctx: UapiContext, kind: MysqlObject, own: (ctx: UapiContext, name: string) => string): null {
  const problem = renameMysqlObject(ctx.db, kind, own(ctx, arg(ctx, 'oldname')), prefixed(ctx, arg(ctx, 'newname')));
  if (problem) throw fail(problem);
  return null;
}

function ownDatabase(ctx: UapiContext, name: string): string {
  const row = prepare<[string, string], { name: string }>(ctx.db, 'SELECT name FROM whm_mysql_db WHERE name = ? AND user = ?').get(name, ctx.account.user);
  if (!row) throw fail(reasons.noSuchDatabase(name));
  return row.name;
}

function ownDbUser(ctx: UapiContext, name: string): string {
  const row = prepare<[string, string], { name: string }>(ctx.db, 'SELECT name FROM whm_mysql_user WHERE name = ? AND user = ?').get(name, ctx.account.user);
  if (!row) throw fail(reasons.noSuchDbUser(name));
  return row.name;
}

/** Databases of an account with their users (list_databases, list_mysql_databases_and_users). */
export function databasesOf(db: DB, user: string): { database: string; users: string[] }[] {
  const dbs = prepare<[string], { name: string }>(db, 'SELECT name FROM whm_mysql_db WHERE user = ? ORDER BY name').all(user);
  const grants = prepare<[string], { dbuser: string }>(db, 'SELECT dbuser FROM whm_mysql_grant WHERE db = ? ORDER BY dbuser');
  return dbs.map((d) => ({ database: d.name, users: grants.all(d.name).map((g) => g.dbuser) }));
}

export function dbUsersOf(db: DB, user: string): { user: string; databases: string[] }[] {
  const users = prepare<[string], { name: string }>(db, 'SELECT name FROM whm_mysql_user WHERE user = ? ORDER BY name').all(user);
  const grants = prepare<[string], { db: string }>(db, 'SELECT db FROM whm_mysql_grant WHERE dbuser = ? ORDER BY db');
  return users.map((u) => ({ user: u.name, databases: grants.all(u.name).map((g) => g.db) }));
}

const ALL_PRIVILEGES = [
  'ALTER',
  'ALTER ROUTINE',
  'CREATE',
  'CREATE ROUTINE',
  'CREATE TEMPORARY TABLES',
  'CREATE VIEW',
  'DELETE',
  'DROP',
  'EVENT',
  'EXECUTE',
  'INDEX',
  'INSERT',
  'LOCK TABLES',
  'REFERENCES',
  'SELECT',
  'SHOW VIEW',
  'TRIGGER',
  'UPDATE',
];

const mysql: Record<string, UapiFunction> = {
  create_database: (ctx) => {
    const name = prefixed(ctx, arg(ctx, 'name'));
    const used = prepare<[string], { n: number }>(ctx.db, 'SELECT COUNT(*) AS n FROM whm_mysql_db WHERE user = ?').get(ctx.account.user)!.n;
    checkLimit(ctx.account.maxsql, used, 'databases');
    const taken = mysqlNameTaken(ctx.db, 'database', name);
    if (taken) throw fail(taken);
    prepare(ctx.db, 'INSERT INTO whm_mysql_db (name, user) VALUES (?, ?)').run(name, ctx.account.user);
    return null;
  },
  delete_database: (ctx) => {
    deleteMysqlObject(ctx.db, 'database', ownDatabase(ctx, arg(ctx, 'name')));
    return null;
  },
  rename_database: (ctx) => renameOwn(ctx, 'database', ownDatabase),
  list_databases: (ctx) => databasesOf(ctx.db, ctx.account.user).map((d) => ({ database: d.database, disk_usage: 0, users: d.users })),
  create_user: (ctx) => {
    const name = prefixed(ctx, arg(ctx, 'name'));
    const taken = mysqlNameTaken(ctx.db, 'user', name);
    if (taken) throw fail(taken);
    prepare(ctx.db, 'INSERT INTO whm_mysql_user (name, user, password) VALUES (?, ?, ?)').run(name, ctx.account.user, passwordArg(ctx));
    return null;
  },
  delete_user: (ctx) => {
    deleteMysqlObject(ctx.db, 'user', ownDbUser(ctx, arg(ctx, 'name')));
    return null;
  },
  rename_user: (ctx) => renameOwn(ctx, 'user', ownDbUser),
  set_password: (ctx) => {
    const name = ownDbUser(ctx, arg(ctx, 'user'));
    prepare(ctx.db, 'UPDATE whm_mysql_user SET password = ? WHERE name = ?').run(passwordArg(ctx), name);
    return null;
  },
  list_users: (ctx) =>
    dbUsersOf(ctx.db, ctx.account.user).map((u) => ({ user: u.user, shortuser: u.user.slice(dbPrefix(ctx.account).length), databases: u.databases })),
  set_privileges_on_database: (ctx) => {
    const user = ownDbUser(ctx, arg(ctx, 'user'));
    const database = ownDatabase(ctx, arg(ctx, 'database'));
    const raw = arg(ctx, 'privileges').toUpperCase();
    const privileges =
      raw === 'ALL' || raw === 'ALL PRIVILEGES'
        ? 'ALL PRIVILEGES'
        : raw
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean);
    if (Array.isArray(privileges)) {
      const bad = privileges.find((p) => !ALL_PRIVILEGES.includes(p));
      if (bad) throw fail(reasons.invalidParameter('privileges', bad, `one of ${ALL_PRIVILEGES.join(', ')} or ALL PRIVILEGES`));
    }
    const text = Array.isArray(privileges) ? privileges.join(',') : privileges;
    prepare(
      ctx.db,
      'INSERT INTO whm_mysql_grant (db, dbuser, privileges) VALUES (?, ?, ?) ON CONFLICT(db, dbuser) DO UPDATE SET privileges = excluded.privileges',
    ).run(database, user, text);
    return null;
  },
  revoke_access_to_database: (ctx) => {
    const user = ownDbUser(ctx, arg(ctx, 'user'));
    const database = ownDatabase(ctx, arg(ctx, 'database'));
    prepare(ctx.db, 'DELETE FROM whm_mysql_grant WHERE db = ? AND dbuser = ?').run(database, user);
    return null;
  },
  get_privileges_on_database: (ctx) => {
    const user = ownDbUser(ctx, arg(ctx, 'user'));
    const database = ownDatabase(ctx, arg(ctx, 'database'));
    const row = prepare<[string, string], { privileges: string }>(ctx.db, 'SELECT privileges FROM whm_mysql_grant WHERE db = ? AND dbuser = ?').get(
      database,
      user,
    );
    if (!row) return [];
    return row.privileges === 'ALL PRIVILEGES' ? ['ALL PRIVILEGES'] : row.privileges.split(',');
  },
};

/** The UAPI modules mockpanel emulates, by module and function name. */
export const uapiModules: Record<string, Record<string, UapiFunction>> = { Email: email, Mysql: mysql };

/** A UAPI result envelope ({data, errors, messages, metadata, status, warnings}). */
export function uapiResult(data: unknown, error?: string): Record<string, unknown> {
  // WHM marks UAPI answers it relays as transformed (documented uapi_cpanel sample).
  return { data: error ? null : data, errors: error ? [error] : null, messages: null, metadata: { transformed: 1 }, status: error ? 0 : 1, warnings: null };
}
