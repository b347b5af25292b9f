import { createHmac, randomBytes } from 'node:crypto';

/*
 * Time-based one-time passwords as authenticator apps compute them (RFC 6238
 * over RFC 4226's HOTP: HMAC-SHA1, 6 digits, 30-second steps) and the base32
 * secrets they are keyed with (RFC 4648 alphabet, no padding), for WHM's
 * Two-Factor Authentication functions.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const STEP_SECONDS = 30;

/** A new random secret: 80 bits, 16 base32 characters like the reference's samples (seed 004, twofactorauth_generate_tfa_config). */
export function newBase32Secret(): string {
  const bytes = randomBytes(10);
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += ALPHABET[parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

/** The bytes of a base32 secret, or undefined when it is not one (case and spaces ignored, as authenticator apps do). */
export function decodeBase32(secret: string): Buffer | undefined {
  const clean = secret.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase();
  if (!clean || clean.length > 128 || /[^A-Z2-7]/.test(clean)) return undefined;
  let bits = '';
  for (const c of clean) bits += ALPHABET.indexOf(c).toString(2).padStart(5, '0');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The 6-digit code for `key` at Unix time `seconds`. */
export function totpAt(key: Buffer, seconds: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / STEP_SECONDS)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}

/**
 * Whether `code` is the key's code at `seconds` or one step either side
 * (inferred: authenticator clocks drift, and the usual verifiers, cPanel's
 * Google-Authenticator-compatible one among them, accept a one-step window).
 */
export function verifyTotp(key: Buffer, code: string, seconds: number): boolean {
  if (!/^\d{6}$/.test(code.trim())) return false;
  return [-1, 0, 1].some((d) => totpAt(key, seconds + d * STEP_SECONDS) === code.trim());
}
