import { generateKeyPair, type KeyObject } from 'node:crypto';
import type { PanelRequest } from '../core/types.js';
import { whmList } from '../protocol/whm/args.js';
import { perlString } from '../protocol/whm/perl-scalars.js';
import { parseWhmRequestParams } from '../protocol/whm/request-params.js';

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
type Needs = (args: Args, domains: number) => [bits: number, count: number][];

interface Args {
  get(name: string): string | null;
  domains: number;
}

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

/** The request's arguments as the codec will read them (query, form or JSON body); undefined when they do not parse (the codec refuses the call). */
function requestArgs(request: PanelRequest): Args | undefined {
  let named: Record<string, unknown>;
  try {
    named = parseWhmRequestParams(request).named;
  } catch {
    return undefined;
  }
  return {
    get: (name) => perlString(Array.isArray(named[name]) ? (named[name] as unknown[])[0] : named[name]) ?? null,
    // `domain`, `domain-1`… and repeated keys (WHM's numbered lists), at most MAX_KEYS_PER_CALL.
    domains: Math.min(Math.max(whmList(named, 'domain').length, 1), MAX_KEYS_PER_CALL),
  };
}

/** The WHM panel's `prepare` hook: makes the RSA keys the request's function will take, or does nothing. */
export function prepareKeys(request: PanelRequest): Promise<void> | undefined {
  const fn = /\/json-api\/([a-z0-9_]+)\/?$/.exec(request.path)?.[1];
  const needs = fn ? NEEDS[fn] : undefined;
  if (!needs) return undefined;
  const args = requestArgs(request);
  if (!args) return undefined;
  const wanted = new Map<number, number>();
  for (const [bits, count] of needs(args, args.domains)) if (bits === 1024 || bits === 2048) wanted.set(bits, (wanted.get(bits) ?? 0) + count);
  return wanted.size ? stock(wanted) : undefined;
}
