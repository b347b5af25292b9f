import { whmReply } from '../envelope/reply.js';
import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults, type WhmFault } from '../faults.js';
import { isIpv4, isIpv6 } from '../ip.js';
import { accessibleAccount, ownerScope } from '../access.js';
import { getAccount } from '../store/accounts.js';
import { hostname, nameservers, serverJson } from '../store/server.js';
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
} from '../store/zones.js';
import { domainArg } from '../validate.js';
import { checkRecord, massRecord, zoneFileText } from '../store/zone-records.js';

/** The zone if the caller may edit it: root any; a reseller its own and its accounts' zones. */
export function accessibleZone(call: WhmCall, domain: string, missing: () => WhmFault = faults.zoneDoesNotExist): ZoneRow {
  const zone = getZone(call.db, domain.toLowerCase().replace(/\.$/, ''));
  if (!zone) throw missing();
  if (call.session.root || zone.owner === call.session.user) return zone;
  const owner = getAccount(call.db, zone.owner);
  if (owner && owner.owner === call.session.user) return zone;
  throw faults.noAccessToDomain(zone.domain);
}

/** The reason WHM gives after a zone change: the rndc reload line (documented samples of addzonerecord, savemxs…). */
function reloaded(call: WhmCall, zone: string): string {
  return `Bind reloading on ${hostname(call.db).split('.')[0]} using rndc zone: [${zone}]\n`;
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
    throw faults.temporaryDomain(zone.domain);
  }
  if (String(zone.serial) !== serial.trim()) throw faults.serialMismatch(serial, zone.serial);
  const entries = zoneEntries(call.db, zone.domain);
  const at = (index: number): ZoneEntry => {
    const e = entryAtLine(entries, index + 1);
    if (!e || !Number.isInteger(index)) throw faults.lineIndexInvalid(index);
    return e;
  };
  const edits = call.list('edit').map((j) => massRecord(j, zone.domain, 'edit'));
  const removes = call.list('remove').map((r) => Number(r));
  const adds = call.list('add').map((j) => massRecord(j, zone.domain, 'add'));
  for (const edit of edits) {
    if (edit.line_index === undefined) throw faults.invalidParameter('edit', JSON.stringify(edit), 'an object with line_index');
    const e = at(Number(edit.line_index));
    if (e.type === 'SOA' || e.type === ':RAW' || e.type === '$TTL') throw faults.lineIndexInvalid(Number(edit.line_index));
    replaceRecord(call.db, e.id, edit);
  }
  for (const index of removes) {
    const e = at(index);
    if (e.type === 'SOA') throw faults.editSoaForbidden();
    deleteRecord(call.db, e.id);
  }
  appendRecords(call.db, zone.domain, adds);
  return { new_serial: bumpSerial(call.db, zone.domain, call.now()) };
}

function adddns(call: WhmCall): unknown {
  const domain = domainArg(call.required('domain'));
  const ip = call.required('ip');
  if (!isIpv4(ip)) throw faults.invalidParameter('ip', ip, 'an IPv4 address');
  let owner = call.session.user;
  const trueowner = call.str('trueowner');
  if (trueowner) {
    if (trueowner !== 'root') accessibleAccount(call, trueowner);
    else if (!call.session.root) throw faults.noAccessToAccount('root');
    owner = trueowner;
  }
  const ipv6 = call.bool('has_ipv6') ? call.str('ipv6') : undefined;
  if (ipv6 !== undefined && !isIpv6(ipv6)) throw faults.invalidParameter('ipv6', ipv6, 'an IPv6 address');
  createZone(call.db, domain, owner, ip, call.now(), ipv6, call.strOr('template', 'standard'));
  return whmReply({ reason: `Added ${domain} ok belonging to user ${owner}` });
}

function killdns(call: WhmCall): unknown {
  const domain = call.required('domain').toLowerCase();
  if (!getZone(call.db, domain)) throw faults.killMissingZone();
  accessibleZone(call, domain);
  deleteZone(call.db, domain);
  // [lumberg] killdns.yml: "example2.com => deleted from myhost. "
  return whmReply({ reason: 'Zones Removed', metadata: { output: { raw: `${domain} => deleted from ${hostname(call.db).split('.')[0]}. ` } } });
}

/** A record from addzonerecord/editzonerecord's named fields, over an existing one when editing. */
function recordFromFields(call: WhmCall, zone: string, base?: ZoneEntry): NewRecord {
  const type = (call.str('type') ?? base?.type ?? '').toUpperCase();
  if (!type) throw faults.missingParameter('type');
  const nameArg = call.str('name');
  if (nameArg === undefined && !base) throw faults.missingParameter('name');
  const given = dataFromFields(type, (f) => call.str(f));
  const data = given ?? (base && base.type === type ? base.data : undefined);
  if (!data)
    throw faults.recordInvalid(
      `send the fields of a ${type} record (for example address for A, cname for CNAME, exchange and preference for MX, txtdata for TXT)`,
    );
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
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw faults.invalidParameter('line', raw, 'a line number (1 or more)');
  return Number(raw);
}

