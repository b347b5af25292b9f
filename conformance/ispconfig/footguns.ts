import assert from 'node:assert/strict';
import { defineScenario, type Scenario } from '../scenario.js';
import { addClient, addZone, clientFor, fault, websiteParams } from './helpers.js';

// The pitfalls a real SDK had to learn (seed 002 "Footguns"), as ISPConfig 3.2.11 really behaves
// (read from its PHP source, remote.d/*.inc.php). Each is reproduced; the reference client's helpers avoid them.

export const footgunScenarios: Scenario[] = [
  defineScenario({
    id: 'ispconfig/footgun-dns-type',
    panel: 'ispconfig',
    title: "dns_<type>_add without `type` stores '' (inactive without `active`); lower case is stored upper; dns_rr_update does not exist",
    access: 'mutating',
    basis: 'documented',
    methods: ['dns_a_add', 'dns_a_get', 'dns_a_update', 'dns_txt_add', 'dns_txt_get', 'mail_forward_add', 'mail_forward_get', 'mail_forward_delete'],
    async run(ctx) {
      const c = clientFor(ctx);
      const [zone, origin] = await addZone(ctx, c);
      const bare = Number(await c.dnsAAdd(0, { server_id: 1, zone, name: 'www', data: '192.0.2.5', ttl: 3600 }));
      const row = (await c.dnsAGet(bare))!;
      assert.equal(row.type, '', 'the form default A is not applied by the API');
      assert.equal(row.active, 'N', 'an omitted checkbox is stored unchecked');
      assert.equal(row.stamp, '0000-00-00 00:00:00');
      const txt = Number(await c.dnsTxtAdd(0, { server_id: 1, zone, name: 'txt', data: 'hello', ttl: 3600 }));
      assert.equal((await c.dnsTxtGet(txt))!.type, '', 'every record type behaves so');
      const lower = Number(await c.dnsAAdd(0, { server_id: 1, zone, name: 'mail', type: 'a', data: '192.0.2.6', ttl: 3600, active: 'y' }));
      assert.equal((await c.dnsAGet(lower))!.type, 'A');
      assert.equal((await c.dnsAGet(lower))!.active, 'Y');
      await fault(c.call('dns_rr_update', 0, bare, { type: 'A' }), 'invalid_method', 'Method dns_rr_update does not exist');
      assert.equal(await c.dnsAUpdate(0, bare, { type: 'A', active: 'Y' }), 1, 'the public equivalent');
      const fwd = Number(await c.mailForwardAdd(0, { server_id: 1, source: `a@${origin}`, destination: `b@${origin}`, active: 'y' }));
      assert.equal((await c.mailForwardGet(fwd))!.type, '', 'mail_forward_add does not set type either');
      assert.equal(await c.mailForwardDelete(fwd), 1);
    },
  }),
  defineScenario({
    id: 'ispconfig/footgun-strict-mysql',
    panel: 'ispconfig',
    title: 'on a strict-mode MySQL the same adds fail with database_error and the statement',
    access: 'mutating',
    basis: 'documented',
    methods: ['dns_a_add', 'mail_forward_add'],
    skip: { remote: "switches the emulator's MySQL mode" },
    async run(ctx) {
      const c = clientFor(ctx);
      const [zone] = await addZone(ctx, c);
      await ctx.emulator.setSetting('ispconfig.mysqlStrict', true);
      ctx.cleanup(() => ctx.emulator.setSetting('ispconfig.mysqlStrict', false));
      await fault(
        c.dnsAAdd(0, { server_id: 1, zone, name: 'x', data: '192.0.2.9', ttl: 3600, active: 'Y' }),
        'database_error',
        /^Data truncated for column 'type' at row 1 INSERT INTO `dns_rr` \(`server_id`, `zone`, `name`, `type`, `data`, `ttl`, `active`, `stamp`, `serial`, `sys_userid`, `sys_groupid`, `sys_perm_user`, `sys_perm_group`, `sys_perm_other`\) VALUES \('1', '\d+', 'x', '', '192\.0\.2\.9', '3600', 'Y', '', '0', '1', '1', 'riud', 'riud', ''\)$/,
      );
      // With a type, strict mode still refuses the empty stamp (core-tables.md §8, verified).
      await fault(
        c.dnsAAdd(0, { server_id: 1, zone, name: 's1', type: 'A', data: '192.0.2.9', ttl: 3600, active: 'Y' }),
        'database_error',
        /^Incorrect datetime value: '' for column `dbispconfig`\.`dns_rr`\.`stamp` at row 1 INSERT INTO `dns_rr`/,
      );
    },
  }),
  defineScenario({
    id: 'ispconfig/footgun-trailing-dot',
    panel: 'ispconfig',
    title: 'dns_zone_get_id refuses a trailing dot and matches by prefix (the first row wins)',
    access: 'mutating',
    basis: 'documented',
    methods: ['dns_zone_add', 'dns_zone_get_id', 'dns_zone_delete'],
    async run(ctx) {
      const c = clientFor(ctx);
      const [zone, origin] = await addZone(ctx, c);
      await fault(c.dnsZoneGetId(`${origin}.`), 'no_domain_found', 'Invalid domain name.');
      assert.equal(await c.dnsZoneGetId(origin), zone);
      // `origin LIKE '<origin>%'`: a name that only starts the same way finds the zone too.
      assert.equal(await c.dnsZoneGetId(origin.slice(0, -2)), zone);
    },
  }),
  defineScenario({
    id: 'ispconfig/footgun-client-password',
    panel: 'ispconfig',
    title: "client_update without `password` hashes the stored hash again (the client's login breaks); with password '' it does not",
    access: 'mutating',
    basis: 'documented',
    methods: ['client_add', 'client_update', 'client_get', 'client_get_by_username'],
    async run(ctx) {
      const c = clientFor(ctx);
      const id = await addClient(ctx, c);
      const username = (await c.clientGet(id))!.username!;
      const original = (await c.clientGetByUsername(username)).passwort;
      assert.equal(await c.clientUpdate(id, 0, { contact_name: 'Conformance Client' }), 1, 'nothing changed but the password hash');
      const rehashed = (await c.clientGetByUsername(username)).passwort;
      assert.notEqual(rehashed, original);
      assert.equal(await c.clientUpdate(id, 0, { contact_name: 'Conformance Client', password: '' }), 0);
      assert.equal((await c.clientGetByUsername(username)).passwort, rehashed);
      assert.equal(await c.updateClient(id, 0, { contact_name: 'Conformance Client' }), 0, 'the helper sends password ""');
    },
  }),
  defineScenario({
    id: 'ispconfig/footgun-reown',
    panel: 'ispconfig',
    title: 'client_id on an update re-owns the record to that client; 0 keeps the owner',
    access: 'mutating',
    basis: 'documented',
    methods: ['client_add', 'dns_zone_add', 'dns_zone_update', 'dns_zone_get', 'client_get_groupid'],
    async run(ctx) {
      const c = clientFor(ctx);
      const client = await addClient(ctx, c);
      const [zone] = await addZone(ctx, c, 0);
      assert.equal((await c.dnsZoneGet(zone))!.sys_groupid, '1', 'added as client 0: the admin group');
      assert.equal(await c.dnsZoneUpdate(0, zone, { refresh: 3601 }), 1);
      assert.equal((await c.dnsZoneGet(zone))!.sys_groupid, '1');
      assert.equal(await c.dnsZoneUpdate(client, zone, { refresh: 3602 }), 1);
      assert.equal((await c.dnsZoneGet(zone))!.sys_groupid, String(await c.clientGetGroupid(client)), 'moved to the client');
    },
  }),
  defineScenario({
    id: 'ispconfig/footgun-website-update-resets',
    panel: 'ispconfig',
    title: 'sites_web_domain_update resets log_retention to 30 and the pm_* sizes to 1 whenever they are left out',
    access: 'mutating',
    basis: 'documented',
    methods: ['sites_web_domain_add', 'sites_web_domain_update', 'sites_web_domain_get', 'sites_web_domain_delete'],
    async run(ctx) {
      const c = clientFor(ctx);
      const domain = `${ctx.unique('mpw')}.test`;
      const id = Number(
        await c.sitesWebDomainAdd(0, {
          ...websiteParams(domain),
          log_retention: 10,
          pm_max_children: 10,
          pm_start_servers: 2,
          pm_min_spare_servers: 1,
          pm_max_spare_servers: 5,
        }),
      );
      ctx.cleanup(() => c.sitesWebDomainDelete(id));
      assert.equal((await c.sitesWebDomainGet(id))!.pm_max_children, '10');
      assert.equal(await c.sitesWebDomainUpdate(0, id, { php: 'php-fpm' }), 1, 'php did not change; the reset did');
      const row = (await c.sitesWebDomainGet(id))!;
      assert.deepEqual(
        [row.log_retention, row.pm_max_children, row.pm_start_servers, row.pm_min_spare_servers, row.pm_max_spare_servers],
        ['30', '1', '1', '1', '1'],
      );
    },
  }),
  defineScenario({
    id: 'ispconfig/footgun-omitted-fields',
    panel: 'ispconfig',
    title: 'the API ignores form defaults: omitted limits are 0, checkboxes unchecked (a mailbox without `postfix` receives no mail)',
    access: 'mutating',
    basis: 'documented',
    methods: ['mail_domain_add', 'mail_user_add', 'mail_user_get', 'mail_user_delete', 'mail_domain_delete'],
    async run(ctx) {
      const c = clientFor(ctx);
      const domain = `${ctx.unique('mpm')}.test`;
      const md = Number(await c.mailDomainAdd(0, { server_id: 1, domain }));
      ctx.cleanup(() => c.mailDomainDelete(md));
      assert.equal((await c.mailDomainGet(md))!.active, 'n');
      const box = Number(await c.mailUserAdd(0, { server_id: 1, email: `a@${domain}`, login: `a@${domain}`, password: 'Sup3r-secret', quota: 0 }));
      ctx.cleanup(() => c.mailUserDelete(box));
      const row = (await c.mailUserGet(box))!;
      assert.equal(row.postfix, 'n');
      assert.equal(row.disableimap, 'n');
      assert.equal(row.maildir, '', 'the UI computes maildir, the API does not');
    },
  }),
];
