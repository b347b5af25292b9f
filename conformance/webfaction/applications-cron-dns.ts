import assert from 'node:assert/strict';
import { defineScenario, type Scenario } from '../scenario.js';
import { assertStruct, connect, expectFault, newDomain } from './support.js';

const applications = defineScenario({
  id: 'webfaction/applications',
  panel: 'webfaction',
  title: 'create_app allocates a port for port-listening types (6th argument a boolean open_port or a string script_code); list_apps and delete_app agree',
  access: 'mutating',
  basis: 'documented',
  methods: ['list_app_types', 'create_app', 'list_apps', 'delete_app'],
  async run(ctx) {
    const client = await connect(ctx);
    const types = (await client.listAppTypes()).map((t) => t.name);
    assert.ok(types.includes('static') && types.includes('custom_app_with_port'), 'the seed example type and the custom port type exist');

    const custom = ctx.unique('mpapp_');
    const withPort = await ctx.step('custom_app_with_port with open_port=False', () => client.createApp(custom, 'custom_app_with_port', true, '', false));
    ctx.cleanup(() => client.deleteApp(custom));
    for (const key of ['id', 'name', 'type', 'autostart', 'port', 'extra_info', 'machine']) assert.ok(key in withPort, `create_app answers ${key}`);
    assert.ok(withPort.port > 0, 'a port-listening app gets a port');
    assert.equal(withPort.autostart, true);

    const staticApp = ctx.unique('mpapp_');
    const noPort = await ctx.step('static with a script_code string', () => client.createApp(staticApp, 'static', false, '', ''));
    ctx.cleanup(() => client.deleteApp(staticApp));
    // Seed § list_apps: port "contains 0 otherwise".
    assert.equal(noPort.port, 0);

    const listed = await client.listApps();
    assert.equal(listed.find((a) => a.name === custom)?.port, withPort.port);
    assert.equal(listed.find((a) => a.name === staticApp)?.type, 'static');

    await ctx.step('faults', async () => {
      await expectFault(client.createApp(custom, 'static', false, ''), 'invalid_data', /already exists/);
      await expectFault(client.createApp(ctx.unique('mpapp_'), 'no_such_type_xyz', false, ''), 'invalid_data', /type/);
      await expectFault(client.deleteApp(ctx.unique('mpapp_')), 'invalid_data');
    });
    await ctx.step('delete_app', async () => {
      assertStruct(await client.deleteApp(staticApp), 'delete_app');
      assert.equal(
        (await client.listApps()).some((a) => a.name === staticApp),
        false,
      );
      await client.createApp(staticApp, 'static', false, '');
    });
  },
});

const cron = defineScenario({
  id: 'webfaction/cron',
  panel: 'webfaction',
  title: 'cron jobs are crontab lines, identified by their exact text; the crontab shows them',
  access: 'mutating',
  basis: 'documented',
  methods: ['create_cronjob', 'delete_cronjob', 'system'],
  async run(ctx) {
    const client = await connect(ctx);
    const line = `*/10 * * * * echo ${ctx.unique('mp')} > /dev/null`;
    assertStruct(await client.createCronjob(line), 'create_cronjob');
    ctx.cleanup(() => client.deleteCronjob(line));
    await ctx.step('crontab -l shows it', async () => assert.ok((await client.system('crontab -l')).split('\n').includes(line)));
    await ctx.step('faults', async () => {
      await expectFault(client.createCronjob('every day at noon'), 'invalid_data', /line/);
      await expectFault(client.deleteCronjob(`${line} extra`), 'invalid_data');
    });
    await ctx.step('delete_cronjob', async () => {
      assertStruct(await client.deleteCronjob(line), 'delete_cronjob');
      assert.equal((await client.system('crontab -l 2>/dev/null; true')).split('\n').includes(line), false);
      await client.createCronjob(line);
    });
  },
});

const dns = defineScenario({
  id: 'webfaction/dns-overrides',
  panel: 'webfaction',
  title: 'DNS overrides: create answers the new records, delete the deleted ones, in list_dns_overrides form',
  access: 'mutating',
  basis: 'documented',
  methods: ['create_domain', 'create_dns_override', 'list_dns_overrides', 'delete_dns_override', 'delete_domain'],
  async run(ctx) {
    const client = await connect(ctx);
    const domain = await newDomain(ctx, client);
    const host = `sub.${domain}`;
    const created = await client.createDnsOverride(host, { a_ip: '192.0.2.10', mx_name: `mail.${domain}`, mx_priority: '10', spf_record: 'v=spf1 mx -all' });
    ctx.cleanup(async () => {
      if ((await client.listDnsOverrides()).some((o) => o.domain === host)) await client.deleteDnsOverride(host);
    });
    assert.ok(Array.isArray(created) && created.length >= 1, 'create_dns_override answers a list of records');
    const keys = ['id', 'domain', 'a_ip', 'aaaa_ip', 'cname', 'mx_name', 'mx_priority', 'spf_record', 'srv_record'];
    for (const r of created) for (const k of keys) assert.ok(k in r, `records carry ${k}`);
    const mine = (await client.listDnsOverrides()).filter((o) => o.domain === host);
    assert.ok(mine.some((o) => o.a_ip === '192.0.2.10'));
    assert.ok(mine.some((o) => o.mx_name === `mail.${domain}` && o.mx_priority === '10'));
    assert.ok(mine.some((o) => o.spf_record === 'v=spf1 mx -all'));

    await ctx.step('faults', async () => {
      await expectFault(client.createDnsOverride(host, { a_ip: 'not-an-ip' }), 'invalid_data', /a_ip/);
      await expectFault(client.createDnsOverride(`x.not-${domain}`, { a_ip: '192.0.2.1' }), 'invalid_data', /domain/);
    });
    await ctx.step('delete the A record only', async () => {
      const deleted = await client.deleteDnsOverride(host, { a_ip: '192.0.2.10' });
      assert.ok(deleted.every((r) => r.domain === host) && deleted.some((r) => r.a_ip === '192.0.2.10'));
      const left = (await client.listDnsOverrides()).filter((o) => o.domain === host);
      assert.equal(
        left.some((o) => o.a_ip === '192.0.2.10'),
        false,
      );
      assert.ok(
        left.some((o) => o.spf_record !== ''),
        'the other records stay',
      );
    });
  },
});

export const applicationCronDnsScenarios: Scenario[] = [applications, cron, dns];
