import type { DB } from './database.js';
import { prepare } from './database.js';
import { MockpanelError } from '../kernel/mockpanel-error.js';
import { isPanelId, type PanelId } from '../kernel/panel-id.js';

/** What an injected fault does to a call. */
export type FaultEffect =
  | { type: 'latency'; ms?: number; minMs?: number; maxMs?: number }
  | { type: 'http'; status: number; body?: string; contentType?: string }
  | { type: 'reset' }
  | { type: 'truncate'; bytes?: number }
  | { type: 'malformed' }
  | { type: 'session-expired' }
  | { type: 'rate-limit' };

/** A fault rule as the admin API takes it. */
export interface FaultRuleSpec {
  panel?: PanelId;
  /** A contract method name; omitted or '*' for any. */
  method?: string;
  /** Fires only when every named argument equals the given value (JSON equality). */
  args?: Record<string, unknown>;
  /** Chance per matching call, 0–1 (default 1). */
  probability?: number;
  /** Fires this many times, then expires (default: no limit). */
  times?: number;
  /** Seed of the rule's random sequence, so a run repeats exactly (default: chosen and shown). */
  seed?: number;
  effect: FaultEffect;
}

export interface FaultRule extends FaultRuleSpec {
  id: number;
  seed: number;
  fired: number;
  /** Firings left, or null for no limit. */
  remaining: number | null;
}

/** The effect types a fault rule may have. */
export const FAULT_EFFECTS: readonly string[] = ['latency', 'http', 'reset', 'truncate', 'malformed', 'session-expired', 'rate-limit'];
const MAX_LATENCY_MS = 120_000;

/** Checks a rule from the admin API; every problem is a MockpanelError that says how to fix it. */
export function validateRule(input: unknown): FaultRuleSpec {
  const bad = (message: string) => new MockpanelError('bad_fault_rule', message);
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw bad('A fault rule is a JSON object: {"panel", "method", "probability", "times", "seed", "effect": {"type": …}}.');
  const r = input as Record<string, unknown>;
  if (r.panel !== undefined && (typeof r.panel !== 'string' || !isPanelId(r.panel))) throw bad('"panel" is one of webfaction, gandi, ispconfig, whm.');
  if (r.method !== undefined && typeof r.method !== 'string') throw bad('"method" is a method name, or "*".');
  if (r.args !== undefined && (typeof r.args !== 'object' || r.args === null || Array.isArray(r.args)))
    throw bad('"args" maps argument names to the values that make the rule fire.');
  if (r.probability !== undefined && (typeof r.probability !== 'number' || !(r.probability >= 0 && r.probability <= 1)))
    throw bad('"probability" is a number from 0 to 1.');
  if (r.times !== undefined && (!Number.isInteger(r.times) || (r.times as number) < 1)) throw bad('"times" is a whole number ≥ 1.');
  if (r.seed !== undefined && !Number.isInteger(r.seed)) throw bad('"seed" is a whole number.');
  const e = r.effect as Record<string, unknown> | undefined;
  if (!e || typeof e !== 'object' || !FAULT_EFFECTS.includes(e.type as string)) throw bad(`"effect.type" is one of ${FAULT_EFFECTS.join(', ')}.`);
  const ms = (v: unknown) => v === undefined || (typeof v === 'number' && v >= 0 && v <= MAX_LATENCY_MS);
  if (e.type === 'latency') {
    if (!ms(e.ms) || !ms(e.minMs) || !ms(e.maxMs)) throw bad(`Latency values are milliseconds from 0 to ${MAX_LATENCY_MS}.`);
    if (e.ms === undefined && (e.minMs === undefined || e.maxMs === undefined)) throw bad('Latency needs "ms", or "minMs" and "maxMs" for a uniform range.');
    if (e.minMs !== undefined && e.maxMs !== undefined && (e.minMs as number) > (e.maxMs as number)) throw bad('"minMs" must not exceed "maxMs".');
  }
  if (e.type === 'http' && (!Number.isInteger(e.status) || (e.status as number) < 100 || (e.status as number) > 599))
    throw bad('An http effect needs "status" from 100 to 599.');
  if (e.type === 'http' && e.body !== undefined && typeof e.body !== 'string') throw bad('"effect.body" is a string.');
  if (e.type === 'truncate' && e.bytes !== undefined && (!Number.isInteger(e.bytes) || (e.bytes as number) < 0))
    throw bad('"effect.bytes" is a whole number ≥ 0.');
  return input as FaultRuleSpec;
}

