import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithClient } from '../../../test/support/third-party.js';
import { sshKeygenRsa, whenKeyReady } from './ssh-keygen.js';

/** Reads the openssh-key-v1 container back (PROTOCOL.key): the public blob and the private section's fields. */
function parsePrivate(pem: string): { publicBlob: Buffer; fields: Buffer[]; padding: Buffer } {
  const body = Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, ''), 'base64');
  let at = 0;
  const u32 = () => ((at += 4), body.readUInt32BE(at - 4));
  const string = (from: Buffer = body) => {
    const len = from.readUInt32BE(at);
    at += 4 + len;
    return from.subarray(at - len, at);
  };
  expect(body.subarray(0, 15).toString('latin1')).toBe('openssh-key-v1\0');
  at = 15;
  expect([string().toString(), string().toString(), string().length, u32()]).toEqual(['none', 'none', 0, 1]);
  const publicBlob = string();
  const secret = string();
  at = 0;
  const check = [secret.readUInt32BE(0), secret.readUInt32BE(4)];
  expect(check[0]).toBe(check[1]);
  at = 8;
  const fields: Buffer[] = [];
  for (let i = 0; i < 8; i++) fields.push(string(secret));
  return { publicBlob, fields, padding: secret.subarray(at) };
}

const big = (b: Buffer) => BigInt(`0x${b.toString('hex') || '0'}`);
const b64u = (n: bigint) => Buffer.from(n.toString(16).padStart(Math.ceil(n.toString(16).length / 2) * 2, '0'), 'hex').toString('base64url');

describe('ssh-keygen -t rsa as ISPConfig runs it for a new client', () => {
  it('writes a 3072-bit RSA key pair whose halves belong together and sign', async () => {
    await whenKeyReady();
    const key = sshKeygenRsa('alice-rsa-key-1795349433');
    expect(key.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n([A-Za-z0-9+/=]{70}\n)+[A-Za-z0-9+/=]{1,70}\n-----END OPENSSH PRIVATE KEY-----\n$/);
    const [pubType, pubBase64, comment] = key.publicKey.trimEnd().split(' ');
    expect([pubType, comment, key.publicKey.endsWith('\n')]).toEqual(['ssh-rsa', 'alice-rsa-key-1795349433', true]);
    const { publicBlob, fields, padding } = parsePrivate(key.privateKey);
    expect(publicBlob.toString('base64')).toBe(pubBase64);
    const [type, nB, eB, dB, iqmpB, pB, qB, commentB] = fields as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
    expect([type.toString(), commentB.toString()]).toEqual(['ssh-rsa', 'alice-rsa-key-1795349433']);
    expect([...padding]).toEqual([...padding].map((_, i) => i + 1));
    const [n, e, d, iqmp, p, q] = [nB, eB, dB, iqmpB, pB, qB].map(big) as [bigint, bigint, bigint, bigint, bigint, bigint];
    expect(n.toString(2)).toHaveLength(3072);
    expect([e, p * q === n, (iqmp * q) % p]).toEqual([65537n, true, 1n]);
    // The key works: node signs with its parts and verifies with the public half.
    const jwk = { kty: 'RSA', n: b64u(n), e: b64u(e), d: b64u(d), p: b64u(p), q: b64u(q), dp: b64u(d % (p - 1n)), dq: b64u(d % (q - 1n)), qi: b64u(iqmp) };
    const signature = sign('sha256', Buffer.from('hello'), createPrivateKey({ key: jwk, format: 'jwk' }));
    expect(verify('sha256', Buffer.from('hello'), createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }), signature)).toBe(true);
  });

  it('gives every client its own modulus', async () => {
    const moduli = new Set<string>();
    for (let i = 0; i < 5; i++) {
      await whenKeyReady();
      moduli.add(sshKeygenRsa(`c${i}`).publicKey.split(' ')[1]!);
    }
    expect(moduli.size).toBe(5);
  });
});

describeWithClient(
  'the key pair as OpenSSH reads it',
  { command: 'sh', args: ['-c', 'command -v ssh-keygen'], install: 'apt-get install openssh-client (ssh-keygen)' },
  () => {
    it('ssh-keygen derives the same public key from the private one', async () => {
      await whenKeyReady();
      const key = sshKeygenRsa('bob-rsa-key-1');
      const dir = mkdtempSync(join(tmpdir(), 'mp-ssh-'));
      writeFileSync(join(dir, 'id_rsa'), key.privateKey, { mode: 0o600 });
      expect(execFileSync('ssh-keygen', ['-y', '-f', join(dir, 'id_rsa')], { encoding: 'utf8' }).trim()).toBe(key.publicKey.trimEnd());
    });
  },
);
