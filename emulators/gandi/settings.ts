import type { World } from '../../state/world.js';
import { faults } from './faults.js';

/**
 * How fast operations finish:
 * - `"immediate"`: DONE before the creating call returns;
 * - `{ "afterSeconds": N }`: PENDING, RUN from N/2 seconds, DONE after N seconds of the world's clock;
 * - `{ "afterPolls": N }`: RUN after the first `operation_details` of it, DONE at the Nth.
 */
export type OperationPace = 'immediate' | { afterSeconds: number } | { afterPolls: number };

/**
 * Operations to end in ERROR. A rule with `opid` puts that operation, if
 * still PENDING or RUN, into ERROR at the next Gandi call (the admin API's
 * "force this operation to fail"); a rule without `opid` makes every
 * operation created while it is set (of `type`, when given) end in ERROR
 * instead of DONE.
 */
export interface OperationErrorRule {
  opid?: number;
  type?: string;
  comment: string;
}

/** Monthly prices in the account's currency; `disk` is per 1024 MB. */
export interface Prices {
  shares: number;
  shares_fixed: number;
  disk: number;
}

/**
 * Per-world settings and their defaults (`PATCH /_admin/worlds/:id/settings`).
 * inferred: prices are not in the documents; these are round figures of the
 * era's order of magnitude, only there so purchases debit the balance.
 */
export const GANDI_SETTINGS = {
  'gandi.operationPace': 'immediate' as OperationPace,
  'gandi.operationErrors': [] as OperationErrorRule[],
  // inferred: the doc says a safe-mode session "will need to su" without saying what it may not do;
  // 'lenient' lets the doc's own samples (safe login, no su) run as written, 'strict' refuses writes until su.
  'gandi.safeMode': 'lenient' as 'lenient' | 'strict',
  // Documented: a session id is usable for 12 hours (seed 001, login).
  'gandi.sessionLifetimeSeconds': 12 * 3600,
  'gandi.prices': { shares: 12, shares_fixed: 10, disk: 0.5 } as Prices,
};

type Key = keyof typeof GANDI_SETTINGS;

/** A setting of this world, its default when unset (or set to null). */
function raw<K extends Key>(world: World, key: K): unknown {
  const value = world.setting(key);
  return value === undefined || value === null ? GANDI_SETTINGS[key] : value;
}

const wholeAtLeast = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;

export function operationPace(world: World): OperationPace {
  const v = raw(world, 'gandi.operationPace');
  if (v === 'immediate') return v;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('afterSeconds' in o && wholeAtLeast(o.afterSeconds, 0)) return { afterSeconds: o.afterSeconds };
    if ('afterPolls' in o && wholeAtLeast(o.afterPolls, 1)) return { afterPolls: o.afterPolls };
  }
  throw faults.misconfigured('gandi.operationPace', '"immediate", {"afterSeconds": N ≥ 0} or {"afterPolls": N ≥ 1}', v);
}

export function operationErrorRules(world: World): OperationErrorRule[] {
  const v = raw(world, 'gandi.operationErrors');
  const rules = Array.isArray(v) ? v : [v];
  for (const r of rules) {
    const o = r as Record<string, unknown>;
    const ok =
      o && typeof o === 'object' && typeof o.comment === 'string' &&
      (o.opid === undefined || wholeAtLeast(o.opid, 1)) && (o.type === undefined || typeof o.type === 'string');
    if (!ok) throw faults.misconfigured('gandi.operationErrors', 'a list of {"comment": text, "opid"?: id, "type"?: operation type}', v);
  }
  return rules as OperationErrorRule[];
}

export function safeModeStrict(world: World): boolean {
  const v = raw(world, 'gandi.safeMode');
  if (v !== 'lenient' && v !== 'strict') throw faults.misconfigured('gandi.safeMode', '"lenient" or "strict"', v);
  return v === 'strict';
}

export function sessionLifetime(world: World): number {
  const v = raw(world, 'gandi.sessionLifetimeSeconds');
  if (!wholeAtLeast(v, 1)) throw faults.misconfigured('gandi.sessionLifetimeSeconds', 'a whole number of seconds ≥ 1', v);
  return v;
}

export function prices(world: World): Prices {
  const v = raw(world, 'gandi.prices') as Record<string, unknown>;
  const merged = { ...GANDI_SETTINGS['gandi.prices'], ...(v && typeof v === 'object' ? v : {}) } as Record<string, unknown>;
  for (const k of ['shares', 'shares_fixed', 'disk']) {
    if (typeof merged[k] !== 'number' || !((merged[k] as number) >= 0)) {
      throw faults.misconfigured('gandi.prices', '{"shares", "shares_fixed", "disk": monthly prices ≥ 0}', v);
    }
  }
  return merged as unknown as Prices;
}
