import { whmReply } from '../../protocol/whm/json-codec.js';
import type { WhmCall } from '../call.js';
import { whm, type WhmFunctions } from '../define.js';
import { whmFail } from '../faults.js';
import { isIpv4, isIpv6 } from '../ip.js';
import { reasons } from '../reasons.js';
import { accessibleAccount, getAccount, ownerScope } from '../state/accounts.js';
import { hostname, nameservers, serverJson } from '../state/server.js';
import {
  appendRecords,
  bumpSerial,
  createZone,
  dataFromFields,
  deleteRecord,
  deleteZone,
  dumpRecord,
  entryAtLine,
  getZone,
  parsedEntry,
  qualify,
  replaceRecord,
  resetZone,
  visibleZones,
  zoneAddress,
  zoneEntries,
  type NewRecord,
  type ZoneEntry,
  type ZoneRow,
} from '../state/zones.js';
import { domainArg } from '../validate.js';

/** The zone if the caller may edit it: root any; a reseller its own and its accounts' zones. */
function accessibleZone(call: WhmCall, domain: string, missing: string = reasons.zoneDoesNotExist): ZoneRow {
  const zone = getZone(call.db, domain.toLowerCase().replace(/\.$/, ''));
  if (!zone) throw whmFail(missing);
  if (call.session.root || zone.owner === call.session.user) return zone;
  const owner = getAccount(call.db, zone.owner);
  if (owner && owner.owner === call.session.user) return zone;
  throw whmFail(reasons.noAccessToDomain(zone.domain));
}

/** The reason WHM gives after a zone change: the rndc reload line (documented samples of addzonerecord, savemxs…). */
function reloaded(call: WhmCall, zone: string): string {
  return `Bind reloading on ${hostname(call.db).split('.')[0]} using rndc zone: [${zone}]\n`;
}

/** Checks a record's rdata for its type: addresses for A/AAAA, a number and a host for MX, a target for CNAME… */
export function checkRecord(r: NewRecord): void {
  const d = r.data;
  const bad = (detail: string) => whmFail(reasons.recordInvalid(detail));
  if (!Number.isInteger(r.ttl) || r.ttl < 1) throw bad(`the TTL must be a positive whole number, not ${r.ttl}`);
  switch (r.type) {
    case 'A':
      if (d.length !== 1 || !isIpv4(d[0])) throw bad(`an A record needs one IPv4 address, not ${JSON.stringify(d)}`);
      break;
    case 'AAAA':
      if (d.length !== 1 || !isIpv6(d[0])) throw bad(`an AAAA record needs one IPv6 address, not ${JSON.stringify(d)}`);
      break;
    case 'MX':
      if (d.length !== 2 || !/^\d+$/.test(d[0]) || !d[1]) throw bad('an MX record needs a preference (a number) and an exchange host');
      break;
    case 'SRV':
      if (d.length !== 4 || !d.slice(0, 3).every((x) => /^\d+$/.test(x))) throw bad('an SRV record needs priority, weight, port and target');
      break;
    case 'CAA':
      if (d.length !== 3) throw bad('a CAA record needs flag, tag and value');
      break;
    case 'CNAME':
    case 'NS':
    case 'PTR':
    case 'DNAME':
      if (d.length !== 1 || !d[0]) throw bad(`a ${r.type} record needs one target name`);
      break;
    case 'TXT':
    case 'SPF':
      if (!d.length) throw bad('a TXT record needs at least one string');
      break;
    case 'SOA':
      throw bad('the SOA record is managed by the server');
    default:
      if (!/^[A-Z0-9]+$/.test(r.type)) throw bad(`${JSON.stringify(r.type)} is not a record type`);
  }
}

function listzones(call: WhmCall): unknown {
  return { zone: visibleZones(call.db, ownerScope(call)).map((z) => ({ domain: z.domain, zonefile: `${z.domain}.db` })) };
}

function dumpzone(call: WhmCall): unknown {
  const zone = accessibleZone(call, call.required('domain', 'zone'));
  return whmReply({ data: { zone: zoneEntries(call.db, zone.domain).map(dumpRecord) }, reason: 'Zone Serialized' });
}

function parse_dns_zone(call: WhmCall): unknown {
  const zone = accessibleZone(call, call.required('zone'));
  return { payload: zoneEntries(call.db, zone.domain).map(parsedEntry) };
}

interface MassRecord {
  line_index?: number;
  dname?: string;
  ttl?: number | string;
  record_type?: string;
  data?: unknown[];
}

