import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MockpanelError } from '../kernel/mockpanel-error.js';
import { PANEL_IDS, type PanelId } from '../kernel/panel-id.js';
import { createMockpanel, PANELS } from '../emulators/mockpanel.js';
import { startServer } from '../emulators/server/http-server.js';
import { computeCoverage, type CoverageTotals } from './coverage.js';
import { runScenario, type ScenarioResult } from './run-scenario.js';
import type { Scenario, ScenarioTarget } from './scenario.js';
import { seededCredentials } from '../emulators/seeded-credentials.js';

/**
 * Where a conformance run goes:
 * - `in-process`: a fresh emulator started inside this process on a free loopback port;
 * - `server`: a mockpanel started elsewhere (`mockpanel serve`), `url` being its shared port;
 * - `remote`: a real panel (or anything else speaking the panel's protocol), `url` being the
 *   panel's own base under which its real paths live (`https://host:2087`, `https://api.webfaction.com`).
 *
 * On `in-process` and `server` targets every scenario runs in a world of its own,
 * created before and deleted after it (a failed scenario's world is kept on a
 * `server` target so its journal can be read).
 */
export type RunTarget = { kind: 'in-process' } | { kind: 'server'; url: string; adminToken?: string } | { kind: 'remote'; url: string };

export interface RunOptions {
  target: RunTarget;
  /** Panels to run, in PANEL_IDS order (default: all). */
  panels?: PanelId[];
  /** Skip (with that reason) every scenario whose access is `mutating`. */
  readOnly?: boolean;
  /** Replace the seeded login: on a remote target the username and a password or token are required. */
  credentials?: { username?: string; password?: string; token?: string };
  /** The scenarios to run (default: every `conformance/<panel>/index.ts` `scenarios` export). */
  scenarios?: Scenario[];
  /** Called with each event as it happens (reporters). */
  onEvent?: (event: RunEvent) => void;
  /**
   * Scenarios of a panel run this many at a time on emulator targets, each in
   * its own world (default 1; a remote target is always 1). Measured on 2 busy
   * cores, 4 was slower both in-process and against a server: the calls are CPU, not waiting.
   */
  concurrency?: number;
  /** A scenario still running after this long fails, and the run goes on (default {@link DEFAULT_TIMEOUT_MS}). */
  timeoutMs?: number;
}

/** Long enough for a real Gandi VM to be created and deleted with 5-second polls; a hung connection still ends. */
export const DEFAULT_TIMEOUT_MS = 600_000;

/** A scenario's result with the scenario's labels, as reporters show it. */
export interface RunResult extends ScenarioResult {
  panel: PanelId;
  access: Scenario['access'];
  basis: Scenario['basis'];
  methods: string[];
  /** The emulator world the scenario ran in (emulator targets). */
  world?: string;
}

export interface Counts {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
}

export interface PanelReport {
  panel: PanelId;
  title: string;
  /** Where this panel's scenarios went (`…/_w/<world>/<panel>` per scenario on emulator targets). */
  baseUrl: string;
  counts: Counts;
  durationMs: number;
  results: RunResult[];
  /** The emulator's coverage of the panel's contract (what the chart in the HTML report shows). */
  coverage: CoverageTotals;
}

export interface ConformanceReport {
  target: { kind: RunTarget['kind']; url: string };
  readOnly: boolean;
  /** ISO time the run started. */
  startedAt: string;
  durationMs: number;
  counts: Counts;
  panels: PanelReport[];
}

export type RunEvent =
  | { type: 'run-start'; target: ConformanceReport['target']; panels: { panel: PanelId; scenarios: number }[]; total: number }
  | { type: 'panel-start'; panel: PanelId; title: string; scenarios: number }
  | { type: 'scenario-start'; panel: PanelId; id: string; title: string; index: number }
  | { type: 'scenario-end'; result: RunResult; counts: Counts }
  | { type: 'panel-end'; report: PanelReport }
  | { type: 'run-end'; report: ConformanceReport };

/** Why a mutating scenario did not run under `readOnly`. */
export const READ_ONLY_SKIP = 'mutating scenario, and the run is --read-only';

