import type { MethodContract } from '../../contracts/contract.js';
import type { MaskRule } from './cassette.js';
import { isPlaceholder, type SecretVault } from './secrets.js';

/**
 * How a recorded value may differ from a fresh answer without being drift.
 * `id`: same type, and the same recorded id always stands for the same new
 * one (identity tracked across the cassette); `date`: same type and shape;
 * `type`: the same JSON type (a document that names only the type);
 * `hash`: a crypt() hash with the same algorithm and cost (its salt is random);
 * `any`: anything. Everything else must be equal.
 */
export type Volatility = 'id' | 'date' | 'type' | 'hash' | 'any';

/** Struct members holding an object's id (`id`, `vm_id`, `disks_id`, `domain_id`; WHM `uid`/`gid`). */
const ID_KEY = /^(id|ids|uid|gid|opid|.*_ids?)$/i;
/** Members holding a time, a date or a DNS serial (which ISPConfig and WHM derive from the date). */
const DATE_KEY = /(^|_)(date|time|timestamp|created|updated|modified|expires?|expiry|serial|ctime|mtime|atime)(_|$)|_at$|date$|time$/i;
/** A date or time written as text: `2026-11-22`, `2026-11-22 10:00:00`, `20261122T10:00:00`. */
const DATE_TEXT = /^\d{4}-?\d{2}-?\d{2}([ T]\d{2}:\d{2}(:\d{2})?.*)?$/;
/** A crypt() hash: `$6$rounds=5000$salt$hash`, `$1$salt$hash`, `$2y$10$…`; the part before the salt is kept. */
const CRYPT_HASH = /^(\$(?:1|5|6|2[abxy]?|y)\$(?:rounds=\d+\$|\d\d\$)?)[^$]+\$?[^$]*$/;
/** Methods whose scalar answer is the id of what they created (ISPConfig `*_add`, Gandi `vm_create`). */
const CREATES = /(_add|_create)$|^(add|create)_/;

export interface MaskContext {
  method: string;
  contract?: MethodContract;
  rules: MaskRule[];
}

/** The volatility of the value at `path` (JSON pointer segments into the decoded response), or undefined when it must be equal. */
export function volatilityAt(path: string[], recorded: unknown, ctx: MaskContext): Volatility | undefined {
  for (const rule of ctx.rules) {
    if (rule.method && rule.method !== ctx.method) continue;
    if (pointerMatches(rule.path, path)) return rule.kind;
  }
  if (path.length === 1 && path[0] === 'value' && isScalar(recorded)) {
    // Gandi: the contract tags the 12 mutators answering an operation id and the two answering the new object's id.
    if (ctx.contract?.tags?.some((t) => t === 'returns-operation-id' || t === 'returns-object-id')) return 'id';
    if (CREATES.test(ctx.method) && (typeof recorded === 'number' || /^\d+$/.test(String(recorded)))) return 'id';
  }
  if (isDateObject(recorded)) return 'date';
  const key = [...path].reverse().find((segment) => !/^\d+$/.test(segment));
  if (key !== undefined && path.length > 1) {
    if (ID_KEY.test(key) && isIdLike(recorded)) return 'id';
    if (DATE_KEY.test(key) && isScalar(recorded)) return 'date';
  }
  if (typeof recorded === 'string' && DATE_TEXT.test(recorded)) return 'date';
  if (typeof recorded === 'string' && CRYPT_HASH.test(recorded)) return 'hash';
  return undefined;
}

function pointerMatches(pattern: string, path: string[]): boolean {
  const parts = pattern
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.length === path.length && parts.every((p, i) => p === '*' || p === path[i]);
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isIdLike(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && value !== '');
}

function isDateObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && '$datetime' in value;
}

/**
 * What each recorded id and placeholder stands for on the target being
 * verified: the id created in call 3 must be the one call 7 sees, and two
 * recorded ids may not become one.
 */
export class Identity {
  private readonly forward = new Map<string, unknown>();
  private readonly backward = new Map<string, unknown>();

  constructor(private readonly vault: SecretVault) {}

  /** Records that `recorded` is `actual` here; a message when that contradicts an earlier binding. */
  bind(recorded: unknown, actual: unknown): string | undefined {
    const r = keyOf(recorded);
    const a = keyOf(actual);
    if (this.forward.has(r)) {
      const before = this.forward.get(r);
      return keyOf(before) === a ? undefined : `recorded ${show(recorded)} was ${show(before)} earlier in this cassette, now ${show(actual)}`;
    }
    if (this.backward.has(a)) return `${show(actual)} already stands for recorded ${show(this.backward.get(a))}, not ${show(recorded)}`;
    this.forward.set(r, actual);
    this.backward.set(a, recorded);
    if (isPlaceholder(recorded) && typeof actual === 'string') this.vault.assign(actual, recorded);
    return undefined;
  }

