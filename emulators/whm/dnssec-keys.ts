import { createECDH, createHash, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';

/*
 * DNSSEC key material as PowerDNS keeps it and WHM shows it: the DNSKEY
 * public key field (RFC 3110 for RSA, RFC 6605 for ECDSA), the key tag
 * (RFC 4034 Appendix B), DS digests over owner name and DNSKEY RDATA
 * (RFC 4034 §5.1.4, RFC 4509 for SHA-256, RFC 6605 for SHA-384), and the
 * BIND "Private-key-format: v1.2" text that export_zone_key and
 * fetch_ds_records_for_domains' `privatekey` carry (seed 004 sample).
 */

export interface AlgorithmInfo {
  tag: string;
  desc: string;
  rsa: boolean;
  /** ECDSA: the curve and its public key length. */
  curve?: { name: string; bytes: number };
}

// The numbers and descriptions of seed 004 enable_dnssec_for_domains `algo_num`; tags as PowerDNS and BIND name them (RFC 8624 §3.1 table).
export const ALGORITHMS: Record<number, AlgorithmInfo> = {
  5: { tag: 'RSASHA1', desc: 'RSA/SHA-1', rsa: true },
  7: { tag: 'RSASHA1-NSEC3-SHA1', desc: 'RSASHA1-NSEC3-SHA1', rsa: true },
  8: { tag: 'RSASHA256', desc: 'RSA/SHA-256', rsa: true },
  10: { tag: 'RSASHA512', desc: 'RSA/SHA-512', rsa: true },
  13: { tag: 'ECDSAP256SHA256', desc: 'ECDSA Curve P-256 with SHA-256', rsa: false, curve: { name: 'prime256v1', bytes: 32 } },
  14: { tag: 'ECDSAP384SHA384', desc: 'ECDSA Curve P-384 with SHA-384', rsa: false, curve: { name: 'secp384r1', bytes: 48 } },
};

/** A key's public half and its private text, ready to store. */
export interface KeyMaterial {
  algo: number;
  bits: number;
  /** The DNSKEY public key field, base64. */
  publicKey: string;
  privateKey: string;
}

const b64 = (b: Buffer): string => b.toString('base64');
const fromJwk = (v: string | undefined): Buffer => Buffer.from(v ?? '', 'base64url');

function privateText(algo: number, fields: [string, Buffer][]): string {
  const head = `Private-key-format: v1.2\nAlgorithm: ${algo} (${ALGORITHMS[algo].tag})\n`;
  return head + fields.map(([name, value]) => `${name}: ${b64(value)}\n`).join('');
}

/** RFC 3110 §2: exponent length, exponent, modulus. */
function rsaPublicField(e: Buffer, n: Buffer): Buffer {
  const len = e.length < 256 ? Buffer.from([e.length]) : Buffer.from([0, e.length >> 8, e.length & 0xff]);
  return Buffer.concat([len, e, n]);
}

/** An ECDSA key made here (sub-millisecond). */
export function ecdsaKey(algo: 13 | 14): KeyMaterial {
  const curve = ALGORITHMS[algo].curve!;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: curve.name });
  const jwk = privateKey.export({ format: 'jwk' }) as JsonWebKey;
  return {
    algo,
    bits: curve.bytes * 8,
    publicKey: b64(Buffer.concat([fromJwk(jwk.x), fromJwk(jwk.y)])),
    privateKey: privateText(algo, [['PrivateKey', fromJwk(jwk.d)]]),
  };
}

/** An RSA key (made ahead in the key pool) as DNSSEC material. */
export function rsaKey(algo: number, privateKey: KeyObject): KeyMaterial {
  const jwk = privateKey.export({ format: 'jwk' }) as JsonWebKey;
  const n = fromJwk(jwk.n);
  return {
    algo,
    bits: n.length * 8,
    publicKey: b64(rsaPublicField(fromJwk(jwk.e), n)),
    privateKey: privateText(algo, [
      ['Modulus', n],
      ['PublicExponent', fromJwk(jwk.e)],
      ['PrivateExponent', fromJwk(jwk.d)],
      ['Prime1', fromJwk(jwk.p)],
      ['Prime2', fromJwk(jwk.q)],
      ['Exponent1', fromJwk(jwk.dp)],
      ['Exponent2', fromJwk(jwk.dq)],
      ['Coefficient', fromJwk(jwk.qi)],
    ]),
  };
}

