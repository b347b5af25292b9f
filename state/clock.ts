import type { DB } from './database.js';
import { MockpanelError } from '../kernel/mockpanel-error.js';

/**
 * Where a world's clock starts and whether it runs. `at` is an instant
 * (epoch milliseconds); absent means the wall clock at the moment the world
 * is created or reset.
 */
export interface ClockStart {
  atMs?: number;
  frozen?: boolean;
}

/** The clock options as users write them: `at` is an ISO-8601 instant, epoch ms, a Date, or "now". */
export interface ClockOptions {
  at?: string | number | Date;
  frozen?: boolean;
}

// Keys in mp_meta. A running clock keeps an offset from the wall clock, a frozen one the instant
// itself; `clock_start_ms` is an instant a world image carries (the template when a start instant is
// set, every snapshot) that the clock jumps to when the image is loaded, then forgets.
const OFFSET = 'clock_offset_ms';
const FROZEN = 'clock_frozen_ms';
const START = 'clock_start_ms';
const START_FROZEN = 'clock_start_frozen';

/** Latest instant a clock may show: JavaScript Dates end at ±8.64e15 ms; keep far from it so adding days never overflows. */
const MAX_MS = 8.64e15 / 2;

/**
 * Reads a clock instant: an ISO-8601 date (midnight UTC) or date-time with a
 * zone (`Z` or `±hh:mm`), epoch milliseconds, a Date, or "now" (undefined:
 * the wall clock). A date-time without a zone is refused: it would mean
 * different instants on machines in different zones.
 */
export function parseInstant(value: string | number | Date | undefined, field = 'clock'): number | undefined {
  if (value === undefined || value === 'now') return undefined;
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value;
  else if (typeof value !== 'string') throw new MockpanelError('bad_clock', `"${field}" must be an ISO-8601 instant such as 2027-01-31T23:59:40Z, or "now".`);
  else if (/^\d{4}-\d\d-\d\d$/.test(value)) ms = Date.parse(`${value}T00:00:00Z`);
  else if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:?\d\d)$/i.test(value)) ms = Date.parse(value);
  else {
    throw new MockpanelError(
      'bad_clock',
      `"${field}" must be an ISO-8601 instant with a zone, such as 2027-01-31T23:59:40Z or 2027-02-01T00:59:40+01:00 (a date alone means midnight UTC), or "now"; got ${JSON.stringify(String(value).slice(0, 80))}.`,
    );
  }
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_MS)
    throw new MockpanelError('bad_clock', `"${field}" is not a valid instant: ${JSON.stringify(String(value).slice(0, 80))}.`);
  return ms;
}

/** A clock change as users write it, read: `at: "now"` is the wall clock at the moment of the change, absent fields stay. */
export function clockChange(change: ClockOptions, field = 'at'): { atMs?: number | 'now'; frozen?: boolean } {
  return { atMs: change.at === 'now' ? 'now' : parseInstant(change.at, field), frozen: change.frozen };
}

/**
 * Clock options as the registry takes them. Absent options fall back to the
 * environment (`MOCKPANEL_CLOCK`, `MOCKPANEL_CLOCK_FROZEN=1`), so one
 * variable pins every mockpanel a CI job starts, in process or not.
 */
export function clockStart(options: ClockOptions | undefined, env: NodeJS.ProcessEnv = process.env): ClockStart {
  const at = options?.at ?? (env.MOCKPANEL_CLOCK || undefined);
  const frozen = options?.frozen ?? /^(1|true|yes)$/i.test(env.MOCKPANEL_CLOCK_FROZEN ?? '');
  return { atMs: parseInstant(at, options?.at !== undefined ? 'clock.at' : 'MOCKPANEL_CLOCK'), frozen };
}

/**
 * A world's virtual clock. Running, it is the wall clock plus an offset;
 * frozen, it stands at one instant and moves only when told. Tests move it
 * through the admin API instead of sleeping. Its state lives in the world's
 * database, so snapshots and data-dir restarts keep it.
 */
