import { defineMethods } from '../../core/define-methods.js';
import { checkRecord, zoneFileText } from '../../whm/store/zone-records.js';
import { hostname } from '../../whm/store/server.js';
import {
  appendRecords,
  bumpSerial,
  dataFromFields,
  deleteRecord,
  dumpRecord,
  entryAtLine,
  qualify,
  replaceRecord,
  zoneEntries,
  zonesOwnedBy,
  type NewRecord,
  type ZoneEntry,
  type ZoneRow,
} from '../../whm/store/zones.js';
import type { CpanelCall } from '../call.js';
import { faults } from '../faults.js';
import { editableZone, ownZone } from '../zones.js';

/*
 * cPanel API 2 ZoneEdit over the same zone rows as WHM's dumpzone
 * (https://api.docs.cpanel.net/cpanel-api-2/cpanel-api-2-modules-zoneedit).
 * Lines are 1-based, as in WHM's dumpzone. Record fields are dumpzone's
 * (address, cname, exchange/preference, txtdata…) plus `line` and `record`
 * (the record's value: address, cname, txtdata or raw), the keys the
 * fetchzone_records page lists (Line, Lines, line, record, mname, rname…).
 */

/** A zone line as ZoneEdit shows it. */
function recordView(e: ZoneEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { ...dumpRecord(e), line: e.line, Lines: e.lines };
  if (out.record === undefined) out.record = out.address ?? out.cname ?? out.txtdata ?? out.exchange ?? out.nsdname ?? out.raw ?? e.data.join(' ');
  return out;
}

/** inferred: the records cPanel writes itself (customonly=1 leaves them out): comments, $TTL, SOA and NS lines. */
const GENERATED = new Set([':RAW', '$TTL', 'SOA', 'NS']);

/** The filter keys fetchzone_records and fetchzone document: each one sent must equal the record's field. */
const FILTER_KEYS = ['line', 'ttl', 'name', 'class', 'address', 'type', 'cname', 'txtdata', 'exchange', 'preference'];

function matches(call: CpanelCall, zone: string, view: Record<string, unknown>): boolean {
  for (const key of FILTER_KEYS) {
    const want = call.str(key);
    if (want === undefined || want === '') continue;
    const have = view[key];
    if (key === 'name') {
      if (qualify(want, zone).toLowerCase() !== String(have ?? '').toLowerCase()) return false;
    } else if (key === 'type') {
      if (want.toUpperCase() !== String(have ?? '').toUpperCase()) return false;
    } else if (String(have ?? '') !== want) return false;
  }
  return true;
}

function records(call: CpanelCall, zone: ZoneRow): Record<string, unknown>[] {
  const customonly = call.bool('customonly');
  return zoneEntries(call.db, zone.domain)
    .filter((e) => !customonly || !GENERATED.has(e.type))
    .map(recordView)
    .filter((v) => matches(call, zone.domain, v));
}

/** [docs] ZoneEdit serialnum: when sent it must be the zone's current serial (as WHM's removezonerecord checks it). */
function checkSerial(call: CpanelCall, zone: ZoneRow): void {
  const serial = call.str('serialnum');
  if (serial && serial.trim() !== String(zone.serial)) throw faults.serialMismatch(serial, zone.serial);
}

/** A record from the named fields (add_zone_record, edit_zone_record), over the existing one when editing. */
function recordFromFields(call: CpanelCall, zone: string, base?: ZoneEntry): NewRecord {
  const type = (call.str('type') ?? base?.type ?? '').toUpperCase();
  if (!type) throw faults.missingParameter('type');
  const nameArg = call.str('name');
  if (!nameArg && !base) throw faults.missingParameter('name');
  const data = dataFromFields(type, (f) => call.str(f)) ?? (base && base.type === type ? base.data : undefined);
  if (!data)
    throw faults.recordInvalid(`send the fields of a ${type} record (address for A, cname for CNAME, exchange and preference for MX, txtdata for TXT)`);
  const record: NewRecord = {
    name: nameArg ? qualify(nameArg, zone) : base!.name,
    ttl: call.int('ttl', base?.ttl ?? 14400)!,
    class: call.str('class') || base?.class || 'IN',
    type,
    data,
  };
  checkRecord(record);
  return record;
}

/** The answer of a zone change: [{result: {status, statusmsg, newserial}}] (inferred from WHM's zone-record replies). */
function changed(call: CpanelCall, zone: string): Record<string, unknown>[] {
  const newserial = bumpSerial(call.db, zone, call.now());
  const statusmsg = `Bind reloading on ${hostname(call.db).split('.')[0]} using rndc zone: [${zone}]\n`;
  return [{ result: { newserial: String(newserial), status: 1, statusmsg } }];
}

function lineArg(call: CpanelCall): number {
  const raw = call.required('line');
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw faults.invalidParameter('line', raw, 'a line number (1 or more)');
  return Number(raw);
}

/**
 * The editable zone and the record on the call's `line` (after the optional
 * serial check); `skip` names lines that hold no editable record. The SOA is the server's.
 */
function recordOnLine(call: CpanelCall, skip: (e: ZoneEntry) => boolean): { zone: ZoneRow; entry: ZoneEntry } {
  const zone = editableZone(call, call.required('domain'));
  const line = lineArg(call);
  checkSerial(call, zone);
  const entry = entryAtLine(zoneEntries(call.db, zone.domain), line);
  if (!entry || skip(entry)) throw faults.noRecordOnLine(line);
  if (entry.type === 'SOA') throw faults.soaManaged();
  return { zone, entry };
}

export const zoneEditMethods = defineMethods<CpanelCall>({
  'API2::ZoneEdit::fetchzones': {
    // inferred shape: one item {zones: {<zone>: [zone-file lines]}} (the page describes "all of the account's zone files").
    run: (call) => {
      const zones: Record<string, string[]> = {};
      for (const z of zonesOwnedBy(call.db, call.user)) zones[z.domain] = zoneFileText(zoneEntries(call.db, z.domain)).replace(/\n$/, '').split('\n');
      return [{ zones }];
    },
  },
  'API2::ZoneEdit::fetchzone_records': {
    run: (call) => records(call, ownZone(call, call.required('domain'))),
  },
  'API2::ZoneEdit::fetchzone': {
    // inferred: one item with the records, the serial and a status, like WHM API 0's dumpzone result.
    run: (call) => {
      const zone = ownZone(call, call.required('domain'));
      return [{ record: records(call, zone), serialnum: String(zone.serial), status: 1, statusmsg: '' }];
    },
  },
  'API2::ZoneEdit::add_zone_record': {
    run: (call) => {
      const zone = editableZone(call, call.required('domain'));
      checkSerial(call, zone);
      appendRecords(call.db, zone.domain, [recordFromFields(call, zone.domain)]);
      return changed(call, zone.domain);
    },
  },
  'API2::ZoneEdit::edit_zone_record': {
    run: (call) => {
      const { zone, entry } = recordOnLine(call, (e) => e.type === ':RAW' || e.type === '$TTL');
      replaceRecord(call.db, entry.id, recordFromFields(call, zone.domain, entry));
      return changed(call, zone.domain);
    },
  },
  'API2::ZoneEdit::remove_zone_record': {
    run: (call) => {
      const { zone, entry } = recordOnLine(call, () => false);
      deleteRecord(call.db, entry.id);
      return changed(call, zone.domain);
    },
  },
});