export function massRecord(json: string, zone: string, field: string): MassRecord & NewRecord {
  let parsed: MassRecord;
  try {
    parsed = JSON.parse(json) as MassRecord;
  } catch {
    throw whmFail(reasons.invalidParameter(field, json, 'a JSON object with dname, ttl, record_type and data'));
  }
  if (typeof parsed !== 'object' || parsed === null || !parsed.record_type || !Array.isArray(parsed.data) || parsed.dname === undefined) {
    throw whmFail(reasons.invalidParameter(field, json, 'a JSON object with dname, ttl, record_type and data'));
  }
  const record = {
    ...parsed,
    name: qualify(String(parsed.dname), zone),
    ttl: Number(parsed.ttl ?? 14400),
    type: String(parsed.record_type).toUpperCase(),
    data: parsed.data.map(String),
  };
  checkRecord(record);
  return record;
}

/**
 * mass_edit_dns_zone: edits and removals name records by the 0-based
 * `line_index` they start on before the call; additions go at the end.
 * `serial` must be the zone's current SOA serial (the documentation: the
 * request fails otherwise), and the new serial is returned.
 */
function mass_edit_dns_zone(call: WhmCall): unknown {
  const zone = accessibleZone(call, call.required('zone'));
  const serial = call.required('serial');
  if (zone.domain === getAccount(call.db, zone.owner)?.domain && getAccount(call.db, zone.owner)?.temporary_domain) {
    throw whmFail(reasons.temporaryDomain(zone.domain));
  }
  if (String(zone.serial) !== serial.trim()) throw whmFail(reasons.serialMismatch(serial, zone.serial));
  const entries = zoneEntries(call.db, zone.domain);
  const at = (index: number): ZoneEntry => {
    const e = entryAtLine(entries, index + 1);
    if (!e || !Number.isInteger(index)) throw whmFail(reasons.lineIndexInvalid(index));
    return e;
  };
  const edits = call.list('edit').map((j) => massRecord(j, zone.domain, 'edit'));
  const removes = call.list('remove').map((r) => Number(r));
  const adds = call.list('add').map((j) => massRecord(j, zone.domain, 'add'));
  for (const edit of edits) {
    if (edit.line_index === undefined) throw whmFail(reasons.invalidParameter('edit', JSON.stringify(edit), 'an object with line_index'));
    const e = at(Number(edit.line_index));
    if (e.type === 'SOA' || e.type === ':RAW' || e.type === '$TTL') throw whmFail(reasons.lineIndexInvalid(Number(edit.line_index)));
    replaceRecord(call.db, e.id, edit);
  }
  for (const index of removes) {
    const e = at(index);
    if (e.type === 'SOA') throw whmFail(reasons.editSoaForbidden);
    deleteRecord(call.db, e.id);
  }
  appendRecords(call.db, zone.domain, adds);
  return { new_serial: bumpSerial(call.db, zone.domain, call.now()) };
}

function adddns(call: WhmCall): unknown {
  const domain = domainArg(call.required('domain'));
  const ip = call.required('ip');
  if (!isIpv4(ip)) throw whmFail(reasons.invalidParameter('ip', ip, 'an IPv4 address'));
  let owner = call.session.user;
  const trueowner = call.str('trueowner');
  if (trueowner) {
    if (trueowner !== 'root') accessibleAccount(call, trueowner);
    else if (!call.session.root) throw whmFail(reasons.noAccessToAccount('root'));
    owner = trueowner;
  }
  const ipv6 = call.bool('has_ipv6') ? call.str('ipv6') : undefined;
  if (ipv6 !== undefined && !isIpv6(ipv6)) throw whmFail(reasons.invalidParameter('ipv6', ipv6, 'an IPv6 address'));
  createZone(call.db, domain, owner, ip, call.now(), ipv6, call.strOr('template', 'standard'));
  return whmReply({ reason: `Added ${domain} ok belonging to user ${owner}` });
}

function killdns(call: WhmCall): unknown {
  const domain = call.required('domain').toLowerCase();
  if (!getZone(call.db, domain)) throw whmFail(reasons.killMissingZone);
  accessibleZone(call, domain);
  deleteZone(call.db, domain);
  // [lumberg] killdns.yml: "example2.com => deleted from myhost. "
  return whmReply({ reason: 'Zones Removed', metadata: { output: { raw: `${domain} => deleted from ${hostname(call.db).split('.')[0]}. ` } } });
}

/** A record from addzonerecord/editzonerecord's named fields, over an existing one when editing. */
function recordFromFields(call: WhmCall, zone: string, base?: ZoneEntry): NewRecord {
  const type = (call.str('type') ?? base?.type ?? '').toUpperCase();
  if (!type) throw whmFail(reasons.missingParameter('type'));
  const nameArg = call.str('name');
  if (nameArg === undefined && !base) throw whmFail(reasons.missingParameter('name'));
  const given = dataFromFields(type, (f) => call.str(f));
  const data = given ?? (base && base.type === type ? base.data : undefined);
  if (!data) throw whmFail(reasons.recordInvalid(`send the fields of a ${type} record (for example address for A, cname for CNAME, exchange and preference for MX, txtdata for TXT)`));
  const record: NewRecord = {
    name: nameArg !== undefined ? qualify(nameArg, zone) : base!.name,
    ttl: call.int('ttl', base?.ttl ?? 14400)!,
    class: call.strOr('class', base?.class ?? 'IN'),
    type,
    data,
  };
  checkRecord(record);
  return record;
}

