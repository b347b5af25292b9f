import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { accessibleAccount } from '../access.js';
import { faults, type WhmFault } from '../faults.js';
import type { AccountRow } from '../store/accounts.js';
import { pgOwner, renamePgDatabase, renamePgUser, setPgPassword, type PgKind } from '../store/postgresql.js';
import { dbPrefix } from '../store/uapi.js';
import { checkPassword } from '../validate.js';
import { minimumStrength } from './accounts.js';

/*
 * PostgreSQL databases and roles of the accounts (seed 004, "Databases /
 * PostgreSQL Databases"): renames and password changes, shown by
 * list_databases and list_database_users (engine postgresql). An unknown
 * name, or one of another account than `cpuser`, is refused.
 */

/** PostgreSQL identifiers as cPanel accepts them: the account prefix, then letters, digits and underscores, at most 63 bytes (NAMEDATALEN - 1). */
const PG_NAME = /^[a-z0-9_]{1,63}$/;

function ownerOf(call: WhmCall, kind: PgKind, name: string, missing: () => WhmFault): AccountRow {
  const user = pgOwner(call.db, kind, name);
  const cpuser = call.str('cpuser');
  if (!user || (cpuser && user !== cpuser)) throw missing();
  return accessibleAccount(call, user);
}

function newName(call: WhmCall, kind: PgKind, owner: AccountRow): string {
  const name = call.required('newname');
  const prefix = dbPrefix(owner);
  if (!name.startsWith(prefix)) throw faults.dbPrefix(name.slice(0, 100), prefix);
  if (!PG_NAME.test(name)) throw faults.invalidParameter('newname', name.slice(0, 100), 'at most 63 lowercase letters, digits and underscores');
  if (pgOwner(call.db, kind, name)) throw kind === 'database' ? faults.databaseExists(name) : faults.dbUserExists(name);
  return name;
}

function rename_postgresql_database(call: WhmCall): unknown {
  const oldname = call.required('oldname');
  const owner = ownerOf(call, 'database', oldname, () => faults.noSuchDatabase(oldname.slice(0, 100)));
  renamePgDatabase(call.db, oldname, newName(call, 'database', owner));
  return undefined;
}

/** A role's md5 password names the role, so a rename sets the password anew (hence the required `password`). */
function rename_postgresql_user(call: WhmCall): unknown {
  const oldname = call.required('oldname');
  const owner = ownerOf(call, 'user', oldname, () => faults.noSuchDbUser(oldname.slice(0, 100)));
  const name = newName(call, 'user', owner);
  const password = call.required('password');
  checkPassword(password, minimumStrength(call));
  renamePgUser(call.db, oldname, name, password);
  return undefined;
}

function set_postgresql_password(call: WhmCall): unknown {
  const name = call.required('user');
  ownerOf(call, 'user', name, () => faults.noSuchDbUser(name.slice(0, 100)));
  const password = call.required('password');
  checkPassword(password, minimumStrength(call));
  setPgPassword(call.db, name, password);
  return undefined;
}

export const postgresqlMethods = defineMethods<WhmCall>({
  rename_postgresql_database: { acl: 'mysql-info', run: rename_postgresql_database },
  rename_postgresql_user: { acl: 'mysql-info', run: rename_postgresql_user },
  set_postgresql_password: { acl: 'mysql-info', run: set_postgresql_password },
});