/** The fault rules of one world, kept in its database so snapshots and resets carry them. */
export class FaultRuleStore {
  /** The database last seen without an active rule: most worlds never have one, so most calls skip the query. */
  private quietDb: DB | undefined;

  constructor(private readonly db: () => DB) {}

  add(spec: FaultRuleSpec): FaultRule {
    this.quietDb = undefined;
    const seed = spec.seed ?? Math.floor(Math.random() * 2 ** 31);
    const stored = { ...spec, seed };
    const info = prepare(this.db(), 'INSERT INTO mp_fault_rule (spec, remaining, rng_state) VALUES (?, ?, ?)').run(
      JSON.stringify(stored),
      spec.times ?? null,
      seed >>> 0,
    );
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): FaultRule | undefined {
    const row = prepare<[number], Row>(this.db(), 'SELECT * FROM mp_fault_rule WHERE id = ?').get(id);
    return row && toRule(row);
  }

  list(): FaultRule[] {
    return prepare<[], Row>(this.db(), 'SELECT * FROM mp_fault_rule ORDER BY id').all().map(toRule);
  }

  remove(id: number): boolean {
    return prepare(this.db(), 'DELETE FROM mp_fault_rule WHERE id = ?').run(id).changes > 0;
  }

  clear(): void {
    prepare(this.db(), 'DELETE FROM mp_fault_rule').run();
  }

  /**
   * The effects that fire for this call, in rule order: every latency that
   * fires, then at most one other effect. Each matching rule draws from its
   * own seeded sequence, so the same calls fire the same rules in every run.
   */
  fire(panel: PanelId, method: string, params: Record<string, unknown>): { rule: number; effect: FaultEffect; draw: number }[] {
    const db = this.db();
    if (db === this.quietDb) return [];
    const rows = prepare<[], Row>(db, 'SELECT * FROM mp_fault_rule WHERE remaining IS NULL OR remaining > 0 ORDER BY id').all();
    if (rows.length === 0) {
      this.quietDb = db;
      return [];
    }
    const fired: { rule: number; effect: FaultEffect; draw: number }[] = [];
    for (const row of rows) {
      const spec = JSON.parse(row.spec) as FaultRuleSpec;
      if (spec.panel && spec.panel !== panel) continue;
      if (spec.method && spec.method !== '*' && spec.method !== method) continue;
      if (spec.args && !Object.entries(spec.args).every(([k, v]) => JSON.stringify(params[k]) === JSON.stringify(v))) continue;
      const [roll, next] = mulberry32(row.rng_state);
      const [draw, after] = mulberry32(next);
      const fires = roll < (spec.probability ?? 1);
      prepare(
        db,
        'UPDATE mp_fault_rule SET rng_state = ?, fired = fired + ?, remaining = CASE WHEN remaining IS NULL THEN NULL ELSE remaining - ? END WHERE id = ?',
      ).run(after, fires ? 1 : 0, fires ? 1 : 0, row.id);
      if (!fires) continue;
      fired.push({ rule: row.id, effect: spec.effect, draw });
      if (spec.effect.type !== 'latency') break;
    }
    return fired;
  }
}

interface Row {
  id: number;
  spec: string;
  fired: number;
  remaining: number | null;
  rng_state: number;
}

function toRule(row: Row): FaultRule {
  return { ...(JSON.parse(row.spec) as FaultRuleSpec & { seed: number }), id: row.id, fired: row.fired, remaining: row.remaining };
}

/** One step of mulberry32: a number in [0, 1) and the next state. Small, fast and good enough to decide faults. */
function mulberry32(state: number): [number, number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/** The latency, in ms, of a latency effect for a given uniform draw in [0, 1). */
export function latencyOf(effect: Extract<FaultEffect, { type: 'latency' }>, draw: number): number {
  if (effect.ms !== undefined) return effect.ms;
  return Math.round(effect.minMs! + (effect.maxMs! - effect.minMs!) * draw);
}
