import { WireInt } from '../codec.js';

// How a handler's JavaScript result is seen as a PHP value before PHP's own
// encoders (SoapServer, json_encode) render it. JS has one number type and
// string object keys, so the mapping is a decision, made once here:
//
//   null, undefined          → null
//   boolean                  → bool
//   number, integral, |n| < 2^63 → int (xsd:int; 64-bit values stay xsd:int as in PHP)
//   number, otherwise        → float (NaN and ±Infinity too)
//   bigint                   → int (outside int64: float, as PHP overflows)
//   PhpFloat (phpFloat(2))   → float, for an integral value PHP holds as float
//   WireInt                  → int
//   string                   → string, always: '007' and '42' stay strings
//   Array                    → array with keys 0..n-1 (a list); holes are null
//   Map                      → array in insertion order; keys as below
//   other objects            → array of their own enumerable properties
//
// Keys follow PHP's array rules: a string key that is a canonical decimal
// int64 ('5', '-3', not '05', '-0' or '1.5') becomes an int key. Plain
// objects iterate integer-like keys first (a JS rule), so a result whose key
// order matters and mixes such keys must be a Map.

/** A float as PHP holds it, for integral values that must stay floats (`phpFloat(2)` → `xsd:float` 2). */
export class PhpFloat {
  constructor(readonly value: number) {}
}

/** Marks a number as a PHP float. */
export function phpFloat(value: number): PhpFloat {
  return new PhpFloat(value);
}

/** A PHP array key: a string, or an int (a number within ±2^53, a bigint beyond). */
export type PhpKey = string | number | bigint;

/** A PHP value as encoders walk it. An array is a `list` (keys exactly 0..n-1 in order) or a `map`. */
export type PhpValue =
  | { type: 'null' }
  | { type: 'bool'; value: boolean }
  | { type: 'int'; value: number | bigint }
  | { type: 'float'; value: number }
  | { type: 'string'; value: string }
  | { type: 'list'; items: readonly unknown[] }
  | { type: 'map'; entries: [PhpKey, unknown][] };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const TWO_63 = 2 ** 63;
const CANONICAL_INT = /^(?:0|-?[1-9][0-9]{0,18})$/;

/** An int as a key or value: a number when exact in JS, else a bigint. */
function intOf(n: bigint): number | bigint {
  return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n;
}

/** PHP's ZEND_HANDLE_NUMERIC_STR: the int a string key becomes, or the string itself. */
export function phpArrayKey(key: string): PhpKey {
  const c = key.charCodeAt(0);
  // Only a digit or '-' can start a canonical int; most keys are column names.
  if (!((c >= 48 && c <= 57) || c === 45) || !CANONICAL_INT.test(key)) return key;
  const n = BigInt(key);
  return n >= INT64_MIN && n <= INT64_MAX ? intOf(n) : key;
}

function keyOf(key: unknown): PhpKey {
  if (typeof key === 'string') return phpArrayKey(key);
  if (typeof key === 'number' && Number.isInteger(key) && Math.abs(key) < TWO_63) return Number.isSafeInteger(key) ? key : BigInt(key);
  if (typeof key === 'bigint') return intOf(key);
  if (typeof key === 'boolean') return key ? 1 : 0;
  return phpArrayKey(String(key));
}

/** The entries of a PHP array; a later duplicate key replaces the value but keeps the first position, as in PHP. */
function arrayEntries(pairs: Iterable<[unknown, unknown]>, distinctStrings: boolean): [PhpKey, unknown][] {
  const entries: [PhpKey, unknown][] = [];
  let positions: Map<PhpKey, number> | undefined;
  for (const [k, v] of pairs) {
    const key = keyOf(k);
    // Object keys are distinct strings: only a key that became an int can repeat one (Map keys 1 and '1').
    if (!distinctStrings || typeof key !== 'string') positions ??= new Map(entries.map(([ek], i) => [ek, i]));
    const at = positions?.get(key);
    if (at !== undefined) {
      entries[at] = [key, v];
      continue;
    }
    positions?.set(key, entries.length);
    entries.push([key, v]);
  }
  return entries;
}

/** PHP's is_map() negated: keys exactly 0..n-1 in order make a list. */
export function isPhpList(entries: readonly [PhpKey, unknown][]): boolean {
  for (let i = 0; i < entries.length; i++) if (entries[i][0] !== i) return false;
  return true;
}

function arrayValue(entries: [PhpKey, unknown][]): PhpValue {
  return isPhpList(entries) ? { type: 'list', items: entries.map((e) => e[1]) } : { type: 'map', entries };
}

/** Classifies one JS value as the PHP value a handler meant (see the table above). */
export function toPhpValue(value: unknown): PhpValue {
  switch (typeof value) {
    case 'string':
      return { type: 'string', value };
    case 'number':
      if (Number.isInteger(value) && Math.abs(value) < TWO_63) return { type: 'int', value: Number.isSafeInteger(value) ? value : BigInt(value) };
      return { type: 'float', value };
    case 'boolean':
      return { type: 'bool', value };
    case 'bigint':
      if (value >= INT64_MIN && value <= INT64_MAX) return { type: 'int', value: intOf(value) };
      return { type: 'float', value: Number(value) };
    case 'undefined':
      return { type: 'null' };
    case 'object':
      if (value === null) return { type: 'null' };
      if (Array.isArray(value)) return { type: 'list', items: value };
      if (value instanceof PhpFloat) return { type: 'float', value: value.value };
      if (value instanceof WireInt) return wireInt(value);
      if (value instanceof Map) return arrayValue(arrayEntries(value, false));
      return arrayValue(arrayEntries(Object.entries(value), true));
    default:
      // Functions and symbols have no PHP counterpart.
      return { type: 'null' };
  }
}

function wireInt(value: WireInt): PhpValue {
  try {
    return toPhpValue(BigInt(value.text.trim()));
  } catch {
    return toPhpValue(value.value);
  }
}