function editzonerecord(call: WhmCall): unknown {
  const zone = accessibleZone(call, call.required('domain', 'zone'));
  const line = lineArg(call);
  const entry = entryAtLine(zoneEntries(call.db, zone.domain), line);
  if (!entry || entry.type === ':RAW' || entry.type === '$TTL' || entry.type === 'SOA') throw faults.noRecordOnLineNumber(line);
  replaceRecord(call.db, entry.id, recordFromFields(call, zone.domain, entry));
  bumpSerial(call.db, zone.domain, call.now());
  return whmReply({ reason: reloaded(call, zone.domain) });
}

function removezonerecord(call: WhmCall): unknown {
  const line = lineArg(call);
  const zone = getZone(call.db, call.required('zone', 'domain'));
  // [lumberg] removezonerecord.yml: a missing zone answers like a missing line.
  if (!zone) throw faults.noRecordOnLineNumber(line);
  accessibleZone(call, zone.domain);
  const serial = call.str('serialnum');
  if (serial && serial !== String(zone.serial)) throw faults.serialMismatch(serial, zone.serial);
  const entry = entryAtLine(zoneEntries(call.db, zone.domain), line);
  if (!entry) throw faults.noRecordOnLineNumber(line);
  if (entry.type === 'SOA') throw faults.editSoaForbidden();
  deleteRecord(call.db, entry.id);
  bumpSerial(call.db, zone.domain, call.now());
  return whmReply({ reason: reloaded(call, zone.domain) });
}

function getzonerecord(call: WhmCall): unknown {
  const zone = accessibleZone(call, call.required('domain', 'zone'));
  const entry = entryAtLine(zoneEntries(call.db, zone.domain), lineArg(call));
  if (!entry) throw faults.noRecordOnLine();
  return whmReply({ data: { record: [dumpRecord(entry)] }, reason: 'Record obtained.' });
}

function resetzone(call: WhmCall): unknown {
  const user = call.str('user');
  const domain = (call.str('domain') ?? call.str('zone')?.replace(/\.db$/, '') ?? (user ? getAccount(call.db, user)?.domain : undefined))?.toLowerCase();
  if (!domain) throw faults.missingParameter('domain');
  const zone = getZone(call.db, domain);
  if (!zone) throw faults.resetUnknown(domain);
  accessibleZone(call, domain);
  const account = getAccount(call.db, zone.owner);
  const ip = account?.ip ?? zoneAddress(zoneEntries(call.db, domain), domain);
  if (!ip) throw faults.resetUnknown(domain);
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

function export_zone_files(call: WhmCall): unknown {
  const payload = call.list('zone').map((name) => {
    const zone = accessibleZone(call, name, () => faults.zoneMissing(name));
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
  if (!ip) throw faults.unresolvableDomain();
  return { ip };
}

function nameserverAddress(call: WhmCall, host: string): string | undefined {
  const index = nameservers(call.db).indexOf(host.toLowerCase());
  return index >= 0 ? serverJson<string[]>(call.db, 'nameserver_ips', [])[index] : localAddress(call, host);
}

function lookupnsip(call: WhmCall): unknown {
  const host = call.required('host', 'nameserver');
  const ip = nameserverAddress(call, host);
  if (!ip) throw faults.unresolvableDomain();
  return { ip };
}

function lookupnsips(call: WhmCall): unknown {
  const host = call.required('host');
  const ipv4 = nameserverAddress(call, host);
  if (!ipv4) throw faults.unresolvableDomain();
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

export const dnsMethods = defineMethods<WhmCall>({
  listzones: { acl: 'list-accts', run: listzones },
  dumpzone: { acl: 'edit-dns', run: dumpzone },
  parse_dns_zone: { acl: 'edit-dns', run: parse_dns_zone },
  mass_edit_dns_zone: { acl: 'edit-dns', run: mass_edit_dns_zone },
  adddns: { acl: 'create-dns', run: adddns },
  killdns: { acl: 'kill-dns', run: killdns },
  addzonerecord: { acl: 'edit-dns', run: addzonerecord },
  editzonerecord: { acl: 'edit-dns', run: editzonerecord },
  removezonerecord: { acl: 'edit-dns', run: removezonerecord },
  getzonerecord: { acl: 'edit-dns', run: getzonerecord },
  resetzone: { acl: 'edit-dns', run: resetzone },
  listmxs: { acl: 'edit-mx', run: listmxs },
  savemxs: { acl: 'edit-mx', run: savemxs },
  export_zone_files: { acl: 'edit-dns', run: export_zone_files },
  resolvedomainname: { acl: 'any', run: resolvedomainname },
  lookupnsip: { acl: 'any', run: lookupnsip },
  lookupnsips: { acl: 'any', run: lookupnsips },
  has_local_authority: { acl: 'any', run: has_local_authority },
});
