import { mkdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { performance } from 'node:perf_hooks';
import { MockpanelError } from '../kernel/mockpanel-error.js';
import type { Core } from '../emulators/core/dispatcher.js';
import { PANEL_IDS, type PanelId } from '../kernel/panel-id.js';
import { createMockpanel, PANELS } from '../emulators/mockpanel.js';
import { DEFAULT_MAX_BODY, startServer, type RunningServer } from '../emulators/server/http-server.js';
import { intFlag, parse, sizeFlag, type ParsedArgs } from './args.js';
import type { ClockOptions } from '../state/clock.js';

/** The serve options, shared with `mockpanel run` (which reads the same flags before its `--`). */
export const SERVE_OPTION_LINES = `  --host ADDR            listen address (default 127.0.0.1)
  --port N               shared port: every panel under /<panel>/, admin API under /_admin (default 7777; 0 = any free port)
  --webfaction-port N    also serve WebFaction at its real path (/) on this port
  --gandi-port N         also serve Gandi at /hosting/ and /xmlrpc/ on this port
  --ispconfig-port N     also serve ISPConfig at /remote/index.php and /remote/json.php
  --whm-port N           also serve WHM at /json-api/<function>
  --cpanel-port N        also serve the cPanel account APIs at /execute/<Module>/<function> and /json-api/cpanel
  --tls-cert FILE        serve HTTPS on every listener (with --tls-key)
  --tls-key FILE
  --max-body SIZE        largest request body (default 10mb)
  --data-dir DIR         keep worlds in DIR as SQLite files (WAL), surviving restarts
  --seed FILE            JSON with per-panel sections replacing the seeded accounts
  --journal-limit N      journal entries kept per world (default 10000)
  --admin-token T        admin API requires "Authorization: Bearer T" (and answers non-loopback callers)
  --strict-worlds        do not create a world on first use of /_w/<id>/ or X-Mockpanel-World
  --clock INSTANT|now    where every new world's clock starts: an ISO-8601 instant with a zone, e.g.
                         2027-01-31T23:59:40Z (default: now, the wall clock; env MOCKPANEL_CLOCK)
  --clock-frozen         worlds' clocks stand still until POST /_admin/worlds/<id>/clock moves them
                         (env MOCKPANEL_CLOCK_FROZEN=1)
  --max-worlds N         most worlds panel calls may create on first use (default 500, about 1.4 MB each);
                         past it a call for a new world gets the panel's fault; POST /_admin/worlds is not limited
  --evict-idle SECONDS   at the limit, first delete the least recently called world created on first use
                         that has been idle this long (worlds made by the admin API are never evicted)`;

export const SERVE_USAGE = `Usage: mockpanel serve [options]

Starts every emulator on one in-memory world ("default").

${SERVE_OPTION_LINES}`;

/** The serve flags, as node:util parseArgs declares them (one definition for serve and run). */
export const SERVE_OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  'webfaction-port': { type: 'string' },
  'gandi-port': { type: 'string' },
  'ispconfig-port': { type: 'string' },
  'whm-port': { type: 'string' },
  'cpanel-port': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'max-body': { type: 'string' },
  'data-dir': { type: 'string' },
  seed: { type: 'string' },
  'journal-limit': { type: 'string' },
  'admin-token': { type: 'string' },
  'strict-worlds': { type: 'boolean' },
  clock: { type: 'string' },
  'clock-frozen': { type: 'boolean' },
  'max-worlds': { type: 'string' },
  'evict-idle': { type: 'string' },
} as const;

export type ServeValues = ParsedArgs<typeof SERVE_OPTIONS>['values'];

/** A started mockpanel: its core, its listeners, the seed it used, and how to stop it. */
export interface Served {
  core: Core;
  server: RunningServer;
  seed: Record<string, unknown> | undefined;
  /** The start-up banner (URLs reachable from where the server is bound, the seeded logins). */
  banner: string[];
  stop(): Promise<void>;
}

