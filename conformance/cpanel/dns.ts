import assert from 'node:assert/strict';
import { defineScenario } from '../scenario.js';
import { connect, expectFailure, mainZone } from './support.js';

/** The TXT value a DNS-01 client publishes (any text; ACME uses a base64url digest). */
const CHALLENGE = 'mockpanel-dns01-challenge-value';

export const dnsScenarios = [
  defineScenario({
    id: 'cpanel/dns01-uapi',
    panel: 'cpanel',
    title:
      'DNS-01 through UAPI: parse_zone gives the serial, mass_edit_zone adds a TXT at _acme-challenge, a stale serial is refused, the record is removed by line index',
    access: 'mutating',
    basis: 'documented',
    methods: ['API2::ZoneEdit::fetchzones', 'DNS::parse_zone', 'DNS::mass_edit_zone'],
    async run(ctx) {
      const cp = connect(ctx);
      const zone = await ctx.step('fetchzones finds the zone', () => mainZone(cp));
      const name = `_acme-challenge.${ctx.unique('mp')}.${zone}.`;
      const first = await ctx.step('parse_zone: the SOA carries the serial', () => cp.zoneSerial(zone));
      const second = await ctx.step('mass_edit_zone adds the TXT record and returns a new serial', async () => {
        const serial = await cp.massEditZone(zone, first, { add: [{ dname: name, ttl: 300, record_type: 'TXT', data: [CHALLENGE] }] });
        assert.ok(serial > Number(first), `the serial advanced (${first} → ${serial})`);
        return serial;
      });
      const index = await ctx.step('parse_zone shows the TXT record', async () => {
        const line = (await cp.parseZone(zone)).find((l) => l.record_type === 'TXT' && l.dname === name);
        assert.ok(line, 'the TXT record is listed');
        assert.deepEqual(line.data, [CHALLENGE]);
        ctx.cleanup(async () => cp.massEditZone(zone, await cp.zoneSerial(zone), { remove: [line.line_index] }).catch(() => undefined));
        return line.line_index;
      });
      await ctx.step('mass_edit_zone refuses the stale serial', () => expectFailure(cp.massEditZone(zone, first, { remove: [index] }), /serial/i));
      await ctx.step('mass_edit_zone removes the record with the current serial', async () => {
        await cp.massEditZone(zone, second, { remove: [index] });
        assert.ok(!(await cp.parseZone(zone)).some((l) => l.dname === name), 'the TXT record is gone');
      });
      await ctx.step('parse_zone of a zone the account does not own fails with status 0', () =>
        expectFailure(cp.parseZone('not-mine.example.invalid'), /zone|domain/i),
      );
    },
  }),
  defineScenario({
    id: 'cpanel/dns01-zoneedit',
    panel: 'cpanel',
    title: 'DNS-01 through API 2 ZoneEdit: add_zone_record TXT, find it by name and type with fetchzone_records, remove it by line; a missing line is refused',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'API2::ZoneEdit::fetchzones',
      'API2::ZoneEdit::add_zone_record',
      'API2::ZoneEdit::fetchzone_records',
      'API2::ZoneEdit::fetchzone',
      'API2::ZoneEdit::edit_zone_record',
      'API2::ZoneEdit::remove_zone_record',
    ],
    async run(ctx) {
      const cp = connect(ctx);
      const zone = await ctx.step('fetchzones finds the zone', () => mainZone(cp));
      const label = `_acme-challenge.${ctx.unique('mp')}`;
      const fq = `${label}.${zone}.`;
      await ctx.step('add_zone_record TXT', async () => {
        const result = await cp.addZoneRecord(zone, { name: label, type: 'TXT', txtdata: CHALLENGE, ttl: 300 });
        assert.equal((result.result as { status: number }).status, 1);
      });
      const line = await ctx.step('fetchzone_records finds it by name and type', async () => {
        const found = await cp.fetchZoneRecords(zone, { name: fq, type: 'TXT' });
        assert.equal(found.length, 1);
        assert.equal(found[0].txtdata, CHALLENGE);
        ctx.cleanup(() => cp.removeZoneRecord(zone, found[0].line).catch(() => undefined));
        return found[0].line;
      });
      await ctx.step('fetchzone lists it with the zone serial', async () => {
        const [z] = await cp.api2<{ record: { line: number }[]; serialnum: string }>('ZoneEdit', 'fetchzone', { domain: zone });
        assert.ok(z.record.some((r) => r.line === line));
        assert.match(z.serialnum, /^\d+$/);
      });
      await ctx.step('edit_zone_record changes the TXT value on its line', async () => {
        await cp.editZoneRecord(zone, line, { txtdata: `${CHALLENGE}-2` });
        assert.equal((await cp.fetchZoneRecords(zone, { line }))[0].txtdata, `${CHALLENGE}-2`);
      });
      await ctx.step('remove_zone_record by line', async () => {
        await cp.removeZoneRecord(zone, line);
        assert.equal((await cp.fetchZoneRecords(zone, { name: fq, type: 'TXT' })).length, 0);
      });
      await ctx.step('remove_zone_record of a line with no record fails', () => expectFailure(cp.removeZoneRecord(zone, 99999), /line/i));
    },
  }),
];
