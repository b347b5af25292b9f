import { takeKey } from '../../../kernel/key-pool.js';
import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { ALGORITHMS, dsDigests, ecdsaKey, parsePrivateKey, rsaKey, type KeyMaterial } from '../dnssec-keys.js';
import { nameserverSoftware } from '../store/dns-server.js';
import {
  MAX_ZONE_KEYS,
  addZoneKey,
  disableDnssec,
  dnssecOf,
  enableDnssec,
  keyFlags,
  keyRdata,
  keyTagOf,
  removeZoneKey,
  setKeyActive,
  setNsec,
  zoneKey,
  zoneKeys,
  type DnssecKeyRow,
  type KeyType,
  type NsecDetails,
} from '../store/dnssec.js';
import { bumpSerial } from '../store/zones.js';
import { accessibleZone } from './dns.js';

/*
 * DNS Security (seed 004, "DNS / DNS Security"): enabling DNSSEC makes a
 * zone's keys (a KSK and a ZSK, or one CSK), publishes them as DNSKEY
 * records and answers DS records derived from them; the zone-key functions
 * act on the same keys by their per-zone `key_id`. Every function needs the
 * PowerDNS nameserver (set_nameserver).
 */

const NAMES: Record<string, string> = { bind: 'BIND', disabled: 'no nameserver' };

/** The zone named by `domain`, if the caller may edit it and the server runs PowerDNS. */
function dnsZone(call: WhmCall, domain: string): string {
  const software = nameserverSoftware(call.db);
  if (software !== 'powerdns') throw faults.dnssecNeedsPowerDns(NAMES[software] ?? software);
  return accessibleZone(call, domain).domain;
}

function signedZone(call: WhmCall, domain: string): string {
  const zone = dnsZone(call, domain);
  if (!dnssecOf(call.db, zone)) throw faults.dnssecNotEnabled(zone);
  return zone;
}

/** Every `domain` sent (domain, domain-1…, or repeated), lower case. */
function domains(call: WhmCall): string[] {
  const list = call.list('domain').map((d) => d.toLowerCase().replace(/\.$/, ''));
  if (!list.length) throw faults.missingParameter('domain');
  return list;
}

function choice(call: WhmCall, name: string, fallback: number, allowed: number[]): number {
  const v = call.int(name, fallback)!;
  if (!allowed.includes(v)) throw faults.invalidParameter(name, v, `one of ${allowed.join(', ')}`);
  return v;
}

/** The NSEC settings a call sends (enable_dnssec_for_domains, set_nsec3_for_domains), with the reference's defaults. */
function nsecSettings(call: WhmCall, nsec3: boolean): NsecDetails {
  if (!nsec3) return { nsec_version: 'NSEC' };
  const iterations = call.int('nsec3_iterations', 7)!;
  if (iterations < 1 || iterations > 500) throw faults.invalidParameter('nsec3_iterations', iterations, 'a whole number from 1 to 500');
  const salt = call.str('nsec3_salt') ?? '';
  // RFC 5155 §3.3: the salt is at most 255 octets, written in hex.
  if (!/^([0-9a-fA-F]{2}){0,255}$/.test(salt)) throw faults.invalidParameter('nsec3_salt', salt.slice(0, 40), 'a hexadecimal string');
  return {
    nsec3_hash_algo_desc: 'SHA-1',
    nsec3_hash_algo_num: 1,
    nsec3_iterations: iterations,
    nsec3_narrow: choice(call, 'nsec3_narrow', 1, [0, 1]),
    nsec3_opt_out: choice(call, 'nsec3_opt_out', 0, [0, 1]),
    nsec3_salt: salt.toLowerCase(),
    nsec_version: 'NSEC3',
  };
}

/** The `algo_num` sent: a number WHM lists; DSA (6) is listed but PowerDNS cannot make DSA keys (inferred from its supported-algorithms table). */
function algorithm(call: WhmCall, fallback?: number): number {
  const algo = fallback === undefined ? Number(call.required('algo_num')) : call.int('algo_num', fallback)!;
  if (!ALGORITHMS[algo]) throw faults.invalidParameter('algo_num', algo, 'one of 5, 7, 8, 10, 13 or 14');
  return algo;
}

/** A new key of the algorithm and size: ECDSA made here, RSA taken from the keys made before the call (key-needs.ts); undefined when none is left. */
function newKey(algo: number, bits: number): KeyMaterial | undefined {
  if (algo === 13 || algo === 14) return ecdsaKey(algo);
  const key = takeKey({ type: 'rsa', bits });
  return key && rsaKey(algo, key);
}

