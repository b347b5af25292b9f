import assert from 'node:assert/strict';
import type { DnsRecordType, IspRecord } from '../../clients/ispconfig/index.js';
import { defineScenario, type Scenario } from '../scenario.js';
import { addClient, addZone, clientFor, fault, zoneParams } from './helpers.js';

// DNS zones, every record type and the template wizard (ISPConfig 3.2.11 install/sql/ispconfig3.sql and interface/web/dns/form/*.tform.php).

/** A record of each type the forms accept: name, data and (MX, SRV, NAPTR) aux. */
const RECORDS: Record<DnsRecordType, { name: string; data: string; aux?: number }> = {
  A: { name: 'www', data: '192.0.2.1' },
  AAAA: { name: 'www', data: '2001:db8::1' },
  ALIAS: { name: 'alias', data: 'target.example.com' },
  CAA: { name: 'caa', data: '0 issue "letsencrypt.org"' },
  CNAME: { name: 'ftp', data: 'www.example.com.' },
  DNAME: { name: 'old', data: 'new.example.com.' },
  DS: { name: 'sub', data: '12345 13 2 ABCDEF0123456789' },
  HINFO: { name: 'host', data: '"PC" "Linux"' },
  LOC: { name: 'loc', data: '52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m' },
  MX: { name: '', data: 'mail.example.com.', aux: 10 },
  NAPTR: { name: 'naptr', data: '100 "S" "SIP+D2U" "" _sip._udp.example.com.', aux: 10 },
  NS: { name: 'delegated', data: 'ns2.example.com.' },
  PTR: { name: '1', data: 'host.example.com.' },
  RP: { name: 'rp', data: 'admin.example.com. txt.example.com.' },
  SRV: { name: '_sip._tcp', data: '0 5060 sip.example.com', aux: 10 },
  SSHFP: { name: 'host', data: '1 1 123456789abcdef0123456789abcdef012345678' },
  TLSA: { name: '_443._tcp.www.example.com', data: '3 1 1 abcdef0123456789' },
  TXT: { name: 'txt', data: 'v=spf1 -all' },
};

const TYPES = Object.keys(RECORDS) as DnsRecordType[];

