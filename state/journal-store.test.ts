import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorldRegistry } from './world-registry.js';
import { WIRE_KEPT, type WireRecord, type WireSource } from './journal-store.js';

const entry = (i: number) => ({
  worldTime: '2030-01-01T00:00:00.000Z',
  wallTime: '2030-01-01T00:00:00.000Z',
  panel: 'whm',
  method: i % 2 ? 'listaccts' : 'createacct',
  args: { user: `u${i}`, n: i },
  outcome: 'ok' as const,
  durationMs: 1,
  findings: [],
});
const wire = (i: number) => ({ request: `GET /json-api/x?n=${i} HTTP/1.1`, response: 'HTTP/1.1 200', url: `/whm/json-api/x?n=${i}` });

describe('JournalStore wire records', () => {
  it('keeps the wire text of the newest calls only, and none after a clear', () => {
    const world = new WorldRegistry({ schemas: [], journalLimit: 5000 }).require('default');
    const calls = WIRE_KEPT + 400;
    for (let i = 1; i <= calls; i++) world.journal.record(entry(i), wire(i));
    world.journal.flush();
    expect(world.journal.entry(calls)).toMatchObject({ method: 'createacct', args: { n: calls }, wire: wire(calls) });
    // Trimmed in steps: the oldest wire records are gone while their entries stay.
    expect(world.journal.entry(1)).toMatchObject({ args: { n: 1 }, wire: undefined });
    const kept = world.db.prepare('SELECT count(*) FROM mp_wire').pluck().get() as number;
    expect(kept).toBeGreaterThanOrEqual(WIRE_KEPT);
    expect(kept).toBeLessThan(calls);
    world.journal.clear();
    expect(world.db.prepare('SELECT count(*) FROM mp_wire').pluck().get()).toBe(0);
  });

  it("holds an in-memory world's wire records unbuilt until read or saved, trims them as mp_wire is trimmed, and saves them into the image", () => {
    const registry = new WorldRegistry({ schemas: [], journalLimit: 5000 });
    const world = registry.require('default');
    let builds = 0;
    const lazy = (i: number): WireSource => ({
      build: () => {
        builds++;
        return i === 7 ? { ...wire(i), response: 'HTTP/1.1 200\n\nlone \uD800 surrogate' } : wire(i);
      },
    });
    const calls = WIRE_KEPT + 400;
    for (let i = 1; i <= calls; i++) world.journal.record(entry(i), lazy(i));
    world.journal.flush();
    expect(builds).toBe(0);
    expect(world.db.prepare('SELECT count(*) FROM mp_wire').pluck().get()).toBe(0);
    expect(world.journal.entry(calls)).toMatchObject({ args: { n: calls }, wire: wire(calls) });
    expect(builds).toBe(1);
    // The same trim schedule as mp_wire: the oldest are gone, in steps.
    expect(world.journal.entry(1)).toMatchObject({ args: { n: 1 }, wire: undefined });
    const read = (id: number) => world.journal.entry(id)?.wire;
    const before = Array.from({ length: calls }, (_, i) => read(i + 1));
    const held = before.filter(Boolean).length;
    expect(held).toBeGreaterThanOrEqual(WIRE_KEPT);
    expect(held).toBeLessThan(calls);

    // Saving writes them out; read back from mp_wire they are what the held ones gave.
    const image = world.serialize();
    expect(world.db.prepare('SELECT count(*) FROM mp_wire').pluck().get()).toBe(held);
    expect(Array.from({ length: calls }, (_, i) => read(i + 1))).toEqual(before);
    const copy = registry.create('copy');
    copy.load(image);
    expect(copy.journal.entry(calls)?.wire).toEqual(wire(calls));

    // What mp_wire gives back for a lone surrogate (stored as UTF-8), the held record gives too.
    const fresh = registry.create('fresh');
    fresh.journal.record(entry(7), lazy(7));
    const heldText = fresh.journal.entry(1)!.wire!.response;
    fresh.serialize();
    expect(fresh.db.prepare('SELECT response FROM mp_wire WHERE id = 1').pluck().get()).toBe(heldText);
    expect(heldText).toBe('HTTP/1.1 200\n\nlone \uFFFD\uFFFD\uFFFD surrogate');
    fresh.journal.clear();
    expect(fresh.journal.entry(1)).toBeUndefined();
  });

  it("writes a file-backed world's wire records with their rows, so a crash keeps them", () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockpanel-journal-'));
    try {
      const registry = new WorldRegistry({ schemas: [], dataDir: dir });
      const world = registry.require('default');
      const record: WireRecord = wire(1);
      world.journal.record(entry(1), { build: () => record });
      world.journal.flush();
      expect(world.db.prepare('SELECT request, response, url FROM mp_wire').all()).toEqual([record]);
      registry.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts calls and faults and finds the newest without reading the entries', () => {
    const world = new WorldRegistry({ schemas: [] }).require('default');
    expect(world.journal.stats()).toEqual({ calls: 0, faults: 0, lastId: undefined, lastWorldTime: undefined, lastWallTime: undefined });
    world.journal.record(entry(1));
    world.journal.record({ ...entry(2), outcome: 'fault', fault: { code: '0', string: 'no' }, wallTime: '2030-01-02T00:00:00.000Z' });
    expect(world.journal.stats()).toEqual({
      calls: 2,
      faults: 1,
      lastId: 2,
      lastWorldTime: '2030-01-01T00:00:00.000Z',
      lastWallTime: '2030-01-02T00:00:00.000Z',
    });
  });

  it('searches text case-insensitively with LIKE wildcards taken literally, and members exactly', () => {
    const world = new WorldRegistry({ schemas: [] }).require('default');
    world.journal.record({ ...entry(1), args: { user: 'Al_ice%', n: 12 } });
    world.journal.record({ ...entry(2), args: { user: 'alxice', n: 123 } });
    world.journal.record({ ...entry(3), args: { user: 'a*[b]?', n: 12.5 } });
    const users = (q: Parameters<typeof world.journal.query>[0]) => world.journal.query(q).map((e) => (e.args as { user: string }).user);
    expect(users({ text: 'al_ice%' })).toEqual(['Al_ice%']);
    expect(users({ text: 'LISTACCTS' })).toEqual(['Al_ice%', 'a*[b]?']);
    expect(users({ member: { name: 'n', value: '12' } })).toEqual(['Al_ice%']);
    expect(users({ member: { name: 'n', value: '12.5' } })).toEqual(['a*[b]?']);
    expect(users({ member: { name: 'user', value: 'a*[b]?' } })).toEqual(['a*[b]?']);
    expect(users({ member: { name: 'user', value: 'a*' } })).toEqual([]);
  });
});