  /** What a recorded value stands for, when it was bound to something else. */
  resolve(recorded: string): string | undefined {
    for (const key of [`s:${recorded}`, /^-?\d+$/.test(recorded) ? `n:${recorded}` : '']) {
      if (key && this.forward.has(key)) {
        const actual = this.forward.get(key);
        const text = typeof actual === 'string' ? actual : JSON.stringify(actual);
        return text === recorded ? undefined : text;
      }
    }
    return undefined;
  }
}

function keyOf(value: unknown): string {
  return typeof value === 'string' ? `s:${value}` : typeof value === 'number' ? `n:${value}` : `j:${JSON.stringify(value)}`;
}

export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** One difference between a recorded answer and a fresh one. */
export interface FieldDiff {
  /** JSON pointer into the decoded response (`/value/0/id`, `/fault/string`, `/status`). */
  path: string;
  recorded: unknown;
  actual: unknown;
  /** What is wrong, when more than "not equal". */
  why?: string;
}

function jsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Digits count as one shape: `2026-11-22 10:00` and `2010-01-05 09:30` are alike, `2026-11-22` and `1700000000` are not. */
function shape(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\d/g, '9') : jsonType(value);
}

/**
 * Compares a recorded decoded value with a fresh one, masking only the
 * volatile places, and returns every difference with its path.
 */
export function compareValues(
  recorded: unknown,
  actual: unknown,
  path: string[],
  ctx: MaskContext,
  identity: Identity,
  vault: SecretVault,
  out: FieldDiff[] = [],
): FieldDiff[] {
  const at = `/${path.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
  const differ = (why?: string) => out.push({ path: at, recorded, actual, ...(why ? { why } : {}) });

  if (isPlaceholder(recorded)) {
    // A placeholder stands for a secret of at least four characters: an empty answer is not one.
    if (typeof actual !== 'string' || actual === '') return (differ(`expected a secret (a non-empty string) for ${recorded}`), out);
    const problem = identity.bind(recorded, actual);
    if (problem) differ(problem);
    return out;
  }
  const volatility = volatilityAt(path, recorded, ctx);
  if (volatility === 'any') return out;
  if (volatility === 'id') {
    if (jsonType(recorded) !== jsonType(actual)) return (differ(`id of type ${jsonType(recorded)} became ${jsonType(actual)}`), out);
    const problem = identity.bind(recorded, actual);
    if (problem) differ(problem);
    return out;
  }
  if (volatility === 'hash') {
    const prefix = (v: unknown) => (typeof v === 'string' ? CRYPT_HASH.exec(v)?.[1] : undefined);
    if (prefix(recorded) !== prefix(actual)) differ(`a ${prefix(recorded)} hash became ${show(prefix(actual) ?? actual)}`);
    return out;
  }
  if (volatility === 'type') {
    if (jsonType(recorded) !== jsonType(actual)) differ(`documented as ${jsonType(recorded)}, got ${jsonType(actual)}`);
    return out;
  }
  if (volatility === 'date') {
    if (isDateObject(recorded) && isDateObject(actual)) return out;
    if (shape(recorded) !== shape(actual)) differ(`date of shape ${shape(recorded)} became ${shape(actual)}`);
    return out;
  }
  if (Array.isArray(recorded) && Array.isArray(actual)) {
    if (recorded.length !== actual.length) differ(`${recorded.length} items recorded, ${actual.length} now`);
    for (let i = 0; i < Math.min(recorded.length, actual.length); i++) compareValues(recorded[i], actual[i], [...path, String(i)], ctx, identity, vault, out);
    return out;
  }
  if (jsonType(recorded) === 'object' && jsonType(actual) === 'object' && !isDateObject(recorded)) {
    const r = recorded as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const key of Object.keys(r)) {
      if (!(key in a)) out.push({ path: `${at === '/' ? '' : at}/${key}`, recorded: r[key], actual: undefined, why: 'missing now' });
      else compareValues(r[key], a[key], [...path, key], ctx, identity, vault, out);
    }
    for (const key of Object.keys(a))
      if (!(key in r)) out.push({ path: `${at === '/' ? '' : at}/${key}`, recorded: undefined, actual: a[key], why: 'not recorded' });
    return out;
  }
  if (typeof recorded === 'string' && typeof actual === 'string') {
    // A fault string may repeat a secret (Gandi's 500130 echoes the password): compare with the target's secrets as placeholders.
    if (recorded !== actual && recorded !== vault.scrubString(actual)) differ();
    return out;
  }
  if (JSON.stringify(recorded) !== JSON.stringify(actual)) differ();
  return out;
}
