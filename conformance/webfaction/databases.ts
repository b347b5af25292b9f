import assert from 'node:assert/strict';
import { defineScenario, type Scenario } from '../scenario.js';
import { assertStruct, connect, dbName, expectFault } from './support.js';

const mysql = defineScenario({
  id: 'webfaction/databases-mysql',
  panel: 'webfaction',
  title: 'create_db makes a same-named user; users get and lose permissions, change password and own databases',
  access: 'mutating',
  basis: 'documented',
  methods: [
    'create_db',
    'list_dbs',
    'list_db_users',
    'create_db_user',
    'grant_db_permissions',
    'revoke_db_permissions',
    'make_user_owner_of_db',
    'change_db_user_password',
    'delete_db',
    'delete_db_user',
  ],
  async run(ctx) {
    const client = await connect(ctx);
    const db = dbName(ctx, client);
    const created = await client.createDb(db, 'mysql', 'Db-pass-1');
    ctx.cleanup(async () => {
      if ((await client.listDbs()).some((d) => d.name === db)) await client.deleteDb(db, 'mysql');
      if ((await client.listDbUsers()).some((u) => u.username === db)) await client.deleteDbUser(db, 'mysql');
    });
    assert.equal(created.name, db, 'create_db answers the name (fabfiles read it)');
    assert.deepEqual(
      (await client.listDbs()).filter((d) => d.name === db).map((d) => d.db_type),
      ['mysql'],
    );
    assert.ok(
      (await client.listDbUsers()).some((u) => u.username === db && u.db_type === 'mysql'),
      'the default user of the same name',
    );

    const user = dbName(ctx, client);
    const newUser = await client.createDbUser(user, 'User-pass-1', 'mysql');
    ctx.cleanup(async () => {
      if ((await client.listDbUsers()).some((u) => u.username === user)) await client.deleteDbUser(user, 'mysql');
    });
    assert.deepEqual(Object.keys(newUser).sort(), ['db_type', 'machine', 'username']);

    await ctx.step('grant, revoke, own', async () => {
      const granted = await client.grantDbPermissions(user, db, 'mysql');
      assert.deepEqual({ ...granted, machine: '' }, { username: user, machine: '', db_type: 'mysql', database: db });
      await client.revokeDbPermissions(user, db, 'mysql');
      await expectFault(client.revokeDbPermissions(user, db, 'mysql'), 'invalid_data', /permission/);
      await client.makeUserOwnerOfDb(user, db, 'mysql');
      const changed = await client.changeDbUserPassword(user, 'User-pass-2', 'mysql');
      assert.equal(changed.database, db, 'the database the user owns');
    });
    await ctx.step('delete_db leaves the users', async () => {
      assertStruct(await client.deleteDb(db, 'mysql'), 'delete_db');
      assert.equal(
        (await client.listDbs()).some((d) => d.name === db),
        false,
      );
      assert.ok(
        (await client.listDbUsers()).some((u) => u.username === db),
        'the same-named user stays (Ansible deletes it itself)',
      );
      const gone = await client.deleteDbUser(db, 'mysql');
      assert.equal(gone.username, db);
    });
  },
});

const postgres = defineScenario({
  id: 'webfaction/databases-postgresql',
  panel: 'webfaction',
  title: 'PostgreSQL databases take the postgis and tsearch addons; MySQL ones do not',
  access: 'mutating',
  basis: 'documented',
  methods: ['create_db', 'enable_addon', 'delete_db', 'delete_db_user', 'list_dbs'],
  async run(ctx) {
    const client = await connect(ctx);
    const db = dbName(ctx, client);
    await client.createDb(db, 'postgresql', 'Pg-pass-1');
    ctx.cleanup(async () => {
      await client.deleteDb(db, 'postgresql');
      await client.deleteDbUser(db, 'postgresql');
    });
    for (const addon of ['postgis', 'tsearch'] as const) {
      const enabled = await client.enableAddon(db, 'postgresql', addon);
      assert.deepEqual({ ...enabled, machine: '' }, { machine: '', db_type: 'postgresql', addon, database: db });
    }
    assert.ok((await client.listDbs()).some((d) => d.name === db && d.db_type === 'postgresql'));
  },
});

const constraints = defineScenario({
  id: 'webfaction/database-constraints',
  panel: 'webfaction',
  title: 'documented database constraints: MySQL names of at most 16 characters, db_type mysql or postgresql, addons only on PostgreSQL, unique names',
  access: 'mutating',
  basis: 'documented',
  methods: ['create_db', 'create_db_user', 'enable_addon', 'grant_db_permissions', 'delete_db', 'delete_db_user'],
  async run(ctx) {
    const client = await connect(ctx);
    const prefix = `${client.account!.username}_`;
    await ctx.step('MySQL database names may not exceed 16 characters', () =>
      expectFault(client.createDb(`${prefix}${'x'.repeat(17 - prefix.length)}`, 'mysql', 'pw-1234'), 'invalid_data', /16/),
    );
    await ctx.step('db_type', () => expectFault(client.createDb(dbName(ctx, client), 'oracle' as 'mysql', 'pw-1234'), 'invalid_data', /db_type/));
    await ctx.step('addons are for PostgreSQL only', async () => {
      const db = dbName(ctx, client);
      await client.createDb(db, 'mysql', 'pw-1234');
      ctx.cleanup(async () => {
        await client.deleteDb(db, 'mysql');
        await client.deleteDbUser(db, 'mysql');
      });
      await expectFault(client.enableAddon(db, 'mysql', 'postgis'), 'invalid_data', /postgresql/);
      await expectFault(client.enableAddon(db, 'postgresql', 'hstore' as 'postgis'), 'invalid_data', /addon/);
      await expectFault(client.createDb(db, 'mysql', 'pw-1234'), 'invalid_data', /already exists/);
      await expectFault(client.createDbUser(db, 'pw-1234', 'mysql'), 'invalid_data', /already exists/);
      await expectFault(client.grantDbPermissions(dbName(ctx, client), db, 'mysql'), 'invalid_data');
    });
  },
});

export const databaseScenarios: Scenario[] = [mysql, postgres, constraints];
