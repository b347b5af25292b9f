import assert from 'node:assert/strict';
import { WhmClient } from '../../clients/whm/index.js';
import { defineScenario } from '../scenario.js';
import { connect, expectDenied, expectFailure, newAccount, newReseller, strongPassword, newUsername } from './support.js';

const RESELLER_PRIVILEGES = ['create-acct', 'list-accts', 'suspend-acct', 'kill-acct', 'edit-account', 'acct-summary', 'manage-api-tokens'];

export const accessScenarios = [
  defineScenario({
    id: 'whm/token-lifecycle',
    panel: 'whm',
    title: 'a created API token authenticates with its ACLs, is listed, and once revoked no longer does',
    access: 'mutating',
    basis: 'documented',
    methods: ['api_token_create', 'api_token_list', 'version', 'listaccts', 'listresellers', 'api_token_revoke'],
    async run(ctx) {
      const whm = connect(ctx);
      const user = ctx.target.credentials.username;
      const name = ctx.unique('mptoken');
      const created = await ctx.step('api_token_create with two privileges', async () => {
        const t = await whm.createToken(name, { acl: ['list-accts', 'basic-whm-functions'] });
        ctx.cleanup(() => whm.revokeToken(name).catch(() => undefined));
        assert.equal(t.name, name);
        assert.match(t.token, /^[A-Z0-9]{32}$/);
        assert.deepEqual([...t.acls].sort(), ['basic-whm-functions', 'list-accts']);
        return t;
      });
      await ctx.step('api_token_create refuses the same name', () => expectFailure(whm.createToken(name), /exists/));
      await ctx.step('api_token_list shows it without the secret', async () => {
        const tokens = await whm.listTokens();
        assert.ok(tokens[name], 'listed');
        assert.equal(tokens[name].acls['list-accts'], 1);
        assert.ok(!('token' in tokens[name]));
      });
      const limited = new WhmClient({ baseUrl: ctx.target.baseUrl, auth: { user, token: created.token } });
      await ctx.step('the token authenticates (any case of the scheme) and may list accounts', async () => {
        assert.ok(Array.isArray(await limited.listAccounts()));
        const res = await fetch(`${ctx.target.baseUrl}/json-api/version?api.version=1`, { headers: { authorization: `WHM ${user}:${created.token}` } });
        assert.equal(res.status, 200);
      });
      await ctx.step('but not call a function outside its ACLs', () => expectFailure(limited.listResellers(), /permission|privilege|access/i));
      await ctx.step('api_token_revoke; the token is refused afterwards', async () => {
        await whm.revokeToken(name);
        assert.ok(!(await whm.listTokens())[name]);
        await expectDenied(limited.version(), 401);
      });
      await ctx.step('a wrong token and a wrong password are refused with 401', async () => {
        await expectDenied(new WhmClient({ baseUrl: ctx.target.baseUrl, auth: { user, token: 'A'.repeat(32) } }).version(), 401);
        await expectDenied(new WhmClient({ baseUrl: ctx.target.baseUrl, auth: { user, password: 'wrong-password' } }).version(), 401);
        const res = await fetch(`${ctx.target.baseUrl}/json-api/version?api.version=1`);
        assert.equal(res.status, 401);
      });
    },
  }),

  defineScenario({
    id: 'whm/reseller-isolation',
    panel: 'whm',
    title: 'a reseller sees and changes only its own accounts, within its privileges',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'createacct',
      'setupreseller',
      'setacls',
      'listaccts',
      'accountsummary',
      'suspendacct',
      'removeacct',
      'listresellers',
      'myprivs',
      'api_token_create',
      'api_token_list',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const reseller = await newReseller(ctx, whm, RESELLER_PRIVILEGES);
      const stranger = await newAccount(ctx, whm);
      const own = await ctx.step('the reseller creates an account it owns', async () => {
        const user = newUsername(ctx);
        await reseller.client.createAccount(user, { domain: `${user}.example.com`, password: strongPassword(ctx) });
        ctx.cleanup(() => whm.removeAccount(user).catch(() => undefined));
        assert.equal((await whm.accountSummary({ user })).owner, reseller.user);
        return user;
      });
      await ctx.step('listaccts shows only its own accounts', async () => {
        const users = (await reseller.client.listAccounts()).map((a) => a.user);
        assert.ok(users.includes(own));
        assert.ok(!users.includes(stranger.user));
        assert.ok((await reseller.client.listAccounts()).every((a) => a.owner === reseller.user));
      });
      await ctx.step('another owner’s account is out of reach', async () => {
        await expectFailure(reseller.client.accountSummary({ user: stranger.user }), /exist|access/i);
        await expectFailure(reseller.client.suspendAccount(stranger.user), /access/i);
        await expectFailure(reseller.client.removeAccount(stranger.user), /access/i);
        assert.equal((await whm.accountSummary({ user: stranger.user })).suspended, 0);
      });
      await ctx.step('a function outside its privileges is refused', async () => {
        await expectFailure(reseller.client.listResellers(), /permission|privilege|access/i);
        await expectFailure(reseller.client.changePackage(own, 'default'), /permission|privilege|access/i);
      });
      await ctx.step('myprivs shows exactly the privileges set', async () => {
        const privs = await reseller.client.myPrivileges();
        assert.equal(privs.all, 0);
        for (const p of RESELLER_PRIVILEGES) assert.equal(privs[p], 1, p);
        assert.equal(privs['kill-dns'], 0);
      });
      await ctx.step('its tokens are its own', async () => {
        const name = ctx.unique('rtok');
        await reseller.client.createToken(name);
        assert.ok((await reseller.client.listTokens())[name]);
        assert.ok(!(await whm.listTokens())[name]);
        await expectFailure(reseller.client.createToken(ctx.unique('rtok'), { acl: ['all'] }), /privilege|cannot/i);
      });
      await ctx.step('it can suspend and remove its own account', async () => {
        await reseller.client.suspendAccount(own, 'test');
        assert.equal((await whm.accountSummary({ user: own })).suspended, 1);
        await reseller.client.removeAccount(own);
        await expectFailure(whm.accountSummary({ user: own }), /does not exist/);
      });
    },
  }),

  defineScenario({
    id: 'whm/resellers',
    panel: 'whm',
    title: 'an account becomes a reseller with an ACL list and an account limit, and stops being one',
    access: 'mutating',
    basis: 'documented',
    methods: ['createacct', 'setupreseller', 'listresellers', 'setacls', 'listacls', 'setresellerlimits', 'unsetupreseller', 'removeacct'],
    async run(ctx) {
      const whm = connect(ctx);
      const reseller = await newReseller(ctx, whm, ['create-acct', 'list-accts']);
      await ctx.step('listresellers', async () => assert.ok((await whm.listResellers()).includes(reseller.user)));
      await ctx.step('listacls lists the saved privilege lists', async () => {
        const lists = await whm.listAcls();
        assert.ok(Array.isArray(lists));
        for (const l of lists) assert.equal(typeof l.privileges, 'object');
      });
      await ctx.step('setresellerlimits caps the number of accounts', async () => {
        await whm.setResellerLimits(reseller.user, { enable_account_limit: 1, account_limit: 1 });
        const first = newUsername(ctx);
        await reseller.client.createAccount(first, { domain: `${first}.example.com`, password: strongPassword(ctx) });
        ctx.cleanup(() => whm.removeAccount(first).catch(() => undefined));
        const second = newUsername(ctx);
        await expectFailure(reseller.client.createAccount(second, { domain: `${second}.example.com`, password: strongPassword(ctx) }), /limit/i);
      });
      await ctx.step('unsetupreseller', async () => {
        await whm.unsetupReseller(reseller.user);
        assert.ok(!(await whm.listResellers()).includes(reseller.user));
        await expectDenied(reseller.client.version(), 401);
      });
    },
  }),
];