const MAX_PRIVATE_TEXT = 8192;

/**
 * The key in a "Private-key-format" text (import_zone_key `key_data`), or a
 * sentence saying what is wrong with it. The public half is derived: RSA
 * from Modulus/PublicExponent, ECDSA from the private scalar.
 */
export function parsePrivateKey(text: string): KeyMaterial | string {
  if (text.length > MAX_PRIVATE_TEXT) return 'The key data is too long.';
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z0-9-]+):\s*(.*?)\s*$/.exec(line);
    if (m) fields.set(m[1], m[2]);
  }
  if (!fields.get('Private-key-format')?.startsWith('v1.')) return 'The key data is not in the “Private-key-format: v1.2” form.';
  const algo = Number(/^(\d+)/.exec(fields.get('Algorithm') ?? '')?.[1]);
  const info = ALGORITHMS[algo];
  if (!info) return `The key’s algorithm (${fields.get('Algorithm') ?? 'none'}) is not one this server supports.`;
  const field = (name: string) => Buffer.from(fields.get(name) ?? '', 'base64');
  if (info.rsa) {
    const n = field('Modulus');
    const e = field('PublicExponent');
    if (n.length < 64 || n.length > 512 || !e.length) return 'The RSA key data lacks a valid Modulus or PublicExponent.';
    return { algo, bits: n.length * 8, publicKey: b64(rsaPublicField(e, n)), privateKey: text.trim() + '\n' };
  }
  const d = field('PrivateKey');
  if (d.length !== info.curve!.bytes) return `The ECDSA key data’s PrivateKey is not ${info.curve!.bytes} bytes long.`;
  try {
    const ecdh = createECDH(info.curve!.name);
    ecdh.setPrivateKey(d);
    return { algo, bits: info.curve!.bytes * 8, publicKey: b64(ecdh.getPublicKey().subarray(1)), privateKey: text.trim() + '\n' };
  } catch {
    return 'The ECDSA key data’s PrivateKey is not a valid key.';
  }
}

/** The DNSKEY RDATA: flags, protocol 3, algorithm, public key (RFC 4034 §2.1). */
export function dnskeyRdata(flags: number, algo: number, publicKey: string): Buffer {
  return Buffer.concat([Buffer.from([flags >> 8, flags & 0xff, 3, algo]), Buffer.from(publicKey, 'base64')]);
}

/** RFC 4034 Appendix B. */
export function keyTag(rdata: Buffer): number {
  let ac = 0;
  for (let i = 0; i < rdata.length; i++) ac += i & 1 ? rdata[i] : rdata[i] << 8;
  ac += (ac >> 16) & 0xffff;
  return ac & 0xffff;
}

/** A domain name in canonical wire form (RFC 4034 §6.2: lower case, length-prefixed labels). */
function ownerWire(zone: string): Buffer {
  const labels = zone.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'ascii')])), Buffer.from([0])]);
}

// The digest types fetch_ds_records_for_domains lists (seed 004 sample: SHA-1, SHA-256, SHA-384).
const DIGESTS: [number, string, string][] = [
  [1, 'SHA-1', 'sha1'],
  [2, 'SHA-256', 'sha256'],
  [4, 'SHA-384', 'sha384'],
];

/** The DS digests of a key: hash(owner name | DNSKEY RDATA) for each digest type. */
export function dsDigests(zone: string, rdata: Buffer): { algo_desc: string; algo_num: number; digest: string }[] {
  const data = Buffer.concat([ownerWire(zone), rdata]);
  return DIGESTS.map(([algo_num, algo_desc, hash]) => ({ algo_desc, algo_num, digest: createHash(hash).update(data).digest('hex') }));
}
