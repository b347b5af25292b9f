import { mkdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { MockpanelError } from '../emulators/core/mockpanel-error.js';
import type { PanelId } from '../emulators/core/types.js';
import { createMockpanel, PANELS } from '../emulators/mockpanel.js';
import { DEFAULT_MAX_BODY, startServer } from '../emulators/server/http-server.js';
import { intFlag, parse, sizeFlag } from './args.js';
import type { ClockOptions } from '../state/clock.js';

export const SERVE_USAGE = `Usage: mockpanel serve [options]

Starts all four emulators on one in-memory world ("default").

  --host ADDR            listen address (default 127.0.0.1)
  --port N               shared port: every panel under /<panel>/, admin API under /_admin (default 7777; 0 = any free port)
  --webfaction-port N    also serve WebFaction at its real path (/) on this port
  --gandi-port N         also serve Gandi at /hosting/ and /xmlrpc/ on this port
  --ispconfig-port N     also serve ISPConfig at /remote/index.php and /remote/json.php
  --whm-port N           also serve WHM at /json-api/<function>
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
                         (env MOCKPANEL_CLOCK_FROZEN=1)`;

/** `mockpanel serve`: resolves when the server is listening; the process then runs until a signal. */
export async function serve(argv: string[]): Promise<void> {
  const started = performance.now();
  const { values } = parse(
    argv,
    {
      host: { type: 'string' },
      port: { type: 'string' },
      'webfaction-port': { type: 'string' },
      'gandi-port': { type: 'string' },
      'ispconfig-port': { type: 'string' },
      'whm-port': { type: 'string' },
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
    },
    SERVE_USAGE,
  );
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
  });
  const panelPorts: Partial<Record<PanelId, number>> = {};
  for (const id of ['webfaction', 'gandi', 'ispconfig', 'whm'] as const) {
    const port = intFlag(values[`${id}-port`], `${id}-port`);
    if (port !== undefined) panelPorts[id] = port;
  }
  const server = await startServer(core, {
    host: values.host,
    port: intFlag(values.port, 'port') ?? 7777,
    panelPorts,
    tls: values['tls-cert'] ? { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']!) } : undefined,
    maxBody: sizeFlag(values['max-body'], 'max-body') ?? DEFAULT_MAX_BODY,
    adminToken: values['admin-token'],
  });

  const lines = [`mockpanel ready in ${Math.round(performance.now() - started)} ms — worlds ${values['data-dir'] ? `in ${values['data-dir']}` : 'in memory'}`];
  const start = core.worlds.clockStart;
  if (start.atMs !== undefined || start.frozen) {
    lines.push(`Clock      new worlds start at ${start.atMs === undefined ? 'the wall clock' : new Date(start.atMs).toISOString()}${start.frozen ? ', frozen' : ', running'}`);
  }
  const shared = server.url;
  for (const panel of PANELS) {
    lines.push('', `${panel.title}`);
    for (const path of panel.paths) lines.push(`  ${shared}/${panel.id}${path}`);
    const own = server.listeners.find((l) => l.name === panel.id);
    if (own) for (const path of panel.paths) lines.push(`  ${own.url}${path}`);
    for (const line of panel.describeSeed(seed?.[panel.id])) lines.push(`  ${line}`);
  }
  lines.push('', `Admin API  ${shared}/_admin/health${values['admin-token'] ? ' (Bearer token required)' : ' (loopback only)'}`);
  lines.push(`Dashboard  ${shared}/_admin/ui/${values['admin-token'] ? ' (asks for the admin token)' : ' (loopback only)'}`);
  lines.push(`Worlds     ${shared}/_w/<world>/<panel>/…  or header X-Mockpanel-World: <world>`);
  console.log(lines.join('\n'));

  const stop = () => {
    server.close().then(() => {
      core.worlds.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
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
    throw new MockpanelError('bad_seed', `The seed file ${file} must hold a JSON object with sections "webfaction", "gandi", "ispconfig", "whm".`);
  }
  const unknown = Object.keys(parsed).filter((k) => k !== 'clock' && !PANELS.some((p) => p.id === k));
  if (unknown.length) throw new MockpanelError('bad_seed', `The seed file ${file} has unknown sections: ${unknown.join(', ')} (known: clock, ${PANELS.map((p) => p.id).join(', ')}).`);
  const clock = (parsed as { clock?: unknown }).clock;
  if (clock !== undefined) {
    const c = clock as Record<string, unknown>;
    const ok = c && typeof c === 'object' && !Array.isArray(c) && Object.keys(c).every((k) => k === 'at' || k === 'frozen') &&
      (c.at === undefined || typeof c.at === 'string') && (c.frozen === undefined || typeof c.frozen === 'boolean');
    if (!ok) throw new MockpanelError('bad_seed', `The seed file ${file}: "clock" must be {"at": "2027-01-31T23:59:40Z" or "now", "frozen": true|false}.`);
  }
  return parsed as Record<string, unknown> & { clock?: ClockOptions };
}
