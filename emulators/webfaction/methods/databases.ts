import { prepare } from '../../../state/database.js';
import { sessionHandlers, str, type WfCall, type WfHandler } from '../call.js';
import { alreadyExists, dataError, invalid, notFound } from '../faults.js';
import { name, nonEmpty } from '../validate.js';

type DbType = 'mysql' | 'postgresql';

interface DbRow {
  id: number;
  name: string;
  db_type: DbType;
  machine: string;
  owner_id: number | null;
}

interface UserRow {
  id: number;
  username: string;
  db_type: DbType;
  machine: string;
}

/** Seed § Databases: db_type is the string mysql or postgresql. */
function dbType(value: unknown): DbType {
  if (value !== 'mysql' && value !== 'postgresql') throw invalid('db_type', `must be "mysql" or "postgresql", got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Database and database-user names. Documented: MySQL database names may not
 * exceed 16 characters (seed § create_db). inferred: MySQL user names have
 * the same 16-character limit (MySQL before 5.7), PostgreSQL allows 63; names
 * start with the account name and '_' (the `<user>_db` convention of every
 * public example, research summary.md §4.8).
 */
function dbName(c: WfCall, argument: string, value: string, type: DbType): string {
  const max = type === 'mysql' ? 16 : 63;
  name(argument, value, { pattern: /^[a-z0-9_]+$/, describe: 'lowercase letters, digits and underscores', max });
  const prefix = `${c.session.username}_`;
  if (!value.startsWith(prefix) || value.length === prefix.length) throw invalid(argument, `"${value}" must start with "${prefix}"`);
  return value;
}

const DB_SELECT = 'SELECT d.id, d.name, d.db_type, m.name AS machine, d.owner_id FROM wf_db d JOIN wf_machine m ON m.id = d.machine_id';
const USER_SELECT = 'SELECT u.id, u.username, u.db_type, m.name AS machine FROM wf_db_user u JOIN wf_machine m ON m.id = u.machine_id';

function findDb(c: WfCall, database: string, type: DbType, argument = 'database'): DbRow {
  const row = prepare<[number, string, string], DbRow>(c.db, `${DB_SELECT} WHERE d.account_id = ? AND d.name = ? AND d.db_type = ?`).get(c.session.accountId, database, type);
  if (!row) throw notFound(type === 'mysql' ? 'MySQL database' : 'PostgreSQL database', argument, database);
  return row;
}

function findUser(c: WfCall, username: string, type: DbType): UserRow {
  const row = prepare<[number, string, string], UserRow>(c.db, `${USER_SELECT} WHERE u.account_id = ? AND u.username = ? AND u.db_type = ?`).get(
    c.session.accountId,
    username,
    type,
  );
  if (!row) throw notFound(type === 'mysql' ? 'MySQL user' : 'PostgreSQL user', 'username', username);
  return row;
}

function insertUser(c: WfCall, username: string, password: string, type: DbType): number {
  if (prepare(c.db, 'SELECT 1 FROM wf_db_user WHERE account_id = ? AND username = ? AND db_type = ?').get(c.session.accountId, username, type)) {
    throw alreadyExists('Database user', 'Username and Db type');
  }
  return Number(
    prepare(c.db, 'INSERT INTO wf_db_user (account_id, machine_id, username, db_type, password) VALUES (?, ?, ?, ?, ?)').run(
      c.session.accountId,
      c.session.machineId,
      username,
      type,
      password,
    ).lastInsertRowid,
  );
}

/** The struct the user/database methods return: "username, machine, db_type, database" (seed § grant_db_permissions and others). */
function pairStruct(user: UserRow, database: string): Record<string, unknown> {
  return { username: user.username, machine: user.machine, db_type: user.db_type, database };
}

const userStruct = (u: UserRow) => ({ machine: u.machine, username: u.username, db_type: u.db_type });

function grant(c: WfCall, dbId: number, userId: number): void {
  prepare(c.db, 'INSERT OR IGNORE INTO wf_db_grant (db_id, user_id) VALUES (?, ?)').run(dbId, userId);
}

/** grant_db_permissions, revoke_db_permissions and make_user_owner_of_db share their arguments, checks and answer. */
function userOnDatabase(effect: (c: WfCall, db: DbRow, user: UserRow) => void): WfHandler {
  return (c) => {
    const type = dbType(c.p.db_type);
    const user = findUser(c, str(c.p.username), type);
    const db = findDb(c, str(c.p.database), type);
    effect(c, db, user);
    return pairStruct(user, db.name);
  };
}

const ADDONS = ['tsearch', 'postgis'];

const handlers: Record<string, WfHandler> = {
  create_db(c) {
    const type = dbType(c.p.db_type);
    const database = dbName(c, 'name', str(c.p.name), type);
    if (prepare(c.db, 'SELECT 1 FROM wf_db WHERE account_id = ? AND name = ? AND db_type = ?').get(c.session.accountId, database, type)) {
      throw alreadyExists('Database', 'Name and Db type');
    }
    const existingUser = str(c.p.db_user);
    let ownerId: number;
    if (existingUser) {
      // Later 5th argument: an existing user owns the new database and no user is created (webfaction.json later surface).
      ownerId = findUser(c, existingUser, type).id;
    } else {
      // create_db also creates a user of the same name (Ansible webfaction_db EXAMPLES, mezzanine-webf; realworld.md §1.4).
      ownerId = insertUser(c, database, nonEmpty('password', str(c.p.password)), type);
    }
    const id = Number(
      prepare(c.db, 'INSERT INTO wf_db (account_id, machine_id, name, db_type, owner_id) VALUES (?, ?, ?, ?, ?)').run(
        c.session.accountId,
        c.session.machineId,
        database,
        type,
        ownerId,
      ).lastInsertRowid,
    );
    grant(c, id, ownerId);
    const row = findDb(c, database, type, 'name');
    return { id: row.id, name: row.name, db_type: row.db_type, machine: row.machine };
  },

  delete_db(c) {
    const type = dbType(c.p.db_type);
    const row = findDb(c, str(c.p.name), type, 'name');
    // The same-named user stays: Ansible deletes it separately with delete_db_user (realworld.md §1.4).
    prepare(c.db, 'DELETE FROM wf_db WHERE id = ?').run(row.id);
    return {};
  },

  create_db_user(c) {
    const type = dbType(c.p.db_type);
    const username = dbName(c, 'username', str(c.p.username), type);
    insertUser(c, username, nonEmpty('password', str(c.p.password)), type);
    return userStruct(findUser(c, username, type));
  },

  delete_db_user(c) {
    const type = dbType(c.p.db_type);
    const user = findUser(c, str(c.p.username), type);
    const owned = prepare<[number], { name: string }>(c.db, 'SELECT name FROM wf_db WHERE owner_id = ?').get(user.id);
    // inferred: as in PostgreSQL, a user that owns a database is not dropped until the database goes or changes owner.
    if (owned) throw dataError(`username: "${user.username}" owns database "${owned.name}"; delete it or make another user its owner first`);
    prepare(c.db, 'DELETE FROM wf_db_user WHERE id = ?').run(user.id);
    return userStruct(user);
  },

  change_db_user_password(c) {
    const type = dbType(c.p.db_type);
    const user = findUser(c, str(c.p.username), type);
    prepare(c.db, 'UPDATE wf_db_user SET password = ? WHERE id = ?').run(nonEmpty('password', str(c.p.password)), user.id);
    // inferred: the documented `database` member names the database the user owns ('' when none).
    const owned = prepare<[number], { name: string }>(c.db, 'SELECT name FROM wf_db WHERE owner_id = ? ORDER BY id').get(user.id);
    return pairStruct(user, owned?.name ?? '');
  },

  grant_db_permissions: userOnDatabase((c, db, user) => grant(c, db.id, user.id)),

  revoke_db_permissions: userOnDatabase((c, db, user) => {
    if (db.owner_id === user.id) throw dataError(`username: "${user.username}" owns "${db.name}"; make another user its owner first`);
    const done = prepare(c.db, 'DELETE FROM wf_db_grant WHERE db_id = ? AND user_id = ?').run(db.id, user.id);
    if (!done.changes) throw dataError(`username: "${user.username}" has no permissions on "${db.name}"`);
  }),

  make_user_owner_of_db: userOnDatabase((c, db, user) => {
    prepare(c.db, 'UPDATE wf_db SET owner_id = ? WHERE id = ?').run(user.id, db.id);
    grant(c, db.id, user.id);
  }),

  enable_addon(c) {
    const type = dbType(c.p.db_type);
    // Seed § enable_addon: "applies to PostgreSQL databases only", addon tsearch or postgis.
    if (type !== 'postgresql') throw invalid('db_type', 'addons exist for postgresql databases only');
    const addon = str(c.p.addon);
    if (!ADDONS.includes(addon)) throw invalid('addon', `must be "tsearch" or "postgis", got "${addon}"`);
    const db = findDb(c, str(c.p.database), type);
    // inferred: enabling an enabled addon is not an error (automation re-runs it).
    prepare(c.db, 'INSERT OR IGNORE INTO wf_db_addon (db_id, addon) VALUES (?, ?)').run(db.id, addon);
    return { machine: db.machine, db_type: db.db_type, addon, database: db.name };
  },

  list_dbs(c) {
    return prepare<[number], DbRow>(c.db, `${DB_SELECT} WHERE d.account_id = ? ORDER BY d.id`)
      .all(c.session.accountId)
      .map((r) => ({ id: r.id, name: r.name, db_type: r.db_type, machine: r.machine }));
  },

  list_db_users(c) {
    return prepare<[number], UserRow>(c.db, `${USER_SELECT} WHERE u.account_id = ? ORDER BY u.id`).all(c.session.accountId).map(userStruct);
  },
};

export const databaseHandlers = sessionHandlers(handlers);
