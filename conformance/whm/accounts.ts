import assert from 'node:assert/strict';
import { defineScenario } from '../scenario.js';
import { connect, expectFailure, newAccount, newPackage, newUsername, strongPassword } from './support.js';

export const accountScenarios = [
  defineScenario({
    id: 'whm/account-lifecycle',
    panel: 'whm',
    title: 'an account is created, listed, summarised, modified, moved to another package, re-passworded, limited, suspended, unsuspended and removed',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'verify_new_username',
      'createacct',
      'listaccts',
      'accountsummary',
      'modifyacct',
      'addpkg',
      'changepackage',
      'passwd',
      'limitbw',
      'editquota',
      'showbw',
      'suspendacct',
      'listsuspended',
      'unsuspendacct',
      'removeacct',
      'killpkg',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const user = newUsername(ctx);
      const domain = `${user}.example.com`;
      await ctx.step('verify_new_username accepts a free name', () => whm.verifyNewUsername(user));
      await ctx.step('createacct', async () => {
        const created = await whm.createAccount(user, { domain, password: strongPassword(ctx), contactemail: `owner@${domain}` });
        ctx.cleanup(() => whm.removeAccount(user).catch(() => undefined));
        assert.equal(typeof created.ip, 'string');
        assert.ok(created.package);
      });
      await ctx.step('verify_new_username now refuses it', () => expectFailure(whm.verifyNewUsername(user), /exists|taken|already/i));
      await ctx.step('listaccts shows it', async () => {
        const accounts = await whm.listAccounts({ search: user, searchtype: 'user', searchmethod: 'exact' });
        assert.equal(accounts.length, 1);
        assert.equal(accounts[0].domain, domain);
        assert.equal(accounts[0].suspended, 0);
      });
      await ctx.step('accountsummary by user and by domain', async () => {
        assert.equal((await whm.accountSummary({ user })).domain, domain);
        assert.equal((await whm.accountSummary({ domain })).user, user);
      });
      await ctx.step('modifyacct changes limits and the contact address', async () => {
        const r = await whm.modifyAccount(user, { MAXPOP: 7, contactemail: `new@${domain}` });
        assert.equal(r.cpuser.MAXPOP, '7');
        const summary = await whm.accountSummary({ user });
        assert.equal(summary.maxpop, '7');
        assert.equal(summary.email, `new@${domain}`);
      });
      const pkg = await newPackage(ctx, whm, { quota: 321, maxsql: 3 });
      await ctx.step('changepackage applies the package limits', async () => {
        await whm.changePackage(user, pkg);
        const summary = await whm.accountSummary({ user });
        assert.equal(summary.plan, pkg);
        assert.equal(summary.maxsql, '3');
        assert.equal(summary.disklimit, '321M');
      });
      await ctx.step('passwd', () => whm.setPassword(user, strongPassword(ctx)));
      await ctx.step('limitbw and showbw', async () => {
        const bw = await whm.limitBandwidth(user, 2048);
        assert.equal(bw.unlimited, 0);
        assert.equal(bw.bwlimit, 2048 * 1024 * 1024);
        const shown = await whm.showBandwidth({ search: `^${user}$`, searchtype: 'user' });
        assert.equal(shown.acct.length, 1);
        assert.equal(shown.acct[0].limit, 2048 * 1024 * 1024);
      });
      await ctx.step('editquota', async () => {
        await whm.editQuota(user, 500);
        assert.equal((await whm.accountSummary({ user })).disklimit, '500M');
        await whm.editQuota(user, 'unlimited');
        assert.equal((await whm.accountSummary({ user })).disklimit, 'unlimited');
      });
      await ctx.step('suspendacct, listsuspended, unsuspendacct', async () => {
        await whm.suspendAccount(user, 'Nonpayment');
        const summary = await whm.accountSummary({ user });
        assert.equal(summary.suspended, 1);
        assert.equal(summary.suspendreason, 'Nonpayment');
        assert.equal(typeof summary.suspendtime, 'number');
        const suspended = await whm.listSuspended();
        assert.equal(suspended.find((s) => s.user === user)?.reason, 'Nonpayment');
        await whm.unsuspendAccount(user);
        assert.equal((await whm.accountSummary({ user })).suspended, 0);
        assert.ok(!(await whm.listSuspended()).some((s) => s.user === user));
      });
      await ctx.step('removeacct', async () => {
        await whm.removeAccount(user);
        await expectFailure(whm.accountSummary({ user }), /does not exist/);
        assert.equal((await whm.listAccounts({ search: user, searchtype: 'user', searchmethod: 'exact' })).length, 0);
      });
    },
  }),

  defineScenario({
    id: 'whm/createacct-validation',
    panel: 'whm',
    title: 'createacct refuses bad and reserved usernames, a taken username or domain (one owner per domain) and an unknown package',
    access: 'mutating',
    basis: 'documented',
    methods: ['createacct', 'verify_new_username', 'removeacct'],
    async run(ctx) {
      const whm = connect(ctx);
      const taken = await newAccount(ctx, whm);
      await ctx.step('usernames: uppercase, too long, leading digit, reserved, "test" prefix', async () => {
        await expectFailure(whm.verifyNewUsername('UpperCase'), /uppercase|lowercase/i);
        await expectFailure(whm.verifyNewUsername('abcdefghijklmnopq'), /too long|16/);
        await expectFailure(whm.verifyNewUsername('1abc'), /not valid|letter/i);
        await expectFailure(whm.verifyNewUsername('root'), /reserved|exists/i);
        await expectFailure(whm.verifyNewUsername('testacct'), /reserved/i);
      });
      await ctx.step('a taken username', () =>
        expectFailure(whm.createAccount(taken.user, { domain: `${newUsername(ctx)}.example.com`, password: strongPassword(ctx) }), /already exists/),
      );
      await ctx.step('a domain another account owns', () =>
        expectFailure(
          whm.createAccount(newUsername(ctx), { domain: taken.domain, password: strongPassword(ctx) }),
          new RegExp(`${taken.domain.replace(/\./g, '\\.')}`),
        ),
      );
      await ctx.step('an unknown package', () =>
        expectFailure(
          whm.createAccount(newUsername(ctx), { domain: `${newUsername(ctx)}.example.com`, password: strongPassword(ctx), plan: 'no-such-package-xyz' }),
          /package/i,
        ),
      );
      await ctx.step('a missing username', () => expectFailure(whm.call('createacct', { domain: 'x.example.com' }), /username/));
    },
  }),

  defineScenario({
    id: 'whm/domain-information',
    panel: 'whm',
    title: 'domainuserdata, getdomainowner and get_domain_info describe an account’s main domain',
    access: 'mutating',
    basis: 'documented',
    methods: ['createacct', 'domainuserdata', 'getdomainowner', 'get_domain_info', 'removeacct'],
    async run(ctx) {
      const whm = connect(ctx);
      const a = await newAccount(ctx, whm);
      await ctx.step('getdomainowner', async () => assert.equal(await whm.getDomainOwner(a.domain), a.user));
      await ctx.step('domainuserdata', async () => {
        const ud = await whm.domainUserData(a.domain);
        assert.equal(ud.servername, a.domain);
        assert.equal(ud.user, a.user);
        assert.match(String(ud.documentroot), new RegExp(`/${a.user}/public_html$`));
      });
      await ctx.step('get_domain_info lists it as the main domain', async () => {
        const d = (await whm.getDomainInfo()).find((x) => x.domain === a.domain);
        assert.ok(d, 'the domain is listed');
        assert.equal(d.domain_type, 'main');
        assert.equal(d.user, a.user);
      });
      await ctx.step('an unknown domain', () => expectFailure(whm.getDomainOwner(`${newUsername(ctx)}.invalid-example.com`), /domain/i));
    },
  }),

  defineScenario({
    id: 'whm/privileges-and-session',
    panel: 'whm',
    title: 'myprivs shows root’s “all”; create_user_session returns a one-time cPanel login URL',
    access: 'mutating',
    basis: 'documented',
    methods: ['myprivs', 'createacct', 'create_user_session', 'removeacct'],
    async run(ctx) {
      const whm = connect(ctx);
      await ctx.step('myprivs', async () => assert.equal((await whm.myPrivileges()).all, 1));
      const a = await newAccount(ctx, whm);
      await ctx.step('create_user_session for cpaneld', async () => {
        const s = await whm.createUserSession(a.user, 'cpaneld');
        assert.match(s.url, /^https:\/\/.+:2083\/cpsess\d+\//);
        assert.equal(s.service, 'cpaneld');
        assert.ok(s.session);
        assert.equal(typeof s.expires, 'number');
      });
      await ctx.step('an unknown service', () => expectFailure(whm.createUserSession(a.user, 'nosuchd' as 'cpaneld'), /service/));
    },
  }),
];
