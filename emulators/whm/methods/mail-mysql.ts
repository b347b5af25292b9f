import { whmReply } from '../envelope/reply.js';
import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults, type WhmFault } from '../faults.js';
import { isIpv4 } from '../ip.js';
import { accessibleAccount, visibleAccounts } from '../access.js';
import { accountByDomain, getAccount, updateAccount, type AccountRow } from '../store/accounts.js';
import { mailboxesOf, mysqlObjectOwner, setMysqlUserPassword } from '../store/mail-mysql.js';
import { pgNamesOf } from '../store/postgresql.js';
import { getIp } from '../store/server.js';
import { databasesOf, dbPrefix, dbUsersOf, renameMysqlObject, type MysqlObject } from '../store/uapi.js';
import { checkPassword, passwordStrength } from '../validate.js';
import { minimumStrength } from './accounts.js';

/** inferred: the reference's sample is an empty object; the mailboxes are listed under `pops`. */
function list_pops_for(call: WhmCall): unknown {
  const row = accessibleAccount(call, call.required('user'));
  const pops = mailboxesOf(call.db, row.user);
  return { pops };
}

function list_mysql_databases_and_users(call: WhmCall): unknown {
  const row = accessibleAccount(call, call.required('user'));
  const mysql_databases = Object.fromEntries(databasesOf(call.db, row.user).map((d) => [d.database, d.users]));
  return { mysql_config: { 'mysql-version': '8.0', prefix_length: 16, use_db_prefix: 1 }, mysql_databases };
}

function visibleWith<T>(call: WhmCall, each: (row: AccountRow) => T[]): T[] {
  return visibleAccounts(call).flatMap(each);
}

/** An account's MySQL and PostgreSQL objects as list_databases / list_database_users show them (the reference's samples show engine postgresql). */
function engineRows(r: AccountRow, mysql: string[], postgresql: string[]) {
  return [...mysql.map((name) => ({ cpuser: r.user, engine: 'mysql', name })), ...postgresql.map((name) => ({ cpuser: r.user, engine: 'postgresql', name }))];
}

function list_databases(call: WhmCall): unknown {
  return {
    payload: visibleWith(call, (r) =>
      engineRows(
        r,
        databasesOf(call.db, r.user).map((d) => d.database),
        pgNamesOf(call.db, 'database', r.user),
      ),
    ),
  };
}

function list_database_users(call: WhmCall): unknown {
  return {
    payload: visibleWith(call, (r) =>
      engineRows(
        r,
        dbUsersOf(call.db, r.user).map((u) => u.user),
        pgNamesOf(call.db, 'user', r.user),
      ),
    ),
  };
}

/** The account that owns a database object: `cpuser` when sent, else the one whose prefix the name carries. */
function ownerOf(call: WhmCall, kind: MysqlObject, name: string, missing: () => WhmFault): AccountRow {
  const user = mysqlObjectOwner(call.db, kind, name);
  const cpuser = call.str('cpuser');
  if (!user || (cpuser && user !== cpuser)) throw missing();
  return accessibleAccount(call, user);
}

function set_mysql_password(call: WhmCall): unknown {
  const name = call.required('user');
  ownerOf(call, 'user', name, () => faults.noSuchDbUser(name));
  const password = call.required('password');
  checkPassword(password, minimumStrength(call));
  setMysqlUserPassword(call.db, name, password);
  return undefined;
}

function renameMysql(call: WhmCall, kind: MysqlObject): unknown {
  const oldname = call.required('oldname');
  const newname = call.required('newname');
  const owner = ownerOf(call, kind, oldname, () => (kind === 'database' ? faults.noSuchDatabase(oldname) : faults.noSuchDbUser(oldname)));
  if (!newname.startsWith(dbPrefix(owner))) throw faults.dbPrefix(newname, dbPrefix(owner));
  const problem = renameMysqlObject(call.db, kind, oldname, newname);
  if (problem) throw faults.failure(problem);
  return undefined;
}

/** Outgoing mail switches of an account (suspend/unsuspend, hold/release), shown by listaccts. */
function mailSwitch(column: 'outgoing_mail_suspended' | 'outgoing_mail_hold', on: boolean) {
  return (call: WhmCall): unknown => {
    const row = accessibleAccount(call, call.required('user'));
    updateAccount(call.db, row.user, { [column]: on ? 1 : 0 });
    return undefined;
  };
}

