import type { DB } from './database.js';

/**
 * A world's virtual clock: real time plus an offset that tests advance
 * through the admin API instead of sleeping. The offset lives in the world's
 * database, so a snapshot restores the time it was taken at.
 */
export class WorldClock {
  private offsetMs = 0;

  constructor(private db: () => DB) {
    this.reload();
  }

  /** Re-reads the offset after the database was swapped (reset, restore). */
  reload(): void {
    const row = this.db().prepare("SELECT value FROM mp_meta WHERE key = 'clock_offset_ms'").get() as
      | { value: string }
      | undefined;
    this.offsetMs = row ? Number(row.value) : 0;
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Seconds since the epoch, as most panels store times. */
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  advance(seconds: number): Date {
    this.offsetMs += seconds * 1000;
    this.db()
      .prepare("INSERT INTO mp_meta (key, value) VALUES ('clock_offset_ms', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .run(String(this.offsetMs));
    return this.now();
  }
}
