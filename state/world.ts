import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { asRollbackImage, openFile, openMemory, prepare, type DB } from './database.js';
import { WorldClock } from './clock.js';
import { JournalStore } from './journal-store.js';
import { FaultRuleStore } from './fault-rules.js';

/**
 * An isolated universe of all four panels: one SQLite database and a
 * virtual clock. Reset and restore swap the database object, so code keeps
 * the world, never the database, across calls.
 */
export class World {
  readonly clock: WorldClock;
  readonly journal: JournalStore;
  /** Injected-fault rules (admin API), kept in the world's database. */
  readonly faults: FaultRuleStore;
  private current: DB;

  constructor(
    readonly id: string,
    db: DB,
    /** File-backed worlds live in this file (WAL); in-memory worlds have none. */
    readonly file: string | undefined,
    journalLimit: number,
  ) {
    this.current = db;
    this.clock = new WorldClock(() => this.current);
    this.journal = new JournalStore(() => this.current, journalLimit);
    this.faults = new FaultRuleStore(() => this.current);
  }

  get db(): DB {
    return this.current;
  }

  /** A serialized image of the whole world (data, the clock's instant and whether it is frozen, journal). */
  serialize(): Buffer {
    this.journal.persist();
    // The image carries the clock's instant, so restoring it puts the clock back where it stood.
    return this.clock.stamped(() => {
      if (this.file) this.current.pragma('wal_checkpoint(FULL)');
      return this.current.serialize();
    });
  }

  /** Replaces the world's state with a serialized image (a snapshot or the seeded template); `opened` is that image already opened in memory. */
  load(image: Buffer, opened?: DB): void {
    const old = this.current;
    if (this.file) {
      old.close();
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(this.file + suffix)) rmSync(this.file + suffix);
      }
      writeFileSync(this.file, asRollbackImage(image));
      this.current = openFile(this.file);
    } else {
      this.current = opened ?? openMemory(image);
      old.close();
    }
    this.clock.reload();
  }

  /** A per-world setting (`<panel>.<name>`), or undefined when never set: the panel then uses its default. */
  setting<T = unknown>(key: string): T | undefined {
    const row = prepare<[string], { value: string }>(this.current, 'SELECT value FROM mp_setting WHERE key = ?').get(key);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  settings(): Record<string, unknown> {
    const rows = prepare<[], { key: string; value: string }>(this.current, 'SELECT key, value FROM mp_setting').all();
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
  }

  setSetting(key: string, value: unknown): void {
    prepare(this.current, 'INSERT INTO mp_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
      key,
      JSON.stringify(value),
    );
  }

  close(): void {
    this.journal.flush();
    if (this.current.open) this.current.close();
  }
}