/**
 * Each panel's scenario module, imported on demand: static specifiers, so the same code loads the
 * source (vitest, vite-node), dist/ and an installed package, and a run of one panel loads only its own.
 */
const SCENARIO_MODULES: Record<PanelId, () => Promise<{ scenarios?: Scenario[] }>> = {
  webfaction: () => import('./webfaction/index.js'),
  gandi: () => import('./gandi/index.js'),
  ispconfig: () => import('./ispconfig/index.js'),
  whm: () => import('./whm/index.js'),
  cpanel: () => import('./cpanel/index.js'),
};

/**
 * Every scenario of the given panels: each `conformance/<panel>/index.ts`
 * exports `scenarios`. A module that fails to load is an error, not an empty list.
 */
export async function loadScenarios(panels: readonly PanelId[] = PANEL_IDS): Promise<Scenario[]> {
  const all: Scenario[] = [];
  for (const panel of panels) {
    let mod: { scenarios?: Scenario[] };
    try {
      mod = await SCENARIO_MODULES[panel]();
    } catch (error) {
      // Not "a scenario failed" (exit 1): the kit itself is broken, say where.
      throw new MockpanelError('bad_scenarios', `Cannot load the ${panel} scenarios (conformance/${panel}/index): ${(error as Error).message}`);
    }
    if (!Array.isArray(mod.scenarios)) {
      throw new MockpanelError('bad_scenarios', `conformance/${panel}/index.ts must export "scenarios", an array of scenarios.`);
    }
    all.push(...mod.scenarios);
  }
  return all;
}

/** 0 when every selected scenario passed or was skipped with a reason; 1 when one failed or none was found. */
export function exitCodeFor(report: ConformanceReport): number {
  return report.counts.failed > 0 || report.counts.total === 0 ? 1 : 0;
}

const countsOf = (results: readonly RunResult[]): Counts => ({
  total: results.length,
  passed: results.filter((r) => r.status === 'passed').length,
  failed: results.filter((r) => r.status === 'failed').length,
  skipped: results.filter((r) => r.status === 'skipped').length,
});

/**
 * Runs the selected scenarios panel by panel (a few at a time on emulator
 * targets, each in its own world; one by one on a real panel) against the
 * target, emitting events for reporters, and returns the report.
 *
 * @example
 * const report = await runConformance({ target: { kind: 'in-process' }, panels: ['webfaction'], onEvent: console.log });
 * process.exitCode = exitCodeFor(report);
 */
export async function runConformance(options: RunOptions): Promise<ConformanceReport> {
  const panels = options.panels ?? [...PANEL_IDS];
  const { target } = options;
  if (target.kind === 'remote') checkRemote(panels, options.credentials);
  const scenarios = (options.scenarios ?? (await loadScenarios(panels))).filter((s) => panels.includes(s.panel));
  checkIds(scenarios);
  const emit = options.onEvent ?? (() => undefined);
  // Scenarios on a real panel share it (Gandi allows one operation at a time): always one by one there.
  const concurrency = target.kind === 'remote' ? 1 : (options.concurrency ?? 1);

  const started = performance.now();
  const startedAt = new Date().toISOString();
  const endpoint = await openEndpoint(target, panels);
  const runId = randomBytes(3).toString('hex');
  const coverage = new Map(computeCoverage(PANELS, scenarios).map((c) => [c.panel, c.totals]));
  const reports: PanelReport[] = [];
  const all: RunResult[] = [];
  try {
    const planned = panels.map((panel) => ({ panel, scenarios: scenarios.filter((s) => s.panel === panel).length }));
    emit({ type: 'run-start', target: { kind: target.kind, url: endpoint.url }, panels: planned, total: scenarios.length });
    for (const panel of panels) {
      const own = scenarios.filter((s) => s.panel === panel);
      const title = PANELS.find((p) => p.id === panel)?.title ?? panel;
      const panelStarted = performance.now();
      emit({ type: 'panel-start', panel, title, scenarios: own.length });
      // Results keep the scenarios' order whatever order they finish in.
      const results: RunResult[] = new Array(own.length);
      let next = 0;
      const worker = async () => {
        while (next < own.length) {
          const i = next++;
          const scenario = own[i];
          const index = first + i;
          emit({ type: 'scenario-start', panel, id: scenario.id, title: scenario.title, index });
          const result = await runOne(scenario, options, endpoint, `c${runId}-${index}`);
          results[i] = result;
          all.push(result);
          emit({ type: 'scenario-end', result, counts: countsOf(all) });
        }
      };
      const first = all.length;
      await Promise.all(Array.from({ length: Math.min(concurrency, own.length) }, worker));
      const report: PanelReport = {
        panel,
        title,
        baseUrl: endpoint.panelBase(panel, target.kind === 'remote' ? undefined : '<world>'),
        counts: countsOf(results),
        durationMs: performance.now() - panelStarted,
        results,
        coverage: coverage.get(panel)!,
      };
      reports.push(report);
      emit({ type: 'panel-end', report });
    }
  } finally {
    await endpoint.close();
  }
  const report: ConformanceReport = {
    target: { kind: target.kind, url: endpoint.url },
    readOnly: Boolean(options.readOnly),
    startedAt,
    durationMs: performance.now() - started,
    counts: countsOf(all),
    panels: reports,
  };
  emit({ type: 'run-end', report });
  return report;
}