/** The RSA size of a key type (seed 004, add_zone_key `key_size` defaults: ksk 2048, zsk 1024). */
function rsaBits(type: KeyType): number {
  return type === 'ZSK' ? 1024 : 2048;
}

function enable_dnssec_for_domains(call: WhmCall): unknown {
  const algo = algorithm(call, 8);
  const setup = call.strOr('key_setup', 'classic');
  if (setup !== 'classic' && setup !== 'simple') throw faults.invalidParameter('key_setup', setup, 'classic or simple');
  const nsec = nsecSettings(call, call.bool('use_nsec3', true));
  const active = call.bool('active', true);
  const types: KeyType[] = setup === 'simple' ? ['CSK'] : ['KSK', 'ZSK'];
  return {
    domains: domains(call).map((domain) => {
      const zone = dnsZone(call, domain);
      if (dnssecOf(call.db, zone)) return { domain, enabled: 0, error: faults.dnssecAlreadyEnabled(zone).faultString };
      const keys = types.map((t) => newKey(algo, rsaBits(t)));
      if (keys.some((k) => !k)) return { domain, enabled: 0, error: faults.keyUnavailable(ALGORITHMS[algo].tag).faultString };
      enableDnssec(call.db, zone, nsec);
      // inferred: new_key_id names the last key made (the sample's "2" after a KSK with ID 1 and a ZSK).
      let id = 0;
      keys.forEach((k, i) => (id = addZoneKey(call.db, zone, types[i], k!, active, call.now())));
      bumpSerial(call.db, zone, call.now());
      return { domain, enabled: 1, new_key_id: String(id), nsec_version: nsec.nsec_version };
    }),
  };
}

function disable_dnssec_for_domains(call: WhmCall): unknown {
  return {
    domains: domains(call).map((domain) => {
      const zone = dnsZone(call, domain);
      if (!dnssecOf(call.db, zone)) return { disabled: 0, domain, error: faults.dnssecNotEnabled(zone).faultString };
      disableDnssec(call.db, zone);
      bumpSerial(call.db, zone, call.now());
      return { disabled: 1, domain };
    }),
  };
}

/** A key as fetch_ds_records_for_domains shows it (seed 004 sample); DS digests only for keys that sign keys (KSK, CSK). */
function keyRecord(zone: string, k: DnssecKeyRow): Record<string, unknown> {
  const info = ALGORITHMS[k.algo];
  return {
    active: k.active,
    algo_desc: info.desc,
    algo_num: k.algo,
    algo_tag: info.tag,
    bits: k.bits,
    created: k.created,
    ...(k.key_type === 'ZSK' ? {} : { digests: dsDigests(zone, keyRdata(k)) }),
    flags: keyFlags(k.key_type),
    key_id: k.id,
    key_tag: keyTagOf(k),
    key_type: k.key_type,
    privatekey: k.private_key,
  };
}

function fetch_ds_records_for_domains(call: WhmCall): unknown {
  return {
    domains: domains(call).map((domain) => {
      const zone = dnsZone(call, domain);
      const nsec = dnssecOf(call.db, zone);
      // inferred: a zone without DNSSEC has no keys to show.
      if (!nsec) return { domain, ds_records: { keys: {} } };
      const keys = Object.fromEntries(zoneKeys(call.db, zone).map((k) => [String(keyTagOf(k)), keyRecord(zone, k)]));
      return { domain, ds_records: { keys, nsec_details: nsec } };
    }),
  };
}

function keyArg(call: WhmCall): { zone: string; key: DnssecKeyRow } {
  const zone = signedZone(call, call.required('domain'));
  const id = call.int('key_id')!;
  const key = zoneKey(call.db, zone, id);
  if (!key) throw faults.noSuchZoneKey(zone, id);
  return { zone, key };
}

/** The `key_type` sent, which the reference wants in lower case (seed 004, add_zone_key/import_zone_key). */
function keyType(call: WhmCall): KeyType {
  const type = call.required('key_type');
  if (type !== 'ksk' && type !== 'zsk') throw faults.invalidParameter('key_type', type, 'ksk or zsk (lower case)');
  return type === 'ksk' ? 'KSK' : 'ZSK';
}

