/**
 * What the dashboard adds to each call and each journal read, measured in one run
 * (`npx vite-node bench/journal-wire.ts [calls]`):
 * - the wire capture (redacted request and response text) as a share of a whole in-process call,
 *   for a small answer and for a 4 MB one (only the first 16 KiB are kept);
 * - a free-text and an exact-member journal search over a full 10,000-entry journal.
 */
import { performance } from 'node:perf_hooks';
import { createMockpanel } from '../emulators/mockpanel.js';
import { captureWire } from '../emulators/core/wire-capture.js';
import type { PanelRequest } from '../emulators/core/types.js';

const calls = Number(process.argv[2] ?? 20_000);
const core = createMockpanel({ journalLimit: 10_000 });
const request: PanelRequest = {
  panel: 'whm',
  world: 'default',
  httpMethod: 'GET',
  path: '/json-api/accountsummary',
  query: 'api.version=1&user=alice&password=not-really-a-secret',
  headers: { authorization: 'whm root:MOCKPANELROOTTOKEN00000000000000', host: '127.0.0.1:7777' },
  body: Buffer.alloc(0),
  remoteAddress: '127.0.0.1',
};
const params = { user: 'alice', password: 'not-really-a-secret' };

for (let i = 0; i < 2000; i++) await core.handle(request);
let t = performance.now();
let response = await core.handle(request);
for (let i = 0; i < calls; i++) response = await core.handle(request);
const perCall = (performance.now() - t) / calls;

const time = (body: Buffer | string) => {
  const r = { ...response, body };
  const s = performance.now();
  for (let i = 0; i < calls; i++) {
    const wire = captureWire(request, r, undefined, params, undefined);
    if ('build' in wire) wire.build(); // the text as the dashboard reads it (the journal builds it only then)
  }
  return (performance.now() - s) / calls;
};
const small = time(response.body);
const big = time(Buffer.alloc(4 * 1024 * 1024, 'x'));
console.log(
  `call ${(perCall * 1000).toFixed(1)} µs; wire capture ${(small * 1000).toFixed(1)} µs (${((small / perCall) * 100).toFixed(1)}% of a call), with a 4 MB answer ${(big * 1000).toFixed(1)} µs (${(big / small).toFixed(1)}× the small one)`,
);

const journal = core.worlds.require('default').journal;
journal.flush();
const search = (q: Parameters<typeof journal.query>[0]) => {
  const s = performance.now();
  const n = journal.query(q).length;
  return { ms: performance.now() - s, n };
};
const all = search({});
const text = search({ text: 'no-such-text' });
const member = search({ member: { name: 'user', value: 'nobody' } });
console.log(
  `10,000 entries: read all ${all.ms.toFixed(1)} ms; text search (no match, scans all) ${text.ms.toFixed(1)} ms; member search ${member.ms.toFixed(1)} ms`,
);
