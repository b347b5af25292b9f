/**
 * Compares an answer with a documented sample by shape: the same keys and
 * the same JSON types, recursively (values are not compared, so volatile
 * ones such as times, ids and serials need no mask). A sample's `null`
 * accepts any type (the document did not show one); arrays compare their
 * first elements when both have one.
 */

export interface ShapeRules {
  /** Paths (`data.tokens`) whose object keys are names, not fields: every value is compared with the sample's first. */
  maps?: Record<string, string>;
  /** Paths where the JSON type may differ from the sample's, with the reason (e.g. "unlimited" or a number). */
  types?: Record<string, string>;
  /** Paths of keys the answer may add or lack, with the reason. */
  keys?: Record<string, string>;
  /** Paths not compared at all, with the reason (what the sample shows there depends on the call). */
  ignore?: Record<string, string>;
  /**
   * Lists of mixed records (`data.zone`: comments, SOA, A…): the answer's
   * element compared is the first whose `key` equals the sample element's.
   */
  match?: Record<string, string>;
}

export type JsonType = 'null' | 'string' | 'number' | 'boolean' | 'array' | 'object';

export function jsonType(v: unknown): JsonType {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as JsonType;
}

/** Rule paths may use `*` for one path step (`data.tokens.*.acls`) or end in `*` for a key prefix (`data.cpuser.MXCHECK-*`). */
function lookup(table: Record<string, string> | undefined, path: string): string | undefined {
  if (!table) return undefined;
  if (path in table) return table[path];
  for (const [rule, reason] of Object.entries(table))
    if (rule.endsWith('*') && !rule.slice(0, -1).includes('*') && path.startsWith(rule.slice(0, -1))) return reason;
  const steps = path.split('.');
  for (const [rule, reason] of Object.entries(table)) {
    const parts = rule.split('.');
    if (parts.length !== steps.length) continue;
    if (parts.every((part, i) => part === '*' || part === steps[i] || (part.endsWith('*') && steps[i].startsWith(part.slice(0, -1))))) return reason;
  }
  return undefined;
}

/** The problems found, as `path: what` lines (empty when the shapes agree). */
export function compareShape(sample: unknown, actual: unknown, rules: ShapeRules = {}, path = 'data'): string[] {
  const problems: string[] = [];
  walk(sample, actual, path);
  return problems;

  function walk(s: unknown, a: unknown, p: string): void {
    if (lookup(rules.ignore, p) !== undefined) return;
    const st = jsonType(s);
    const at = jsonType(a);
    if (st === 'null') return;
    if (st !== at) {
      if (lookup(rules.types, p) === undefined) problems.push(`${p}: documented ${st}, answered ${at}`);
      return;
    }
    if (st === 'array') {
      const sa = s as unknown[];
      const aa = a as unknown[];
      if (!sa.length || !aa.length) return;
      const key = lookup(rules.match, p);
      const wanted = key === undefined ? undefined : (sa[0] as Record<string, unknown>)[key];
      const counterpart = key === undefined ? aa[0] : aa.find((e) => (e as Record<string, unknown>)?.[key] === wanted);
      if (counterpart === undefined) problems.push(`${p}: no element with ${key} = ${JSON.stringify(wanted)} to compare with the sample's`);
      else walk(sa[0], counterpart, `${p}[]`);
      return;
    }
    if (st !== 'object') return;
    const so = s as Record<string, unknown>;
    const ao = a as Record<string, unknown>;
    if (lookup(rules.maps, p) !== undefined) {
      const first = Object.values(so)[0];
      for (const [k, v] of Object.entries(ao)) walk(first, v, `${p}.${k}`);
      return;
    }
    for (const k of Object.keys(so)) {
      const kp = `${p}.${k}`;
      if (!(k in ao)) {
        if (lookup(rules.keys, kp) === undefined) problems.push(`${kp}: documented, missing from the answer`);
        continue;
      }
      walk(so[k], ao[k], kp);
    }
    for (const k of Object.keys(ao)) {
      const kp = `${p}.${k}`;
      if (!(k in so) && lookup(rules.keys, kp) === undefined) problems.push(`${kp}: not in the documented sample`);
    }
  }
}
