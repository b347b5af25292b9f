import { WireInt } from './codec.js';

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

export type PhpKey = string | bigint;

/** A PHP value: what encoders walk. Int keys are bigint, string keys strings. */
export type PhpValue =
  | { type: 'null' }
  | { type: 'bool'; value: boolean }
  | { type: 'int'; value: bigint }
  | { type: 'float'; value: number }
  | { type: 'string'; value: string }
  | { type: 'array'; entries: [PhpKey, unknown][] };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const TWO_63 = 2 ** 63;
const CANONICAL_INT = /^(?:0|-?[1-9][0-9]{0,18})$/;

/** PHP's ZEND_HANDLE_NUMERIC_STR: the int a string key becomes, or the string itself. */
export function phpArrayKey(key: string): PhpKey {
  if (!CANONICAL_INT.test(key)) return key;
  const n = BigInt(key);
  return n >= INT64_MIN && n <= INT64_MAX ? n : key;
}

function keyOf(key: unknown): PhpKey {
  if (typeof key === 'string') return phpArrayKey(key);
  if (typeof key === 'bigint') return key;
  if (typeof key === 'number' && Number.isInteger(key) && Math.abs(key) < TWO_63) return BigInt(key);
  if (typeof key === 'boolean') return key ? 1n : 0n;
  return phpArrayKey(String(key));
}

/** The entries of a PHP array; a later duplicate key replaces the value but keeps the first position, as in PHP. */
function arrayEntries(pairs: Iterable<[unknown, unknown]>): [PhpKey, unknown][] {
  const entries: [PhpKey, unknown][] = [];
  let positions: Map<PhpKey, number> | undefined;
  for (const [k, v] of pairs) {
    const key = keyOf(k);
    if (typeof key === 'bigint') positions ??= new Map(entries.map(([ek], i) => [ek, i]));
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

function* listPairs(list: readonly unknown[]): Iterable<[unknown, unknown]> {
  for (let i = 0; i < list.length; i++) yield [BigInt(i), list[i]];
}

/** Classifies one JS value as the PHP value a handler meant (see the table above). */
export function toPhpValue(value: unknown): PhpValue {
  switch (typeof value) {
    case 'string':
      return { type: 'string', value };
    case 'number':
      if (Number.isInteger(value) && Math.abs(value) < TWO_63) return { type: 'int', value: BigInt(value) };
      return { type: 'float', value };
    case 'boolean':
      return { type: 'bool', value };
    case 'bigint':
      if (value >= INT64_MIN && value <= INT64_MAX) return { type: 'int', value };
      return { type: 'float', value: Number(value) };
    case 'undefined':
      return { type: 'null' };
    case 'object':
      if (value === null) return { type: 'null' };
      if (value instanceof PhpFloat) return { type: 'float', value: value.value };
      if (value instanceof WireInt) return toPhpValue(Number.isSafeInteger(value.value) ? value.value : value.text);
      if (Array.isArray(value)) return { type: 'array', entries: Array.from(listPairs(value), ([k, v]) => [k as bigint, v]) };
      if (value instanceof Map) return { type: 'array', entries: arrayEntries(value) };
      return { type: 'array', entries: arrayEntries(Object.entries(value)) };
    default:
      // Functions and symbols have no PHP counterpart.
      return { type: 'null' };
  }
}

/** PHP's is_map() negated: keys exactly 0..n-1 in order make a list. */
export function isPhpList(entries: readonly [PhpKey, unknown][]): boolean {
  for (let i = 0; i < entries.length; i++) {
    const key = entries[i][0];
    if (typeof key !== 'bigint' || key !== BigInt(i)) return false;
  }
  return true;
}