/** Starts the core and its listeners from the serve flags (`defaultPort` when --port is absent). */
export async function startServing(values: ServeValues, defaultPort = 7777): Promise<Served> {
  const started = performance.now();
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) {
    throw new MockpanelError('bad_arguments', 'TLS needs both --tls-cert and --tls-key.');
  }
  const { clock: seedClock, ...seed } = values.seed ? readSeed(values.seed) : {};
  // The flag wins over the seed file's "clock", which wins over MOCKPANEL_CLOCK.
  const clock = { ...seedClock, ...(values.clock !== undefined && { at: values.clock }), ...(values['clock-frozen'] && { frozen: true }) };
  if (values['data-dir']) mkdirSync(values['data-dir'], { recursive: true });
  const core = createMockpanel({
    dataDir: values['data-dir'],
    seed,
    journalLimit: intFlag(values['journal-limit'], 'journal-limit', 1, 10_000_000),
    autoCreateWorlds: !values['strict-worlds'],
    clock,
    maxWorlds: intFlag(values['max-worlds'], 'max-worlds', 1, 1_000_000),
    evictIdleWorldsAfterSeconds: intFlag(values['evict-idle'], 'evict-idle', 0, 365 * 24 * 3600),
  });
  const panelPorts: Partial<Record<PanelId, number>> = {};
  for (const id of PANEL_IDS) {
    const port = intFlag(values[`${id}-port`], `${id}-port`);
    if (port !== undefined) panelPorts[id] = port;
  }
  let server: RunningServer;
  try {
    server = await startServer(core, {
      host: values.host,
      port: intFlag(values.port, 'port') ?? defaultPort,
      panelPorts,
      tls: values['tls-cert'] ? { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']!) } : undefined,
      maxBody: sizeFlag(values['max-body'], 'max-body') ?? DEFAULT_MAX_BODY,
      adminToken: values['admin-token'],
    });
  } catch (error) {
    core.worlds.close();
    throw error;
  }

  const shown = (url: string) => reachable(url, values.host);
  const lines = [`mockpanel ready in ${Math.round(performance.now() - started)} ms — worlds ${values['data-dir'] ? `in ${values['data-dir']}` : 'in memory'}`];
  const start = core.worlds.clockStart;
  if (start.atMs !== undefined || start.frozen) {
    lines.push(
      `Clock      new worlds start at ${start.atMs === undefined ? 'the wall clock' : new Date(start.atMs).toISOString()}${start.frozen ? ', frozen' : ', running'}`,
    );
  }
  const shared = shown(server.url);
  if (isWildcard(values.host))
    lines.push(`Listening on every interface (${values.host}); also reachable at ${[...otherAddresses(server.url, values.host), server.url].join(', ')}`);
  for (const panel of PANELS) {
    lines.push('', `${panel.title}`);
    for (const path of panel.paths) lines.push(`  ${shared}/${panel.id}${path}`);
    const own = server.listeners.find((l) => l.name === panel.id);
    if (own) for (const path of panel.paths) lines.push(`  ${shown(own.url)}${path}`);
    for (const line of panel.describeSeed(seed?.[panel.id])) lines.push(`  ${line}`);
  }
  lines.push('', `Admin API  ${shared}/_admin/health${values['admin-token'] ? ' (Bearer token required)' : ' (loopback only)'}`);
  lines.push(`Dashboard  ${shared}/_admin/ui/${values['admin-token'] ? ' (asks for the admin token)' : ' (loopback only)'}`);
  lines.push(`Worlds     ${shared}/_w/<world>/<panel>/…  or header X-Mockpanel-World: <world>`);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= server.close().then(() => {
      core.worlds.close();
    }));
  return { core, server, seed, banner: lines, stop };
}

/** `mockpanel serve`: resolves when the server is listening; the process then runs until a signal. */
export async function serve(argv: string[]): Promise<void> {
  const { values } = parse(argv, SERVE_OPTIONS, SERVE_USAGE);
  const served = await startServing(values);
  console.log(served.banner.join('\n'));
  const stop = () => void served.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const isWildcard = (host: string | undefined) => host === '0.0.0.0' || host === '::' || host === '[::]';

/** The machine's non-loopback addresses a wildcard bind answers on (0.0.0.0: IPv4 only; ::, IPv4 first then IPv6), as a URL writes them. */
function externalAddresses(host: string | undefined): string[] {
  const all = Object.values(networkInterfaces())
    .flat()
    .filter((a): a is NonNullable<typeof a> => Boolean(a) && !a!.internal);
  const v6 = host === '0.0.0.0' ? [] : all.filter((a) => a.family === 'IPv6' && !a.address.startsWith('fe80'));
  return [...all.filter((a) => a.family === 'IPv4'), ...v6].map((a) => (a.family === 'IPv6' ? `[${a.address}]` : a.address));
}

/**
 * A listener URL as another machine would reach it: for a wildcard bind the
 * loopback address the server reports is replaced by the first external one
 * (loopback only when the machine has none).
 */
function reachable(url: string, host: string | undefined): string {
  if (!isWildcard(host)) return url;
  const first = externalAddresses(host)[0];
  if (!first) return url;
  const u = new URL(url);
  u.hostname = first;
  return u.origin;
}

function otherAddresses(url: string, host: string | undefined): string[] {
  const port = new URL(url).port;
  return externalAddresses(host)
    .slice(1)
    .map((a) => `${new URL(url).protocol}//${a}:${port}`);
}

/** The seed file's sections, and its optional `"clock": {"at", "frozen"}`. */
function readSeed(file: string): Record<string, unknown> & { clock?: ClockOptions } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MockpanelError('bad_seed', `Cannot read the seed file ${file}: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new MockpanelError(
      'bad_seed',
      `The seed file ${file} must hold a JSON object with sections "webfaction", "gandi", "ispconfig", "whm" (the cPanel door uses WHM's).`,
    );
  }
  const unknown = Object.keys(parsed).filter((k) => k !== 'clock' && !PANELS.some((p) => p.id === k));
  if (unknown.length)
    throw new MockpanelError(
      'bad_seed',
      `The seed file ${file} has unknown sections: ${unknown.join(', ')} (known: clock, ${PANELS.map((p) => p.id).join(', ')}).`,
    );
  const clock = (parsed as { clock?: unknown }).clock;
  if (clock !== undefined) {
    const c = clock as Record<string, unknown>;
    const ok =
      c &&
      typeof c === 'object' &&
      !Array.isArray(c) &&
      Object.keys(c).every((k) => k === 'at' || k === 'frozen') &&
      (c.at === undefined || typeof c.at === 'string') &&
      (c.frozen === undefined || typeof c.frozen === 'boolean');
    if (!ok) throw new MockpanelError('bad_seed', `The seed file ${file}: "clock" must be {"at": "2027-01-31T23:59:40Z" or "now", "frozen": true|false}.`);
  }
  return parsed as Record<string, unknown> & { clock?: ClockOptions };
}
