import { prepare, type DB } from '../../../state/database.js';
import { faults, type WhmFault } from '../faults.js';
import { nameservers, serverValue } from './server.js';

/*
 * A DNS zone is the ordered lines of its zone file. Each entry is a comment
 * (`:RAW`), a `$TTL` control line or a record; a record's rdata is kept as
 * the list of strings parse_dns_zone shows (data_b64 decoded), and the SOA
 * spans 7 lines as in cPanel's zone files ([lumberg] dumpzone: SOA
 * "Lines":7, then NS records on line 11…). `Line` (dumpzone, getzonerecord,
 * editzonerecord, removezonerecord) is 1-based; parse_dns_zone and
 * mass_edit_dns_zone use the 0-based `line_index` of the same lines.
 */

export interface ZoneRow {
  domain: string;
  owner: string;
  serial: number;
  template: string;
}

interface RecordRow {
  id: number;
  pos: number;
  name: string;
  ttl: number;
  class: string;
  type: string;
  data: string;
}

export interface ZoneEntry {
  id: number;
  /** 1-based first line. */
  line: number;
  lines: number;
  name: string;
  ttl: number;
  class: string;
  type: string;
  data: string[];
}

const DEFAULT_TTL = 14400;
const NS_TTL = 86400;

/** How many lines an entry takes in the zone file (the SOA is written over 7). */
function lineCount(type: string): number {
  return type === 'SOA' ? 7 : 1;
}

export function getZone(db: DB, domain: string): ZoneRow | undefined {
  return prepare<[string], ZoneRow>(db, 'SELECT * FROM whm_zone WHERE domain = ?').get(domain.toLowerCase());
}

export function requireZone(db: DB, domain: string, missing: () => WhmFault = faults.zoneDoesNotExist): ZoneRow {
  const zone = getZone(db, domain);
  if (!zone) throw missing();
  return zone;
}

/** The zone's lines in file order, with their line numbers. */
export function zoneEntries(db: DB, domain: string): ZoneEntry[] {
  const rows = prepare<[string], RecordRow>(db, 'SELECT id, pos, name, ttl, class, type, data FROM whm_zone_record WHERE zone = ? ORDER BY pos').all(domain);
  let line = 1;
  return rows.map((r) => {
    const entry: ZoneEntry = {
      id: r.id,
      line,
      lines: lineCount(r.type),
      name: r.name,
      ttl: r.ttl,
      class: r.class,
      type: r.type,
      data: JSON.parse(r.data) as string[],
    };
    line += entry.lines;
    return entry;
  });
}

/** The entry that starts on a 1-based line, or undefined. */
export function entryAtLine(entries: ZoneEntry[], line: number): ZoneEntry | undefined {
  return entries.find((e) => e.line === line);
}

/** Fully qualified form of a record name: relative names are under the zone; "@" is the zone itself. */
export function qualify(name: string, zone: string): string {
  const n = name.trim();
  if (n === '' || n === '@') return `${zone}.`;
  if (n.endsWith('.')) return n;
  if (n === zone || n.endsWith(`.${zone}`)) return `${n}.`;
  return `${n}.${zone}.`;
}

/** A new serial: the next one after `current`, and never before today's YYYYMMDD00 (cPanel's date-based serials). */
export function nextSerial(current: number, nowSeconds: number): number {
  const d = new Date(nowSeconds * 1000);
  const today = Number(`${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}00`);
  return Math.max(current + 1, today);
}

function writeSoaSerial(db: DB, zone: string, serial: number): void {
  const soa = prepare<[string], { id: number; data: string }>(db, "SELECT id, data FROM whm_zone_record WHERE zone = ? AND type = 'SOA'").get(zone);
  if (soa) {
    const data = JSON.parse(soa.data) as string[];
    data[2] = String(serial);
    prepare(db, 'UPDATE whm_zone_record SET data = ? WHERE id = ?').run(JSON.stringify(data), soa.id);
  }
}

