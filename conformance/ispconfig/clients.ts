import assert from 'node:assert/strict';
import { defineScenario, type Scenario } from '../scenario.js';
import { addClient, clientFor, clientParams, fault } from './helpers.js';

// Clients, their panel logins and lookups (ISPConfig 3.2.11 install/sql/ispconfig3.sql and interface/web/client/form/client.tform.php).

export const clientScenarios: Scenario[] = [
  defineScenario({
    id: 'ispconfig/client-life-cycle',
    panel: 'ispconfig',
    title: 'client_add writes the client, its group and panel login; get by id, filter, user name, group; update; delete',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'client_add',
      'client_get',
      'client_get_all',
      'client_get_by_username',
      'client_get_id',
      'client_get_groupid',
      'client_get_by_groupid',
      'client_get_emailcontact',
      'client_update',
      'client_delete',
      'client_change_password',
    ],
    async run(ctx) {
      const c = clientFor(ctx);
      const username = ctx.unique('mpcl');
      const id = await ctx.step('add returns the id as a string', async () => {
        const returned = await c.clientAdd(0, clientParams(username));
        assert.equal(typeof returned, 'string');
        return Number(returned);
      });
      let deleted = false;
      ctx.cleanup(() => (deleted ? undefined : c.clientDelete(id)));
      const row = await ctx.step('get by id: every column, as strings', async () => {
        const r = (await c.clientGet(id))!;
        assert.equal(r.client_id, String(id));
        assert.equal(r.username, username);
        // The API writes omitted integer fields as 0, not the form's -1, and omitted checkboxes unchecked (core-tables.md §1.2).
        assert.equal(r.limit_web_domain, '0');
        assert.equal(r.limit_backup, 'n');
        assert.equal(r.can_use_api, 'n');
        assert.match(r.password!, /^\$6\$rounds=5000\$[0-9a-f]{16}\$/);
        return r;
      });
      await ctx.step('a filter always gives a list, even for one match', async () => {
        const list = await c.clientGet({ username });
        assert.equal(list.length, 1);
        assert.deepEqual(list[0], row);
        assert.equal((await c.clientGet({ email: `%${username}@example.com` })).length, 1);
        assert.deepEqual(await c.clientGet({ username: ctx.unique('none') }), []);
      });
      await ctx.step('unknown id → nil, 0 → invalid_id, text → empty list', async () => {
        assert.equal(await c.clientGet(99999999), null);
        await fault(c.clientGet(0), 'invalid_id', 'The ID has to be > 0 or -1.');
        assert.deepEqual(await c.call('client_get', 'abc'), []);
      });
      assert.ok(((await c.clientGetAll()) as string[]).includes(String(id)));
      const user = await ctx.step('the panel login is a sys_user row, hash included', async () => {
        const u = await c.clientGetByUsername(username);
        assert.equal(u.client_id, String(id));
        assert.equal(u.typ, 'user');
        assert.equal(u.default_group, u.groups);
        return u;
      });
      await ctx.step('ids both ways', async () => {
        assert.equal(await c.clientGetId(Number(user.userid)), id);
        const group = await c.clientGetGroupid(id);
        assert.equal(group, Number(user.default_group));
        assert.equal(((await c.clientGetByGroupid(group)) as Record<string, string>).client_id, String(id));
        assert.equal(await c.clientGetGroupid(0), 1, 'client 0 is the admin, group 1');
      });
      await ctx.step('e-mail contact', async () =>
        assert.deepEqual(await c.clientGetEmailcontact(id), {
          company_name: '',
          contact_name: 'Conformance Client',
          gender: '',
          email: `${username}@example.com`,
          language: 'en',
        }),
      );
      await ctx.step('update (with password "" so the login survives)', async () => {
        assert.equal(await c.updateClient(id, 0, { contact_name: 'Renamed' }), 1);
        assert.equal(await c.updateClient(id, 0, { contact_name: 'Renamed' }), 0, 'nothing changed');
        assert.equal((await c.clientGetByUsername(username)).passwort, user.passwort);
      });
      await ctx.step('change password', async () => {
        assert.equal(await c.clientChangePassword(id, 'An0ther-Secret!'), true);
        assert.notEqual((await c.clientGetByUsername(username)).passwort, user.passwort);
      });
      await ctx.step('delete: 1, then 0; the login goes with it', async () => {
        assert.equal(await c.clientDelete(id), 1);
        deleted = true;
        assert.equal(await c.clientDelete(id), 0);
        await fault(c.clientGetByUsername(username), 'no_client_found', 'There is no user account for this user name.');
      });
    },
  }),
  defineScenario({
    id: 'ispconfig/client-validation',
    panel: 'ispconfig',
    title: 'client_add validation: the untranslated rule keys joined as the server joins them, duplicate user names',
    access: 'mutating',
    basis: 'documented',
    methods: ['client_add', 'client_delete'],
    async run(ctx) {
      const c = clientFor(ctx);
      await ctx.step('missing fields', () =>
        fault(
          c.clientAdd(0, { username: ctx.unique('mpcv') }),
          'data_processing_error',
          'contact_error_empty<br />\r\nlanguage_error_empty<br />\r\nemail_error_isemail<br />\r\nemail_error_empty<br />\r\nweb_php_options_notempty<br />\r\nssh_chroot_notempty<br />\r\n',
        ),
      );
      const username = ctx.unique('mpcv');
      const id = Number(await c.clientAdd(0, clientParams(username)));
      ctx.cleanup(() => c.clientDelete(id));
      await ctx.step('duplicate user name and a weak password', () =>
        fault(
          c.clientAdd(0, { ...clientParams(username), password: 'x' }),
          'data_processing_error',
          'username_error_unique<br>\r\nThe chosen password does not match the security guidelines. It has to be at least 8 chars in length and have a strength of "Good".Duplicate username<br />',
        ),
      );
    },
  }),
  defineScenario({
    id: 'ispconfig/client-lookup-faults',
    panel: 'ispconfig',
    title: 'client lookups that find nothing: no_client_found and no_group_found in all their wordings',
    access: 'read-only',
    basis: 'documented',
    methods: [
      'client_get_by_username',
      'client_get_id',
      'client_get_emailcontact',
      'client_get_by_customer_no',
      'client_change_password',
      'client_get_groupid',
      'client_get_by_groupid',
    ],
    async run(ctx) {
      const c = clientFor(ctx);
      await fault(c.clientGetByUsername(ctx.unique('none')), 'no_client_found', 'There is no user account for this user name.');
      await fault(c.clientGetId(99999999), 'no_client_found', 'There is no sys_user account with this userid.');
      await fault(c.clientGetEmailcontact(99999999), 'no_client_found', 'There is no client with this client ID.');
      await fault(c.clientGetByCustomerNo(ctx.unique('none')), 'no_client_found', 'There is no user account for this customer number.');
      await fault(c.clientChangePassword(99999999, 'x'), 'no_client_found', 'There is no user account for this client_id');
      await fault(c.clientGetGroupid(99999999), 'no_group_found', 'There is no group for this client ID.');
      await fault(c.clientGetByGroupid(99999999), 'no_group_found', 'There is no client for this group ID.');
      // Group 1 belongs to client 0, and client_get(0) is invalid_id.
      await fault(c.clientGetByGroupid(1), 'invalid_id');
    },
  }),
  defineScenario({
    id: 'ispconfig/client-templates',
    panel: 'ispconfig',
    title: 'client_template_additional_*: lists, and the one-argument SoapFault that PHP 8 turns into a Server fault',
    access: 'read-only',
    basis: 'documented',
    methods: ['client_templates_get_all', 'client_template_additional_get', 'client_template_additional_add', 'client_template_additional_delete'],
    async run(ctx) {
      const c = clientFor(ctx);
      assert.ok(Array.isArray(await c.clientTemplatesGetAll()));
      const php8 = 'SoapFault::__construct() expects at least 2 arguments, 1 given';
      await fault(c.call('client_template_additional_get', 'abc'), 'SOAP-ENV:Server', php8);
      assert.deepEqual(await c.clientTemplateAdditionalGet(99999999), []);
      await fault(c.clientTemplateAdditionalAdd(99999999, 1), 'SOAP-ENV:Server', php8);
      await fault(c.clientTemplateAdditionalDelete(99999999, 1), 'SOAP-ENV:Server', php8);
    },
  }),
  defineScenario({
    id: 'ispconfig/client-delete-everything',
    panel: 'ispconfig',
    title: 'client_delete_everything removes the client with what its group owns (a zone here)',
    access: 'mutating',
    basis: 'documented',
    methods: ['client_add', 'dns_zone_add', 'client_delete_everything', 'dns_zone_get', 'client_get'],
    async run(ctx) {
      const c = clientFor(ctx);
      const id = await addClient(ctx, c);
      const origin = `${ctx.unique('mpz')}.test`;
      const zone = Number(
        await c.dnsZoneAdd(id, {
          server_id: 1,
          origin: `${origin}.`,
          ns: 'ns1.example.com.',
          mbox: `hostmaster.${origin}.`,
          refresh: 7200,
          retry: 540,
          expire: 604800,
          minimum: 3600,
          ttl: 3600,
        }),
      );
      ctx.cleanup(() => c.dnsZoneDelete(zone));
      // The client row belongs to its reseller's group (here the admin's), so the sweep leaves it to the final delete.
      assert.equal(await c.clientDeleteEverything(id), 1);
      assert.equal(await c.dnsZoneGet(zone), null);
      assert.equal(await c.clientGet(id), null);
    },
  }),
];