export class WorldClock {
  private offsetMs = 0;
  private frozenAtMs: number | undefined;

  constructor(private db: () => DB) {
    this.reload();
  }

  /**
   * Re-reads the clock after the database was swapped (create, reset,
   * restore). An image that carries a start instant (the template of a
   * server started with --clock, a snapshot) puts the clock at that instant
   * now; the instant is then forgotten, so a data-dir world reopened after a
   * restart keeps running from where it was instead of jumping back.
   */
  reload(): void {
    const meta = this.readMeta();
    if (meta.has(START) || meta.has(START_FROZEN)) {
      const startMs = meta.has(START) ? Number(meta.get(START)) : Date.now();
      const frozen = meta.get(START_FROZEN) === '1';
      this.db().prepare(`DELETE FROM mp_meta WHERE key IN ('${START}', '${START_FROZEN}')`).run();
      this.set(startMs, frozen);
      return;
    }
    this.offsetMs = meta.has(OFFSET) ? Number(meta.get(OFFSET)) : 0;
    this.frozenAtMs = meta.has(FROZEN) ? Number(meta.get(FROZEN)) : undefined;
  }

  nowMs(): number {
    return this.frozenAtMs ?? Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Seconds since the epoch, as most panels store times. */
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  get frozen(): boolean {
    return this.frozenAtMs !== undefined;
  }

  /** Moves the clock forward; a frozen clock stays frozen at the later instant. */
  advance(seconds: number): Date {
    return this.set(this.nowMs() + seconds * 1000, this.frozen);
  }

  /** Puts the clock at an instant (backwards too), running from there or frozen there. */
  set(atMs: number, frozen = this.frozen): Date {
    if (!Number.isFinite(atMs) || Math.abs(atMs) > MAX_MS) throw new MockpanelError('bad_clock', 'The clock cannot be set that far.');
    if (frozen) {
      this.frozenAtMs = atMs;
      this.writeMeta(FROZEN, atMs);
    } else {
      this.frozenAtMs = undefined;
      this.offsetMs = atMs - Date.now();
      this.db().prepare(`DELETE FROM mp_meta WHERE key = '${FROZEN}'`).run();
      this.writeMeta(OFFSET, this.offsetMs);
    }
    return this.now();
  }

  /** Sets what is given: the instant (`"now"`: the wall clock), frozen or running; what is absent stays. */
  configure(change: { atMs?: number | 'now'; frozen?: boolean }): Date {
    const atMs = change.atMs === 'now' ? Date.now() : (change.atMs ?? this.nowMs());
    return this.set(atMs, change.frozen ?? this.frozen);
  }

  /** Freezes the clock where it stands, or lets it run on from there. */
  freeze(frozen: boolean): Date {
    return this.set(this.nowMs(), frozen);
  }

  /**
   * Runs `fn` (which serializes the database) with the current instant
   * written into the image as its start, so loading the image later puts the
   * clock back at the instant it was taken, running or frozen as it was.
   */
  stamped<T>(fn: () => T): T {
    this.writeMeta(START, this.nowMs());
    this.writeMeta(START_FROZEN, this.frozen ? 1 : 0);
    try {
      return fn();
    } finally {
      this.db().prepare(`DELETE FROM mp_meta WHERE key IN ('${START}', '${START_FROZEN}')`).run();
    }
  }

  private readMeta(): Map<string, string> {
    const rows = this.db().prepare("SELECT key, value FROM mp_meta WHERE key LIKE 'clock\\_%' ESCAPE '\\'").all() as { key: string; value: string }[];
    return new Map(rows.map((r) => [r.key, r.value]));
  }

  private writeMeta(key: string, value: number): void {
    this.db().prepare('INSERT INTO mp_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, String(value));
  }
}

/** Writes a start instant into a fresh image (the seeded template), so every world made from it starts there. */
export function stampStart(db: DB, start: ClockStart): void {
  const write = db.prepare('INSERT INTO mp_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  if (start.atMs !== undefined) write.run(START, String(start.atMs));
  if (start.frozen) write.run(START_FROZEN, '1');
}