/** A running target: where panel calls and admin calls go, and how to let go of it. */
interface Endpoint {
  url: string;
  /** The panel's base URL, in a world's prefix on emulator targets. */
  panelBase(panel: PanelId, world?: string): string;
  admin?: { url: string; token?: string };
  /** Keep the world of a failed scenario for inspection (a server outlives the run). */
  keepFailedWorlds: boolean;
  close(): Promise<void>;
}

async function openEndpoint(target: RunTarget, panels: PanelId[]): Promise<Endpoint> {
  if (target.kind === 'remote') {
    const url = trimSlash(target.url);
    return { url, panelBase: () => url, keepFailedWorlds: false, close: async () => undefined };
  }
  if (target.kind === 'server') {
    const url = trimSlash(target.url);
    await checkServer(url, target.adminToken);
    return {
      url,
      panelBase: (panel, world) => `${url}${world ? `/_w/${world}` : ''}/${panel}`,
      admin: { url: `${url}/_admin`, token: target.adminToken },
      keepFailedWorlds: true,
      close: async () => undefined,
    };
  }
  // Only the selected panels: the world image to copy per scenario is smaller.
  const core = createMockpanel({ panels });
  const server = await startServer(core, { port: 0 });
  return {
    url: server.url,
    panelBase: (panel, world) => `${server.url}${world ? `/_w/${world}` : ''}/${panel}`,
    admin: { url: `${server.url}/_admin` },
    keepFailedWorlds: false,
    close: async () => {
      await server.close();
      core.worlds.close();
    },
  };
}

async function runOne(scenario: Scenario, options: RunOptions, endpoint: Endpoint, world: string): Promise<RunResult> {
  const labels = { panel: scenario.panel, access: scenario.access, basis: scenario.basis, methods: [...scenario.methods] };
  if (options.readOnly && scenario.access === 'mutating') {
    return { id: scenario.id, title: scenario.title, status: 'skipped', durationMs: 0, message: READ_ONLY_SKIP, ...labels };
  }
  const credentials = credentialsFor(scenario.panel, options.credentials);
  if (!endpoint.admin) {
    const target: ScenarioTarget = { panel: scenario.panel, baseUrl: endpoint.panelBase(scenario.panel), credentials, kind: 'remote' };
    return { ...(await runWithin(scenario, target, options.timeoutMs)), ...labels };
  }

  const admin = endpoint.admin;
  try {
    await adminCall(admin, 'POST', '/worlds', { id: world });
  } catch (error) {
    return { id: scenario.id, title: scenario.title, status: 'failed', durationMs: 0, step: 'create its world', message: (error as Error).message, ...labels };
  }
  const target: ScenarioTarget = {
    panel: scenario.panel,
    baseUrl: endpoint.panelBase(scenario.panel, world),
    credentials,
    kind: 'emulator',
    admin: { url: admin.url, world, ...(admin.token ? { token: admin.token } : {}) },
  };
  const result: RunResult = { ...(await runWithin(scenario, target, options.timeoutMs)), ...labels, world };
  if (result.status === 'passed' && result.cleanupErrors?.length) {
    // A scenario that cannot clean up would leave junk on a real panel: that is a failure too.
    result.status = 'failed';
    result.step = 'cleanup';
    result.message = result.cleanupErrors.join('\n');
  }
  if (!(endpoint.keepFailedWorlds && result.status === 'failed')) {
    // A world left behind costs memory only; it must not turn a result into a crash.
    await adminCall(admin, 'DELETE', `/worlds/${world}`).catch(() => undefined);
  }
  return result;
}

