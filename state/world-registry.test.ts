import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepare, type DB } from './database.js';
import { WorldRegistry, type WorldSchema } from './world-registry.js';

// A small schema of our own, so the registry is tested apart from any panel.
const notes: WorldSchema = {
  id: 'notes',
  migrations: [{ version: 1, sql: 'CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL, at INTEGER NOT NULL)' }],
  seed(db: DB, ctx) {
    const config = (ctx.config as { texts?: string[] } | undefined) ?? {};
    for (const text of config.texts ?? ['seeded']) db.prepare('INSERT INTO note (text, at) VALUES (?, ?)').run(text, ctx.nowSeconds);
  },
};
const texts = (db: DB) => (prepare(db, 'SELECT text FROM note ORDER BY id').all() as { text: string }[]).map((r) => r.text);
const add = (db: DB, text: string) => prepare(db, 'INSERT INTO note (text, at) VALUES (?, 0)').run(text);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('WorldRegistry (in memory)', () => {
  it('starts with a seeded default world and honours the seed config', () => {
    expect(new WorldRegistry({ schemas: [notes] }).list()).toEqual(['default']);
    const r = new WorldRegistry({ schemas: [notes], seedConfig: { notes: { texts: ['a', 'b'] } } });
    expect(texts(r.require('default').db)).toEqual(['a', 'b']);
  });

  it('keeps worlds apart', () => {
    const r = new WorldRegistry({ schemas: [notes] });
    const a = r.create('a');
    const b = r.create('b');
    add(a.db, 'only in a');
    expect(texts(a.db)).toEqual(['seeded', 'only in a']);
    expect(texts(b.db)).toEqual(['seeded']);
    expect(texts(r.require('default').db)).toEqual(['seeded']);
  });

  it('resets data, clock and journal to the seeded state', () => {
    const r = new WorldRegistry({ schemas: [notes] });
    const w = r.require('default');
    add(w.db, 'x');
    const before = w.clock.nowMs();
    w.clock.advance(3600);
    expect(w.clock.nowMs() - before).toBeGreaterThanOrEqual(3_600_000);
    w.journal.record({ worldTime: '', wallTime: '', panel: 'p', method: 'm', args: {}, outcome: 'ok', durationMs: 1, findings: [] });
    r.reset('default');
    expect(texts(w.db)).toEqual(['seeded']);
    expect(w.clock.nowMs() - Date.now()).toBeLessThan(1000);
    expect(w.journal.count()).toBe(0);
  });

  it('snapshots, restores, and creates worlds from snapshots, clock included', () => {
    const r = new WorldRegistry({ schemas: [notes] });
    const w = r.require('default');
    add(w.db, 'kept');
    w.clock.advance(86_400);
    r.saveSnapshot('default', 'golden');
    add(w.db, 'lost');
    r.restoreSnapshot('default', 'golden');
    expect(texts(w.db)).toEqual(['seeded', 'kept']);
    expect(w.clock.nowMs() - Date.now()).toBeGreaterThan(86_000_000);
    const copy = r.create('copy', 'golden');
    expect(texts(copy.db)).toEqual(['seeded', 'kept']);
    add(copy.db, 'copy only');
    expect(texts(w.db)).toEqual(['seeded', 'kept']);
    expect(r.snapshotNames()).toEqual(['golden']);
    r.deleteSnapshot('golden');
    expect(() => r.restoreSnapshot('default', 'golden')).toThrow(/No snapshot "golden"/);
  });

  it('refuses bad ids, duplicates and unknown worlds with stable codes', () => {
    const r = new WorldRegistry({ schemas: [notes] });
    expect(() => r.create('../etc')).toThrow(expect.objectContaining({ code: 'bad_world_id' }));
    expect(() => r.create('default')).toThrow(expect.objectContaining({ code: 'world_exists', httpStatus: 409 }));
    expect(() => r.require('nope')).toThrow(expect.objectContaining({ code: 'world_not_found', httpStatus: 404 }));
    r.create('gone');
    r.delete('gone');
    expect(r.get('gone')).toBeUndefined();
  });

  it('per-world settings survive snapshots and are cleared by reset', () => {
    const r = new WorldRegistry({ schemas: [notes] });
    const w = r.require('default');
    w.setSetting('notes.style', { loud: true });
    expect(w.setting('notes.style')).toEqual({ loud: true });
    r.saveSnapshot('default', 's');
    r.reset('default');
    expect(w.setting('notes.style')).toBeUndefined();
    r.restoreSnapshot('default', 's');
    expect(w.settings()).toEqual({ 'notes.style': { loud: true } });
  });

  it('keeps the journal within its bound', () => {
    const r = new WorldRegistry({ schemas: [notes], journalLimit: 50 });
    const w = r.require('default');
    for (let i = 0; i < 500; i++) {
      w.journal.record({ worldTime: '', wallTime: '', panel: 'p', method: `m${i}`, args: {}, outcome: 'ok', durationMs: 0, findings: [] });
    }
    w.journal.flush();
    const rows = (w.db.prepare('SELECT COUNT(*) AS n FROM mp_journal').get() as { n: number }).n;
    expect(rows).toBeLessThanOrEqual(50 + 6);
    const entries = w.journal.query();
    expect(entries).toHaveLength(50);
    expect(entries.at(-1)!.method).toBe('m499');
  });
});

describe('WorldRegistry (file-backed)', () => {
  it('persists worlds and snapshots across a restart, in WAL mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockpanel-worlds-'));
    dirs.push(dir);
    const first = new WorldRegistry({ schemas: [notes], dataDir: dir });
    expect(first.require('default').db.pragma('journal_mode', { simple: true })).toBe('wal');
    add(first.require('default').db, 'durable');
    first.create('second');
    add(first.require('second').db, 'also durable');
    first.saveSnapshot('default', 'snap');
    first.close();

    const again = new WorldRegistry({ schemas: [notes], dataDir: dir });
    expect(again.list().sort()).toEqual(['default', 'second']);
    expect(texts(again.require('default').db)).toEqual(['seeded', 'durable']);
    expect(texts(again.require('second').db)).toEqual(['seeded', 'also durable']);
    add(again.require('default').db, 'after snapshot');
    again.restoreSnapshot('default', 'snap');
    expect(texts(again.require('default').db)).toEqual(['seeded', 'durable']);
    again.reset('second');
    expect(texts(again.require('second').db)).toEqual(['seeded']);
    again.close();
  });
});
