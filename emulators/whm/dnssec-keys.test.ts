import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dnskeyRdata, dsDigests, ecdsaKey, keyTag, parsePrivateKey, rsaKey } from './dnssec-keys.js';

// The DNSKEY of dskey.example.com from RFC 4034 §5.4 (and RFC 4509 §2.3), with its published key tag and DS digests.
const RFC_KEY =
  'AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==';

describe('DNSSEC key material', () => {
  it('computes the RFC 4034 §5.4 key tag and the RFC 4034 / RFC 4509 DS digests', () => {
    const rdata = dnskeyRdata(256, 5, RFC_KEY);
    expect(keyTag(rdata)).toBe(60485);
    const digests = Object.fromEntries(dsDigests('dskey.example.com', rdata).map((d) => [d.algo_num, d.digest.toUpperCase()]));
    expect(digests[1]).toBe('2BB183AF5F22588179A53B0A98631FAD1A292118');
    expect(digests[2]).toBe('D4B7D520E7BB5F0F67674A0CCEB1E3E0614B93C4F9E99B8383F6A1E4469DA50A');
    // The owner name is hashed in canonical (lower-case) form.
    expect(dsDigests('DSKEY.Example.COM.', rdata)[1].digest.toUpperCase()).toBe(digests[2]);
  });

  it('reads back the public key of an ECDSA key from its private-key text', () => {
    for (const algo of [13, 14] as const) {
      const made = ecdsaKey(algo);
      expect(Buffer.from(made.publicKey, 'base64').length).toBe(algo === 13 ? 64 : 96);
      const read = parsePrivateKey(made.privateKey);
      expect(read).toMatchObject({ algo, publicKey: made.publicKey, bits: made.bits });
    }
  });

  it('writes an RSA key as RFC 3110 public key and BIND private text, and reads it back', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const made = rsaKey(8, privateKey);
    expect(made.bits).toBe(1024);
    expect(made.privateKey).toMatch(/^Private-key-format: v1.2\nAlgorithm: 8 \(RSASHA256\)\nModulus: /);
    // RFC 3110 §2: one length octet (3), the exponent 65537, then the 128-byte modulus.
    expect(Buffer.from(made.publicKey, 'base64').subarray(0, 4)).toEqual(Buffer.from([3, 1, 0, 1]));
    expect(parsePrivateKey(made.privateKey)).toMatchObject({ algo: 8, publicKey: made.publicKey });
  });

  it('refuses key text that is not a key, in words', () => {
    expect(parsePrivateKey('hello')).toMatch(/Private-key-format/);
    expect(parsePrivateKey('Private-key-format: v1.2\nAlgorithm: 6 (DSA)\n')).toMatch(/algorithm/);
    expect(parsePrivateKey('Private-key-format: v1.2\nAlgorithm: 13 (ECDSAP256SHA256)\nPrivateKey: AAAA\n')).toMatch(/32 bytes/);
    expect(parsePrivateKey('x'.repeat(9000))).toMatch(/too long/);
  });
});