/** Stores a key; a zone without DNSSEC gets it turned on with NSEC, as pdnsutil add-zone-key signs an unsigned zone (inferred from its documentation). */
function storeKey(call: WhmCall, zone: string, type: KeyType, key: KeyMaterial, active: boolean): number {
  if (!dnssecOf(call.db, zone)) enableDnssec(call.db, zone, { nsec_version: 'NSEC' });
  if (zoneKeys(call.db, zone).length >= MAX_ZONE_KEYS) throw faults.zoneKeysFull(MAX_ZONE_KEYS);
  const id = addZoneKey(call.db, zone, type, key, active, call.now());
  bumpSerial(call.db, zone, call.now());
  return id;
}

function add_zone_key(call: WhmCall): unknown {
  const zone = dnsZone(call, call.required('domain'));
  const algo = algorithm(call);
  const type = keyType(call);
  const info = ALGORITHMS[algo];
  const bits = call.int('key_size', info.curve ? info.curve.bytes * 8 : rsaBits(type))!;
  const allowed = info.curve ? [info.curve.bytes * 8] : [1024, 2048];
  if (!allowed.includes(bits)) throw faults.invalidParameter('key_size', bits, `${allowed.join(' or ')} for algorithm ${algo}`);
  const key = newKey(algo, bits);
  if (!key) throw faults.keyUnavailable(info.tag);
  return { new_key_id: String(storeKey(call, zone, type, key, call.bool('active', true))) };
}

function import_zone_key(call: WhmCall): unknown {
  const zone = dnsZone(call, call.required('domain'));
  const type = keyType(call);
  const key = parsePrivateKey(call.required('key_data'));
  if (typeof key === 'string') throw faults.zoneKeyInvalid(key);
  return { import_key_id: storeKey(call, zone, type, key, true) };
}

function changeKey(call: WhmCall, change: (zone: string, key: DnssecKeyRow) => void): unknown {
  const { zone, key } = keyArg(call);
  change(zone, key);
  bumpSerial(call.db, zone, call.now());
  return undefined;
}

function set_nsec3_for_domains(call: WhmCall): unknown {
  for (const name of ['nsec3_iterations', 'nsec3_narrow', 'nsec3_opt_out', 'nsec3_salt']) if (!call.sent(name)) throw faults.missingParameter(name);
  const nsec = nsecSettings(call, true);
  return {
    domains: domains(call).map((domain) => {
      const zone = dnsZone(call, domain);
      if (!dnssecOf(call.db, zone)) return { domain, enabled: 0, error: faults.dnssecNotEnabled(zone).faultString };
      setNsec(call.db, zone, nsec);
      return { domain, enabled: 1 };
    }),
  };
}

function unset_nsec3_for_domains(call: WhmCall): unknown {
  return {
    domains: domains(call).map((domain) => {
      const zone = dnsZone(call, domain);
      if (!dnssecOf(call.db, zone)) return { disabled: 0, domain, error: faults.dnssecNotEnabled(zone).faultString };
      setNsec(call.db, zone, { nsec_version: 'NSEC' });
      return { disabled: 1, domain };
    }),
  };
}

export const dnssecMethods = defineMethods<WhmCall>({
  enable_dnssec_for_domains: { acl: 'edit-dns', run: enable_dnssec_for_domains },
  disable_dnssec_for_domains: { acl: 'edit-dns', run: disable_dnssec_for_domains },
  fetch_ds_records_for_domains: { acl: 'edit-dns', run: fetch_ds_records_for_domains },
  add_zone_key: { acl: 'edit-dns', run: add_zone_key },
  import_zone_key: { acl: 'edit-dns', run: import_zone_key },
  remove_zone_key: { acl: 'edit-dns', run: (call) => changeKey(call, (zone, k) => removeZoneKey(call.db, zone, k.id)) },
  activate_zone_key: { acl: 'edit-dns', run: (call) => changeKey(call, (zone, k) => setKeyActive(call.db, zone, k.id, true)) },
  deactivate_zone_key: { acl: 'edit-dns', run: (call) => changeKey(call, (zone, k) => setKeyActive(call.db, zone, k.id, false)) },
  // The export answers name the key (seed 004 samples); export_zone_key also carries the key's text, which import_zone_key takes back (inferred).
  export_zone_key: {
    acl: 'edit-dns',
    run: (call) => {
      const { key } = keyArg(call);
      return { key_data: key.private_key, key_tag: keyTagOf(key), key_type: key.key_type };
    },
  },
  export_zone_dnskey: {
    acl: 'edit-dns',
    run: (call) => {
      const { key } = keyArg(call);
      return { dnskey: key.public_key, key_id: key.id };
    },
  },
  set_nsec3_for_domains: { acl: 'edit-dns', run: set_nsec3_for_domains },
  unset_nsec3_for_domains: { acl: 'edit-dns', run: unset_nsec3_for_domains },
});
