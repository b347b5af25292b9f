import { likeSample } from '../sample.js';

/*
 * Writing stored values into a documented sample: a value lands on every key
 * of its name, in the JSON type the sample has there, so a read answers the
 * reference's shape with what was written.
 */

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A stored value as it fits where the sample has `sampleValue`: JSON text becomes the structure it encodes; undefined when it does not fit. */
export function fitted(sampleValue: unknown, stored: unknown): unknown {
  if (sampleValue !== null && typeof sampleValue === 'object') {
    let parsed = stored;
    if (typeof stored === 'string') {
      try {
        parsed = JSON.parse(stored);
      } catch {
        return undefined;
      }
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) !== Array.isArray(sampleValue)) return undefined;
    // A stored object goes over the sample's: the keys it does not set keep the documented ones (a connected application's `data`).
    return isObject(parsed) && isObject(sampleValue) ? { ...sampleValue, ...parsed } : parsed;
  }
  return typeof stored === 'string' ? likeSample(sampleValue, stored) : stored;
}

/** Writes stored values over same-named keys anywhere in the sample; adds to `placed` the names it found a key for. */
export function writeOver(value: unknown, values: Record<string, unknown>, placed: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => writeOver(v, values, placed));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const fit = Object.prototype.hasOwnProperty.call(values, k) ? fitted(v, values[k]) : undefined;
    if (fit !== undefined) {
      placed.add(k);
      out[k] = fit;
    } else {
      if (Object.prototype.hasOwnProperty.call(values, k)) placed.add(k);
      out[k] = writeOver(v, values, placed);
    }
  }
  return out;
}

/**
 * The key of `template` a parameter's value belongs under when no key has
 * its exact name: the reference names a sent `ip` `host_ip` in the record,
 * a sent `group_id` `group`, a sent `provider_id` `id`.
 */
export function keyFor(template: Record<string, unknown>, param: string): string | undefined {
  if (param in template) return param;
  return Object.keys(template).find(
    (k) => (template[k] === null || typeof template[k] !== 'object') && (k.endsWith(`_${param}`) || param.endsWith(`_${k}`) || param.startsWith(`${k}_`)),
  );
}

/**
 * One item as a record of the sample's shape: `template` (the sample's
 * first record) with the item's values written over it, a value with no
 * exact key under the key that names it (keyFor); when no identity value
 * found a place, the identity is added, so a read always shows which item
 * a record is (inferred: a sample record that shows none of the identity
 * gives no other way to tell the items apart).
 */
export function itemRecord(template: Record<string, unknown>, values: Record<string, unknown>, identity: readonly string[]): Record<string, unknown> {
  const placed = new Set<string>();
  const out = writeOver(structuredClone(template), values, placed) as Record<string, unknown>;
  for (const [name, value] of Object.entries(values)) {
    if (placed.has(name)) continue;
    const key = keyFor(template, name);
    const fit = key !== undefined ? fitted(template[key], value) : undefined;
    if (key !== undefined && fit !== undefined) {
      placed.add(name);
      out[key] = fit;
    }
  }
  if (!identity.some((name) => placed.has(name))) for (const name of identity) if (name in values) out[name] = values[name];
  return out;
}
