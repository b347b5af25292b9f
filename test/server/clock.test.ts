import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GandiClient } from '../../clients/gandi/index.js';
import { createMockpanel } from '../../emulators/mockpanel.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { TEST_EPOCH } from '../support/clock.js';

// Every instant here is far from both TEST_EPOCH and the wall clock, so an answer that came from either fails.
const AT = '2031-06-30T23:59:50Z';
const AT_MS = Date.parse(AT);
const AT_ISO = new Date(AT_MS).toISOString();

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock: { at: AT, frozen: true } });
});
afterAll(() => server?.close());

const admin = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.admin}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
};
const clock = async (world: string) => (await admin('GET', `/worlds/${world}/clock`)).json as { now: string; frozen: boolean };

/** What the panel itself says the time is: the creation date of a Gandi operation made now. */
async function gandiNow(world: string): Promise<number> {
  const gandi = new GandiClient({ url: `${server.url}/_w/${world}/gandi/hosting/` });
  await gandi.login('AA1234-GANDI', 'mypassword');
  const details = await gandi.operationDetails(await gandi.hostingAccountProductAdd('disk', 1024, '1m'));
  return details.date_create.getTime();
}

describe('pinned clocks', () => {
  it('starts every new world at the server instant, frozen, and panels answer in that time', async () => {
    expect(await admin('POST', '/worlds', { id: 'pinned' })).toMatchObject({ status: 201, json: { now: AT_ISO, frozen: true } });
    expect(await clock('default')).toEqual({ now: AT_ISO, frozen: true });
    expect(await gandiNow('pinned')).toBe(AT_MS);
    await new Promise((r) => setTimeout(r, 20));
    expect(await clock('pinned')).toEqual({ now: AT_ISO, frozen: true });
  });

  it('sets, advances, freezes and frees a world clock, each world on its own', async () => {
    await admin('POST', '/worlds', { id: 'moved' });
    expect((await admin('POST', '/worlds/moved/clock', { at: '2028-02-29T12:00:00Z' })).json).toEqual({ now: '2028-02-29T12:00:00.000Z', frozen: true });
    expect((await admin('POST', '/worlds/moved/clock', { advanceSeconds: 86_400 })).json).toEqual({ now: '2028-03-01T12:00:00.000Z', frozen: true });
    // An offset form is the same instant.
    expect((await admin('POST', '/worlds/moved/clock', { at: '2028-03-01T13:00:00+01:00' })).json.now).toBe('2028-03-01T12:00:00.000Z');
    const running = (await admin('POST', '/worlds/moved/clock', { frozen: false })).json;
    expect(running.frozen).toBe(false);
    await new Promise((r) => setTimeout(r, 30));
    const later = Date.parse((await clock('moved')).now);
    expect(later).toBeGreaterThan(Date.parse('2028-03-01T12:00:00Z'));
    expect(later).toBeLessThan(Date.parse('2028-03-01T12:01:00Z'));
    expect((await admin('POST', '/worlds/moved/clock', { frozen: true, at: '2027-01-31T23:59:40Z' })).json).toEqual({
      now: '2027-01-31T23:59:40.000Z',
      frozen: true,
    });
    expect(await gandiNow('moved')).toBe(Date.parse('2027-01-31T23:59:40Z'));
    expect(await clock('default')).toEqual({ now: AT_ISO, frozen: true });
  });

  it('creates a world with its own clock, and "now" is the wall clock', async () => {
    expect((await admin('POST', '/worlds', { id: 'own', clock: { at: '2029-03-01T00:00:10Z' } })).json).toMatchObject({
      now: '2029-03-01T00:00:10.000Z',
      frozen: true,
    });
    const wall = (await admin('POST', '/worlds', { id: 'wall', clock: { at: 'now', frozen: false } })).json;
    expect(wall.frozen).toBe(false);
    // This test needs the wall clock: "now" means it.
    expect(Math.abs(Date.parse(wall.now) - Date.now())).toBeLessThan(60_000);
  });

  it('reset goes back to the server instant; a snapshot restores the instant it was taken at', async () => {
    await admin('POST', '/worlds', { id: 'timed' });
    await admin('POST', '/worlds/timed/clock', { advanceSeconds: 3600 });
    expect(await admin('POST', '/worlds/timed/snapshots', { name: 'an-hour-in' })).toMatchObject({ status: 201 });
    await admin('POST', '/worlds/timed/clock', { advanceSeconds: 7200 });
    const oneHour = new Date(AT_MS + 3_600_000).toISOString();
    expect((await admin('POST', '/worlds/timed/snapshots/an-hour-in/restore')).json).toMatchObject({ now: oneHour, frozen: true });
    expect((await admin('POST', '/worlds', { id: 'from-snap', from: 'an-hour-in' })).json).toMatchObject({ now: oneHour, frozen: true });
    expect((await admin('POST', '/worlds/timed/reset')).json).toMatchObject({ now: AT_ISO, frozen: true });
    // A running clock's snapshot restores its instant and runs on from there.
    await admin('POST', '/worlds/timed/clock', { at: '2027-12-31T23:59:30Z', frozen: false });
    await admin('POST', '/worlds/timed/snapshots', { name: 'running' });
    await admin('POST', '/worlds/timed/clock', { advanceSeconds: 86_400 * 400 });
    const restored = (await admin('POST', '/worlds/timed/snapshots/running/restore')).json;
    expect(restored.frozen).toBe(false);
    expect(Date.parse(restored.now) - Date.parse('2027-12-31T23:59:30Z')).toBeLessThan(60_000);
  });

  it('refuses bad clock calls with a stable code and a fix-it message', async () => {
    await admin('POST', '/worlds', { id: 'strict-clock' });
    for (const body of [
      {},
      { at: '2027-01-31T23:59:40' },
      { at: 'tomorrow' },
      { at: 17 },
      { advanceSeconds: -1 },
      { advanceSeconds: 5, at: AT },
      { frozen: 'yes' },
    ]) {
      const r = await admin('POST', '/worlds/strict-clock/clock', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(['bad_request', 'bad_clock']).toContain(r.json.error.code);
      expect(r.json.error.message).toMatch(/\w/);
    }
    expect((await admin('POST', '/worlds/strict-clock/clock', { at: '2027-01-31T23:59:40' })).json.error.message).toMatch(/with a zone/);
    expect(await clock('strict-clock')).toEqual({ now: AT_ISO, frozen: true });
    expect(await admin('POST', '/worlds', { id: 'bad-clock', clock: { at: 'soon' } })).toMatchObject({ status: 400, json: { error: { code: 'bad_clock' } } });
    expect((await admin('GET', '/worlds')).json.worlds).not.toContain('bad-clock');
  });
});

describe('clock options', () => {
  it('seeds rows at the start instant, so a pinned server is the same on any day', () => {
    const core = createMockpanel({ panels: ['gandi'], clock: { at: '2029-03-01T00:00:10Z' } });
    try {
      const rows = core.worlds.require('default').db.prepare('SELECT date_created FROM gandi_product').all() as { date_created: number }[];
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.date_created).toBe(Date.parse('2029-03-01T00:00:10Z') / 1000);
    } finally {
      core.worlds.close();
    }
  });

  it('falls back to MOCKPANEL_CLOCK (the suite pins it to TEST_EPOCH), and an explicit option wins', () => {
    expect(process.env.MOCKPANEL_CLOCK).toBe(TEST_EPOCH);
    const byEnv = createMockpanel({ panels: ['whm'] });
    const byOption = createMockpanel({ panels: ['whm'], clock: { at: AT, frozen: true } });
    try {
      expect(Math.abs(byEnv.worlds.require('default').clock.nowMs() - Date.parse(TEST_EPOCH))).toBeLessThan(60_000);
      expect(byOption.worlds.require('default').clock.now().toISOString()).toBe(new Date(AT_MS).toISOString());
    } finally {
      byEnv.worlds.close();
      byOption.worlds.close();
    }
  });

  it('refuses a zoneless instant in the library options', () => {
    expect(() => createMockpanel({ clock: { at: '2027-01-31 23:59:40' } })).toThrow(/with a zone/);
  });

  it('serve --clock and --clock-frozen, and the seed file\'s "clock"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mp-clock-'));
    const seed = join(dir, 'seed.json');
    writeFileSync(seed, JSON.stringify({ clock: { at: '2027-12-31T23:59:30Z', frozen: true } }));
    const cli = join(process.cwd(), 'dist/cli/main.js');
    for (const [args, expected] of [
      [['--clock', '2028-02-29T12:00:00Z', '--clock-frozen'], '2028-02-29T12:00:00.000Z'],
      [['--seed', seed], '2027-12-31T23:59:30.000Z'],
      // The flag wins over the seed file.
      [['--seed', seed, '--clock', '2029-03-01T00:00:10Z'], '2029-03-01T00:00:10.000Z'],
    ] as const) {
      const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        const out = await new Promise<string>((resolve, reject) => {
          let text = '';
          child.stdout.on('data', (d) => {
            text += d;
            if (/Admin API/.test(text)) resolve(text);
          });
          child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${text}`)));
        });
        expect(out).toMatch(/Clock\s+new worlds start at .*frozen/);
        const url = /(http:\/\/127\.0\.0\.1:\d+)\/_admin\/health/.exec(out)![1];
        expect(await (await fetch(`${url}/_admin/worlds/default/clock`)).json()).toEqual({ now: expected, frozen: true });
      } finally {
        child.kill();
      }
    }
    const bad = spawn(process.execPath, [cli, 'serve', '--port', '0', '--clock', 'yesterday'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    bad.stderr.on('data', (d) => (err += d));
    const code = await new Promise((r) => bad.once('exit', r));
    expect(code).not.toBe(0);
    expect(err).toMatch(/ISO-8601 instant with a zone/);
    expect(err).not.toMatch(/\n\s+at /);
  });
});
