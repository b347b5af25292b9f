import { createHash, createHmac, createCipheriv, createPrivateKey, createPublicKey, generateKeyPair, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { PanelRequest } from '../core/types.js';
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
 * the panel's `prepare` step (index.ts) starts it off the event loop with
 * node's asynchronous generateKeyPair for every generatesshkeypair the
 * request carries (batch commands included), and the handler takes the
 * finished pair from a queue.
 */

export type KeyAlgorithm = 'rsa' | 'dsa';

export interface KeySpec {
  algorithm: KeyAlgorithm;
  bits: number;
}

/** Most finished pairs kept waiting for their handler (a request that failed before taking its pair leaves one behind). */
const MAX_READY = 16;
const ready = new Map<string, KeyObject[]>();
const specKey = (s: KeySpec) => `${s.algorithm}:${s.bits}`;

/**
 * The key a generatesshkeypair request asks for: `algorithm` rsa2 (the
 * default, "the system's default algorithm") or dsa, `bits` 4096 for RSA
 * and 1024 for DSA by default (seed 004, generatesshkeypair `bits`).
 * Undefined when the request is not one WHM would run (checked again by the handler).
 */
export function keySpec(algorithm: string | undefined, bits: string | undefined): KeySpec | undefined {
  const alg: KeyAlgorithm | undefined = !algorithm || algorithm === 'rsa2' || algorithm === 'rsa' ? 'rsa' : algorithm === 'dsa' ? 'dsa' : undefined;
  if (!alg) return undefined;
  const n = bits === undefined || bits === '' ? (alg === 'rsa' ? 4096 : 1024) : Number(bits);
  // OpenSSH's ssh-keygen makes DSA keys of 1024 bits only; the reference lists 1024, 2048 and 4096.
  if (alg === 'dsa' ? n !== 1024 : ![1024, 2048, 4096].includes(n)) return undefined;
  return { algorithm: alg, bits: n };
}

function generate(spec: KeySpec, done: (key: KeyObject | undefined) => void): void {
  const callback = (error: Error | null, _publicKey: KeyObject, privateKey: KeyObject) => done(error ? undefined : privateKey);
  if (spec.algorithm === 'dsa') generateKeyPair('dsa', { modulusLength: spec.bits, divisorLength: 160 }, callback);
  else generateKeyPair('rsa', { modulusLength: spec.bits }, callback);
}

function generateSync(spec: KeySpec): KeyObject {
  return spec.algorithm === 'dsa'
    ? generateKeyPairSync('dsa', { modulusLength: spec.bits, divisorLength: 160 }).privateKey
    : generateKeyPairSync('rsa', { modulusLength: spec.bits }).privateKey;
}

function keep(spec: KeySpec, key: KeyObject): void {
  const queue = ready.get(specKey(spec)) ?? [];
  if (queue.length < MAX_READY) queue.push(key);
  ready.set(specKey(spec), queue);
}

/** The specs of every generatesshkeypair in a request: the function itself, or batch `command` entries naming it. */
function requestedSpecs(request: PanelRequest): KeySpec[] {
  // Every WHM request passes here: a plain search first, no copy of the body.
  const FN = 'generatesshkeypair';
  if (!request.path.includes(FN) && !request.query.includes(FN) && !request.body.includes(FN)) return [];
  const sets: URLSearchParams[] = [];
  const top = new URLSearchParams(request.query);
  if (/json/.test(request.headers['content-type'] ?? '')) {
    try {
      const body = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
      for (const [k, v] of Object.entries(body)) if (typeof v === 'string' || typeof v === 'number') top.append(k, String(v));
    } catch {
      // Not JSON after all: the codec refuses it.
    }
  } else {
    for (const [k, v] of new URLSearchParams(request.body.toString('utf8'))) top.append(k, v);
  }
  if (/\/generatesshkeypair\/?$/.test(request.path)) sets.push(top);
  for (const [k, v] of top) {
    const m = /^generatesshkeypair\?(.*)$/s.exec(v);
    if (/^command(-\d+)?$/.test(k) && (m || v === 'generatesshkeypair')) sets.push(new URLSearchParams(m?.[1] ?? ''));
  }
  return sets.slice(0, 8).flatMap((p) => {
    const spec = keySpec(p.get('algorithm') ?? undefined, p.get('bits') ?? undefined);
    return spec ? [spec] : [];
  });
}

/** Starts the key pairs a request will need off the event loop; resolves when they are ready (undefined: none needed). */
export function prepareKeyPairs(request: PanelRequest): Promise<void> | undefined {
  // A request without credentials is refused at the gate: it sets no key generation going.
  if (!request.headers.authorization && !request.headers.cookie) return undefined;
  const specs = requestedSpecs(request);
  if (!specs.length) return undefined;
  return Promise.all(
    specs.map(
      (spec) =>
        new Promise<void>((resolve) => {
          generate(spec, (key) => {
            if (key) keep(spec, key);
            resolve();
          });
        }),
    ),
  ).then(() => undefined);
}

/**
 * A fresh private key of the spec: one prepared off the loop. Only a call
 * that reached the handler without passing the door's `prepare` (none of
 * mockpanel's doors does that) makes one here, synchronously.
 */
export function takeKeyPair(spec: KeySpec): KeyObject {
  const prepared = ready.get(specKey(spec))?.shift();
  if (prepared) return prepared;
  madeInline++;
  return generateSync(spec);
}

let madeInline = 0;

/** How many key pairs a handler had to make on the event loop because none was prepared (tests keep it at 0). */
export const keyPairsMadeInline = (): number => madeInline;

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
