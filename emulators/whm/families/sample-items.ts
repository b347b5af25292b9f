import { isObject } from './write-over.js';

/*
 * Where a documented sample keeps its list of records: an array of records
 * (read_cpgreylist_trusted_hosts' greylist_trusted_hosts) or an object of
 * records keyed by their name (list_configclusterservers, remote_mysql_read_profiles).
 */

export type ItemList =
  { kind: 'array'; path: string[]; template: Record<string, unknown> } | { kind: 'keyed'; path: string[]; template: Record<string, unknown> };

const MAX_DEPTH = 6;

/**
 * The sample's list of records: the first array of records (breadth first),
 * else the first object whose values are all records; an empty `data`
 * object is an empty keyed list (list_connected_applications). `at` names
 * the list when the sample has several (ea4_list_profiles' `custom`).
 */
export function itemList(data: unknown, at?: string[]): ItemList | undefined {
  if (at) {
    const v = valueAt(data, at);
    if (Array.isArray(v)) return { kind: 'array', path: at, template: isObject(v[0]) ? v[0] : {} };
    return undefined;
  }
  if (isObject(data) && Object.keys(data).length === 0) return { kind: 'keyed', path: [], template: {} };
  let level: { path: string[]; value: unknown }[] = [{ path: [], value: data }];
  for (let depth = 0; depth < MAX_DEPTH && level.length; depth++) {
    const next: typeof level = [];
    for (const { path, value } of level) {
      if (Array.isArray(value) && (value.length === 0 || isObject(value[0]))) return { kind: 'array', path, template: isObject(value[0]) ? value[0] : {} };
      if (isObject(value)) for (const [k, v] of Object.entries(value)) next.push({ path: [...path, k], value: v });
    }
    level = next;
  }
  const keyed = findKeyed(data, [], 0);
  return keyed;
}

function findKeyed(value: unknown, path: string[], depth: number): ItemList | undefined {
  if (!isObject(value) || depth > MAX_DEPTH) return undefined;
  const entries = Object.values(value);
  if (entries.length > 0 && entries.every(isObject)) return { kind: 'keyed', path, template: entries[0] };
  for (const [k, v] of Object.entries(value)) {
    const found = findKeyed(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function valueAt(data: unknown, path: readonly string[]): unknown {
  let v = data;
  for (const step of path) v = isObject(v) ? v[step] : undefined;
  return v;
}

/** `data` with the value at `path` replaced (a copy along the path). */
export function withValueAt(data: unknown, path: readonly string[], value: unknown): unknown {
  if (!path.length) return value;
  const base = isObject(data) ? data : {};
  return { ...base, [path[0]]: withValueAt(base[path[0]], path.slice(1), value) };
}

/**
 * Visits every record in the sample (array elements and keyed-map values,
 * at any depth up to a bound) with the key it is filed under when keyed;
 * `visit` returns the record to put in its place.
 */
export function mapRecords(value: unknown, visit: (record: Record<string, unknown>, key: string | undefined) => Record<string, unknown>, depth = 0): unknown {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => (isObject(v) ? mapRecords(visit(v, undefined), visit, depth + 1) : v));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isObject(v) ? mapRecords(visit(v, k), visit, depth + 1) : mapRecords(v, visit, depth + 1);
  return out;
}
