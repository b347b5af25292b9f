import { inTransaction, prepare, type DB } from './database.js';
import type { JournalEntry } from '../kernel/journal-entry.js';

/** A call as it crossed the wire, secrets already redacted and each message cut at {@link MAX_WIRE_CHARS}. */
export interface WireRecord {
  /** Request line, headers and body, as HTTP/1.1 text. */
  request: string;
  /** Status line, headers and body, or what the transport did instead (reset). */
  response: string;
  /** The URL the request reached on the shared port (world and panel prefixes put back), for "copy as curl". */
  url: string;
}

/** A wire record written when first needed: the journal reads it, or the world is saved. */
export interface WireSource {
  build(): WireRecord;
}

export interface JournalQuery {
  panel?: string;
  method?: string;
  outcome?: 'ok' | 'fault';
  /** Only entries with an id greater than this. */
  sinceId?: number;
  /** Only entries at or after this wall-clock ISO time. */
  since?: string;
  limit?: number;
  /** Only entries whose method, arguments, result, fault or injected effect contain this text (case-insensitive). */
  text?: string;
  /** Only entries an injected-fault rule with this id fired on. */
  rule?: number;
  /** Only entries whose arguments or result hold this exact JSON member (`vm_id` = 12 never matches 123). */
  member?: { name: string; value: string };
}

/** Wire records are kept for the newest this-many calls only: they are the big part of an entry. */
export const WIRE_KEPT = 1000;
export const MAX_WIRE_CHARS = 16 * 1024;

/** Results larger than this are stored as a summary, so big lists do not bloat the journal. */
export const MAX_RESULT_CHARS = 4096;

/**
 * A result the caller has already written as the journal keeps it (what
 * {@link boundedJson} would give for its redacted copy): the store writes the
 * text as is instead of walking and serializing the value again.
 */
export class JournalJson {
  constructor(readonly text: string | null) {}
}

interface Row {
  id: number;
  world_time: string;
  wall_time: string;
  panel: string;
  method: string;
  args: string;
  outcome: 'ok' | 'fault';
  result: string | null;
  fault_code: string | null;
  fault_string: string | null;
  duration_ms: number;
  injected: string | null;
  findings: string | null;
  remote_address: string | null;
}

/**
 * The journal of a world: a bounded ring in the world's own database. Every
 * `trimEvery` inserts, entries older than the newest `limit` are dropped, so
 * memory stays bounded under any load.
 */
export class JournalStore {
  private inserts = 0;
  private readonly trimEvery: number;
  /** Rows waiting to be written, and the database they belong to. */
  private pending: unknown[][] = [];
  private pendingDb: DB | undefined;
  private flushScheduled = false;
  /**
   * Wire records of an in-memory world's newest calls, by journal id, not yet
   * written to mp_wire: most leave the ring unread, so their text is never
   * built nor stored. Trimmed with mp_wire; written out before the world is
   * saved ({@link persist}). Belongs to `heldDb`.
   */
  private held = new Map<number, WireSource>();
  private heldDb: DB | undefined;

  constructor(
    private db: () => DB,
    readonly limit: number,
  ) {
    this.trimEvery = Math.max(1, Math.min(256, Math.floor(limit / 8)));
  }

