import Database from 'better-sqlite3';
import type { Database as DB, Statement } from 'better-sqlite3';

export type { DB };

/** A schema change of one panel; versions ascend per panel. */
export interface Migration {
  version: number;
  sql: string;
}

/** mockpanel's own tables, present in every world. */
const CORE_SQL = `
CREATE TABLE IF NOT EXISTS mp_migration (panel TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (panel, version));
CREATE TABLE IF NOT EXISTS mp_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mp_setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mp_journal (
  id INTEGER PRIMARY KEY,
  world_time TEXT NOT NULL,
  wall_time TEXT NOT NULL,
  panel TEXT NOT NULL,
  method TEXT NOT NULL,
  args TEXT NOT NULL,
  outcome TEXT NOT NULL,
  result TEXT,
  fault_code TEXT,
  fault_string TEXT,
  duration_ms REAL NOT NULL,
  injected TEXT,
  findings TEXT,
  remote_address TEXT
);
CREATE TABLE IF NOT EXISTS mp_fault_rule (
  id INTEGER PRIMARY KEY,
  spec TEXT NOT NULL,
  fired INTEGER NOT NULL DEFAULT 0,
  remaining INTEGER,
  rng_state INTEGER NOT NULL
);
`;

/** Opens an in-memory database, or deserializes one from a serialized image. */
export function openMemory(image?: Buffer): DB {
  const db = image ? new Database(asRollbackImage(image)) : new Database(':memory:');
  // Every table and index holds at least one page, and a world copies the seeded image whole: at the default 4 KiB the
  // ~225 mostly empty tables and indexes of the four panels cost ~1 MB per world. 2 KiB pages halve that (100 worlds:
  // 312 → 266 MB RSS, npm run bench) without a measurable cost to listaccts over 10,000 accounts (bench, A/B).
  if (!image) db.pragma('page_size = 2048');
  tune(db, false);
  return db;
}

/** Opens (creating if needed) a file-backed database in WAL mode. */
export function openFile(path: string): DB {
  const db = new Database(path);
  tune(db, true);
  return db;
}

function tune(db: DB, file: boolean): void {
  if (file) {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL is durable across process crashes, which is what a persistent mock needs.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
}

/** Creates mockpanel's tables and applies every panel migration not yet applied. */
export function migrate(db: DB, panels: { id: string; migrations: Migration[] }[]): void {
  db.exec(CORE_SQL);
  const applied = db.prepare('SELECT 1 FROM mp_migration WHERE panel = ? AND version = ?');
  const record = db.prepare('INSERT INTO mp_migration (panel, version) VALUES (?, ?)');
  for (const panel of panels) {
    for (const m of [...panel.migrations].sort((a, b) => a.version - b.version)) {
      if (applied.get(panel.id, m.version)) continue;
      db.transaction(() => {
        db.exec(m.sql);
        record.run(panel.id, m.version);
      })();
    }
  }
}

const statementCache = new WeakMap<DB, Map<string, Statement>>();

/**
 * A prepared statement for `db`, prepared once. Handlers call this instead of
 * keeping statements themselves, because reset/restore swap the database
 * object under a world.
 */
export function prepare<BindParameters extends unknown[] | {} = unknown[], Result = unknown>(db: DB, sql: string): Statement<BindParameters, Result> {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt as unknown as Statement<BindParameters, Result>;
}

const runners = new WeakMap<DB, (fn: () => unknown) => unknown>();

/**
 * Runs `fn` in a transaction on `db` (a savepoint when one is open), as
 * `db.transaction(fn)()` does, with the wrapper built once per database:
 * better-sqlite3 builds four wrapped variants each time `transaction()` is
 * called, which cost a trivial call more than its BEGIN and COMMIT.
 */
export function inTransaction<T>(db: DB, fn: () => T): T {
  let run = runners.get(db);
  if (!run) {
    run = db.transaction((body: () => unknown) => body());
    runners.set(db, run);
  }
  return run(fn) as T;
}

/**
 * SQLite images taken from a WAL database say so in header bytes 18–19; an
 * in-memory database cannot open such an image, so it is marked as a
 * rollback-journal image first (openFile switches it back to WAL).
 */
export function asRollbackImage(image: Buffer): Buffer {
  if (image.length > 19 && (image[18] === 2 || image[19] === 2)) {
    const copy = Buffer.from(image);
    copy[18] = 1;
    copy[19] = 1;
    return copy;
  }
  return image;
}
