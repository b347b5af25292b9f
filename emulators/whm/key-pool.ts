import { generateKeyPair, type KeyObject } from 'node:crypto';
import type { PanelRequest } from '../core/types.js';

/*
 * RSA keys for the functions that make them (DNSSEC zone keys, DKIM keys).
 * Making a 2048-bit RSA key takes 50–200 ms of CPU, too long for a handler
 * on the one event loop every world shares, so the keys are made before the
 * call runs: the panel's `prepare` hook (awaited by the dispatcher) reads
 * what the request will need and makes that many on libuv's thread pool.
 * Handlers then take ready keys synchronously. Keys are never reused.
 */

export interface RsaKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** Most ready keys kept per size, and most made for one request (a call with more domains gets a per-domain failure for the rest). */
export const MAX_KEYS_PER_CALL = 16;

const ready = new Map<number, RsaKeyPair[]>();

/** A ready RSA key of `bits`, or undefined when none was made for this call. */
export function takeRsaKey(bits: number): RsaKeyPair | undefined {
  return ready.get(bits)?.pop();
}

function makeKey(bits: number): Promise<RsaKeyPair> {
  return new Promise((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: bits, publicExponent: 0x10001 }, (error, publicKey, privateKey) =>
      error ? reject(error) : resolve({ publicKey, privateKey }),
    ),
  );
}

/** Makes keys until `bits` → count are ready (bounded per size). */
async function stock(needs: Map<number, number>): Promise<void> {
  const making: Promise<void>[] = [];
  for (const [bits, count] of needs) {
    const have = ready.get(bits) ?? [];
    ready.set(bits, have);
    for (let i = have.length; i < Math.min(count, MAX_KEYS_PER_CALL); i++) making.push(makeKey(bits).then((k) => void have.push(k)));
  }
  await Promise.all(making);
}

/** Which RSA keys a request will take: by function, from its arguments (the DNSSEC and DKIM functions). */
type Needs = (args: URLSearchParams, domains: number) => [bits: number, count: number][];

const RSA_ALGORITHMS = new Set([5, 7, 8, 10]);

// The KSK/ZSK sizes WHM uses for RSA algorithms (seed 004, add_zone_key `key_size`: ksk 2048, zsk 1024).
const zoneKeyBits = (type: string | null, size: string | null): number => (size && /^\d+$/.test(size) ? Number(size) : type === 'zsk' ? 1024 : 2048);

const NEEDS: Record<string, Needs> = {
  enable_dnssec_for_domains: (args, domains) => {
    if (!RSA_ALGORITHMS.has(Number(args.get('algo_num') ?? 8))) return [];
    return args.get('key_setup') === 'simple'
      ? [[2048, domains]]
      : [
          [2048, domains],
          [1024, domains],
        ];
  },
  add_zone_key: (args) => (RSA_ALGORITHMS.has(Number(args.get('algo_num'))) ? [[zoneKeyBits(args.get('key_type'), args.get('key_size')), 1]] : []),
  enable_dkim: (_args, domains) => [[DKIM_BITS, domains]],
  ensure_dkim_keys_exist: (_args, domains) => [[DKIM_BITS, domains]],
};

/** The size of the DKIM keys WHM makes (inferred: cPanel's current default is 2048-bit RSA; the reference's samples show both 1024 and 2048). */
export const DKIM_BITS = 2048;

/** The request's arguments: the query string and a form body (WHM API 1 takes both). */
function requestArgs(request: PanelRequest): URLSearchParams {
  const args = new URLSearchParams(request.query);
  const type = request.headers['content-type'] ?? '';
  if (request.body.length && type.includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(request.body.toString('utf8'))) args.append(k, v);
  }
  return args;
}

/** How many `domain` values a request sends (`domain`, `domain-1`…, repeated keys), at most {@link MAX_KEYS_PER_CALL}. */
function domainCount(args: URLSearchParams): number {
  let n = 0;
  for (const key of args.keys()) if (/^domain(-\d+)?$/.test(key)) n++;
  return Math.min(Math.max(n, 1), MAX_KEYS_PER_CALL);
}

/** The WHM panel's `prepare` hook: makes the RSA keys the request's function will take, or does nothing. */
export function prepareKeys(request: PanelRequest): Promise<void> | undefined {
  const fn = /\/json-api\/([a-z0-9_]+)\/?$/.exec(request.path)?.[1];
  const needs = fn ? NEEDS[fn] : undefined;
  if (!needs) return undefined;
  const args = requestArgs(request);
  const wanted = new Map<number, number>();
  for (const [bits, count] of needs(args, domainCount(args))) if (bits === 1024 || bits === 2048) wanted.set(bits, (wanted.get(bits) ?? 0) + count);
  return wanted.size ? stock(wanted) : undefined;
}
