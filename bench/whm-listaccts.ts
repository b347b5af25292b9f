/**
 * listaccts on a world with 10,000 accounts, over real HTTP (the shared
 * port, token auth), as a client sees it: p50/p95 of the whole request.
 *
 *   npx vite-node bench/whm-listaccts.ts [accounts] [rounds]
 *
 * Cases: the whole list; an api.filter that keeps ~10 accounts; the same
 * filter plus api.sort and a 20-record api.chunk; the listaccts search
 * argument (searchtype=user). The accounts are written straight into the
 * world's database with the emulator's own insertAccount (createacct over
 * HTTP 10,000 times would only measure the set-up).
 */
import { performance } from 'node:perf_hooks';
import { createMockpanel } from '../emulators/mockpanel.js';
import { startServer } from '../emulators/server/http-server.js';
import { ROOT_TOKEN } from '../emulators/whm/seed.js';
import { insertAccount } from '../emulators/whm/state/lifecycle.js';
import { defaultPackage } from '../emulators/whm/state/packages.js';

const accounts = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 40);
const WORLD = 'bench';

const core = createMockpanel({ panels: ['whm'] });
const server = await startServer(core, { port: 0 });
const base = `${server.url}/_w/${WORLD}/whm/json-api`;
const headers = { authorization: `whm root:${ROOT_TOKEN}` };

// Create the world through the panel, then fill it.
await fetch(`${base}/version?api.version=1`, { headers });
const world = core.worlds.get(WORLD)!;
const started = performance.now();
world.db.transaction(() => {
  const settings = defaultPackage();
  const now = Math.floor(Date.now() / 1000);
  for (let i = 0; i < accounts; i++) {
    const user = `u${String(i).padStart(5, '0')}`;
    insertAccount(world.db, {
      user,
      domain: `${user}.example.com`,
      owner: i % 5 ? 'root' : 'reseller1',
      password: 'x',
      plan: 'default',
      settings,
      ip: '192.0.2.10',
      email: `${user}@example.net`,
      now: now - i * 60,
    });
  }
})();
console.log(`seeded ${accounts} accounts (with their domains and zones) in ${(performance.now() - started).toFixed(0)} ms`);

async function measure(name: string, query: string): Promise<void> {
  const times: number[] = [];
  let bytes = 0;
  let records = 0;
  for (let i = 0; i < rounds + 3; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/listaccts?api.version=1${query}`, { headers });
    const text = await res.text();
    const t = performance.now() - t0;
    if (i >= 3) times.push(t); // the first rounds warm the JIT and the statement cache
    bytes = text.length;
    records = (JSON.parse(text) as { data: { acct: unknown[] } }).data.acct.length;
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  console.log(`${name.padEnd(34)} p50 ${p(0.5).padStart(7)} ms   p95 ${p(0.95).padStart(7)} ms   ${String(records).padStart(6)} records, ${(bytes / 1024).toFixed(0)} KiB`);
}

const total = accounts + 4;
console.log(`listaccts over HTTP, ${total} accounts in the world, ${rounds} rounds each:`);
await measure('whole list', '');
await measure('api.filter user contains "u0999"', '&api.filter.enable=1&api.filter.a.field=user&api.filter.a.type=contains&api.filter.a.arg0=u0999');
await measure('  + api.sort + api.chunk 20', '&api.filter.enable=1&api.filter.a.field=owner&api.filter.a.arg0=reseller1&api.sort.enable=1&api.sort.a.field=domain&api.sort.a.reverse=1&api.chunk.enable=1&api.chunk.size=20');
await measure('search=^u0999 searchtype=user', '&searchtype=user&search=%5Eu0999');

await server.close();
core.worlds.close();
