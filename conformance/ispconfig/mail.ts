import assert from 'node:assert/strict';
import type { IspconfigClient, IspRecord } from '../../clients/ispconfig/index.js';
import { defineScenario, type Scenario, type ScenarioContext } from '../scenario.js';
import { clientFor, fault } from './helpers.js';

// Mail domains, mailboxes, aliases, forwards and the other mail tables (ISPConfig 3.2.11 install/sql/ispconfig3.sql and interface/web/mail/form/*.tform.php).

async function addMailDomain(ctx: ScenarioContext, c: IspconfigClient): Promise<[number, string]> {
  const domain = `${ctx.unique('mpm')}.test`;
  const id = Number(await c.mailDomainAdd(0, { server_id: 1, domain, active: 'y' }));
  ctx.cleanup(() => c.mailDomainDelete(id));
  return [id, domain];
}

export const mailScenarios: Scenario[] = [
  defineScenario({
    id: 'ispconfig/mail-domain-life-cycle',
    panel: 'ispconfig',
    title: 'mail domains: add (dkim_selector defaults), get by id and by name (always a list), status, duplicate, update, delete',
    access: 'mutating',
    basis: 'documented',
    methods: ['mail_domain_add', 'mail_domain_get', 'mail_domain_get_by_domain', 'mail_domain_set_status', 'mail_domain_update', 'mail_domain_delete'],
    async run(ctx) {
      const c = clientFor(ctx);
      const [id, domain] = await addMailDomain(ctx, c);
      const row = (await c.mailDomainGet(id))!;
      assert.equal(row.dkim_selector, 'default');
      assert.equal(row.dkim_private, null);
      const byName = (await c.mailDomainGetByDomain(domain)) as IspRecord[];
      assert.deepEqual(byName, [row]);
      assert.equal(await c.mailDomainGetByDomain(''), null);
      await fault(c.mailDomainAdd(0, { server_id: 1, domain, active: 'y' }), 'data_processing_error', 'domain_error_unique<br />\r\n');
      assert.equal(await c.mailDomainSetStatus(id, 'inactive'), 1);
      assert.equal((await c.mailDomainGet(id))!.active, 'n');
      await fault(c.mailDomainSetStatus(id, 'off'), 'status_undefined');
      assert.equal(await c.mailDomainUpdate(0, id, { active: 'y' }), 1);
      assert.equal(await c.mailDomainDelete(id), 1);
      assert.equal(await c.mailDomainDelete(id), 0);
    },
  }),
  defineScenario({
    id: 'ispconfig/mail-user-life-cycle',
    panel: 'ispconfig',
    title: 'mailboxes: add (address lower-cased, unknown domains refused), filter get always a list, update, delete',
    access: 'mutating',
    basis: 'documented',
    methods: ['mail_domain_add', 'mail_user_add', 'mail_user_get', 'mail_user_update', 'mail_user_delete', 'mail_user_get_all_by_client'],
    async run(ctx) {
      const c = clientFor(ctx);
      const [, domain] = await addMailDomain(ctx, c);
      const params = {
        server_id: 1,
        email: `Info@${domain.toUpperCase()}`,
        login: `info@${domain}`,
        password: 'Sup3r-secret',
        name: 'Info',
        quota: 1073741824,
        postfix: 'y',
      };
      const id = Number(await c.mailUserAdd(0, params));
      ctx.cleanup(() => c.mailUserDelete(id));
      const row = (await c.mailUserGet(id))!;
      assert.equal(row.email, `info@${domain}`);
      assert.match(row.password!, /^\$6\$rounds=5000\$/);
      assert.equal(row.uid, '-1', 'uid/gid default to -1 when left out');
      assert.equal(row.maildir_format, 'maildir');
      const list = await c.mailUserGet({ email: `%@${domain}` });
      assert.equal(list.length, 1, 'one match is still a list');
      const missing = `${ctx.unique('none')}.test`;
      await fault(
        c.mailUserAdd(0, { ...params, email: `x@${missing}` }),
        'mail_domain_does_not_exist',
        `Mail domain - ${missing} - does not exist as primary.`,
      );
      assert.equal(await c.mailUserUpdate(0, id, { password: 'An0ther-secret' }), 1, 'a new password is always a change');
      assert.equal(await c.mailUserUpdate(0, id, { name: 'Info' }), 0);
      await fault(
        c.mailUserAdd(0, { server_id: 1, email: `q@${domain}`, login: `q@${domain}`, password: 'Sup3r-secret' }),
        'data_processing_error',
        'quota_error_value<br />\r\n',
      );
      assert.deepEqual(await c.mailUserGetAllByClient(99999999), []);
    },
  }),
  defineScenario({
    id: 'ispconfig/mail-forwards-and-aliases',
    panel: 'ispconfig',
    title: 'forwards, aliases, catch-alls and alias domains share mail_forwarding; an alias may not shadow a mailbox',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'mail_domain_add',
      'mail_user_add',
      'mail_user_delete',
      'mail_forward_add',
      'mail_forward_get',
      'mail_forward_update',
      'mail_forward_delete',
      'mail_alias_add',
      'mail_alias_get',
      'mail_alias_update',
      'mail_alias_delete',
      'mail_catchall_add',
      'mail_catchall_get',
      'mail_catchall_update',
      'mail_catchall_delete',
      'mail_aliasdomain_add',
      'mail_aliasdomain_get',
      'mail_aliasdomain_update',
      'mail_aliasdomain_delete',
    ],
    async run(ctx) {
      const c = clientFor(ctx);
      const [, domain] = await addMailDomain(ctx, c);
      const box = Number(
        await c.mailUserAdd(0, { server_id: 1, email: `info@${domain}`, login: `info@${domain}`, password: 'Sup3r-secret', quota: 0, postfix: 'y' }),
      );
      ctx.cleanup(() => c.mailUserDelete(box));
      const fwd = Number(await c.mailForwardAdd(0, { server_id: 1, source: `sales@${domain}`, destination: `info@${domain}`, type: 'forward', active: 'y' }));
      assert.equal((await c.mailForwardGet(fwd))!.type, 'forward');
      assert.equal(await c.mailForwardUpdate(0, fwd, { destination: `other@${domain}` }), 1);
      await fault(
        c.mailAliasAdd(0, { server_id: 1, source: `info@${domain}`, destination: `x@${domain}`, type: 'alias', active: 'y' }),
        'duplicate',
        'There is already a mailbox with this email address.',
      );
      const alias = Number(await c.mailAliasAdd(0, { server_id: 1, source: `hello@${domain}`, destination: `info@${domain}`, type: 'alias', active: 'y' }));
      assert.equal(await c.mailAliasUpdate(0, alias, { source: `hello@${domain}`, active: 'n' }), 1);
      const catchall = Number(await c.mailCatchallAdd(0, { server_id: 1, source: `@${domain}`, destination: `info@${domain}`, type: 'catchall', active: 'y' }));
      assert.equal(await c.mailCatchallUpdate(0, catchall, { active: 'n' }), 1);
      const otherDomain = `${ctx.unique('mpa')}.test`;
      const aliasDomain = Number(
        await c.mailAliasdomainAdd(0, { server_id: 1, source: `@${otherDomain}`, destination: `@${domain}`, type: 'aliasdomain', active: 'y' }),
      );
      assert.equal(await c.mailAliasdomainUpdate(0, aliasDomain, { active: 'n' }), 1);
      await ctx.step('one table: every kind is visible through every get', async () => {
        const rows = await c.mailForwardGet({ destination: `%${domain}` });
        assert.deepEqual(rows.map((r) => r.type).sort(), ['alias', 'aliasdomain', 'catchall', 'forward']);
        assert.equal((await c.mailAliasGet(catchall))!.type, 'catchall');
        assert.equal((await c.mailCatchallGet(aliasDomain))!.type, 'aliasdomain');
        assert.equal((await c.mailAliasdomainGet(fwd))!.type, 'forward');
      });
      for (const [del, id] of [
        [c.mailForwardDelete, fwd],
        [c.mailAliasDelete, alias],
        [c.mailCatchallDelete, catchall],
        [c.mailAliasdomainDelete, aliasDomain],
      ] as const) {
        assert.equal(await del.call(c, id), 1);
      }
    },
  }),
  defineScenario({
    id: 'ispconfig/mail-other-tables',
    panel: 'ispconfig',
    title: 'transport, relay, spam filter, fetchmail, access lists, content filters, mailbox filters, mailing lists: add/get/update/delete',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'mail_transport_add',
      'mail_transport_get',
      'mail_transport_update',
      'mail_transport_delete',
      'mail_relay_recipient_add',
      'mail_relay_recipient_get',
      'mail_relay_recipient_update',
      'mail_relay_recipient_delete',
      'mail_relay_domain_add',
      'mail_relay_domain_get',
      'mail_relay_domain_update',
      'mail_relay_domain_delete',
      'mail_spamfilter_whitelist_add',
      'mail_spamfilter_whitelist_get',
      'mail_spamfilter_whitelist_update',
      'mail_spamfilter_whitelist_delete',
      'mail_spamfilter_blacklist_add',
      'mail_spamfilter_blacklist_get',
      'mail_spamfilter_blacklist_update',
      'mail_spamfilter_blacklist_delete',
      'mail_spamfilter_user_add',
      'mail_spamfilter_user_get',
      'mail_spamfilter_user_update',
      'mail_spamfilter_user_delete',
      'mail_policy_add',
      'mail_policy_get',
      'mail_policy_update',
      'mail_policy_delete',
      'mail_fetchmail_add',
      'mail_fetchmail_get',
      'mail_fetchmail_update',
      'mail_fetchmail_delete',
      'mail_whitelist_add',
      'mail_whitelist_get',
      'mail_whitelist_update',
      'mail_whitelist_delete',
      'mail_blacklist_add',
      'mail_blacklist_get',
      'mail_blacklist_update',
      'mail_blacklist_delete',
      'mail_filter_add',
      'mail_filter_get',
      'mail_filter_update',
      'mail_filter_delete',
      'mail_user_filter_add',
      'mail_user_filter_get',
      'mail_user_filter_update',
      'mail_user_filter_delete',
      'mail_mailinglist_add',
      'mail_mailinglist_get',
      'mail_mailinglist_update',
      'mail_mailinglist_delete',
    ],
    async run(ctx) {
      const c = clientFor(ctx);
      const [, domain] = await addMailDomain(ctx, c);
      const tables: [family: string, params: Record<string, unknown>, change: Record<string, unknown>][] = [
        ['mail_transport', { server_id: 1, domain: `t.${domain}`, transport: 'smtp:[192.0.2.25]', sort_order: 5, active: 'y' }, { sort_order: 6 }],
        ['mail_relay_recipient', { server_id: 1, source: `r@${domain}`, access: 'OK', active: 'y' }, { active: 'n' }],
        ['mail_relay_domain', { server_id: 1, domain: `relay.${domain}`, access: 'OK', active: 'y' }, { active: 'n' }],
        ['mail_spamfilter_whitelist', { server_id: 1, wb: 'W', rid: 0, email: `good@${domain}`, priority: 5, active: 'y' }, { priority: 6 }],
        ['mail_spamfilter_blacklist', { server_id: 1, wb: 'B', rid: 0, email: `bad@${domain}`, priority: 5, active: 'y' }, { priority: 6 }],
        ['mail_spamfilter_user', { server_id: 1, priority: 5, policy_id: 1, email: `@${domain}`, fullname: domain, local: 'Y' }, { priority: 6 }],
        ['mail_policy', { policy_name: ctx.unique('policy') }, { spam_tag_level: 3 }],
        [
          'mail_fetchmail',
          {
            server_id: 1,
            type: 'pop3',
            source_server: 'pop.example.com',
            source_username: 'u',
            source_password: 'p',
            destination: `info@${domain}`,
            active: 'y',
          },
          { source_username: 'v' },
        ],
        ['mail_whitelist', { server_id: 1, source: `ok@${domain}`, access: 'OK', type: 'recipient', active: 'y' }, { active: 'n' }],
        ['mail_blacklist', { server_id: 1, source: `no@${domain}`, access: 'REJECT', type: 'recipient', active: 'y' }, { active: 'n' }],
        ['mail_filter', { server_id: 1, type: 'header', pattern: '/^Subject: spam/', data: '', action: 'DISCARD', active: 'y' }, { action: 'REJECT' }],
        [
          'mail_user_filter',
          { mailuser_id: 0, rulename: 'r', source: 'Subject', op: 'contains', searchterm: 'x', action: 'move', target: 'Junk', active: 'y' },
          { searchterm: 'y' },
        ],
        ['mail_mailinglist', { server_id: 1, domain, listname: 'news', email: `owner@${domain}`, password: 'L1st-passw0rd!' }, { email: `boss@${domain}` }],
      ];
      for (const [family, params, change] of tables) {
        await ctx.step(family, async () => {
          const id = Number(await c.call(`${family}_add`, 0, params));
          assert.ok(id > 0);
          assert.ok(await c.call(`${family}_get`, id), `${family}_get(${id})`);
          assert.equal(await c.call(`${family}_update`, 0, id, change), 1);
          assert.equal(await c.call(`${family}_update`, 0, id, change), 0);
          assert.equal(await c.call(`${family}_delete`, id), 1);
        });
      }
    },
  }),
];
