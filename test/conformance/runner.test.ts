import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MockpanelError } from '../../kernel/mockpanel-error.js';
import { defineScenario, type Scenario, type ScenarioTarget } from '../../conformance/scenario.js';
import { exitCodeFor, READ_ONLY_SKIP, runConformance, type RunEvent } from '../../conformance/runner.js';
import { startTestServer, type TestServer } from '../support/server.js';

// Scenarios are data: these exercise the runner itself through the admin API
// and the target description, so they hold whatever panels are implemented.
const settingsOf = async (target: ScenarioTarget) => {
  const res = await fetch(`${target.admin!.url}/worlds/${target.admin!.world}/settings`);
  return ((await res.json()) as { settings: Record<string, unknown> }).settings;
};

const seen: { id: string; target: ScenarioTarget }[] = [];
const record = (id: string, target: ScenarioTarget) => void seen.push({ id, target });

const scenarios: Scenario[] = [
  defineScenario({
    id: 'webfaction/writes-its-world',
    panel: 'webfaction',
    title: 'changes a setting in its own world',
    access: 'mutating',
    basis: 'emulator',
    methods: [],
    run: async (ctx) => {
      record('webfaction/writes-its-world', ctx.target);
      await ctx.step('set', () => ctx.emulator.setSetting('webfaction.probe', 'touched'));
      assert.equal((await settingsOf(ctx.target))['webfaction.probe'], 'touched');
    },
  }),
  defineScenario({
    id: 'webfaction/fresh-world',
    panel: 'webfaction',
    title: "sees none of the previous scenario's changes",
    access: 'read-only',
    basis: 'emulator',
    methods: [],
    run: async (ctx) => {
      record('webfaction/fresh-world', ctx.target);
      assert.equal((await settingsOf(ctx.target))['webfaction.probe'], undefined);
    },
  }),
  defineScenario({
    id: 'gandi/fails',
    panel: 'gandi',
    title: 'asserts something false',
    access: 'read-only',
    basis: 'documented',
    methods: ['hosting.vm.list'],
    run: async (ctx) => {
      await ctx.step('compare', () => assert.equal(1 + 1, 3, 'arithmetic <broken> & "quoted"'));
    },
  }),
  defineScenario({
    id: 'gandi/skips-on-emulator',
    panel: 'gandi',
    title: 'only for real panels',
    access: 'read-only',
    basis: 'documented',
    methods: [],
    skip: { emulator: 'needs a real Gandi account with a paid VM' },
    run: async () => assert.fail('must not run'),
  }),
  defineScenario({
    id: 'whm/cleanup-fails',
    panel: 'whm',
    title: 'passes but cannot clean up',
    access: 'mutating',
    basis: 'emulator',
    methods: [],
    run: async (ctx) => {
      ctx.cleanup(() => {
        throw new Error('could not delete the account');
      });
    },
  }),
];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => {
  seen.length = 0;
});

const statuses = (report: Awaited<ReturnType<typeof runConformance>>) =>
  Object.fromEntries(report.panels.flatMap((p) => p.results.map((r) => [r.id, r.status])));