function addzonerecord(call: WhmCall): unknown {
  const zone = accessibleZone(call, call.required('domain', 'zone'));
  appendRecords(call.db, zone.domain, [recordFromFields(call, zone.domain)]);
  bumpSerial(call.db, zone.domain, call.now());
  return whmReply({ reason: reloaded(call, zone.domain) });
}

function lineArg(call: WhmCall): number {
  const raw = call.required('line', 'Line');
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw whmFail(reasons.invalidParameter('line', raw, 'a line number (1 or more)'));
  return Number(raw);
}

function editzonerecord(call: WhmCall): unknown {
  const zone = accessibleZone(call, call.required('domain', 'zone'));
  const line = lineArg(call);
  const entry = entryAtLine(zoneEntries(call.db, zone.domain), line);
  if (!entry || entry.type === ':RAW' || entry.type === '$TTL' || entry.type === 'SOA') throw whmFail(reasons.noRecordOnLineNumber(line));
  replaceRecord(call.db, entry.id, recordFromFields(call, zone.domain, entry));
  bumpSerial(call.db, zone.domain, call.now());
  return whmReply({ reason: reloaded(call, zone.domain) });
}

function removezonerecord(call: WhmCall): unknown {
  const line = lineArg(call);
  const zone = getZone(call.db, call.required('zone', 'domain'));
  // [lumberg] removezonerecord.yml: a missing zone answers like a missing line.
  if (!zone) throw whmFail(reasons.noRecordOnLineNumber(line));
  accessibleZone(call, zone.domain);
  const serial = call.str('serialnum');
  if (serial && serial !== String(zone.serial)) throw whmFail(reasons.serialMismatch(serial, zone.serial));
  const entry = entryAtLine(zoneEntries(call.db, zone.domain), line);
  if (!entry) throw whmFail(reasons.noRecordOnLineNumber(line));
  if (entry.type === 'SOA') throw whmFail(reasons.editSoaForbidden);
  deleteRecord(call.db, entry.id);
  bumpSerial(call.db, zone.domain, call.now());
  return whmReply({ reason: reloaded(call, zone.domain) });
}

function getzonerecord(call: WhmCall): unknown {
  const zone = accessibleZone(call, call.required('domain', 'zone'));
  const entry = entryAtLine(zoneEntries(call.db, zone.domain), lineArg(call));
  if (!entry) throw whmFail(reasons.noRecordOnLine);
  return whmReply({ data: { record: [dumpRecord(entry)] }, reason: 'Record obtained.' });
}

function resetzone(call: WhmCall): unknown {
  const user = call.str('user');
  const domain = (call.str('domain') ?? call.str('zone')?.replace(/\.db$/, '') ?? (user ? getAccount(call.db, user)?.domain : undefined))?.toLowerCase();
  if (!domain) throw whmFail(reasons.missingParameter('domain'));
  const zone = getZone(call.db, domain);
  if (!zone) throw whmFail(reasons.resetUnknown(domain));
  accessibleZone(call, domain);
  const account = getAccount(call.db, zone.owner);
  const ip = account?.ip ?? zoneAddress(zoneEntries(call.db, domain), domain);
  if (!ip) throw whmFail(reasons.resetUnknown(domain));
  resetZone(call.db, domain, ip, call.now());
  return undefined;
}

function mxRecord(e: ZoneEntry): Record<string, unknown> {
  return { Line: e.line, class: e.class, exchange: e.data[1], name: e.name, preference: Number(e.data[0]), ttl: e.ttl, type: 'MX' };
}

function listmxs(call: WhmCall): unknown {
  const zone = accessibleZone(call, call.required('domain'));
  const record = zoneEntries(call.db, zone.domain)
    .filter((e) => e.type === 'MX')
    .map(mxRecord);
  return whmReply({ data: { record }, reason: 'Records obtained.' });
}

function savemxs(call: WhmCall): unknown {
  const zone = accessibleZone(call, call.required('domain'));
  const preference = call.required('preference');
  const record: NewRecord = {
    name: qualify(call.required('name'), zone.domain),
    ttl: call.int('ttl', 14400)!,
    class: call.strOr('class', 'IN'),
    type: 'MX',
    data: [preference, call.required('exchange')],
  };
  checkRecord(record);
  appendRecords(call.db, zone.domain, [record]);
  bumpSerial(call.db, zone.domain, call.now());
  return whmReply({ reason: reloaded(call, zone.domain) });
}

