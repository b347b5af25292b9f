import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { MockpanelAdminError } from '../../clients/mockpanel-admin.js';
import { createGlobalSetup } from './global-setup.js';
import type { MockpanelProvided } from './provided.js';
import { test } from './index.js';

describe('the global setup', () => {
  test('starts a server, provides its URL, and its teardown stops it', async () => {
    let provided: MockpanelProvided | undefined;
    const teardown = await createGlobalSetup({ adminToken: 'tok' })({ provide: (_key, value) => (provided = value) });
    try {
      expect(provided?.adminToken).toBe('tok');
      const health = await fetch(`${provided!.url}/_admin/health`, { headers: { authorization: 'Bearer tok' } });
      expect(await health.json()).toMatchObject({ ok: true, panels: ['webfaction', 'gandi', 'ispconfig', 'whm', 'cpanel'] });
    } finally {
      await teardown();
    }
    await expect(fetch(`${provided!.url}/_admin/health`)).rejects.toThrow();
  });

  // The examples' own config lists the package's global setup by name, as a user's would: run it as a user does.
  test('a vitest run with `globalSetup: ["mockpanel/vitest/global-setup"]` passes the server example', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const built = join(root, 'dist', 'emulators', 'vitest', 'global-setup.js');
    expect(existsSync(built), 'the examples import the built package: run `npm run build` first (npm test does)').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'mockpanel-vitest-'));
    const report = join(dir, 'report.json');
    // A clean environment: this worker's VITEST_* variables would make the child think it is a worker too.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS' && k !== 'CI'));
    const args = [
      join(root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--config',
      'examples/vitest-server/vitest.config.ts',
      '--reporter=json',
      `--outputFile=${report}`,
    ];
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('close', (code) => resolve({ code, output }));
    });
    try {
      expect(code, output).toBe(0);
      const result = JSON.parse(readFileSync(report, 'utf8'));
      // None skipped: the test that only runs when the global setup provided a server ran too.
      expect({ passed: result.numPassedTests > 0, failed: result.numFailedTests, skipped: result.numPendingTests }).toEqual({
        passed: true,
        failed: 0,
        skipped: 0,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the per-test world fixture (no global setup here: the worker starts its own server)', () => {
  let previous: string | undefined;

  test('gives the test a fresh world with clients bound to it', async ({ mockpanel }) => {
    previous = mockpanel.id;
    expect(await mockpanel.admin.listWorlds()).toContain(mockpanel.id);
    expect(mockpanel.baseUrl('whm')).toBe(`${mockpanel.url}/_w/${mockpanel.id}/whm`);
    // baseUrl is what each client's `url` takes: the trailing slash XML-RPC needs, Gandi's /hosting/.
    expect(mockpanel.baseUrl('webfaction')).toBe(`${mockpanel.url}/_w/${mockpanel.id}/webfaction/`);
    expect(mockpanel.baseUrl('gandi')).toBe(`${mockpanel.url}/_w/${mockpanel.id}/gandi/hosting/`);
    expect(mockpanel.rootUrl('gandi')).toBe(`${mockpanel.url}/_w/${mockpanel.id}/gandi`);
    await mockpanel.clients.webfaction.listMailboxes();
    expect((await mockpanel.journal()).map((e) => `${e.panel}.${e.method}`)).toEqual(['webfaction.login', 'webfaction.list_mailboxes']);
    // The same client instance on every access, so its login session is kept.
    expect(mockpanel.clients.webfaction).toBe(mockpanel.clients.webfaction);
  });

  test('every reference client is bound to the world, with the seeded logins', async ({ mockpanel }) => {
    const { gandi, ispconfig, webfaction, whm } = mockpanel.clients;
    await gandi.login(mockpanel.credentials('gandi').username, mockpanel.credentials('gandi').password);
    await Promise.all([ispconfig.serverGetAll(), webfaction.listMailboxes(), whm.listAccounts()]);
    const panels = new Set((await mockpanel.journal()).map((e) => e.panel));
    expect([...panels].sort()).toEqual(['gandi', 'ispconfig', 'webfaction', 'whm']);
  });

  test('deletes the world after the test', async ({ mockpanel }) => {
    expect(previous).toBeDefined();
    expect(mockpanel.id).not.toBe(previous);
    expect(await mockpanel.admin.listWorlds()).not.toContain(previous);
  });

  test('drives the world clock and settings; refusals carry the admin API code', async ({ mockpanel }) => {
    const before = Date.parse((await (await fetch(`${mockpanel.url}/_admin/worlds/${mockpanel.id}/clock`)).json()).now);
    const after = await mockpanel.advanceClock(3600);
    expect(after.getTime() - before).toBeGreaterThanOrEqual(3600_000);
    expect(await mockpanel.setSettings({ 'webfaction.faultStyle': 'modern' })).toMatchObject({ 'webfaction.faultStyle': 'modern' });
    await expect(mockpanel.admin.createWorld(mockpanel.id)).rejects.toMatchObject({ code: 'world_exists', status: 409 });
    await expect(mockpanel.admin.deleteWorld('no-such-world')).rejects.toBeInstanceOf(MockpanelAdminError);
  });

  test('the clock moves for the world: an expired WebFaction session makes the client log in again (the MockpanelWorld example)', async ({ mockpanel }) => {
    await mockpanel.clients.webfaction.listMailboxes();
    await mockpanel.advanceClock(2 * 3600);
    await mockpanel.clients.webfaction.listMailboxes();
    expect((await mockpanel.journal()).filter((e) => e.method === 'login')).toHaveLength(2);
  });

  test('reset() puts the seeded state back', async ({ mockpanel }) => {
    await mockpanel.clients.webfaction.createMailbox('resetme');
    await mockpanel.reset();
    mockpanel.clients.webfaction.logout();
    expect((await mockpanel.clients.webfaction.listMailboxes()).map((m) => m.mailbox)).not.toContain('resetme');
  });
});
