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
 * Per-world settings (`gandi.<name>`, `PATCH /_admin/worlds/:id/settings`)
 * and their defaults, read with `call.setting(name)` and checked by the
 * readers below. inferred: prices are not in the documents; these are round
 * figures of the era's order of magnitude, only there so purchases debit the balance.
 */
export const GANDI_SETTINGS = {
  operationPace: 'immediate' as OperationPace,
  operationErrors: [] as OperationErrorRule[],
  // inferred: the doc says a safe-mode session "will need to su" without saying what it may not do;
  // 'lenient' lets the doc's own samples (safe login, no su) run as written, 'strict' refuses writes until su.
  safeMode: 'lenient' as 'lenient' | 'strict',
  // Documented: a session id is usable for 12 hours (seed 001, login).
  sessionLifetimeSeconds: 12 * 3600,
  prices: { shares: 12, shares_fixed: 10, disk: 0.5 } as Prices,
};

export type GandiSettingName = keyof typeof GANDI_SETTINGS;

/**
 * A setting of a world outside any call (the dashboard's catch-up of
 * operations), read as `call.setting()` reads it: the world's value, else the default.
 */
export function worldSetting(world: World, name: GandiSettingName): unknown {
  return world.setting(`gandi.${name}`) ?? GANDI_SETTINGS[name];
}

const wholeAtLeast = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;

export function operationPace(v: unknown): OperationPace {
  if (v === 'immediate') return v;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('afterSeconds' in o && wholeAtLeast(o.afterSeconds, 0)) return { afterSeconds: o.afterSeconds };
    if ('afterPolls' in o && wholeAtLeast(o.afterPolls, 1)) return { afterPolls: o.afterPolls };
  }
  throw faults.misconfigured('gandi.operationPace', '"immediate", {"afterSeconds": N ≥ 0} or {"afterPolls": N ≥ 1}', v);
}

export function operationErrorRules(v: unknown): OperationErrorRule[] {
  const rules = Array.isArray(v) ? v : [v];
  for (const r of rules) {
    const o = r as Record<string, unknown>;
    const ok =
      o &&
      typeof o === 'object' &&
      typeof o.comment === 'string' &&
      (o.opid === undefined || wholeAtLeast(o.opid, 1)) &&
      (o.type === undefined || typeof o.type === 'string');
    if (!ok) throw faults.misconfigured('gandi.operationErrors', 'a list of {"comment": text, "opid"?: id, "type"?: operation type}', v);
  }
  return rules as OperationErrorRule[];
}

export function safeModeStrict(v: unknown): boolean {
  if (v !== 'lenient' && v !== 'strict') throw faults.misconfigured('gandi.safeMode', '"lenient" or "strict"', v);
  return v === 'strict';
}

export function sessionLifetime(v: unknown): number {
  if (!wholeAtLeast(v, 1)) throw faults.misconfigured('gandi.sessionLifetimeSeconds', 'a whole number of seconds ≥ 1', v);
  return v;
}

/** The world's prices: members it does not set keep their defaults. */
export function prices(v: unknown): Prices {
  const merged = { ...GANDI_SETTINGS.prices, ...(v && typeof v === 'object' ? v : {}) } as Record<string, unknown>;
  for (const k of ['shares', 'shares_fixed', 'disk']) {
    if (typeof merged[k] !== 'number' || !((merged[k] as number) >= 0)) {
      throw faults.misconfigured('gandi.prices', '{"shares", "shares_fixed", "disk": monthly prices ≥ 0}', v);
    }
  }
  return merged as unknown as Prices;
}