/** The zone file text of a zone (export_zone_files), written as cPanel writes it. */
export function zoneFileText(entries: ZoneEntry[]): string {
  const lines: string[] = [];
  for (const e of entries) {
    if (e.type === ':RAW') lines.push(e.data[0] ?? '');
    else if (e.type === '$TTL') lines.push(`$TTL ${e.data[0]}`);
    else if (e.type === 'SOA') {
      const [mname, rname, serial, refresh, retry, expire, minimum] = e.data;
      lines.push(`${e.name} ${e.ttl} ${e.class} SOA ${mname}. ${rname}. (`, `\t\t${serial} ;Serial Number`, `\t\t${refresh} ;refresh`, `\t\t${retry} ;retry`, `\t\t${expire} ;expire`, `\t\t${minimum} ;minimum`, ')');
    } else {
      const data = e.type === 'TXT' || e.type === 'SPF' ? e.data.map((s) => JSON.stringify(s)).join(' ') : e.data.join(' ');
      lines.push(`${e.name} ${e.ttl} ${e.class} ${e.type} ${data}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function export_zone_files(call: WhmCall): unknown {
  const payload = call.list('zone').map((name) => {
    const zone = accessibleZone(call, name, reasons.zoneMissing(name));
    return { text_b64: Buffer.from(zoneFileText(zoneEntries(call.db, zone.domain))).toString('base64'), zone: zone.domain };
  });
  return { payload };
}

/** The address a name has in this server's zones (the emulator's whole DNS), or undefined. */
function localAddress(call: WhmCall, name: string, type: 'A' | 'AAAA' = 'A'): string | undefined {
  const fq = `${name.toLowerCase().replace(/\.$/, '')}.`;
  const labels = fq.slice(0, -1).split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const zone = getZone(call.db, labels.slice(i).join('.'));
    if (!zone) continue;
    const hit = zoneEntries(call.db, zone.domain).find((e) => e.type === type && e.name === fq);
    if (hit) return hit.data[0];
  }
  return undefined;
}

function resolvedomainname(call: WhmCall): unknown {
  const ip = localAddress(call, call.required('domain'));
  // [lumberg] resolvedomainname.yml: reason "Unable to resolve domain name." for a name with no address.
  if (!ip) throw whmFail('Unable to resolve domain name.');
  return { ip };
}

function nameserverAddress(call: WhmCall, host: string): string | undefined {
  const index = nameservers(call.db).indexOf(host.toLowerCase());
  return index >= 0 ? serverJson<string[]>(call.db, 'nameserver_ips', [])[index] : localAddress(call, host);
}

function lookupnsip(call: WhmCall): unknown {
  const host = call.required('host', 'nameserver');
  const ip = nameserverAddress(call, host);
  if (!ip) throw whmFail('Unable to resolve domain name.');
  return { ip };
}

function lookupnsips(call: WhmCall): unknown {
  const host = call.required('host');
  const ipv4 = nameserverAddress(call, host);
  if (!ipv4) throw whmFail('Unable to resolve domain name.');
  return { ipv4, ipv6: localAddress(call, host, 'AAAA') ?? '' };
}

function has_local_authority(call: WhmCall): unknown {
  const records = call.list('domain').map((domain) => {
    const d = domain.toLowerCase();
    const labels = d.split('.');
    const zone = labels.map((_, i) => labels.slice(i).join('.')).find((z) => getZone(call.db, z));
    return { domain: d, error: '', local_authority: zone ? 1 : 0, nameservers: zone ? nameservers(call.db) : [], zone: zone ?? '' };
  });
  return { records };
}

export const dnsFunctions: WhmFunctions = {
  listzones: whm('list-accts', listzones),
  dumpzone: whm('edit-dns', dumpzone),
  parse_dns_zone: whm('edit-dns', parse_dns_zone),
  mass_edit_dns_zone: whm('edit-dns', mass_edit_dns_zone),
  adddns: whm('create-dns', adddns),
  killdns: whm('kill-dns', killdns),
  addzonerecord: whm('edit-dns', addzonerecord),
  editzonerecord: whm('edit-dns', editzonerecord),
  removezonerecord: whm('edit-dns', removezonerecord),
  getzonerecord: whm('edit-dns', getzonerecord),
  resetzone: whm('edit-dns', resetzone),
  listmxs: whm('edit-mx', listmxs),
  savemxs: whm('edit-mx', savemxs),
  export_zone_files: whm('edit-dns', export_zone_files),
  resolvedomainname: whm('any', resolvedomainname),
  lookupnsip: whm('any', lookupnsip),
  lookupnsips: whm('any', lookupnsips),
  has_local_authority: whm('any', has_local_authority),
};
