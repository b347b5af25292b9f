import { prepare, type DB } from '../../../state/database.js';
import { dnskeyRdata, keyTag, type KeyMaterial } from '../dnssec-keys.js';
import { appendRecords, deleteRecord, zoneEntries } from './zones.js';

/*
 * DNSSEC per zone, as PowerDNS keeps it for cPanel: whether the zone is
 * signed (a whm_dnssec_zone row with its NSEC/NSEC3 settings) and its keys,
 * numbered per zone from 1 (seed 004 `key_id`). The active keys are
 * published as DNSKEY records at the zone's apex, so dumpzone shows them;
 * the rows go with the zone (foreign keys), so killdns and removeacct take
 * them along.
 */

export type KeyType = 'KSK' | 'ZSK' | 'CSK';

/** NSEC settings as fetch_ds_records_for_domains shows them (`nsec_details`, seed 004 sample). */
export interface NsecDetails {
  nsec_version: 'NSEC' | 'NSEC3';
  nsec3_hash_algo_desc?: string;
  nsec3_hash_algo_num?: number;
  nsec3_iterations?: number;
  nsec3_narrow?: number;
  nsec3_opt_out?: number;
  nsec3_salt?: string;
}

export interface DnssecKeyRow {
  zone: string;
  id: number;
  key_type: KeyType;
  algo: number;
  bits: number;
  active: number;
  created: number;
  public_key: string;
  private_key: string;
}

/** Most keys one zone keeps (a call's work stays bounded). */
export const MAX_ZONE_KEYS = 20;
// inferred: PowerDNS gives DNSKEY records the zone's default TTL; cPanel zones use 14400 (zones.ts).
const DNSKEY_TTL = 14400;

/** KSKs and CSKs sign keys (flag 257, SEP), ZSKs only zones (256): RFC 4034 §2.1.1. */
export function keyFlags(type: KeyType): number {
  return type === 'ZSK' ? 256 : 257;
}

export function keyRdata(key: DnssecKeyRow): Buffer {
  return dnskeyRdata(keyFlags(key.key_type), key.algo, key.public_key);
}

export function keyTagOf(key: DnssecKeyRow): number {
  return keyTag(keyRdata(key));
}

/** The zone's NSEC settings when DNSSEC is on, else undefined. */
export function dnssecOf(db: DB, zone: string): NsecDetails | undefined {
  const row = prepare<[string], { nsec: string }>(db, 'SELECT nsec FROM whm_dnssec_zone WHERE zone = ?').get(zone);
  return row ? (JSON.parse(row.nsec) as NsecDetails) : undefined;
}

/** Turns DNSSEC on for a zone (no keys yet). */
export function enableDnssec(db: DB, zone: string, nsec: NsecDetails): void {
  prepare(db, 'INSERT INTO whm_dnssec_zone (zone, nsec) VALUES (?, ?)').run(zone, JSON.stringify(nsec));
}

export function setNsec(db: DB, zone: string, nsec: NsecDetails): void {
  prepare(db, 'UPDATE whm_dnssec_zone SET nsec = ? WHERE zone = ?').run(JSON.stringify(nsec), zone);
}

/** Turns DNSSEC off: the keys and their DNSKEY records go. */
export function disableDnssec(db: DB, zone: string): void {
  prepare(db, 'DELETE FROM whm_dnssec_zone WHERE zone = ?').run(zone);
  publishKeys(db, zone);
}

export function zoneKeys(db: DB, zone: string): DnssecKeyRow[] {
  return prepare<[string], DnssecKeyRow>(db, 'SELECT * FROM whm_dnssec_key WHERE zone = ? ORDER BY id').all(zone);
}

export function zoneKey(db: DB, zone: string, id: number): DnssecKeyRow | undefined {
  return prepare<[string, number], DnssecKeyRow>(db, 'SELECT * FROM whm_dnssec_key WHERE zone = ? AND id = ?').get(zone, id);
}

/** Stores a new key for a zone whose DNSSEC is on; returns its id. */
export function addZoneKey(db: DB, zone: string, type: KeyType, key: KeyMaterial, active: boolean, created: number): number {
  const { next_key_id: id } = prepare<[string], { next_key_id: number }>(db, 'SELECT next_key_id FROM whm_dnssec_zone WHERE zone = ?').get(zone)!;
  prepare(db, 'UPDATE whm_dnssec_zone SET next_key_id = ? WHERE zone = ?').run(id + 1, zone);
  prepare(db, 'INSERT INTO whm_dnssec_key (zone, id, key_type, algo, bits, active, created, public_key, private_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    zone,
    id,
    type,
    key.algo,
    key.bits,
    active ? 1 : 0,
    created,
    key.publicKey,
    key.privateKey,
  );
  publishKeys(db, zone);
  return id;
}

export function setKeyActive(db: DB, zone: string, id: number, active: boolean): void {
  prepare(db, 'UPDATE whm_dnssec_key SET active = ? WHERE zone = ? AND id = ?').run(active ? 1 : 0, zone, id);
  publishKeys(db, zone);
}

export function removeZoneKey(db: DB, zone: string, id: number): void {
  prepare(db, 'DELETE FROM whm_dnssec_key WHERE zone = ? AND id = ?').run(zone, id);
  publishKeys(db, zone);
}

/** Rewrites the zone's apex DNSKEY records to the active keys (none when DNSSEC is off). */
function publishKeys(db: DB, zone: string): void {
  const apex = `${zone}.`;
  for (const e of zoneEntries(db, zone)) if (e.type === 'DNSKEY' && e.name === apex) deleteRecord(db, e.id);
  const active = zoneKeys(db, zone).filter((k) => k.active);
  appendRecords(
    db,
    zone,
    active.map((k) => ({ name: apex, ttl: DNSKEY_TTL, type: 'DNSKEY', data: [String(keyFlags(k.key_type)), '3', String(k.algo), k.public_key] })),
  );
}
