import assert from 'node:assert/strict';
import { defineScenario } from '../scenario.js';
import { CpanelClient } from '../../clients/cpanel/index.js';
import { connect, expectDenied, expectFailure } from './support.js';

export const accountScenarios = [
  defineScenario({
    id: 'cpanel/tokens',
    panel: 'cpanel',
    title: 'an API token is created, lets its user in with "Authorization: cpanel user:TOKEN", is listed and revoked, and is refused afterwards',
    access: 'mutating',
    basis: 'documented',
    methods: ['Tokens::create_full_access', 'Tokens::list', 'Tokens::revoke', 'API2::CustInfo::displaycontactinfo'],
    async run(ctx) {
      const cp = connect(ctx);
      const name = ctx.unique('mp-token');
      const { token } = await ctx.step('create_full_access', async () => {
        const created = await cp.createToken(name);
        ctx.cleanup(() => cp.revokeToken(name).catch(() => undefined));
        assert.match(created.token, /^[0-9A-Z]{32}$/);
        return created;
      });
      const byToken = connect(ctx, { token });
      await ctx.step('the token logs in (displaycontactinfo as a login check)', async () => {
        const info = await byToken.contactInfo();
        assert.ok(
          info.some((i) => i.name === 'email'),
          'the contact email is listed',
        );
      });
      await ctx.step('list shows it with full access', async () => {
        const t = (await cp.listTokens()).find((x) => x.name === name);
        assert.ok(t, 'listed');
        assert.equal(t.has_full_access, 1);
      });
      await ctx.step('create_full_access refuses a name with a space', () => expectFailure(cp.createToken('has space'), /name/i));
      await ctx.step('revoke', () => cp.revokeToken(name));
      await ctx.step('the revoked token is refused at the door (HTTP 401)', () => expectDenied(byToken.contactInfo()));
      await ctx.step('revoke of an unknown token fails with status 0', () => expectFailure(cp.revokeToken(name), /token/i));
    },
  }),
  defineScenario({
    id: 'cpanel/usage-reads',
    panel: 'cpanel',
    title: 'StatsBar::get_stats and ResourceUsage::get_usages report counts and limits; DomainInfo lists the main domain',
    access: 'read-only',
    basis: 'documented',
    methods: ['StatsBar::get_stats', 'ResourceUsage::get_usages', 'DomainInfo::list_domains', 'DomainInfo::domains_data', 'DomainInfo::single_domain_data'],
    async run(ctx) {
      const cp = connect(ctx);
      await ctx.step('get_stats answers the requested stats only', async () => {
        const stats = (
          await cp.uapi<{ id: string; count: string; max: string; percent: number }[]>('StatsBar', 'get_stats', { display: 'emailaccounts|sqldatabases' })
        ).data;
        assert.deepEqual(stats.map((s) => s.id).sort(), ['emailaccounts', 'sqldatabases']);
        for (const s of stats) assert.match(s.count, /^\d+$/);
      });
      await ctx.step('get_usages lists disk usage', async () => {
        const usages = (await cp.uapi<{ id: string; usage: number }[]>('ResourceUsage', 'get_usages')).data;
        assert.ok(usages.some((u) => u.id === 'diskusage' && typeof u.usage === 'number'));
      });
      const main = await ctx.step('list_domains names the main domain', async () => {
        const d = await cp.listDomains();
        assert.match(d.main_domain, /\./);
        return d.main_domain;
      });
      await ctx.step('domains_data and single_domain_data agree on its document root', async () => {
        const data = await cp.domainsData();
        assert.equal(data.main_domain.domain, main);
        assert.equal((await cp.singleDomainData(main)).documentroot, data.main_domain.documentroot);
      });
      await ctx.step('single_domain_data of a domain the account does not own fails with status 0', () =>
        expectFailure(cp.singleDomainData('not-mine.example.invalid'), /domain/i),
      );
    },
  }),
  defineScenario({
    id: 'cpanel/access',
    panel: 'cpanel',
    title: 'wrong credentials are refused at the door (HTTP 401); an unknown module or function and a missing parameter answer status 0 with errors',
    access: 'read-only',
    basis: 'documented',
    methods: ['API2::CustInfo::displaycontactinfo', 'DNS::parse_zone'],
    async run(ctx) {
      const c = ctx.target.credentials;
      await ctx.step('a wrong password is refused with HTTP 401', () =>
        expectDenied(new CpanelClient({ url: ctx.target.baseUrl, username: c.username, password: `${c.password}-wrong` }).contactInfo()),
      );
      await ctx.step('a made-up token is refused with HTTP 401', () =>
        expectDenied(new CpanelClient({ url: ctx.target.baseUrl, username: c.username, token: 'X'.repeat(32) }).contactInfo()),
      );
      const cp = connect(ctx);
      await ctx.step('an unknown UAPI module fails with status 0', () => expectFailure(cp.uapi('NoSuchModule', 'anything'), /NoSuchModule/));
      await ctx.step('an unknown function of a known module fails with status 0', () => expectFailure(cp.uapi('DNS', 'no_such_function'), /no_such_function/));
      await ctx.step('a missing parameter fails with status 0 and names it', () => expectFailure(cp.uapi('DNS', 'parse_zone'), /zone/));
    },
  }),
];
