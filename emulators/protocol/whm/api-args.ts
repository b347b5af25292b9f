/**
 * WHM's `api.*` arguments (api.version, api.filter.a.field, api.chunk.size…)
 * as the nested tree WHM builds from them: the `api.` prefix dropped, each
 * dot one level down. Observed in a public copy of cPanel's
 * Whostmgr::API::1::Data::Args (extract_api_args).
 */
export interface WhmApiArgTree {
  [key: string]: string | WhmApiArgTree;
}

/**
 * Builds the tree from `api.*` pairs in wire order. Repeated names get
 * WHM's form-parser suffixes first (`x`, `x-0`, `x-1`: Cpanel::HTTP::QueryString::Legacy),
 * so the first occurrence is the one that counts. A later key that goes
 * deeper than an earlier scalar replaces it with a branch (`api.filter=1`
 * then `api.filter.a.field=x`), and a later scalar overwrites a branch, as in WHM.
 */
export function buildWhmApiArgs(pairs: Iterable<readonly [string, string]>): WhmApiArgTree {
  const tree: WhmApiArgTree = Object.create(null) as WhmApiArgTree;
  // Most calls carry one api.* pair (api.version): a repeat needs counting only when there can be one.
  const seen = Array.isArray(pairs) && pairs.length < 2 ? undefined : new Map<string, number>();
  for (const [rawName, value] of pairs) {
    if (!rawName.startsWith('api.')) continue;
    const count = seen?.get(rawName) ?? 0;
    seen?.set(rawName, count + 1);
    const name = count === 0 ? rawName : `${rawName}-${count - 1}`;
    const steps = name.slice('api.'.length).split('.');
    let branch = tree;
    for (let i = 0; i < steps.length - 1; i++) {
      const next = branch[steps[i]];
      if (typeof next === 'object') {
        branch = next;
      } else {
        const fresh = Object.create(null) as WhmApiArgTree;
        branch[steps[i]] = fresh;
        branch = fresh;
      }
    }
    branch[steps[steps.length - 1]] = value;
  }
  return tree;
}

/** A branch of the tree, or undefined when the key is absent or a plain value. */
export function apiBranch(tree: WhmApiArgTree | undefined, key: string): WhmApiArgTree | undefined {
  const v = tree?.[key];
  return typeof v === 'object' ? v : undefined;
}

/** A plain value of the tree, or undefined when the key is absent or a branch. */
export function apiValue(tree: WhmApiArgTree | undefined, key: string): string | undefined {
  const v = tree?.[key];
  return typeof v === 'string' ? v : undefined;
}
