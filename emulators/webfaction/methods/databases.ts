import { defineMethods, type MethodDef } from '../../core/define-methods.js';
import type { WfCall } from '../call.js';
import { faults } from '../faults.js';
import {
  databaseOwnedBy,
  deleteDatabase,
  deleteDbUser,
  enableAddon,
  findDatabase,
  findDbUser,
  grant,
  insertDatabase,
  insertDbUser,
  listDatabases,
  listDbUsers,
  revoke,
  setDatabaseOwner,
  setDbUserPassword,
  type DbRow,
  type DbType,
  type DbUserRow,
} from '../store/databases.js';
import { name, nonEmpty } from '../validate.js';

/** Seed § Databases: db_type is the string mysql or postgresql. */
function dbType(value: unknown): DbType {
  if (value !== 'mysql' && value !== 'postgresql') throw faults.invalid('db_type', `must be "mysql" or "postgresql", got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Database and database-user names. Documented: MySQL database names may not
 * exceed 16 characters (seed § create_db). inferred: MySQL user names have
 * the same 16-character limit (MySQL before 5.7), PostgreSQL allows 63; names
 * start with the account name and '_' (the `<user>_db` convention of every
 * public example: Ansible webfaction_db EXAMPLES, jerivas/mezzanine-webf fabfile.py).
 */
function dbName(call: WfCall, argument: string, value: string, type: DbType): string {
  const max = type === 'mysql' ? 16 : 63;
  name(argument, value, { pattern: /^[a-z0-9_]+$/, describe: 'lowercase letters, digits and underscores', max });
  const prefix = `${call.session.username}_`;
  if (!value.startsWith(prefix) || value.length === prefix.length) throw faults.invalid(argument, `"${value}" must start with "${prefix}"`);
  return value;
}

function requireDb(call: WfCall, database: string, type: DbType, argument = 'database'): DbRow {
  const row = findDatabase(call.db, call.session.accountId, database, type);
  if (!row) throw faults.notFound(type === 'mysql' ? 'MySQL database' : 'PostgreSQL database', argument, database);
  return row;
}

function requireUser(call: WfCall, username: string, type: DbType): DbUserRow {
  const row = findDbUser(call.db, call.session.accountId, username, type);
  if (!row) throw faults.notFound(type === 'mysql' ? 'MySQL user' : 'PostgreSQL user', 'username', username);
  return row;
}

function newUser(call: WfCall, username: string, password: string, type: DbType): number {
  const { accountId, machineId } = call.session;
  if (findDbUser(call.db, accountId, username, type)) throw faults.alreadyExists('Database user', 'Username and Db type');
  return insertDbUser(call.db, { accountId, machineId, username, type, password });
}

/** The struct the user/database methods return: "username, machine, db_type, database" (seed § grant_db_permissions and others). */
function pairStruct(user: DbUserRow, database: string): Record<string, unknown> {
  return { username: user.username, machine: user.machine, db_type: user.db_type, database };
}

const userStruct = (u: DbUserRow) => ({ machine: u.machine, username: u.username, db_type: u.db_type });

/** grant_db_permissions, revoke_db_permissions and make_user_owner_of_db share their arguments, checks and answer. */
function userOnDatabase(effect: (call: WfCall, db: DbRow, user: DbUserRow) => void): MethodDef<WfCall> {
  return {
    run(call) {
      const type = dbType(call.param('db_type'));
      const user = requireUser(call, call.str('username'), type);
      const db = requireDb(call, call.str('database'), type);
      effect(call, db, user);
      return pairStruct(user, db.name);
    },
  };
}

const ADDONS = ['tsearch', 'postgis'];

/** Seed § Databases. */
export const databaseMethods = defineMethods<WfCall>({
  create_db: {
    run(call) {
      const { accountId, machineId } = call.session;
      const type = dbType(call.param('db_type'));
      const database = dbName(call, 'name', call.str('name'), type);
      if (findDatabase(call.db, accountId, database, type)) throw faults.alreadyExists('Database', 'Name and Db type');
      const existingUser = call.str('db_user');
      let ownerId: number;
      if (existingUser) {
        // Later 5th argument: an existing user owns the new database and no user is created (the later API surface; not in seed 000).
        ownerId = requireUser(call, existingUser, type).id;
      } else {
        // create_db also creates a user of the same name (Ansible webfaction_db EXAMPLES; jerivas/mezzanine-webf fabfile.py).
        ownerId = newUser(call, database, nonEmpty('password', call.str('password')), type);
      }
      const id = insertDatabase(call.db, { accountId, machineId, name: database, type, ownerId });
      grant(call.db, id, ownerId);
      const row = requireDb(call, database, type, 'name');
      return { id: row.id, name: row.name, db_type: row.db_type, machine: row.machine };
    },
  },

  delete_db: {
    run(call) {
      const type = dbType(call.param('db_type'));
      const row = requireDb(call, call.str('name'), type, 'name');
      // The same-named user stays: Ansible deletes it separately with delete_db_user (community.general webfaction_db.py).
      deleteDatabase(call.db, row.id);
      return {};
    },
  },

  create_db_user: {
    run(call) {
      const type = dbType(call.param('db_type'));
      const username = dbName(call, 'username', call.str('username'), type);
      newUser(call, username, nonEmpty('password', call.str('password')), type);
      return userStruct(requireUser(call, username, type));
    },
  },

  delete_db_user: {
    run(call) {
      const type = dbType(call.param('db_type'));
      const user = requireUser(call, call.str('username'), type);
      const owned = databaseOwnedBy(call.db, user.id);
      // inferred: as in PostgreSQL, a user that owns a database is not dropped until the database goes or changes owner.
      if (owned !== undefined) throw faults.userOwnsDatabase(user.username, owned);
      deleteDbUser(call.db, user.id);
      return userStruct(user);
    },
  },

  change_db_user_password: {
    run(call) {
      const type = dbType(call.param('db_type'));
      const user = requireUser(call, call.str('username'), type);
      setDbUserPassword(call.db, user.id, nonEmpty('password', call.str('password')));
      // inferred: the documented `database` member names the database the user owns ('' when none).
      return pairStruct(user, databaseOwnedBy(call.db, user.id) ?? '');
    },
  },

  grant_db_permissions: userOnDatabase((call, db, user) => grant(call.db, db.id, user.id)),

  revoke_db_permissions: userOnDatabase((call, db, user) => {
    if (db.owner_id === user.id) throw faults.ownerKeepsPermissions(user.username, db.name);
    if (!revoke(call.db, db.id, user.id)) throw faults.noPermissions(user.username, db.name);
  }),

  make_user_owner_of_db: userOnDatabase((call, db, user) => {
    setDatabaseOwner(call.db, db.id, user.id);
    grant(call.db, db.id, user.id);
  }),

  enable_addon: {
    run(call) {
      const type = dbType(call.param('db_type'));
      // Seed § enable_addon: "applies to PostgreSQL databases only", addon tsearch or postgis.
      if (type !== 'postgresql') throw faults.invalid('db_type', 'addons exist for postgresql databases only');
      const addon = call.str('addon');
      if (!ADDONS.includes(addon)) throw faults.invalid('addon', `must be "tsearch" or "postgis", got "${addon}"`);
      const db = requireDb(call, call.str('database'), type);
      // inferred: enabling an enabled addon is not an error (automation re-runs it).
      enableAddon(call.db, db.id, addon);
      return { machine: db.machine, db_type: db.db_type, addon, database: db.name };
    },
  },

  list_dbs: {
    run(call) {
      return listDatabases(call.db, call.session.accountId).map((r) => ({ id: r.id, name: r.name, db_type: r.db_type, machine: r.machine }));
    },
  },

  list_db_users: {
    run(call) {
      return listDbUsers(call.db, call.session.accountId).map(userStruct);
    },
  },
});