function set_digest_auth(call: WhmCall): unknown {
  const row = accessibleAccount(call, call.required('user'));
  const on = call.bool('enabledigest');
  const password = call.required('password');
  if (password !== row.password) throw faults.invalidParameter('password', '********', 'the account’s current password');
  updateAccount(call.db, row.user, { digestauth: on ? 1 : 0 });
  return whmReply({ reason: on ? 'Digest Authentication enabled.' : 'Digest Authentication disabled.' });
}

function has_digest_auth(call: WhmCall): unknown {
  return { digestauth: accessibleAccount(call, call.required('user')).digestauth };
}

function get_disk_usage(call: WhmCall): unknown {
  const accounts = visibleAccounts(call).map((r) => ({
    blocks_limit: r.quota ? r.quota * 1024 : null,
    blocks_used: r.disk_used * 1024,
    inodes_limit: null,
    inodes_used: r.inodes_used,
    user: r.user,
  }));
  return { accounts };
}

function listlockedaccounts(call: WhmCall): unknown {
  return {
    account: visibleAccounts(call)
      .filter((r) => r.suspend_locked || r.is_locked)
      .map((r) => r.user),
  };
}

function list_users(call: WhmCall): unknown {
  return { users: [...visibleAccounts(call).map((r) => r.user), ...(call.session.root ? ['root'] : [])].sort() };
}

function get_current_users_count(call: WhmCall): unknown {
  return { users: visibleAccounts(call).length };
}

function get_password_strength(call: WhmCall): unknown {
  return { strength: passwordStrength(call.required('password')) };
}

/** setsiteip: moves an account (by user or domain) to another configured address. */
function setsiteip(call: WhmCall): unknown {
  const ip = call.required('ip');
  if (!isIpv4(ip) || !getIp(call.db, ip)) throw faults.ipNotAvailable(ip);
  const user = call.str('user');
  const domain = call.str('domain');
  // [lumberg] setsiteip.yml: "Cannot determine username" without user or domain.
  const row = user ? getAccount(call.db, user) : domain ? accountByDomain(call.db, domain) : undefined;
  if (!row) throw faults.cannotDetermineUsername();
  accessibleAccount(call, row.user);
  updateAccount(call.db, row.user, { ip });
  return undefined;
}

export const mailMysqlMethods = defineMethods<WhmCall>({
  list_pops_for: { acl: 'list-accts', run: list_pops_for },
  list_mysql_databases_and_users: { acl: 'mysql-info', run: list_mysql_databases_and_users },
  list_databases: { acl: 'mysql-info', run: list_databases },
  list_database_users: { acl: 'mysql-info', run: list_database_users },
  set_mysql_password: { acl: 'mysql-info', run: set_mysql_password },
  rename_mysql_database: { acl: 'mysql-info', run: (call) => renameMysql(call, 'database') },
  rename_mysql_user: { acl: 'mysql-info', run: (call) => renameMysql(call, 'user') },
  suspend_outgoing_email: { acl: 'suspend-acct', run: mailSwitch('outgoing_mail_suspended', true) },
  unsuspend_outgoing_email: { acl: 'suspend-acct', run: mailSwitch('outgoing_mail_suspended', false) },
  hold_outgoing_email: { acl: 'suspend-acct', run: mailSwitch('outgoing_mail_hold', true) },
  release_outgoing_email: { acl: 'suspend-acct', run: mailSwitch('outgoing_mail_hold', false) },
  set_digest_auth: { acl: 'digest-auth', run: set_digest_auth },
  has_digest_auth: { acl: 'digest-auth', run: has_digest_auth },
  get_disk_usage: { acl: 'list-accts', run: get_disk_usage },
  listlockedaccounts: { acl: 'list-accts', run: listlockedaccounts },
  list_users: { acl: 'list-accts', run: list_users },
  get_current_users_count: { acl: 'list-accts', run: get_current_users_count },
  get_password_strength: { acl: 'any', run: get_password_strength },
  setsiteip: { acl: 'root', run: setsiteip },
});