/**
 * The seeded login unless the user gave one. A given username drops the
 * seeded password and token (they belong to the seeded user); a given
 * password without a token drops the seeded token, so the password is what is used.
 */
function credentialsFor(panel: PanelId, given: RunOptions['credentials'] = {}): ScenarioTarget['credentials'] {
  const seeded = seededCredentials(panel);
  if (given.username === undefined && given.password === undefined && given.token === undefined) return seeded;
  const username = given.username ?? seeded.username;
  const seededUser = given.username === undefined;
  const token = given.token ?? (seededUser && given.password === undefined ? seeded.token : undefined);
  const password = given.password ?? (seededUser && given.token === undefined ? seeded.password : '');
  return token === undefined ? { username, password } : { username, password, token };
}

/**
 * runScenario, bounded: a scenario that hangs (a stalled connection to a real
 * panel) fails with the time it had, instead of holding the whole run.
 */
async function runWithin(scenario: Scenario, target: ScenarioTarget, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ScenarioResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ScenarioResult>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          id: scenario.id,
          panel: scenario.panel,
          title: scenario.title,
          status: 'failed',
          durationMs: timeoutMs,
          message: `did not finish within ${timeoutMs / 1000} s (--timeout); its cleanups may not have run`,
        }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([runScenario(scenario, target), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function adminCall(admin: { url: string; token?: string }, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${admin.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(admin.token ? { authorization: `Bearer ${admin.token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new MockpanelError('admin_failed', `The mockpanel admin API answered ${method} ${path} with ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A `server` target must be a mockpanel whose admin API we may use: say how to fix it when it is not. */
async function checkServer(url: string, token?: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`${url}/_admin/health`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch (error) {
    throw new MockpanelError(
      'target_unreachable',
      `Cannot reach ${url}: ${(error as Error).cause ?? (error as Error).message}. Start it with "mockpanel serve", or check --url.`,
    );
  }
  if (res.status === 401 || res.status === 403) {
    throw new MockpanelError('target_admin_refused', `${url} refused its admin API (${res.status}); pass the server's --admin-token with --admin-token.`);
  }
  const health = res.ok ? ((await res.json().catch(() => undefined)) as { ok?: boolean } | undefined) : undefined;
  if (!health?.ok) {
    throw new MockpanelError(
      'target_not_mockpanel',
      `${url} is not a mockpanel server (GET /_admin/health answered ${res.status}). For a real panel add --remote and give the panel's own base URL.`,
    );
  }
}

function checkRemote(panels: readonly PanelId[], credentials: RunOptions['credentials']): void {
  if (panels.length !== 1) {
    throw new MockpanelError('bad_arguments', 'A remote target is one panel: pass --panel webfaction|gandi|ispconfig|whm with --remote.');
  }
  if (!credentials?.username || (credentials.password === undefined && credentials.token === undefined)) {
    throw new MockpanelError('bad_arguments', 'A remote target needs its login: --user U with --password P (or --token T for a WHM API token).');
  }
}

function checkIds(scenarios: readonly Scenario[]): void {
  const seen = new Set<string>();
  for (const s of scenarios) {
    if (!s.id.startsWith(`${s.panel}/`)) throw new MockpanelError('bad_scenarios', `Scenario id "${s.id}" must start with "${s.panel}/".`);
    if (seen.has(s.id)) throw new MockpanelError('bad_scenarios', `Two scenarios have the id "${s.id}"; ids must be unique.`);
    seen.add(s.id);
  }
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');
