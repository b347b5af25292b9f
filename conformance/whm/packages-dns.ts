import assert from 'node:assert/strict';
import { defineScenario } from '../scenario.js';
import { connect, expectFailure, newAccount, newUsername } from './support.js';

export const packageScenarios = [
  defineScenario({
    id: 'whm/packages',
    panel: 'whm',
    title: 'a package is added, listed, read, edited and killed',
    access: 'mutating',
    basis: 'documented',
    methods: ['addpkg', 'listpkgs', 'getpkginfo', 'editpkg', 'killpkg'],
    async run(ctx) {
      const whm = connect(ctx);
      const name = await ctx.step('addpkg', async () => {
        const pkg = await whm.addPackage(ctx.unique('mppkg'), { quota: 2048, bwlimit: 'unlimited', maxpop: 25, hasshell: 0 });
        ctx.cleanup(() => whm.killPackage(pkg).catch(() => undefined));
        return pkg;
      });
      await ctx.step('addpkg refuses the same name again', () => expectFailure(whm.addPackage(name), /exists/));
      await ctx.step('listpkgs shows it (limits as strings, flags y/n)', async () => {
        const p = (await whm.listPackages()).find((x) => x.name === name);
        assert.ok(p, 'listed');
        assert.equal(p.QUOTA, '2048');
        assert.equal(p.BWLIMIT, 'unlimited');
        assert.equal(p.MAXPOP, '25');
        assert.equal(p.HASSHELL, 'n');
      });
      await ctx.step('getpkginfo', async () => {
        const info = await whm.getPackageInfo(name);
        assert.equal(info.QUOTA, 2048);
        assert.equal(info.MAXPOP, 25);
      });
      await ctx.step('editpkg', async () => {
        await whm.editPackage(name, { maxpop: 'unlimited', quota: 4096 });
        const info = await whm.getPackageInfo(name);
        assert.equal(info.MAXPOP, 'unlimited');
        assert.equal(info.QUOTA, 4096);
      });
      await ctx.step('killpkg', async () => {
        await whm.killPackage(name);
        assert.ok(!(await whm.listPackages()).some((p) => p.name === name));
        await expectFailure(whm.getPackageInfo(name), /package/i);
      });
    },
  }),
];

