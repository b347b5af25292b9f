import { createHash, createHmac, createCipheriv, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { KeySpec } from '../../kernel/key-pool.js';
import { mpint, sshString } from '../core/ssh-wire.js';

/*
 * Real SSH key pairs for generatesshkeypair and convertopensshtoputty
 * (seed 004, "Authentication / SSH Keys and Connections"). WHM runs
 * ssh-keygen (Cpanel::SSH::_genkey) for RSA ("rsa2") or DSA keys; the
 * private key is kept as OpenSSH reads it (PEM: PKCS#1 for RSA, PKCS#8 for
 * DSA, encrypted with the passphrase when one is given), the public key as
 * the one-line `ssh-rsa AAAA… comment` of a .pub file.
 *
 * Key generation takes 50 ms to seconds of CPU (RSA-4096, DSA parameters):
 * the keys come from the key pool (kernel/key-pool.ts), made before the call
 * by the panel's `prepare` (key-needs.ts).
 */

/**
 * The key a generatesshkeypair request asks for: `algorithm` rsa2 (the
 * default, "the system's default algorithm") or dsa, `bits` 4096 for RSA
 * and 1024 for DSA by default (seed 004, generatesshkeypair `bits`).
 * Undefined when the request is not one WHM would run (checked again by the handler).
 */
export function keySpec(algorithm: string | undefined, bits: string | undefined): KeySpec | undefined {
  const type = !algorithm || algorithm === 'rsa2' || algorithm === 'rsa' ? 'rsa' : algorithm === 'dsa' ? 'dsa' : undefined;
  if (!type) return undefined;
  const n = bits === undefined || bits === '' ? (type === 'rsa' ? 4096 : 1024) : Number(bits);
  // OpenSSH's ssh-keygen makes DSA keys of 1024 bits only; the reference lists 1024, 2048 and 4096.
  if (type === 'dsa' ? n !== 1024 : ![1024, 2048, 4096].includes(n)) return undefined;
  return { type, bits: n };
}

// --- encodings ------------------------------------------------------------------------------

/** The INTEGERs of a DER SEQUENCE, depth-first (enough to read DSA's p, q, g, y and x from SPKI / PKCS#8). */
function derIntegers(der: Buffer): Buffer[] {
  const out: Buffer[] = [];
  const walk = (start: number, end: number, depth: number) => {
    let i = start;
    while (i < end && depth < 8) {
      const tag = der[i]!;
      let len = der[i + 1]!;
      let head = 2;
      if (len & 0x80) {
        const n = len & 0x7f;
        len = 0;
        for (let k = 0; k < n; k++) len = len * 256 + der[i + 2 + k]!;
        head = 2 + n;
      }
      const body = i + head;
      if (tag === 0x02) out.push(der.subarray(body, body + len));
      else if (tag === 0x30) walk(body, body + len, depth + 1);
      // BIT STRING (skip its unused-bits byte) and OCTET STRING wrap the key itself.
      else if (tag === 0x03) walk(body + 1, body + len, depth + 1);
      else if (tag === 0x04) walk(body, body + len, depth + 1);
      i = body + len;
    }
  };
  walk(0, der.length, 0);
  return out;
}

const b64u = (s: string | undefined) => Buffer.from(s ?? '', 'base64url');

/** The parts of a private key as SSH and PuTTY encode them. */
interface KeyParts {
  type: 'ssh-rsa' | 'ssh-dss';
  publicBlob: Buffer;
  /** PuTTY's private blob: RSA d, p, q, iqmp; DSA x. */
  privateBlob: Buffer;
}

function keyParts(key: KeyObject): KeyParts {
  if (key.asymmetricKeyType === 'rsa') {
    const j = key.export({ format: 'jwk' });
    return {
      type: 'ssh-rsa',
      publicBlob: Buffer.concat([sshString('ssh-rsa'), mpint(b64u(j.e)), mpint(b64u(j.n))]),
      privateBlob: Buffer.concat([mpint(b64u(j.d)), mpint(b64u(j.p)), mpint(b64u(j.q)), mpint(b64u(j.qi))]),
    };
  }
  // DSA: SPKI holds p, q, g then y; PKCS#8 holds p, q, g then x.
  const [p, q, g, y] = derIntegers(createPublicKey(key).export({ type: 'spki', format: 'der' }));
  const x = derIntegers(key.export({ type: 'pkcs8', format: 'der' }))[4];
  return {
    type: 'ssh-dss',
    publicBlob: Buffer.concat([sshString('ssh-dss'), mpint(p!), mpint(q!), mpint(g!), mpint(y!)]),
    privateBlob: mpint(x!),
  };
}

/** The private key file as ssh-keygen -m PEM writes it, encrypted (AES-128-CBC, OpenSSL's traditional PEM) when a passphrase is given. */
export function privateKeyPem(key: KeyObject, passphrase: string): string {
  const encryption = passphrase ? { cipher: 'aes-128-cbc', passphrase } : {};
  return key.export({ type: key.asymmetricKeyType === 'rsa' ? 'pkcs1' : 'pkcs8', format: 'pem', ...encryption }).toString();
}

/** The .pub file's line: `ssh-rsa AAAA… comment`. */
export function publicKeyLine(key: KeyObject, comment: string): string {
  const parts = keyParts(key);
  return `${parts.type} ${parts.publicBlob.toString('base64')}${comment ? ` ${comment}` : ''}`;
}

/** The key in a stored private key file, or undefined when it is not one or the passphrase does not open it. */
export function readPrivateKey(pem: string, passphrase: string): KeyObject | undefined {
  try {
    const key = createPrivateKey({ key: pem, format: 'pem', passphrase });
    return key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'dsa' ? key : undefined;
  } catch {
    return undefined;
  }
}

function lines64(data: Buffer): string[] {
  const text = data.toString('base64');
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 64) out.push(text.slice(i, i + 64));
  return out;
}