export const dnsScenarios: Scenario[] = [
  defineScenario({
    id: 'ispconfig/dns-zone-life-cycle',
    panel: 'ispconfig',
    title: 'zones: add (origin stored as sent), get, get_id without the dot, by user, update, status, delete',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'client_add',
      'dns_zone_add',
      'dns_zone_get',
      'dns_zone_get_id',
      'dns_zone_get_by_user',
      'dns_zone_update',
      'dns_zone_set_status',
      'dns_zone_delete',
    ],
    async run(ctx) {
      const c = clientFor(ctx);
      const client = await addClient(ctx, c);
      const [zone, origin] = await addZone(ctx, c, client);
      const row = (await c.dnsZoneGet(zone))!;
      assert.equal(row.origin, `${origin}.`, 'the API keeps the trailing dot it was sent');
      assert.equal(row.serial, '2024010101');
      await ctx.step('get_id finds it without the dot, refuses the dot', async () => {
        assert.equal(await c.dnsZoneGetId(origin), zone);
        await fault(c.dnsZoneGetId(`${origin}.`), 'no_domain_found', 'Invalid domain name.');
        assert.equal(await c.zoneIdOf(`${origin}.`), zone, 'the helper strips the dot');
        await fault(c.dnsZoneGetId(`${ctx.unique('none')}.test`), 'no_domain_found', 'There is no domain ID with informed domain name.');
      });
      await ctx.step('by user', async () => {
        const user = await c.clientGetByUsername((await c.clientGet(client))!.username!);
        assert.deepEqual(await c.dnsZoneGetByUser(client, 1), [{ id: String(zone), origin: `${origin}.` }]);
        assert.equal(Number(user.client_id), client);
      });
      await ctx.step('update: 1 when a value changes, 0 when not', async () => {
        assert.equal(await c.dnsZoneUpdate(0, zone, { refresh: 3600 }), 1);
        assert.equal(await c.dnsZoneUpdate(0, zone, { refresh: 3600 }), 0);
      });
      await ctx.step('set_status', async () => {
        assert.equal(await c.dnsZoneSetStatus(zone, 'inactive'), 1);
        assert.equal((await c.dnsZoneGet(zone))!.active, 'N');
        assert.equal(await c.dnsZoneSetStatus(zone, 'inactive'), 0);
        await fault(c.dnsZoneSetStatus(zone, 'paused'), 'status_undefined', 'The status is not available');
      });
    },
  }),
  defineScenario({
    id: 'ispconfig/dns-zone-validation',
    panel: 'ispconfig',
    title: 'zone validation: every failing rule in form order; duplicate origins',
    access: 'mutating',
    basis: 'documented',
    methods: ['dns_zone_add'],
    async run(ctx) {
      const c = clientFor(ctx);
      await fault(
        c.dnsZoneAdd(0, { origin: 'bad domain', mbox: 'x' }),
        'data_processing_error',
        'server_id_error_empty<br />\r\norigin_error_regex<br />\r\nns_error_regex<br />\r\nmbox_error_regex<br />\r\nrefresh_range_error<br />\r\nretry_range_error<br />\r\nexpire_range_error<br />\r\nminimum_range_error<br />\r\nttl_range_error<br />\r\n',
      );
      const [, origin] = await addZone(ctx, c);
      await fault(c.dnsZoneAdd(0, zoneParams(origin)), 'data_processing_error', 'origin_error_unique<br />\r\n');
    },
  }),
  defineScenario({
    id: 'ispconfig/dns-records-every-type',
    panel: 'ispconfig',
    title: 'every record type: add (type sent), get, update, delete; filters are not type-scoped',
    access: 'mutating',
    basis: 'documented',
    methods: [...TYPES.flatMap((t) => ['add', 'get', 'update', 'delete'].map((op) => `dns_${t.toLowerCase()}_${op}`)), 'dns_rr_get_all_by_zone'],
    async run(ctx) {
      const c = clientFor(ctx);
      const [zone] = await addZone(ctx, c);
      const ids: Record<string, number> = {};
      for (const type of TYPES) {
        const t = type.toLowerCase();
        const { name, data, aux } = RECORDS[type];
        await ctx.step(`${type}`, async () => {
          const id = Number(await c.addDnsRecord(type, 0, { server_id: 1, zone, name, data, ...(aux !== undefined ? { aux } : {}) }));
          ids[type] = id;
          const row = (await c.call<IspRecord>(`dns_${t}_get`, id))!;
          assert.equal(row.type, type);
          assert.equal(row.data, data);
          assert.equal(row.aux, String(aux ?? 0));
          assert.equal(await c.call(`dns_${t}_update`, 0, id, { ttl: 7200 }), 1);
          assert.equal(await c.call(`dns_${t}_update`, 0, id, { ttl: 7200 }), 0);
        });
      }
      await ctx.step('a filter on one method returns every type of the zone', async () => {
        const rows = await c.dnsAGet({ zone });
        assert.deepEqual(rows.map((r) => r.type).sort(), [...TYPES].sort());
        assert.equal((await c.dnsRrGetAllByZone(zone)).length, TYPES.length);
        assert.equal((await c.dnsAGet(ids.MX))!.type, 'MX', 'dns_a_get reads an MX row by id');
      });
      for (const type of TYPES) {
        assert.equal(await c.call(`dns_${type.toLowerCase()}_delete`, ids[type]), 1);
      }
      assert.deepEqual(await c.dnsRrGetAllByZone(zone), []);
    },
  }),
  defineScenario({
    id: 'ispconfig/dns-record-faults',
    panel: 'ispconfig',
    title: 'record validation, unknown ids, id 0',
    access: 'mutating',
    basis: 'documented',
    methods: ['dns_a_add', 'dns_a_update', 'dns_a_delete', 'dns_a_get', 'dns_mx_add'],
    async run(ctx) {
      const c = clientFor(ctx);
      const [zone] = await addZone(ctx, c);
      await fault(c.dnsAAdd(0, { server_id: 1, zone, name: 'x', type: 'A', data: '192.0.2.7' }), 'data_processing_error', 'ttl_range_error<br />\r\n');
      await fault(c.dnsAAdd(0, { server_id: 1, zone, name: 'x', type: 'A', data: 'notanip', ttl: 3600 }), 'data_processing_error', 'ip_error_wrong<br />\r\n');
      await fault(
        c.dnsMxAdd(0, { server_id: 1, zone, name: '', type: 'MX', data: 'bad host!', ttl: 3600 }),
        'data_processing_error',
        'data_error_regex<br />\r\n',
      );
      // Updating an id that does not exist validates an empty row (evidence: dns_a_update nonexistent).
      await fault(c.dnsAUpdate(0, 99999999, { ttl: 300 }), 'data_processing_error', 'data_error_empty<br />\r\nip_error_wrong<br />\r\n');
      assert.equal(await c.dnsADelete(99999999), 0);
      await fault(c.dnsADelete(0), 'invalid_id', 'The ID has to be > 0 or -1.');
      await fault(c.dnsAGet(-5), 'invalid_id');
    },
  }),
  defineScenario({
    id: 'ispconfig/dns-serial',
    panel: 'ispconfig',
    title: 'update_serial=true bumps the zone serial to YYYYMMDDnn; without it nothing touches the serial',
    access: 'mutating',
    basis: 'documented',
    methods: ['dns_a_add', 'dns_a_update', 'dns_a_delete', 'dns_zone_get'],
    async run(ctx) {
      const c = clientFor(ctx);
      const [zone] = await addZone(ctx, c);
      const id = Number(await c.addDnsRecord('A', 0, { server_id: 1, zone, name: 'a', data: '192.0.2.1' }));
      assert.equal((await c.dnsZoneGet(zone))!.serial, '2024010101');
      await c.addDnsRecord('A', 0, { server_id: 1, zone, name: 'b', data: '192.0.2.2' }, true);
      const first = (await c.dnsZoneGet(zone))!.serial!;
      assert.match(first, /^\d{8}01$/);
      assert.notEqual(first, '2024010101');
      // The serial bump reads the zone from params: an update must name it, or the bump fails — after the record was saved.
      await fault(
        c.dnsAUpdate(0, id, { ttl: 600 }, true),
        'data_processing_error',
        /^The ID must be either an integer or an array\.server_id_error_empty<br \/>/,
      );
      assert.equal((await c.dnsAGet(id))!.ttl, '600');
      await c.dnsAUpdate(0, id, { ttl: 900, zone }, true);
      assert.equal((await c.dnsZoneGet(zone))!.serial, `${first.slice(0, 8)}02`);
      await c.dnsADelete(id, true);
      assert.equal((await c.dnsZoneGet(zone))!.serial, `${first.slice(0, 8)}03`);
    },
  }),
  defineScenario({
    id: 'ispconfig/dns-slave-and-dnssec',
    panel: 'ispconfig',
    title: 'secondary zones CRUD; dns_zone_set_dnssec with the allowed algorithms',
    access: 'mutating',
    basis: 'documented',
    methods: ['dns_slave_add', 'dns_slave_get', 'dns_slave_update', 'dns_slave_delete', 'dns_zone_set_dnssec', 'dns_zone_get'],
    async run(ctx) {
      const c = clientFor(ctx);
      const origin = `${ctx.unique('mps')}.test.`;
      const id = Number(await c.dnsSlaveAdd(0, { server_id: 1, origin, ns: '192.0.2.53', active: 'Y' }));
      ctx.cleanup(() => c.dnsSlaveDelete(id));
      assert.equal((await c.dnsSlaveGet(id))!.origin, origin);
      assert.equal(await c.dnsSlaveUpdate(0, id, { ns: '192.0.2.54' }), 1);
      const [zone] = await addZone(ctx, c);
      assert.equal(await c.dnsZoneSetDnssec(0, zone, 'ECDSAP256SHA256'), 1);
      const row = (await c.dnsZoneGet(zone))!;
      assert.equal(row.dnssec_wanted, 'Y');
      assert.equal(row.dnssec_algo, 'ECDSAP256SHA256');
      await fault(c.dnsZoneSetDnssec(0, zone, 'RSAMD5'), 'permission_denied', 'You are not using a valid algorithm for this function.');
      assert.equal(await c.dnsSlaveDelete(id), 1);
    },
  }),
  defineScenario({
    id: 'ispconfig/dns-template-zone',
    panel: 'ispconfig',
    title: 'dns_templatezone_add builds a zone and its records from the stock template',
    access: 'mutating',
    basis: 'documented',
    methods: ['dns_templatezone_get_all', 'dns_templatezone_add', 'dns_zone_get_id', 'dns_rr_get_all_by_zone', 'dns_zone_delete', 'dns_a_delete'],
    async run(ctx) {
      const c = clientFor(ctx);
      const templates = (await c.dnsTemplatezoneGetAll()) as IspRecord[];
      const template = Number(templates[0].template_id);
      const domain = `${ctx.unique('mpt')}.test`;
      assert.equal(await c.dnsTemplatezoneAdd(0, template, domain, '192.0.2.80', 'ns1.example.com', 'ns2.example.com', `admin@${domain}`), true);
      const zone = await c.zoneIdOf(domain);
      ctx.cleanup(async () => {
        for (const rr of (await c.dnsRrGetAllByZone(zone)) as IspRecord[]) await c.dnsADelete(Number(rr.id));
        await c.dnsZoneDelete(zone);
      });
      const zoneRow = (await c.dnsZoneGet(zone))!;
      assert.equal(zoneRow.origin, `${domain}.`);
      assert.equal(zoneRow.mbox, `admin.${domain}.`, "the wizard turns the address's @ into a dot");
      const rows = (await c.dnsRrGetAllByZone(zone)) as IspRecord[];
      assert.deepEqual(
        rows.map((r) => r.type),
        ['A', 'A', 'A', 'NS', 'NS', 'MX', 'TXT'],
      );
      assert.equal(rows.find((r) => r.type === 'MX')!.data, `mail.${domain}.`);
      await fault(c.dnsTemplatezoneAdd(99999999, template, domain, '', '', '', ''), 'no_group_found', 'There is no group for this client ID.');
    },
  }),
];
