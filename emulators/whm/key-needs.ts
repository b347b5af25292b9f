import { MAX_KEYS_PER_SPEC, prepareKeys, type KeyNeeds, type KeySpec } from '../../kernel/key-pool.js';
import type { PanelRequest } from '../core/types.js';
import { whmList } from '../protocol/whm/args.js';
import { perlString } from '../protocol/whm/perl-scalars.js';
import { parseWhmRequestParams } from '../protocol/whm/request-params.js';
import { hasServiceDefaultKey, KEY_SIZES } from './ssl-generation.js';
import { keySpec } from './ssh-key-pairs.js';
import { DKIM_KEY } from './store/dkim-keys.js';

/*
 * The keys a WHM call will take from the key pool (kernel/key-pool.ts), read
 * from its arguments before it is served: the panel's `prepare` hook makes
 * them off the event loop, the handlers take them. A `batch` needs what its
 * `command` sub-calls need. Over-counting costs a spare key; under-counting
 * a handler's fallback (a per-domain failure, or a key made on the loop).
 */

/** A call's arguments as the handler will read them (first value of a repeated key). */
interface Args {
  str(name: string): string | undefined;
  /** How many values a WHM list parameter carries (`domain`, `domain-1`…, repeats). */
  count(name: string): number;
  /** A whole number as WhmCall.int reads it; `fallback` when absent or empty, undefined when not a number (the handler refuses it). */
  int(name: string, fallback: number): number | undefined;
}

const rsa = (bits: number): KeySpec => ({ type: 'rsa', bits });

const RSA_ALGORITHMS = new Set([5, 7, 8, 10]);

// The KSK/ZSK sizes WHM uses for RSA algorithms (seed 004, add_zone_key `key_size`: ksk 2048, zsk 1024).
const KSK = rsa(2048);
const ZSK = rsa(1024);

/** One key per `domain` value (at least one: the handler refuses an empty list). */
const perDomain = (args: Args) => Math.max(args.count('domain'), 1);

const serviceDefault = (): KeyNeeds => (hasServiceDefaultKey() ? [] : [[rsa(2048), 1]]);

/** By function: the keys its handler takes. */
const NEEDS: Record<string, (args: Args) => KeyNeeds> = {
  enable_dnssec_for_domains: (args) => {
    if (!RSA_ALGORITHMS.has(args.int('algo_num', 8) ?? 0)) return [];
    const n = perDomain(args);
    return args.str('key_setup') === 'simple'
      ? [[KSK, n]]
      : [
          [KSK, n],
          [ZSK, n],
        ];
  },
  add_zone_key: (args) => {
    if (!RSA_ALGORITHMS.has(args.int('algo_num', 0) ?? 0)) return [];
    const bits = args.int('key_size', args.str('key_type') === 'zsk' ? ZSK.bits : KSK.bits);
    return bits === ZSK.bits || bits === KSK.bits ? [[rsa(bits), 1]] : [];
  },
  enable_dkim: (args) => [[DKIM_KEY, perDomain(args)]],
  ensure_dkim_keys_exist: (args) => [[DKIM_KEY, perDomain(args)]],
  generatessl: (args) => {
    const bits = args.int('keysize', 2048);
    return bits !== undefined && KEY_SIZES.includes(bits) ? [[rsa(bits), 1]] : [];
  },
  generatesshkeypair: (args) => {
    const spec = keySpec(args.str('algorithm'), args.str('bits'));
    return spec ? [[spec, 1]] : [];
  },
  // These may make the services' self-signed default certificate, whose key is made once per process.
  fetch_service_ssl_components: serviceDefault,
  install_service_ssl_certificate: serviceDefault,
  reset_service_ssl_certificate: serviceDefault,
  get_best_ssldomain_for_service: serviceDefault,
};

/** The table's entry for a function name from the wire (never an Object.prototype member such as `constructor`). */
const needsOf = (fn: string | undefined) => (fn !== undefined && Object.hasOwn(NEEDS, fn) ? NEEDS[fn] : undefined);

function argsOf(named: Record<string, unknown>): Args {
  const str = (name: string) => {
    const v = named[name];
    return perlString(Array.isArray(v) ? v[0] : v);
  };
  return {
    str,
    count: (name) => whmList(named, name).length,
    int: (name, fallback) => {
      const v = str(name);
      if (v === undefined || v.trim() === '') return fallback;
      return /^\s*-?\d+\s*$/.test(v) ? Number(v) : undefined;
    },
  };
}

/** The function a `/json-api/<function>` path (or batch's `function?args`) names. */
const functionOf = (path: string) => /\/json-api\/([^/?]*)\/?$/.exec(path)?.[1];

/** The needs of one call: its function and its arguments (parsed, once, only for a function that takes keys or for batch). */
function callNeeds(request: PanelRequest, fn: string | undefined): KeyNeeds {
  const needs = needsOf(fn);
  if (!needs && fn !== 'batch') return [];
  let named: Record<string, unknown>;
  try {
    named = parseWhmRequestParams(request).named;
  } catch {
    return []; // the codec refuses the call
  }
  return needs ? needs(argsOf(named)) : batchNeeds(request, named);
}

/** batch: what each `command` (`function?args`, numbered `command-N` too) needs, read as batch reads it (methods/passthrough.ts). */
function batchNeeds(request: PanelRequest, named: Record<string, unknown>): KeyNeeds {
  const needs: (readonly [KeySpec, number])[] = [];
  for (const value of whmList(named, 'command')) {
    const command = perlString(value);
    if (command === undefined) continue;
    const q = command.indexOf('?');
    const fn = q === -1 ? command : command.slice(0, q);
    // A nested batch is refused (batchNested), so only the functions of the table count.
    if (!needsOf(fn)) continue;
    const query = q === -1 ? '' : command.slice(q + 1);
    needs.push(...callNeeds({ ...request, path: `/json-api/${fn}`, query, body: Buffer.alloc(0), headers: {} }, fn));
    // The pool bounds the keys per spec; a batch that asked for plenty is read no further.
    if (needs.length > MAX_KEYS_PER_SPEC * 4) break;
  }
  return needs;
}

/**
 * WHM's `prepare` hook: makes the keys the request's call (or batch's
 * sub-calls) will take, off the event loop. A request without credentials
 * is refused at the gate, so it sets nothing going.
 */
export function prepareWhmKeys(request: PanelRequest): Promise<void> | undefined {
  if (!request.headers.authorization && !request.headers.cookie) return undefined;
  const needs = callNeeds(request, functionOf(request.path));
  return needs.length ? prepareKeys(needs) : undefined;
}
