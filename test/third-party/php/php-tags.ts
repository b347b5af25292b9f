import { WireInt } from '../../../emulators/protocol/codec.js';
import { isSoapStruct } from '../../../emulators/protocol/soap/decode.js';
import { PhpFloat } from '../../../emulators/protocol/php/value.js';

// The JS side of tags.php: PHP values as tagged JSON, and a comparable form
// for values decoded by PHP and by mockpanel.

export type Tag =
  | { t: 'n' }
  | { t: 'b'; v: boolean }
  | { t: 'i'; v: string }
  | { t: 'f'; v: string }
  | { t: 's'; v: string }
  | { t: 'a' | 'o'; e: [{ k: 'i' | 's'; v: string }, Tag][] };

const bits = (x: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(x);
  return b.toString('hex');
};
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const rawKey = (k: string): { k: 's'; v: string } => ({ k: 's', v: b64(k) });

/**
 * The PHP value mockpanel's mapping (emulators/protocol/php/value.ts) says a
 * JS value stands for. Object and Map string keys are passed raw, so PHP
 * itself applies its numeric-key rule.
 */
export function toTag(value: unknown): Tag {
  if (value === null || value === undefined) return { t: 'n' };
  if (typeof value === 'boolean') return { t: 'b', v: value };
  if (typeof value === 'bigint') return { t: 'i', v: value.toString() };
  if (typeof value === 'number') {
    return Number.isInteger(value) && Math.abs(value) < 2 ** 63 ? { t: 'i', v: BigInt(value).toString() } : { t: 'f', v: bits(value) };
  }
  if (value instanceof PhpFloat) return { t: 'f', v: bits(value.value) };
  if (typeof value === 'string') return { t: 's', v: b64(value) };
  if (Array.isArray(value)) return { t: 'a', e: value.map((v, i) => [{ k: 'i', v: String(i) }, toTag(v)]) };
  if (value instanceof Map) {
    return {
      t: 'a',
      e: [...value.entries()].map(([k, v]) => [typeof k === 'number' ? { k: 'i', v: String(k) } : rawKey(String(k)), toTag(v)]),
    };
  }
  return { t: 'a', e: Object.entries(value as object).map(([k, v]) => [rawKey(k), toTag(v)]) };
}

/** A form in which PHP's decoded value and mockpanel's can be compared (ints and floats are both numbers in JS). */
export type Comparable = null | boolean | string | { num: string } | { list: Comparable[] } | { map: [string, Comparable][] } | { obj: [string, Comparable][] };

const num = (x: number): { num: string } => ({ num: Object.is(x, -0) ? '-0' : String(x) });

function sortedEntries(entries: [string, Comparable][]): [string, Comparable][] {
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function arrayForm(entries: [string, Comparable][]): Comparable {
  return entries.every(([k], i) => k === String(i)) ? { list: entries.map(([, v]) => v) } : { map: sortedEntries(entries) };
}

export function fromTag(tag: Tag): Comparable {
  switch (tag.t) {
    case 'n':
      return null;
    case 'b':
      return tag.v;
    case 'i':
      return Number.isSafeInteger(Number(tag.v)) ? num(Number(tag.v)) : { num: tag.v };
    case 'f':
      return num(Buffer.from(tag.v, 'hex').readDoubleBE());
    case 's':
      return Buffer.from(tag.v, 'base64').toString('utf8');
    case 'a':
    case 'o': {
      const entries = tag.e.map(([k, v]) => [k.k === 'i' ? k.v : Buffer.from(k.v, 'base64').toString('utf8'), fromTag(v)] as [string, Comparable]);
      return tag.t === 'o' ? { obj: sortedEntries(entries) } : arrayForm(entries);
    }
  }
}

export function comparable(value: unknown): Comparable {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return num(value);
  if (typeof value === 'bigint') return { num: value.toString() };
  if (value instanceof PhpFloat) return num(value.value);
  if (value instanceof WireInt) {
    try {
      return { num: BigInt(value.text.trim()).toString() };
    } catch {
      return num(value.value);
    }
  }
  if (Array.isArray(value)) return { list: value.map(comparable) };
  const entries = Object.entries(value as object).map(([k, v]) => [k, comparable(v)] as [string, Comparable]);
  return isSoapStruct(value) ? { obj: sortedEntries(entries) } : arrayForm(entries);
}