describe('runConformance on an in-process emulator', () => {
  it('runs each scenario in a fresh world, reports pass, fail, skip and cleanup failures, and exits 1', async () => {
    const events: RunEvent[] = [];
    const report = await runConformance({ target: { kind: 'in-process' }, scenarios, onEvent: (e) => events.push(e) });
    expect(statuses(report)).toEqual({
      'webfaction/writes-its-world': 'passed',
      'webfaction/fresh-world': 'passed',
      'gandi/fails': 'failed',
      'gandi/skips-on-emulator': 'skipped',
      'whm/cleanup-fails': 'failed',
    });
    expect(report.counts).toEqual({ total: 5, passed: 2, failed: 2, skipped: 1 });
    expect(exitCodeFor(report)).toBe(1);

    const results = report.panels.flatMap((p) => p.results);
    const failed = results.find((r) => r.id === 'gandi/fails')!;
    expect(failed).toMatchObject({ step: 'compare', access: 'read-only', basis: 'documented', methods: ['hosting.vm.list'] });
    expect(failed.message).toContain('arithmetic <broken>');
    expect(results.find((r) => r.id === 'gandi/skips-on-emulator')!.message).toBe('needs a real Gandi account with a paid VM');
    expect(results.find((r) => r.id === 'whm/cleanup-fails')).toMatchObject({ step: 'cleanup', message: 'could not delete the account' });

    const worlds = seen.splice(0).map((s) => s.target.admin!.world);
    expect(new Set(worlds).size).toBe(2);
    expect(report.panels.map((p) => p.panel)).toEqual(['webfaction', 'gandi', 'ispconfig', 'whm', 'cpanel']);
    expect(report.panels.find((p) => p.panel === 'ispconfig')!.counts.total).toBe(0);
    // Contract-wide coverage accompanies each panel (what the HTML chart draws).
    for (const p of report.panels) expect(p.coverage.methods).toBeGreaterThan(0);

    const pair = ['scenario-start', 'scenario-end'];
    expect(events.map((e) => e.type)).toEqual([
      'run-start',
      ...['panel-start', ...pair, ...pair, 'panel-end'],
      ...['panel-start', ...pair, ...pair, 'panel-end'],
      ...['panel-start', 'panel-end'],
      ...['panel-start', ...pair, 'panel-end'],
      ...['panel-start', 'panel-end'],
      'run-end',
    ]);
    const last = events.filter((e) => e.type === 'scenario-end').at(-1);
    expect(last?.type === 'scenario-end' && last.counts).toEqual(report.counts);
  });

  it('exits 0 when every scenario passes or is skipped with a reason', async () => {
    const report = await runConformance({
      target: { kind: 'in-process' },
      scenarios: scenarios.filter((s) => !['gandi/fails', 'whm/cleanup-fails'].includes(s.id)),
    });
    expect(report.counts).toMatchObject({ failed: 0, skipped: 1 });
    expect(exitCodeFor(report)).toBe(0);
  });

  it('--read-only skips mutating scenarios with the reason, and --panel selects panels', async () => {
    const report = await runConformance({ target: { kind: 'in-process' }, scenarios, panels: ['webfaction'], readOnly: true });
    expect(report.panels.map((p) => p.panel)).toEqual(['webfaction']);
    const results = report.panels[0].results;
    expect(results.map((r) => [r.id, r.status, r.message])).toEqual([
      ['webfaction/writes-its-world', 'skipped', READ_ONLY_SKIP],
      ['webfaction/fresh-world', 'passed', undefined],
    ]);
  });

  it('fails a scenario that outlives its time and goes on with the next', async () => {
    const hangs = defineScenario({ ...scenarios[1], id: 'webfaction/hangs', run: () => new Promise<void>(() => undefined) });
    const report = await runConformance({ target: { kind: 'in-process' }, scenarios: [hangs, scenarios[1]], panels: ['webfaction'], timeoutMs: 300 });
    expect(report.panels[0].results.map((r) => [r.id, r.status, r.message])).toEqual([
      ['webfaction/hangs', 'failed', 'did not finish within 0.3 s (--timeout); its cleanups may not have run'],
      ['webfaction/fresh-world', 'passed', undefined],
    ]);
  });

  it('with concurrency, reports results in scenario order whatever order they finish in', async () => {
    const slow = defineScenario({ ...scenarios[1], id: 'webfaction/slow', run: () => new Promise<void>((r) => setTimeout(r, 300)) });
    const events: RunEvent[] = [];
    const report = await runConformance({
      target: { kind: 'in-process' },
      scenarios: [slow, scenarios[0], scenarios[1]],
      panels: ['webfaction'],
      concurrency: 2,
      onEvent: (e) => events.push(e),
    });
    expect(report.panels[0].results.map((r) => r.id)).toEqual(['webfaction/slow', 'webfaction/writes-its-world', 'webfaction/fresh-world']);
    expect(report.counts).toMatchObject({ passed: 3 });
    const finished = events.flatMap((e) => (e.type === 'scenario-end' ? [e.result.id] : []));
    expect(finished.at(-1)).toBe('webfaction/slow');
  });

  it('a run that finds no scenario exits 1', async () => {
    const report = await runConformance({ target: { kind: 'in-process' }, scenarios: [], panels: ['ispconfig'] });
    expect(report.counts.total).toBe(0);
    expect(exitCodeFor(report)).toBe(1);
  });

  it('refuses duplicate ids and ids outside their panel', async () => {
    await expect(runConformance({ target: { kind: 'in-process' }, scenarios: [scenarios[0], scenarios[0]] })).rejects.toThrow(/unique/);
    await expect(runConformance({ target: { kind: 'in-process' }, scenarios: [{ ...scenarios[0], id: 'gandi/x' }] })).rejects.toThrow(
      /must start with "webfaction\/"/,
    );
  });
});

