import assert from 'node:assert/strict';
import type { WhmClient, WhmParams } from '../../clients/whm/index.js';
import { defineScenario, type ScenarioContext } from '../scenario.js';
import { connect, expectFailure, newAccount } from './support.js';

/*
 * The tier-3 families (emulators/whm/families/), one scenario per kind, each
 * over several real families of the contract: what a write stores, its
 * documented read shows; what a remove drops, the read no longer shows; an
 * unknown item's removal is refused.
 */

type Rec = Record<string, unknown>;

async function data(whm: WhmClient, fn: string, params: Record<string, string | number> = {}): Promise<Rec> {
  return ((await whm.call<Rec>(fn, params)).data ?? {}) as Rec;
}

const records = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);

async function unknownRemoveRefused(ctx: ScenarioContext, fn: string, params: Record<string, string>) {
  await ctx.step(`${fn} of an item that does not exist is refused`, async () => {
    await expectFailure(connect(ctx).call(fn, params), /does not exist/);
  });
}

export const familyScenarios = [
  defineScenario({
    id: 'whm/family-collections',
    panel: 'whm',
    title:
      'Collections (add/create/save → list/read → update → remove/delete): configuration cluster servers, greylist trusted hosts, remote MySQL profiles, integration groups',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'add_configclusterserver',
      'list_configclusterservers',
      'update_configclusterserver',
      'delete_configclusterserver',
      'create_cpgreylist_trusted_host',
      'read_cpgreylist_trusted_hosts',
      'delete_cpgreylist_trusted_host',
      'remote_mysql_create_profile',
      'remote_mysql_read_profiles',
      'remote_mysql_read_profile',
      'remote_mysql_update_profile',
      'remote_mysql_delete_profile',
      'createacct',
      'create_integration_group',
      'list_integration_groups',
      'remove_integration_group',
      'removeacct',
      'ticket_grant',
      'ticket_list',
      'ticket_revoke',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const server = `${ctx.unique('cluster')}.example.com`;
      await ctx.step('add_configclusterserver: list_configclusterservers lists the server under its name, with its user', async () => {
        await whm.call('add_configclusterserver', { name: server, user: 'root', key: 'A'.repeat(32) });
        const listed = await data(whm, 'list_configclusterservers');
        assert.deepEqual(Object.keys(listed), [server]);
        assert.equal((listed[server] as Rec).user, 'root');
      });
      await ctx.step('update_configclusterserver: the list shows the new user', async () => {
        await whm.call('update_configclusterserver', { name: server, user: 'admin' });
        assert.equal(((await data(whm, 'list_configclusterservers'))[server] as Rec).user, 'admin');
      });
      await ctx.step('delete_configclusterserver: the list is empty again', async () => {
        await whm.call('delete_configclusterserver', { name: server });
        assert.deepEqual(await data(whm, 'list_configclusterservers'), {});
      });
      await unknownRemoveRefused(ctx, 'delete_configclusterserver', { name: server });

      await ctx.step('create_cpgreylist_trusted_host: read_cpgreylist_trusted_hosts shows the address and its comment', async () => {
        await whm.call('create_cpgreylist_trusted_host', { ip: '192.0.2.77', comment: 'partner relay' });
        const hosts = records((await data(whm, 'read_cpgreylist_trusted_hosts')).greylist_trusted_hosts);
        assert.deepEqual(
          hosts.map((h) => [h.host_ip, h.comment]),
          [['192.0.2.77', 'partner relay']],
        );
      });
      await ctx.step('delete_cpgreylist_trusted_host: the address is no longer trusted', async () => {
        await whm.call('delete_cpgreylist_trusted_host', { ip: '192.0.2.77' });
        assert.deepEqual(records((await data(whm, 'read_cpgreylist_trusted_hosts')).greylist_trusted_hosts), []);
      });
      await unknownRemoveRefused(ctx, 'delete_cpgreylist_trusted_host', { ip: '192.0.2.77' });

      const profile = ctx.unique('profile');
      await ctx.step('remote_mysql_create_profile: both profile reads show it', async () => {
        await whm.call('remote_mysql_create_profile', {
          name: profile,
          mysql_host: 'db1.example.com',
          mysql_user: 'admin',
          mysql_pass: 'pw-1',
          mysql_port: 3307,
        });
        const all = await data(whm, 'remote_mysql_read_profiles');
        assert.deepEqual(Object.keys(all), [profile]);
        assert.equal((all[profile] as Rec).mysql_host, 'db1.example.com');
        assert.equal((all[profile] as Rec).mysql_port, 3307);
        const one = await data(whm, 'remote_mysql_read_profile', { name: profile });
        assert.equal((one.profile_details as Rec).mysql_user, 'admin');
      });
      await ctx.step('remote_mysql_update_profile: the profile read shows the new host', async () => {
        await whm.call('remote_mysql_update_profile', { name: profile, mysql_host: 'db2.example.com' });
        const one = await data(whm, 'remote_mysql_read_profile', { name: profile });
        assert.equal((one.profile_details as Rec).mysql_host, 'db2.example.com');
        assert.equal((one.profile_details as Rec).mysql_user, 'admin', 'what the update did not send stays');
      });
      await ctx.step('remote_mysql_delete_profile: the profile is gone from both reads', async () => {
        await whm.call('remote_mysql_delete_profile', { name: profile });
        assert.deepEqual(await data(whm, 'remote_mysql_read_profiles'), {});
        await expectFailure(whm.call('remote_mysql_read_profile', { name: profile }), /does not exist/);
      });
      await unknownRemoveRefused(ctx, 'remote_mysql_delete_profile', { name: profile });

      const account = await newAccount(ctx, whm);
      await ctx.step('create_integration_group: list_integration_groups for that user shows the group (and not for another user)', async () => {
        await whm.call('create_integration_group', { user: account.user, group_id: 'Tools', label: 'Tools', order: 1 });
        assert.deepEqual(
          records((await data(whm, 'list_integration_groups', { user: account.user })).links).map((l) => l.group),
          ['Tools'],
        );
        assert.deepEqual(records((await data(whm, 'list_integration_groups', { user: 'root' })).links), []);
      });
      await ctx.step('remove_integration_group: the group is gone', async () => {
        await whm.call('remove_integration_group', { user: account.user, group_id: 'Tools' });
        assert.deepEqual(records((await data(whm, 'list_integration_groups', { user: account.user })).links), []);
      });
      await unknownRemoveRefused(ctx, 'remove_integration_group', { user: account.user, group_id: 'Tools' });
      const ticket = { ticket_id: 4242, server_num: 3 };
      const auths = async () => records((await data(whm, 'ticket_list', ticket)).auths);
      await ctx.step('ticket_grant: ticket_list shows the ticket’s access to that server; ticket_revoke: none', async () => {
        assert.deepEqual(await auths(), []);
        await whm.call('ticket_grant', { ...ticket, secure_id: 'secure-1', ssh_username: 'root' });
        const [auth] = await auths();
        assert.equal(auth?.ticket_id, 4242);
        assert.equal(records(auth?.servers)[0]?.server_num, 3);
        await whm.call('ticket_revoke', { ...ticket, ssh_username: 'root' });
        assert.deepEqual(await auths(), []);
      });
      await unknownRemoveRefused(ctx, 'ticket_revoke', { ticket_id: '4242', server_num: '3', ssh_username: 'root' });
      await ctx.step('removeacct takes the account’s integration groups with it', async () => {
        await whm.call('create_integration_group', { user: account.user, group_id: 'Gone', label: 'Gone', order: 2 });
        await whm.call('removeacct', { username: account.user });
        assert.deepEqual(records((await data(whm, 'list_integration_groups', { user: account.user })).links), []);
      });
    },
  }),

  defineScenario({
    id: 'whm/family-toggles',
    panel: 'whm',
    title: 'Toggles (enable_X/disable_X → X_status, and per item): cPHulk, greylisting, a market provider',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'disable_cphulk',
      'enable_cphulk',
      'cphulk_status',
      'disable_cpgreylist',
      'enable_cpgreylist',
      'cpgreylist_status',
      'disable_market_provider',
      'enable_market_provider',
      'get_market_providers_list',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      for (const [service, status] of [
        ['cphulk', 'cphulk_status'],
        ['cpgreylist', 'cpgreylist_status'],
      ]) {
        await ctx.step(`disable_${service}: ${status} says is_enabled 0; enable_${service}: 1`, async () => {
          await whm.call(`disable_${service}`);
          assert.equal((await data(whm, status)).is_enabled, 0);
          await whm.call(`enable_${service}`);
          assert.equal((await data(whm, status)).is_enabled, 1);
        });
      }
      const provider = async () => records((await data(whm, 'get_market_providers_list')).payload).find((p) => p.name === 'cPStore');
      await ctx.step('disable_market_provider name=cPStore: get_market_providers_list shows it disabled; enable_market_provider: enabled', async () => {
        await whm.call('disable_market_provider', { name: 'cPStore' });
        assert.equal((await provider())?.enabled, 0);
        await whm.call('enable_market_provider', { name: 'cPStore' });
        assert.equal((await provider())?.enabled, 1);
      });
      const setting = async () => records((await data(whm, 'modsec_get_settings')).settings).find((x) => x.setting_id === 6);
      await ctx.step('modsec_set_setting: modsec_get_settings shows the state; modsec_remove_setting: the default again', async () => {
        const before = (await setting())?.state;
        await whm.call('modsec_set_setting', { setting_id: 6, state: 'On' });
        assert.equal((await setting())?.state, 'On');
        await whm.call('modsec_remove_setting', { setting_id: 6 });
        assert.equal((await setting())?.state, before);
      });
      await ctx.step('modsec_batch_settings with numbered setting_idN/stateN/removeN sets and removes several at once', async () => {
        await whm.call('modsec_batch_settings', { setting_id1: 6, state1: 'On', setting_id2: 0, state2: 'Off' });
        const all = records((await data(whm, 'modsec_get_settings')).settings);
        assert.deepEqual([all.find((x) => x.setting_id === 6)?.state, all.find((x) => x.setting_id === 0)?.state], ['On', 'Off']);
        await whm.call('modsec_batch_settings', { setting_id1: 6, remove1: 1, state1: 'On' });
        assert.equal((await setting())?.state, '');
      });
      await ctx.step('set_market_product_attribute: get_market_providers_products shows the attribute on that product only', async () => {
        const products = async () => records((await data(whm, 'get_market_providers_products')).products);
        const [first] = await products();
        assert.ok(first, 'the documented product list is not empty');
        await whm.call('set_market_product_attribute', {
          provider: String(first.provider_name),
          product_id: String(first.product_id),
          attribute: 'price',
          value: '42',
        });
        const after = await products();
        assert.equal(after.find((p) => p.product_id === first.product_id)?.price, '42');
        assert.ok(
          after.filter((p) => p.product_id !== first.product_id).every((p) => p.price !== '42'),
          'other products keep their price',
        );
      });
    },
  }),

  defineScenario({
    id: 'whm/family-marks',
    panel: 'whm',
    title: 'Marks on items (disable/undisable, trust/untrust, enable/disable per item): ModSecurity rules and vendors, greylisting’s common mail providers',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'modsec_add_rule',
      'modsec_get_rules',
      'modsec_disable_rule',
      'modsec_undisable_rule',
      'modsec_remove_rule',
      'modsec_add_vendor',
      'modsec_get_vendors',
      'modsec_disable_vendor',
      'modsec_enable_vendor',
      'modsec_remove_vendor',
      'cpgreylist_untrust_entries_for_common_mail_provider',
      'cpgreylist_trust_entries_for_common_mail_provider',
      'cpgreylist_load_common_mail_providers_config',
      'modsec_disable_vendor_configs',
      'modsec_enable_vendor_configs',
      'modsec_get_configs',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const config = 'modsec/modsec2.user.conf';
      const rules = async () => records((await data(whm, 'modsec_get_rules', { config })).chunks);
      await ctx.step('modsec_add_rule: modsec_get_rules lists the rule under the id its text gives, not disabled', async () => {
        await whm.call('modsec_add_rule', { config, rule: 'SecAction "phase:1,id:7701,nolog,pass"' });
        const listed = await rules();
        assert.deepEqual(
          listed.map((r) => [r.id, r.config, r.disabled]),
          [[7701, config, 0]],
        );
      });
      await ctx.step('modsec_disable_rule marks it disabled, modsec_undisable_rule clears the mark', async () => {
        await whm.call('modsec_disable_rule', { config, id: 7701 });
        assert.equal((await rules())[0]?.disabled, 1);
        await whm.call('modsec_undisable_rule', { config, id: 7701 });
        assert.equal((await rules())[0]?.disabled, 0);
      });
      await ctx.step('modsec_remove_rule: the rule is gone', async () => {
        await whm.call('modsec_remove_rule', { config, id: 7701 });
        assert.deepEqual(await rules(), []);
      });
      await unknownRemoveRefused(ctx, 'modsec_remove_rule', { config, id: '7701' });

      const vendor = async () => records((await data(whm, 'modsec_get_vendors')).vendors).find((v) => v.vendor_id === 'Acme');
      await ctx.step('modsec_add_vendor: modsec_get_vendors lists the vendor its meta_<id>.yaml names; disable/enable mark it', async () => {
        await whm.call('modsec_add_vendor', { url: 'https://rules.example.com/meta_Acme.yaml' });
        assert.ok(await vendor(), 'vendor listed');
        await whm.call('modsec_disable_vendor', { vendor_id: 'Acme' });
        assert.equal((await vendor())?.enabled, 0);
        await whm.call('modsec_enable_vendor', { vendor_id: 'Acme' });
        assert.equal((await vendor())?.enabled, 1);
      });
      await ctx.step('modsec_remove_vendor: the vendor is gone', async () => {
        await whm.call('modsec_remove_vendor', { vendor_id: 'Acme' });
        assert.equal(await vendor(), undefined);
      });
      await unknownRemoveRefused(ctx, 'modsec_remove_vendor', { vendor_id: 'Acme' });

      const configsOf = async (vendor: string) => records((await data(whm, 'modsec_get_configs')).configs).filter((c) => c.vendor_id === vendor);
      await ctx.step('modsec_disable_vendor_configs: every config of the vendor inactive in modsec_get_configs; enable: active', async () => {
        const [config] = await configsOf('MyVendor');
        assert.ok(config, 'the documented configs list a MyVendor config');
        await whm.call('modsec_disable_vendor_configs', { vendor_id: 'MyVendor' });
        assert.ok((await configsOf('MyVendor')).every((c) => c.active === 0));
        await whm.call('modsec_enable_vendor_configs', { vendor_id: 'MyVendor' });
        assert.ok((await configsOf('MyVendor')).every((c) => c.active === 1));
      });

      const trusted = async () => {
        const providers = (await data(whm, 'cpgreylist_load_common_mail_providers_config')).common_mail_providers as Record<string, Rec>;
        return providers.cpanel?.is_trusted;
      };
      await ctx.step('cpgreylist_untrust_entries_for_common_mail_provider: the providers config shows it untrusted; trust again: trusted', async () => {
        await whm.call('cpgreylist_untrust_entries_for_common_mail_provider', { provider: 'cpanel' });
        assert.equal(await trusted(), 0);
        await whm.call('cpgreylist_trust_entries_for_common_mail_provider', { provider: 'cpanel' });
        assert.equal(await trusted(), 1);
      });
    },
  }),

  defineScenario({
    id: 'whm/family-pairs-and-batches',
    panel: 'whm',
    title: 'Pairs the reference names differently (set → get, edit → get → delete) and batch_create_X as create_X per record',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'nat_set_public_ip',
      'get_public_ip',
      'set_cphulk_config_key',
      'load_cphulk_config',
      'edit_rpm_version',
      'get_rpm_version_data',
      'delete_rpm_version',
      'modsec_set_config_text',
      'modsec_get_config_text',
      'batch_create_cphulk_records',
      'read_cphulk_records',
      'set_market_provider_commission_id',
      'get_market_providers_commission_config',
      'start_profile_activation',
      'get_current_profile',
      'nginxmanager_set_cache_config',
      'nginxmanager_get_cache_config_users',
      'nginxmanager_reset_users_cache_config',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      await ctx.step('nat_set_public_ip local_ip → public_ip: get_public_ip ip=<local> answers it', async () => {
        await whm.call('nat_set_public_ip', { local_ip: '10.0.0.9', public_ip: '203.0.113.9' });
        assert.equal((await data(whm, 'get_public_ip', { ip: '10.0.0.9' })).public_ip, '203.0.113.9');
      });
      await ctx.step('set_cphulk_config_key key=max_failures: load_cphulk_config shows it', async () => {
        await whm.call('set_cphulk_config_key', { key: 'max_failures', value: 17 });
        assert.equal(((await data(whm, 'load_cphulk_config')).cphulk_config as Rec).max_failures, 17);
      });
      await ctx.step('edit_rpm_version: get_rpm_version_data lists the key in its section; delete_rpm_version removes it', async () => {
        await whm.call('edit_rpm_version', { section: 'target_settings', key: 'mockpanel-probe', value: 'installed' });
        assert.equal((await data(whm, 'get_rpm_version_data', { section: 'target_settings' }))['mockpanel-probe'], 'installed');
        await whm.call('delete_rpm_version', { section: 'target_settings', key: 'mockpanel-probe', value: 'installed' });
        assert.equal((await data(whm, 'get_rpm_version_data', { section: 'target_settings' }))['mockpanel-probe'], undefined);
        await expectFailure(whm.call('delete_rpm_version', { section: 'target_settings', key: 'mockpanel-probe', value: 'installed' }), /does not exist/);
      });
      await ctx.step('modsec_set_config_text: modsec_get_config_text answers the text', async () => {
        const text = 'SecAction "phase:1,id:9901,pass,nolog"';
        await whm.call('modsec_set_config_text', { config: 'modsec/modsec2.user.conf', text });
        assert.equal((await data(whm, 'modsec_get_config_text', { config: 'modsec/modsec2.user.conf' })).text, text);
      });
      await ctx.step('set_market_provider_commission_id: get_market_providers_commission_config shows the id under the provider', async () => {
        await whm.call('set_market_provider_commission_id', { provider: 'cPStore', commission_id: 'c-123' });
        assert.equal((await data(whm, 'get_market_providers_commission_config')).cPStore, 'c-123');
      });
      await ctx.step('start_profile_activation code=: get_current_profile reports that profile', async () => {
        await whm.call('start_profile_activation', { code: 'DNSNODE' });
        assert.equal((await data(whm, 'get_current_profile')).code, 'DNSNODE');
      });
      await ctx.step('nginxmanager_set_cache_config: the user’s config shows it; nginxmanager_reset_users_cache_config: the default again', async () => {
        const enabled = async () =>
          ((records((await data(whm, 'nginxmanager_get_cache_config_users', { user: 'cptest1' })).users)[0]?.config ?? {}) as Rec).enabled;
        const before = await enabled();
        await whm.call('nginxmanager_set_cache_config', { user: 'cptest1', enabled: before ? 0 : 1 });
        assert.equal(await enabled(), !before);
        await whm.call('nginxmanager_reset_users_cache_config', { user: 'cptest1' });
        assert.equal(await enabled(), before);
      });
      await ctx.step('batch_create_cphulk_records: read_cphulk_records lists every record with its comment', async () => {
        const r = await whm.call<Rec>(
          'batch_create_cphulk_records',
          // The reference's request sample sends `records` as a JSON list of objects, which only a JSON body carries (WhmParams holds scalars).
          {
            list_name: 'black',
            records: [
              { ip: '198.51.100.7', comment: 'scanner' },
              { ip: '198.51.100.8', comment: 'scanner 2' },
            ],
          } as unknown as WhmParams,
          { body: 'json' },
        );
        assert.deepEqual((r.data as Rec).ips_added, ['198.51.100.7', '198.51.100.8']);
        const listed = (await data(whm, 'read_cphulk_records', { list_name: 'black' })).ips_in_list as Rec;
        assert.equal(listed['198.51.100.7'], 'scanner');
        assert.equal(listed['198.51.100.8'], 'scanner 2');
      });
    },
  }),
];