/** Advances the zone's serial after a change and returns it. */
export function bumpSerial(db: DB, zone: string, nowSeconds: number): number {
  const row = getZone(db, zone)!;
  const serial = nextSerial(row.serial, nowSeconds);
  prepare(db, 'UPDATE whm_zone SET serial = ? WHERE domain = ?').run(serial, zone);
  writeSoaSerial(db, zone, serial);
  return serial;
}

export interface NewRecord {
  name: string;
  ttl: number;
  class?: string;
  type: string;
  data: string[];
}

/** Appends entries at the end of the zone file. */
export function appendRecords(db: DB, zone: string, records: NewRecord[]): void {
  const max = prepare<[string], { m: number | null }>(db, 'SELECT MAX(pos) AS m FROM whm_zone_record WHERE zone = ?').get(zone)?.m ?? 0;
  const insert = prepare(db, 'INSERT INTO whm_zone_record (zone, pos, name, ttl, class, type, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
  records.forEach((r, i) => insert.run(zone, max + 1 + i, r.name, r.ttl, r.class ?? 'IN', r.type, JSON.stringify(r.data)));
}

export function replaceRecord(db: DB, id: number, record: NewRecord): void {
  prepare(db, 'UPDATE whm_zone_record SET name = ?, ttl = ?, class = ?, type = ?, data = ? WHERE id = ?').run(
    record.name,
    record.ttl,
    record.class ?? 'IN',
    record.type,
    JSON.stringify(record.data),
    id,
  );
}

export function deleteRecord(db: DB, id: number): void {
  prepare(db, 'DELETE FROM whm_zone_record WHERE id = ?').run(id);
}

/**
 * The lines cPanel's standard template writes for a new zone, in the order
 * of a real cPanel zone file ([lumberg] dumpzone recording): header
 * comments, $TTL, SOA, NS, the domain's A record, MX, then the service
 * names. The blank separator lines of the real file are left out.
 */
function templateRecords(db: DB, domain: string, ip: string, serial: number, ipv6?: string): NewRecord[] {
  const fq = `${domain}.`;
  const host = serverValue(db, 'hostname') ?? 'server.example.com';
  const ns = nameservers(db);
  const contact = serverValue(db, 'contact_email')?.replace('@', '.') ?? `root.${host}`;
  const a = (label: string): NewRecord => ({ name: label ? `${label}.${fq}` : fq, ttl: DEFAULT_TTL, type: 'A', data: [ip] });
  const records: NewRecord[] = [
    { name: '', ttl: NS_TTL, class: '', type: ':RAW', data: [`; cPanel first:11.124.0.21 Cpanel::ZoneFile::VERSION:1.3 hostname:${host}`] },
    { name: '', ttl: NS_TTL, class: '', type: ':RAW', data: [`; Zone file for ${domain}`] },
    { name: '', ttl: DEFAULT_TTL, class: '', type: '$TTL', data: [String(DEFAULT_TTL)] },
    { name: fq, ttl: NS_TTL, type: 'SOA', data: [ns[0] ?? host, contact, String(serial), '3600', '1800', '1209600', '86400'] },
    ...ns.map((n): NewRecord => ({ name: fq, ttl: NS_TTL, type: 'NS', data: [n] })),
    a(''),
    ...(ipv6 ? [{ name: fq, ttl: DEFAULT_TTL, type: 'AAAA', data: [ipv6] }] : []),
    { name: fq, ttl: DEFAULT_TTL, type: 'MX', data: ['0', domain] },
    { name: `mail.${fq}`, ttl: DEFAULT_TTL, type: 'CNAME', data: [domain] },
    { name: `www.${fq}`, ttl: DEFAULT_TTL, type: 'CNAME', data: [domain] },
    a('ftp'),
    a('cpanel'),
    a('whm'),
    a('webmail'),
    a('webdisk'),
    { name: fq, ttl: DEFAULT_TTL, type: 'TXT', data: ['v=spf1 +a +mx +ip4:' + ip + ' ~all'] },
  ];
  return records;
}

/** Creates a zone from the standard template; fails when it exists. */
export function createZone(db: DB, domain: string, owner: string, ip: string, nowSeconds: number, ipv6?: string, template = 'standard'): void {
  const zone = domain.toLowerCase();
  if (getZone(db, zone)) throw faults.zoneExists(zone);
  const serial = nextSerial(0, nowSeconds);
  prepare(db, 'INSERT INTO whm_zone (domain, owner, serial, template) VALUES (?, ?, ?, ?)').run(zone, owner, serial, template);
  appendRecords(db, zone, templateRecords(db, zone, ip, serial, ipv6));
}

/** Rewrites a zone from the template (resetzone), keeping its owner and bumping the serial. */
export function resetZone(db: DB, domain: string, ip: string, nowSeconds: number): void {
  const row = getZone(db, domain)!;
  prepare(db, 'DELETE FROM whm_zone_record WHERE zone = ?').run(row.domain);
  const serial = nextSerial(row.serial, nowSeconds);
  prepare(db, 'UPDATE whm_zone SET serial = ? WHERE domain = ?').run(serial, row.domain);
  appendRecords(db, row.domain, templateRecords(db, row.domain, ip, serial));
}

export function deleteZone(db: DB, domain: string): boolean {
  return prepare(db, 'DELETE FROM whm_zone WHERE domain = ?').run(domain.toLowerCase()).changes > 0;
}

/** The address the zone's own name points at (its first A record), for resetzone. */
export function zoneAddress(entries: ZoneEntry[], zone: string): string | undefined {
  return entries.find((e) => e.type === 'A' && e.name === `${zone}.`)?.data[0];
}

/** The named fields dumpzone/getzonerecord show for a record type's rdata (WHM API 0/1 zone records). */
const FIELDS: Record<string, string[]> = {
  A: ['address'],
  AAAA: ['address'],
  CNAME: ['cname'],
  DNAME: ['dname'],
  NS: ['nsdname'],
  PTR: ['ptrdname'],
  MX: ['preference', 'exchange'],
  SRV: ['priority', 'weight', 'port', 'target'],
  CAA: ['flag', 'tag', 'value'],
  SOA: ['mname', 'rname', 'serial', 'refresh', 'retry', 'expire', 'minimum'],
};
const INT_FIELDS = new Set(['preference', 'priority', 'weight', 'port', 'flag']);

/** A zone line as dumpzone and getzonerecord show it: `Line`, name, class, ttl, type and the type's named fields. */
export function dumpRecord(e: ZoneEntry): Record<string, unknown> {
  if (e.type === ':RAW') return { Line: e.line, name: '', raw: e.data[0] ?? '', ttl: e.ttl, type: ':RAW' };
  if (e.type === '$TTL') return { Line: e.line, name: '', ttl: Number(e.data[0]), type: '$TTL' };
  const out: Record<string, unknown> = { Line: e.line, class: e.class, name: e.name, ttl: e.ttl, type: e.type };
  const fields = FIELDS[e.type];
  if (fields) fields.forEach((f, i) => (out[f] = INT_FIELDS.has(f) ? Number(e.data[i] ?? 0) : (e.data[i] ?? '')));
  else if (e.type === 'TXT' || e.type === 'SPF') {
    out.txtdata = e.data.join('');
  } else out.record = e.data.join(' ');
  if (e.type === 'SOA') out.Lines = e.lines;
  return out;
}

/** Positional rdata for a record sent with named fields (addzonerecord/editzonerecord), using the type's field list. */
export function dataFromFields(type: string, get: (field: string) => string | undefined): string[] | undefined {
  if (type === 'TXT' || type === 'SPF') {
    const txt = get('txtdata') ?? get('txt');
    return txt === undefined ? undefined : [txt];
  }
  const fields = FIELDS[type];
  if (!fields) {
    const raw = get('record') ?? get('address');
    return raw === undefined ? undefined : [raw];
  }
  const values = fields.map((f) => get(f) ?? (type === 'CNAME' && f === 'cname' ? get('address') : undefined));
  return values.some((v) => v === undefined) ? undefined : (values as string[]);
}

export function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** A zone line as parse_dns_zone shows it: base64 name and rdata, 0-based line_index. */
export function parsedEntry(e: ZoneEntry): Record<string, unknown> {
  const line_index = e.line - 1;
  // inferred: comment and control lines carry their text as text_b64, records their parts as in the documented sample.
  if (e.type === ':RAW') return { line_index, text_b64: b64(e.data[0] ?? ''), type: 'comment' };
  if (e.type === '$TTL') return { line_index, text_b64: b64(`$TTL ${e.data[0]}`), type: 'control' };
  return { line_index, type: 'record', data_b64: e.data.map(b64), dname_b64: b64(e.name), record_type: e.type, ttl: e.ttl };
}

/** Zones the caller may see: root all, a reseller those of its accounts. */
export function visibleZones(db: DB, owner?: string): ZoneRow[] {
  if (owner === undefined) return prepare<[], ZoneRow>(db, 'SELECT * FROM whm_zone ORDER BY domain').all();
  return prepare<[string, string], ZoneRow>(
    db,
    'SELECT * FROM whm_zone WHERE owner = ? OR owner IN (SELECT user FROM whm_account WHERE owner = ?) ORDER BY domain',
  ).all(owner, owner);
}

/** The zones an account user owns itself (the cPanel door: an account sees only its own). */
export function zonesOwnedBy(db: DB, user: string): ZoneRow[] {
  return prepare<[string], ZoneRow>(db, 'SELECT * FROM whm_zone WHERE owner = ? ORDER BY domain').all(user);
}

/** `name` with the zone's own name `from` at its end replaced by `to` (absolute `www.from.`, bare `from`); anything else unchanged. */
function swapped(name: string, from: string, to: string): string {
  for (const [old, now] of [
    [`${from}.`, `${to}.`],
    [from, to],
  ] as const) {
    if (name === old) return now;
    if (name.endsWith(`.${old}`)) return `${name.slice(0, -old.length)}${now}`;
  }
  return name;
}

/**
 * Moves a zone to a new name, as modifyacct does when an account's main
 * domain changes (seed 004, modifyacct `domain`/`DNS`): the zone row, every
 * record, the records' owner names and the targets that named the old
 * domain itself (`www` CNAME, MX), and the "Zone file for" comment follow; the
 * serial is bumped. The new zone row exists before the records move, so
 * the records' foreign key holds at every step. Inferred: cPanel documents
 * the domain change, not what it rewrites inside the zone.
 */
export function renameZone(db: DB, from: string, to: string, nowSeconds: number): void {
  const zone = getZone(db, from);
  if (!zone || getZone(db, to)) return;
  prepare(db, 'INSERT INTO whm_zone (domain, owner, serial, template) VALUES (?, ?, ?, ?)').run(to, zone.owner, zone.serial, zone.template);
  prepare(db, 'UPDATE whm_zone_record SET zone = ? WHERE zone = ?').run(to, from);
  prepare(db, 'DELETE FROM whm_zone WHERE domain = ?').run(from);
  const records = prepare<[string], { id: number; name: string; type: string; data: string }>(
    db,
    'SELECT id, name, type, data FROM whm_zone_record WHERE zone = ?',
  ).all(to);
  const update = prepare(db, 'UPDATE whm_zone_record SET name = ?, data = ? WHERE id = ?');
  for (const r of records) {
    const data = JSON.parse(r.data) as string[];
    // Targets change only where they are the domain itself: the server's nameservers and SOA contact stay as they are.
    const moved =
      r.type === ':RAW'
        ? data.map((line) => line.replace(`; Zone file for ${from}`, `; Zone file for ${to}`))
        : data.map((d) => (d === from || d === `${from}.` ? swapped(d, from, to) : d));
    update.run(swapped(r.name, from, to), JSON.stringify(moved), r.id);
  }
  bumpSerial(db, to, nowSeconds);
}
