import { mkdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { MockpanelError } from '../emulators/core/mockpanel-error.js';
import type { PanelId } from '../emulators/core/types.js';
import { createMockpanel, PANELS } from '../emulators/mockpanel.js';
import { DEFAULT_MAX_BODY, startServer } from '../emulators/server/http-server.js';
import { intFlag, parse, sizeFlag } from './args.js';

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
  --max-worlds N         most worlds panel calls may create on first use (default 500, about 1.4 MB each);
                         past it a call for a new world gets the panel's fault; POST /_admin/worlds is not limited
  --evict-idle SECONDS   at the limit, first delete the least recently called world created on first use
                         that has been idle this long (worlds made by the admin API are never evicted)`;

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
      'max-worlds': { type: 'string' },
      'evict-idle': { type: 'string' },
    },
    SERVE_USAGE,
  );
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) {
    throw new MockpanelError('bad_arguments', 'TLS needs both --tls-cert and --tls-key.');
  }
  const seed = values.seed ? readSeed(values.seed) : undefined;
  if (values['data-dir']) mkdirSync(values['data-dir'], { recursive: true });
  const core = createMockpanel({
    dataDir: values['data-dir'],
    seed,
    journalLimit: intFlag(values['journal-limit'], 'journal-limit', 1, 10_000_000),
    autoCreateWorlds: !values['strict-worlds'],
    maxWorlds: intFlag(values['max-worlds'], 'max-worlds', 1, 1_000_000),
    evictIdleWorldsAfterSeconds: intFlag(values['evict-idle'], 'evict-idle', 0, 365 * 24 * 3600),
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
  const shared = server.url;
  for (const panel of PANELS) {
    lines.push('', `${panel.title}`);
    for (const path of panel.paths) lines.push(`  ${shared}/${panel.id}${path}`);
    const own = server.listeners.find((l) => l.name === panel.id);
    if (own) for (const path of panel.paths) lines.push(`  ${own.url}${path}`);
    for (const line of panel.describeSeed(seed?.[panel.id])) lines.push(`  ${line}`);
  }
  lines.push('', `Admin API  ${shared}/_admin/health${values['admin-token'] ? ' (Bearer token required)' : ' (loopback only)'}`);
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

function readSeed(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MockpanelError('bad_seed', `Cannot read the seed file ${file}: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new MockpanelError('bad_seed', `The seed file ${file} must hold a JSON object with sections "webfaction", "gandi", "ispconfig", "whm".`);
  }
  const unknown = Object.keys(parsed).filter((k) => !PANELS.some((p) => p.id === k));
  if (unknown.length) throw new MockpanelError('bad_seed', `The seed file ${file} has unknown sections: ${unknown.join(', ')}.`);
  return parsed as Record<string, unknown>;
}