  /**
   * Records a call. The row is written once the current burst of calls is
   * answered (or at the next read), many rows in one transaction: the insert
   * then stays off each call's critical path.
   */
  record(entry: Omit<JournalEntry, 'id'>, wire?: WireRecord | WireSource): void {
    const db = this.db();
    if (db !== this.pendingDb) {
      // The world was reset or restored since: rows for the old database have no home any more.
      this.pending = [];
      this.pendingDb = db;
    }
    this.pending.push([
      entry.worldTime,
      entry.wallTime,
      entry.panel,
      entry.method,
      JSON.stringify(entry.args) ?? 'null',
      entry.outcome,
      entry.result === undefined ? null : entry.result instanceof JournalJson ? entry.result.text : boundedJson(entry.result, MAX_RESULT_CHARS),
      entry.fault ? entry.fault.code : null,
      entry.fault ? entry.fault.string : null,
      entry.durationMs,
      entry.injected ?? null,
      entry.findings.length ? JSON.stringify(entry.findings) : null,
      entry.remoteAddress ?? null,
      wire,
    ]);
    if (this.pending.length >= 256) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      }).unref();
    }
  }

  /** Writes the rows recorded so far (reads, snapshots and closing call this first). */
  flush(): void {
    const rows = this.pending;
    const db = this.pendingDb;
    this.pending = [];
    if (rows.length === 0 || !db || db !== this.db() || !db.open) return;
    const insert = prepare(
      db,
      `INSERT INTO mp_journal (world_time, wall_time, panel, method, args, outcome, result, fault_code, fault_string,
         duration_ms, injected, findings, remote_address) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    ensureWireTable(db);
    const insertWire = prepare(db, 'INSERT OR REPLACE INTO mp_wire (id, request, response, url) VALUES (?,?,?,?)');
    // A file-backed world's records go to disk with their rows, so a crash keeps them.
    const hold = db.memory;
    const held = this.heldFor(db);
    inTransaction(db, () => {
      for (const row of rows) {
        const wire = row.pop() as WireRecord | WireSource | undefined;
        const id = Number(insert.run(...row).lastInsertRowid);
        if (wire) {
          if (hold && 'build' in wire) held.set(id, wire);
          else {
            const record = 'build' in wire ? wire.build() : wire;
            insertWire.run(id, record.request, record.response, record.url);
          }
        }
        if (++this.inserts % this.trimEvery === 0) {
          prepare(db, 'DELETE FROM mp_journal WHERE id <= ?').run(id - this.limit);
          const cut = id - Math.min(this.limit, WIRE_KEPT);
          prepare(db, 'DELETE FROM mp_wire WHERE id <= ?').run(cut);
          for (const heldId of held.keys()) {
            if (heldId > cut) break;
            held.delete(heldId);
          }
        }
      }
    });
  }

  /** The held records of `db` (none when the world's database was swapped since). */
  private heldFor(db: DB): Map<number, WireSource> {
    if (this.heldDb !== db) {
      this.held = new Map();
      this.heldDb = db;
    }
    return this.held;
  }

  /** Writes everything recorded, wire records included, into the world's database: before it is serialized or closed. */
  persist(): void {
    this.flush();
    const db = this.db();
    const held = this.heldFor(db);
    if (held.size === 0 || !db.open) return;
    const insertWire = prepare(db, 'INSERT OR REPLACE INTO mp_wire (id, request, response, url) VALUES (?,?,?,?)');
    inTransaction(db, () => {
      for (const [id, wire] of held) {
        const record = wire.build();
        insertWire.run(id, record.request, record.response, record.url);
      }
    });
    held.clear();
  }

  query(q: JournalQuery = {}): JournalEntry[] {
    this.flush();
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.panel) (where.push('panel = ?'), params.push(q.panel));
    if (q.method) (where.push('method = ?'), params.push(q.method));
    if (q.outcome) (where.push('outcome = ?'), params.push(q.outcome));
    if (q.sinceId !== undefined) (where.push('id > ?'), params.push(q.sinceId));
    if (q.since) (where.push('wall_time >= ?'), params.push(q.since));
    if (q.text) {
      // LIKE is case-insensitive (ASCII) and reads each column in place: no concatenated or lowered copies per row.
      const pattern = `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const columns = ['method', 'args', 'result', 'fault_string', 'injected'];
      where.push(`(${columns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
      params.push(...columns.map(() => pattern));
    }
    if (q.member) {
      const { name, value } = q.member;
      const numeric = /^-?\d+(\.\d+)?$/.test(value);
      const glob = (s: string) => s.replace(/[[*?]/g, (c) => `[${c}]`);
      // A number must be followed by something that cannot continue it, so 12 never matches 123.
      const pattern = `*${glob(`${JSON.stringify(name)}:${numeric ? value : JSON.stringify(value)}`)}${numeric ? '[^0-9.eE]' : ''}*`;
      where.push('(args GLOB ? OR result GLOB ?)');
      params.push(pattern, pattern);
    }
    if (q.rule !== undefined) (where.push('instr(injected, ?) > 0'), params.push(`rule ${q.rule}:`));
    const limit = Math.min(Math.max(q.limit ?? this.limit, 1), this.limit);
    // Newest `limit` matches, returned oldest first (the order the calls were made in).
    const sql = `SELECT * FROM (SELECT * FROM mp_journal ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY id DESC LIMIT ${limit}) ORDER BY id ASC`;
    const rows = this.db()
      .prepare(sql)
      .all(...params) as Row[];
    // Entries past the ring's bound may linger until the next trim; never show more than `limit`.
    return rows.map(toEntry);
  }

  /** One entry by id, with its wire record while it is among the newest {@link WIRE_KEPT}. */
  entry(id: number): (JournalEntry & { wire?: WireRecord }) | undefined {
    this.flush();
    const row = prepare<[number], Row>(this.db(), 'SELECT * FROM mp_journal WHERE id = ?').get(id);
    if (!row) return undefined;
    const held = this.heldFor(this.db()).get(id);
    if (held) return { ...toEntry(row), wire: asStored(held.build()) };
    ensureWireTable(this.db());
    const wire = prepare<[number], WireRecord>(this.db(), 'SELECT request, response, url FROM mp_wire WHERE id = ?').get(id);
    return { ...toEntry(row), wire };
  }

  /** How many entries the journal holds and the newest one's times, without reading the entries. */
  stats(): { calls: number; faults: number; lastId?: number; lastWorldTime?: string; lastWallTime?: string } {
    this.flush();
    const row = prepare<[], { calls: number; faults: number; id: number | null; world_time: string | null; wall_time: string | null }>(
      this.db(),
      `SELECT (SELECT count(*) FROM mp_journal) AS calls, (SELECT count(*) FROM mp_journal WHERE outcome = 'fault') AS faults, id, world_time, wall_time
         FROM (SELECT 1) LEFT JOIN (SELECT id, world_time, wall_time FROM mp_journal ORDER BY id DESC LIMIT 1)`,
    ).get()!;
    return {
      calls: row.calls,
      faults: row.faults,
      lastId: row.id ?? undefined,
      lastWorldTime: row.world_time ?? undefined,
      lastWallTime: row.wall_time ?? undefined,
    };
  }

  count(q: JournalQuery = {}): number {
    return this.query(q).length;
  }

  clear(): void {
    this.flush();
    this.db().prepare('DELETE FROM mp_journal').run();
    ensureWireTable(this.db());
    this.db().prepare('DELETE FROM mp_wire').run();
    this.heldFor(this.db()).clear();
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A held record as mp_wire would give it back. better-sqlite3 writes a lone
 * surrogate as its three WTF-8 bytes, which read back as three U+FFFD
 * (journal-store.test.ts holds both paths to this).
 */
function asStored(record: WireRecord): WireRecord {
  const fix = (text: string) => text.replace(LONE_SURROGATE, '\uFFFD\uFFFD\uFFFD');
  return { request: fix(record.request), response: fix(record.response), url: fix(record.url) };
}

const withWireTable = new WeakSet<DB>();

/** mp_wire came after mp_journal: a world image saved by an older mockpanel (a snapshot file) gets it on first use. */
function ensureWireTable(db: DB): void {
  if (withWireTable.has(db)) return;
  db.exec('CREATE TABLE IF NOT EXISTS mp_wire (id INTEGER PRIMARY KEY, request TEXT NOT NULL, response TEXT NOT NULL, url TEXT NOT NULL)');
  withWireTable.add(db);
}

function toEntry(r: Row): JournalEntry {
  return {
    id: r.id,
    worldTime: r.world_time,
    wallTime: r.wall_time,
    panel: r.panel,
    method: r.method,
    args: JSON.parse(r.args),
    outcome: r.outcome,
    result: r.result === null ? undefined : JSON.parse(r.result),
    fault: r.fault_code === null ? undefined : { code: r.fault_code, string: r.fault_string ?? '' },
    durationMs: r.duration_ms,
    injected: r.injected ?? undefined,
    findings: r.findings ? JSON.parse(r.findings) : [],
    remoteAddress: r.remote_address ?? undefined,
  };
}

/** Told of each array and object {@link jsonFits} walks (no `key`), then of each key it reads in an object. */
export type JsonFitsVisitor = (container: object, key?: string) => void;

// Thrown to stop the walk; not an Error, so no stack trace is captured (that capture cost more than the walk).
const TOO_LONG = Symbol('too long');

/**
 * Whether `value`'s JSON stays within `max` characters. Counts an upper-ish
 * estimate without building anything and stops as soon as the bound is
 * passed, so a 10,000-account listaccts costs a few microseconds.
 */
export function jsonFits(value: unknown, max: number, visit?: JsonFitsVisitor): boolean {
  let size = 0;
  const add = (n: number) => {
    size += n;
    if (size > max) throw TOO_LONG;
  };
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return add(typeof v === 'string' ? v.length + 2 : 8);
    if (Buffer.isBuffer(v)) return add(v.length * 2);
    if (v instanceof Date) return add(26);
    visit?.(v);
    if (Array.isArray(v)) {
      add(2 + v.length);
      for (const x of v) walk(x);
      return;
    }
    add(2);
    for (const k in v) {
      visit?.(v, k);
      add(k.length + 4);
      walk((v as Record<string, unknown>)[k]);
    }
  };
  try {
    walk(value);
    return true;
  } catch (error) {
    if (error !== TOO_LONG) throw error;
    return false;
  }
}

/** Whether the journal keeps a result whole; a larger one is kept as its shape alone (an item count or its first key names). */
export function journalKeepsWhole(result: unknown): boolean {
  return jsonFits(result, MAX_RESULT_CHARS);
}

/** JSON of `value`, or a summary of its shape when it would exceed `max` characters (no second 8 MB stringify). */
export function boundedJson(value: unknown, max: number): string | null {
  if (jsonFits(value, max)) return JSON.stringify(value) ?? null;
  const kind = Array.isArray(value) ? { items: value.length } : value && typeof value === 'object' ? { keys: Object.keys(value).slice(0, 20) } : {};
  return JSON.stringify({ truncated: true, over: max, ...kind });
}