export const dnsScenarios = [
  defineScenario({
    id: 'whm/dns-zone-records',
    panel: 'whm',
    title: 'a zone is added, listed and dumped; records are added, read, edited and removed by line; MX records listed and saved; the zone reset and killed',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'adddns',
      'listzones',
      'dumpzone',
      'addzonerecord',
      'getzonerecord',
      'editzonerecord',
      'removezonerecord',
      'listmxs',
      'savemxs',
      'resetzone',
      'killdns',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const zone = `${newUsername(ctx)}.example.net`;
      await ctx.step('adddns', async () => {
        await whm.addDns(zone, '192.0.2.77');
        ctx.cleanup(() => whm.killDns(zone).catch(() => undefined));
      });
      await ctx.step('adddns refuses an existing zone', () => expectFailure(whm.addDns(zone, '192.0.2.77'), /exist/));
      await ctx.step('listzones', async () => assert.ok((await whm.listZones()).some((z) => z.domain === zone)));
      const lineOf = async (name: string, type: string) => (await whm.dumpZone(zone)).find((r) => r.name === name && r.type === type)?.Line;
      await ctx.step('dumpzone has an SOA and the A record for the zone', async () => {
        const records = await whm.dumpZone(zone);
        assert.ok(records.some((r) => r.type === 'SOA'));
        assert.equal(records.find((r) => r.type === 'A' && r.name === `${zone}.`)?.address, '192.0.2.77');
      });
      await ctx.step('addzonerecord A and TXT', async () => {
        await whm.addZoneRecord(zone, { name: 'app', type: 'A', address: '192.0.2.88', ttl: 300 });
        await whm.addZoneRecord(zone, { name: 'note', type: 'TXT', txtdata: 'hello world' });
      });
      const line = await ctx.step('getzonerecord reads the record on its line', async () => {
        const l = await lineOf(`app.${zone}.`, 'A');
        assert.ok(l, 'the new record has a line');
        const r = await whm.getZoneRecord(zone, l);
        assert.deepEqual([r.address, r.ttl, r.Line], ['192.0.2.88', 300, l]);
        return l;
      });
      await ctx.step('editzonerecord', async () => {
        await whm.editZoneRecord(zone, line, { address: '192.0.2.99', ttl: 600 });
        const r = await whm.getZoneRecord(zone, line);
        assert.deepEqual([r.address, r.ttl], ['192.0.2.99', 600]);
      });
      await ctx.step('removezonerecord', async () => {
        await whm.removeZoneRecord(zone, line);
        assert.equal(await lineOf(`app.${zone}.`, 'A'), undefined);
        await expectFailure(whm.getZoneRecord(zone, 9999), /line/i);
      });
      await ctx.step('savemxs and listmxs', async () => {
        await whm.saveMx(zone, { name: `${zone}.`, exchange: `mx2.${zone}`, preference: 20 });
        const mx = (await whm.listMxs(zone)).find((m) => m.exchange === `mx2.${zone}`);
        assert.ok(mx, 'the new MX is listed');
        assert.equal(mx.preference, 20);
      });
      await ctx.step('resetzone removes the added records', async () => {
        await whm.resetZone(zone);
        assert.equal(await lineOf(`note.${zone}.`, 'TXT'), undefined);
        assert.ok(!(await whm.listMxs(zone)).some((m) => m.exchange === `mx2.${zone}`));
      });
      await ctx.step('killdns', async () => {
        await whm.killDns(zone);
        assert.ok(!(await whm.listZones()).some((z) => z.domain === zone));
        await expectFailure(whm.dumpZone(zone), /zone/i);
      });
    },
  }),

  defineScenario({
    id: 'whm/dns-mass-edit',
    panel: 'whm',
    title:
      'parse_dns_zone gives base64 names and data with 0-based line indexes; mass_edit_dns_zone adds, edits and removes with the current serial and refuses a stale one',
    access: 'mutating',
    basis: 'documented',
    methods: ['adddns', 'parse_dns_zone', 'mass_edit_dns_zone', 'killdns'],
    async run(ctx) {
      const whm = connect(ctx);
      const zone = `${newUsername(ctx)}.example.net`;
      await whm.addDns(zone, '192.0.2.70');
      ctx.cleanup(() => whm.killDns(zone).catch(() => undefined));
      const serial = await ctx.step('parse_dns_zone decodes', async () => {
        const lines = await whm.parseDnsZone(zone);
        const a = lines.find((l) => l.record_type === 'A' && l.dname === `${zone}.`);
        assert.deepEqual(a?.data, ['192.0.2.70']);
        assert.ok(
          lines.every((l, i) => i === 0 || l.line_index > lines[i - 1].line_index),
          'line_index ascends',
        );
        return whm.zoneSerial(zone);
      });
      const newSerial = await ctx.step('mass_edit_dns_zone adds a record', async () => {
        const n = await whm.massEditDnsZone(zone, serial, { add: [{ dname: 'api', ttl: 120, record_type: 'A', data: ['192.0.2.71'] }] });
        assert.ok(Number(n) > Number(serial), 'the serial moves forward');
        const lines = await whm.parseDnsZone(zone);
        assert.deepEqual(lines.find((l) => l.dname === `api.${zone}.`)?.data, ['192.0.2.71']);
        assert.equal(String(n), await whm.zoneSerial(zone));
        return n;
      });
      await ctx.step('a stale serial is refused', () =>
        expectFailure(whm.massEditDnsZone(zone, serial, { add: [{ dname: 'x', ttl: 60, record_type: 'A', data: ['192.0.2.1'] }] }), /serial/i),
      );
      await ctx.step('edit and remove by line_index', async () => {
        const lines = await whm.parseDnsZone(zone);
        const api = lines.find((l) => l.dname === `api.${zone}.`)!;
        const edited = await whm.massEditDnsZone(zone, newSerial, {
          edit: [{ line_index: api.line_index, dname: 'api', ttl: 240, record_type: 'TXT', data: ['v=demo'] }],
        });
        const after = await whm.parseDnsZone(zone);
        const txt = after.find((l) => l.dname === `api.${zone}.`)!;
        assert.deepEqual([txt.record_type, txt.ttl, txt.data], ['TXT', 240, ['v=demo']]);
        await whm.massEditDnsZone(zone, edited, { remove: [txt.line_index] });
        assert.equal(
          (await whm.parseDnsZone(zone)).find((l) => l.dname === `api.${zone}.`),
          undefined,
        );
      });
      await ctx.step('a bad record is refused', async () =>
        expectFailure(
          whm.massEditDnsZone(zone, await whm.zoneSerial(zone), { add: [{ dname: 'bad', ttl: 60, record_type: 'A', data: ['not-an-ip'] }] }),
          /A record|IPv4|invalid/i,
        ),
      );
    },
  }),

  defineScenario({
    id: 'whm/domains',
    panel: 'whm',
    title: 'a subdomain and a parked domain are created for an account and deleted',
    access: 'mutating',
    basis: 'documented',
    methods: ['createacct', 'create_subdomain', 'create_parked_domain_for_user', 'get_domain_info', 'getdomainowner', 'delete_domain', 'removeacct'],
    async run(ctx) {
      const whm = connect(ctx);
      const a = await newAccount(ctx, whm, { maxsub: 'unlimited', maxpark: 'unlimited' });
      const sub = `blog.${a.domain}`;
      const parked = `${newUsername(ctx)}-alias.example.org`;
      await ctx.step('create_subdomain', async () => {
        assert.equal(await whm.createSubdomain(sub, 'public_html/blog'), a.user);
        const d = (await whm.getDomainInfo()).find((x) => x.domain === sub);
        assert.equal(d?.domain_type, 'sub');
        assert.match(String(d?.docroot), /public_html\/blog$/);
      });
      await ctx.step('create_parked_domain_for_user', async () => {
        await whm.createParkedDomain(a.user, parked, a.domain);
        assert.equal(await whm.getDomainOwner(parked), a.user);
        assert.equal((await whm.getDomainInfo()).find((x) => x.domain === parked)?.domain_type, 'parked');
      });
      await ctx.step('the main domain cannot be deleted this way', () => expectFailure(whm.deleteDomain(a.domain), /main domain|removeacct/i));
      await ctx.step('delete_domain', async () => {
        assert.deepEqual(await whm.deleteDomain(sub), { type: 'sub', username: a.user });
        assert.deepEqual(await whm.deleteDomain(parked), { type: 'parked', username: a.user });
        const domains = (await whm.getDomainInfo()).map((d) => d.domain);
        assert.ok(!domains.includes(sub) && !domains.includes(parked));
      });
    },
  }),
];
