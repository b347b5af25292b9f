/**
 * The journal stays within its bound (run by hand: `npx vite-node bench/journal.ts [calls]`):
 * 100k in-process calls into one world, memory and journal rows printed before and after.
 */
import { performance } from 'node:perf_hooks';
import { createMockpanel } from '../emulators/mockpanel.js';

const calls = Number(process.argv[2] ?? 100_000);
const core = createMockpanel({ journalLimit: 10_000 });
const request = {
  panel: 'whm' as const,
  world: 'default',
  httpMethod: 'GET',
  path: '/json-api/version',
  query: 'api.version=1',
  headers: { authorization: 'whm root:MOCKPANELROOTTOKEN00000000000000' },
  body: Buffer.alloc(0),
  remoteAddress: '127.0.0.1',
};
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const rows = () =>
  (core.worlds.require('default').journal.flush(), core.worlds.require('default').db.prepare('SELECT COUNT(*) AS n FROM mp_journal').get() as { n: number }).n;
const pages = () => core.worlds.require('default').db.pragma('page_count', { simple: true }) as number;

for (let i = 0; i < 1000; i++) await core.handle(request);
global.gc?.();
const before = process.memoryUsage();
console.log(`before: rss ${mb(before.rss)}, heap ${mb(before.heapUsed)}, journal rows ${rows()}, db pages ${pages()}`);
const t = performance.now();
for (let i = 0; i < calls; i++) await core.handle(request);
const elapsed = performance.now() - t;
global.gc?.();
const after = process.memoryUsage();
console.log(
  `after ${calls} calls (${(calls / (elapsed / 1000)).toFixed(0)} calls/s): rss ${mb(after.rss)}, heap ${mb(after.heapUsed)}, journal rows ${rows()} (limit 10000), db pages ${pages()}`,
);