describe('runConformance against a server started elsewhere', () => {
  it('gives the in-process results, deletes passed worlds and keeps the failed one for its journal', async () => {
    const before = await listWorlds();
    const report = await runConformance({ target: { kind: 'server', url: `${server.url}/` }, scenarios });
    expect(statuses(report)).toEqual({
      'webfaction/writes-its-world': 'passed',
      'webfaction/fresh-world': 'passed',
      'gandi/fails': 'failed',
      'gandi/skips-on-emulator': 'skipped',
      'whm/cleanup-fails': 'failed',
    });
    const results = report.panels.flatMap((p) => p.results);
    const failedWorlds = results.filter((r) => r.status === 'failed').map((r) => r.world!);
    const added = (await listWorlds()).filter((w) => !before.includes(w));
    expect(added.sort()).toEqual(failedWorlds.sort());
    expect(seen.splice(0).map((s) => s.target.baseUrl)).toEqual(
      results.filter((r) => r.panel === 'webfaction').map((r) => `${server.url}/_w/${r.world}/webfaction`),
    );
  });

  it('passes --user/--password/--token through instead of the seeded login', async () => {
    await runConformance({ target: { kind: 'server', url: server.url }, scenarios: [scenarios[1]], credentials: { username: 'other', password: 'pw' } });
    await runConformance({ target: { kind: 'server', url: server.url }, scenarios: [scenarios[1]], credentials: { password: 'only-password' } });
    await runConformance({ target: { kind: 'server', url: server.url }, scenarios: [scenarios[1]] });
    expect(seen.splice(0).map((s) => s.target.credentials)).toEqual([
      { username: 'other', password: 'pw' },
      { username: 'widgetsco', password: 'only-password' },
      { username: 'widgetsco', password: 'widgetsrock' },
    ]);
  });

  it('says when the URL is not a mockpanel and how to point at a real panel', async () => {
    const other = await plainServer();
    try {
      const error = await runConformance({ target: { kind: 'server', url: other.url }, scenarios }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MockpanelError);
      expect(error).toMatchObject({ code: 'target_not_mockpanel' });
      expect((error as Error).message).toContain('--remote');
    } finally {
      other.server.close();
    }
  });
});

describe('runConformance against a remote panel', () => {
  it('uses the URL as the panel base, no world, and skips emulator-only steps with their reason', async () => {
    const remoteOnly = defineScenario({
      id: 'webfaction/clock',
      panel: 'webfaction',
      title: 'needs the clock',
      access: 'read-only',
      basis: 'emulator',
      methods: [],
      run: async (ctx) => {
        record('webfaction/clock', ctx.target);
        await ctx.emulator.advanceClock(60);
      },
    });
    const report = await runConformance({
      target: { kind: 'remote', url: `${server.url}/webfaction/` },
      panels: ['webfaction'],
      scenarios: [remoteOnly, scenarios[3]],
      credentials: { username: 'u', token: 't' },
    });
    expect(report.panels[0].results.map((r) => [r.status, r.world])).toEqual([['skipped', undefined]]);
    expect(report.panels[0].results[0].message).toMatch(/admin API/);
    expect(seen.splice(0)[0].target).toMatchObject({
      kind: 'remote',
      baseUrl: `${server.url}/webfaction`,
      credentials: { username: 'u', password: '', token: 't' },
    });
  });

  it('needs exactly one panel and a login', async () => {
    const target = { kind: 'remote', url: 'https://panel.example:2087' } as const;
    await expect(runConformance({ target, scenarios, credentials: { username: 'root', password: 'x' } })).rejects.toThrow(/one panel/);
    await expect(runConformance({ target, scenarios, panels: ['whm'] })).rejects.toThrow(/--user U with --password P/);
    await expect(runConformance({ target, scenarios, panels: ['whm'], credentials: { username: 'root' } })).rejects.toThrow(/--user U with --password P/);
  });
});

async function listWorlds(): Promise<string[]> {
  return ((await (await fetch(`${server.admin}/worlds`)).json()) as { worlds: string[] }).worlds;
}

async function plainServer(): Promise<{ server: Server; url: string }> {
  const s = createServer((_req, res) => {
    res.statusCode = 404;
    res.end('not here');
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { server: s, url: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}
