import { generateKeyPair, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

// What `ssh-keygen -t rsa -C <user>-rsa-key-<time> -f <file> -N ""` writes for a new client
// (interface/lib/classes/functions.inc.php:495, ISPConfig 3.2.11, AVENTER-UG/ispconfig3@3.2.11):
// OpenSSH's default 3072-bit RSA key, the private key in the openssh-key-v1 format without a
// passphrase, the public key as one `ssh-rsa <base64> <comment>\n` line.
//
// RSA key generation costs 0.2–1 s of CPU, far beyond what one call may hold the event loop.
// Key material therefore comes from a small pool filled by node's asynchronous generateKeyPair
// (libuv's thread pool); `whenKeyReady` lets the door wait for a key before a `client_add` is
// served, so the handler itself only encodes (well under a millisecond).

const BITS = 3072;
/** Keys kept ready: enough for a burst of client_add calls while the pool refills. */
const POOL_TARGET = 2;

interface RsaParts {
  n: Buffer;
  e: Buffer;
  d: Buffer;
  p: Buffer;
  q: Buffer;
  qi: Buffer;
}

const pool: RsaParts[] = [];
let inFlight = 0;
const waiters: (() => void)[] = [];

function partsOf(key: KeyObject): RsaParts {
  const jwk = key.export({ format: 'jwk' });
  const b = (v: string | undefined) => Buffer.from(v ?? '', 'base64url');
  return { n: b(jwk.n), e: b(jwk.e), d: b(jwk.d), p: b(jwk.p), q: b(jwk.q), qi: b(jwk.qi) };
}

function refill(): void {
  while (pool.length + inFlight < POOL_TARGET) {
    inFlight++;
    generateKeyPair('rsa', { modulusLength: BITS, publicExponent: 0x10001 }, (error, _pub, priv) => {
      inFlight--;
      if (!error) pool.push(partsOf(priv));
      // On an error the waiters go on too: the handler then generates (and reports) synchronously.
      while (waiters.length && (pool.length || error)) waiters.shift()!();
    });
  }
}

/** Resolves once a key pair is ready (at once when one is); starts filling the pool. */
export function whenKeyReady(): Promise<void> {
  if (pool.length) {
    refill();
    return Promise.resolve();
  }
  const ready = new Promise<void>((resolve) => waiters.push(resolve));
  refill();
  return ready;
}

/** Takes a pooled key, generating one synchronously only when concurrent calls emptied the pool. */
function takeKey(): RsaParts {
  const parts = pool.shift() ?? partsOf(generateKeyPairSync('rsa', { modulusLength: BITS, publicExponent: 0x10001 }).privateKey);
  refill();
  return parts;
}

/** SSH wire `string`: uint32 length + bytes. */
function sshString(data: Buffer | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/** SSH `mpint`: big-endian two's complement, a leading zero byte when the top bit is set (RFC 4251 §5). */
function mpint(unsigned: Buffer): Buffer {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const trimmed = unsigned.subarray(start);
  return sshString(trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.join('\n');
}

/** The two files ssh-keygen writes: `id_rsa` (openssh-key-v1, PROTOCOL.key) and `id_rsa.pub`. */
export function sshKeygenRsa(comment: string): { privateKey: string; publicKey: string } {
  const k = takeKey();
  const publicBlob = Buffer.concat([sshString('ssh-rsa'), mpint(k.e), mpint(k.n)]);
  const check = randomBytes(4);
  let secret = Buffer.concat([check, check, sshString('ssh-rsa'), mpint(k.n), mpint(k.e), mpint(k.d), mpint(k.qi), mpint(k.p), mpint(k.q), sshString(comment)]);
  // Padded with 1, 2, 3… to the cipher block size, 8 for "none".
  const pad = (8 - (secret.length % 8)) % 8;
  secret = Buffer.concat([secret, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const count = Buffer.alloc(4);
  count.writeUInt32BE(1);
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), sshString('none'), sshString('none'), sshString(''), count, sshString(publicBlob), sshString(secret)]);
  return {
    privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${wrap(body.toString('base64'), 70)}\n-----END OPENSSH PRIVATE KEY-----\n`,
    publicKey: `ssh-rsa ${publicBlob.toString('base64')} ${comment}\n`,
  };
}
