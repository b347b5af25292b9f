import { faults } from '../faults.js';
import { isIpv4, isIpv6 } from '../ip.js';
import { qualify, type NewRecord, type ZoneEntry } from './zones.js';

/*
 * The rules of a zone's records that every door writing or reading them
 * shares (WHM's DNS functions, the cPanel door's DNS and ZoneEdit): the
 * rdata check per type, a mass-edit record, and the zone file text.
 */

/** Checks a record's rdata for its type: addresses for A/AAAA, a number and a host for MX, a target for CNAME… */
export function checkRecord(r: NewRecord): void {
  const d = r.data;
  const bad = (detail: string) => faults.recordInvalid(detail);
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

/** One record of a mass edit's `add` or `edit` list, as the caller sends it (JSON). */
interface MassRecord {
  line_index?: number;
  dname?: string;
  ttl?: number | string;
  record_type?: string;
  data?: unknown[];
}

/** Parses and checks one mass-edit record (WHM mass_edit_dns_zone, UAPI DNS::mass_edit_zone); `field` names it in the fault. */
export function massRecord(json: string, zone: string, field: string): MassRecord & NewRecord {
  let parsed: MassRecord;
  try {
    parsed = JSON.parse(json) as MassRecord;
  } catch {
    throw faults.invalidParameter(field, json, 'a JSON object with dname, ttl, record_type and data');
  }
  if (typeof parsed !== 'object' || parsed === null || !parsed.record_type || !Array.isArray(parsed.data) || parsed.dname === undefined) {
    throw faults.invalidParameter(field, json, 'a JSON object with dname, ttl, record_type and data');
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

/** The zone file text of a zone (export_zone_files), written as cPanel writes it. */
export function zoneFileText(entries: ZoneEntry[]): string {
  const lines: string[] = [];
  for (const e of entries) {
    if (e.type === ':RAW') lines.push(e.data[0] ?? '');
    else if (e.type === '$TTL') lines.push(`$TTL ${e.data[0]}`);
    else if (e.type === 'SOA') {
      const [mname, rname, serial, refresh, retry, expire, minimum] = e.data;
      lines.push(
        `${e.name} ${e.ttl} ${e.class} SOA ${mname}. ${rname}. (`,
        `\t\t${serial} ;Serial Number`,
        `\t\t${refresh} ;refresh`,
        `\t\t${retry} ;retry`,
        `\t\t${expire} ;expire`,
        `\t\t${minimum} ;minimum`,
        ')',
      );
    } else {
      const data = e.type === 'TXT' || e.type === 'SPF' ? e.data.map((s) => JSON.stringify(s)).join(' ') : e.data.join(' ');
      lines.push(`${e.name} ${e.ttl} ${e.class} ${e.type} ${data}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