/**
 * The key as a PuTTY private key file, version 2 (the format of the
 * reference's sample, documented in PuTTY's sshpubk.c): the private blob
 * encrypted with AES-256-CBC under a key derived from the passphrase by
 * SHA-1 when there is one, and an HMAC-SHA-1 over every field keyed by
 * SHA-1("putty-private-key-file-mac-key" + passphrase).
 */
export function puttyKeyFile(key: KeyObject, passphrase: string, comment: string): string {
  const parts = keyParts(key);
  const encryption = passphrase ? 'aes256-cbc' : 'none';
  let priv = parts.privateBlob;
  if (passphrase) {
    // Padded to the cipher block with the start of the blob's SHA-1, as PuTTY does.
    const pad = 16 - (priv.length % 16);
    priv = Buffer.concat([priv, createHash('sha1').update(priv).digest().subarray(0, pad)]);
  }
  const macKey = createHash('sha1').update(`putty-private-key-file-mac-key${passphrase}`).digest();
  const mac = createHmac('sha1', macKey)
    .update(Buffer.concat([sshString(parts.type), sshString(encryption), sshString(comment), sshString(parts.publicBlob), sshString(priv)]))
    .digest('hex');
  if (passphrase) {
    const seq = (n: number) =>
      createHash('sha1')
        .update(Buffer.from([0, 0, 0, n]))
        .update(passphrase)
        .digest();
    const cipher = createCipheriv('aes-256-cbc', Buffer.concat([seq(0), seq(1)]).subarray(0, 32), Buffer.alloc(16));
    cipher.setAutoPadding(false);
    priv = Buffer.concat([cipher.update(priv), cipher.final()]);
  }
  const pub = lines64(parts.publicBlob);
  const privLines = lines64(priv);
  return [
    `PuTTY-User-Key-File-2: ${parts.type}`,
    `Encryption: ${encryption}`,
    `Comment: ${comment}`,
    `Public-Lines: ${pub.length}`,
    ...pub,
    `Private-Lines: ${privLines.length}`,
    ...privLines,
    `Private-MAC: ${mac}`,
    '',
  ].join('\n');
}
