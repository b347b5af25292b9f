/**
 * World create / reset / snapshot / restore at 1k journal rows, in process
 * (`npx vite-node bench/server.ts`). Throughput beside raw node:http and cold
 * start are in `npm run bench` (bench/run.ts).
 */
import { performance } from 'node:perf_hooks';
import { createMockpanel } from '../emulators/mockpanel.js';

const TOKEN = 'MOCKPANELROOTTOKEN00000000000000';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function worlds(): Promise<void> {
  const core = createMockpanel();
  const request = (world: string) => ({
    panel: 'whm' as const,
    world,
    httpMethod: 'GET',
    path: '/json-api/version',
    query: 'api.version=1',
    headers: { authorization: `whm root:${TOKEN}` },
    body: Buffer.alloc(0),
    remoteAddress: '127.0.0.1',
  });
  for (let i = 0; i < 1000; i++) await core.handle(request('default'));
  core.worlds.require('default').journal.flush();
  const rows = (core.worlds.require('default').db.prepare('SELECT COUNT(*) AS n FROM mp_journal').get() as { n: number }).n;
  // Between tests the event loop idles, and the registry uses that to open the next copy ahead of time;
  // back to back (no idle gap) every reset pays SQLite's schema parse. Both are shown; each includes a first query.
  const world = core.worlds.require('default');
  const time = async (fn: () => void, gap: boolean, n = 100) => {
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      if (gap) await new Promise((r) => setTimeout(r, 10));
      const t = performance.now();
      fn();
      world.setting('bench.probe');
      xs.push(performance.now() - t);
    }
    return median(xs).toFixed(3).padStart(7);
  };
  let k = 0;
  console.log(`worlds (in memory, ${rows} journal rows, ${world.serialize().length} B image): p50 ms with idle gap | back to back`);
  core.worlds.saveSnapshot('default', 'b');
  console.log(
    `  snapshot  ${await time(() => core.worlds.saveSnapshot('default', 'b'), true)} | ${await time(() => core.worlds.saveSnapshot('default', 'b'), false)}`,
  );
  console.log(
    `  restore   ${await time(() => core.worlds.restoreSnapshot('default', 'b'), true)} | ${await time(() => core.worlds.restoreSnapshot('default', 'b'), false)}`,
  );
  console.log(`  reset     ${await time(() => core.worlds.reset('default'), true)} | ${await time(() => core.worlds.reset('default'), false)}`);
  const create = async (gap: boolean) => {
    const xs: number[] = [];
    for (let i = 0; i < 50; i++) {
      if (gap) await new Promise((r) => setTimeout(r, 10));
      const t = performance.now();
      const w = core.worlds.create(`c${k++}`);
      w.setting('bench.probe');
      xs.push(performance.now() - t);
      core.worlds.delete(w.id);
    }
    return median(xs).toFixed(3).padStart(7);
  };
  console.log(`  create    ${await create(true)} | ${await create(false)}`);
}

await worlds();
process.exit(0);
