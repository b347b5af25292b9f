/**
 * What embedded use costs: one panel call in process (the core, and msw in
 * front of it), the same call over loopback HTTP for comparison, and a test's
 * own world (create + delete, reset), in process and through the admin API as
 * the vitest fixture does it. `panelFetch` is the same resolver as msw's
 * handlers without msw's interception machinery.
 *
 *   npx vite-node bench/in-process.ts [iterations]
 *
 * Calls: WHM `version` (JSON, smallest), WHM `listaccts` (the seeded accounts),
 * WebFaction `list_mailboxes` (XML-RPC, with a session). Prints p50/p90/p99 in
 * ms per call; the goal for an in-process call is p50 ≤ 0.3 ms.
 */
import { performance } from 'node:perf_hooks';
import { setupServer } from 'msw/node';
import type { PanelRequest } from '../emulators/core/types.js';
import { createMockpanel } from '../emulators/mockpanel.js';
import { panelFetch } from '../emulators/in-process.js';
import { panelHandlers } from '../emulators/msw.js';
import { startServer } from '../emulators/server/http-server.js';
import { MockpanelAdmin } from '../clients/mockpanel-admin.js';
import { seededCredentials } from '../emulators/seeded-credentials.js';

const iterations = Number(process.argv[2] ?? 2000);
const warmup = Math.min(200, iterations);

async function measure(name: string, fn: () => Promise<unknown> | unknown, n = iterations): Promise<void> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(3);
  console.log(`${name.padEnd(58)} p50 ${at(0.5).padStart(7)}  p90 ${at(0.9).padStart(7)}  p99 ${at(0.99).padStart(7)}  ms  (n=${n})`);
}

const xml = (method: string, ...strings: string[]) =>
  `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>${strings.map((s) => `<param><value><string>${s}</string></value></param>`).join('')}</params></methodCall>`;

const core = createMockpanel();
const token = seededCredentials('whm').token!;
const wf = seededCredentials('webfaction');
const whmHeaders = { authorization: `whm root:${token}` };

// A WebFaction session for list_mailboxes.
const login = await core.handle(request('webfaction', '/', '', {}, xml('login', wf.username, wf.password)));
const session = /<string>(\w+)<\/string>/.exec(String(login.body))![1];

function request(panel: PanelRequest['panel'], path: string, query: string, headers: Record<string, string>, body = ''): PanelRequest {
  return { panel, world: 'default', httpMethod: body ? 'POST' : 'GET', path, query, headers, body: Buffer.from(body), remoteAddress: '127.0.0.1' };
}

const calls = {
  'WHM version': {
    request: request('whm', '/json-api/version', 'api.version=1', whmHeaders),
    msw: ['https://whm.example.com:2087/json-api/version?api.version=1', { headers: whmHeaders }],
    http: ['/whm/json-api/version?api.version=1', { headers: whmHeaders }],
  },
  'WHM listaccts': {
    request: request('whm', '/json-api/listaccts', 'api.version=1', whmHeaders),
    msw: ['https://whm.example.com:2087/json-api/listaccts?api.version=1', { headers: whmHeaders }],
    http: ['/whm/json-api/listaccts?api.version=1', { headers: whmHeaders }],
  },
  'WebFaction list_mailboxes': {
    request: request('webfaction', '/', '', { 'content-type': 'text/xml' }, xml('list_mailboxes', session)),
    msw: ['https://api.webfaction.com/', { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml('list_mailboxes', session) }],
    http: ['/webfaction/', { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml('list_mailboxes', session) }],
  },
} satisfies Record<string, { request: PanelRequest; msw: [string, RequestInit]; http: [string, RequestInit] }>;

const check = (status: number, name: string) => {
  if (status !== 200) throw new Error(`${name} answered ${status}`);
};

console.log(`mockpanel in-process bench — node ${process.version}, ${iterations} calls per case after ${warmup} warm-up\n`);
console.log('core.handle (no transport)');
for (const [name, c] of Object.entries(calls)) await measure(`  ${name}`, async () => check((await core.handle(c.request)).status, name));

const inProcessFetch = panelFetch({ core, hosts: { 'whm.example.com:2087': 'whm' } });
console.log('\npanelFetch (fetch-shaped, no msw)');
for (const [name, c] of Object.entries(calls)) {
  await measure(`  ${name}`, async () => {
    const res = await inProcessFetch(c.msw[0], c.msw[1]);
    await res.arrayBuffer();
    check(res.status, name);
  });
}

const server = setupServer(...panelHandlers({ core, hosts: { 'whm.example.com:2087': 'whm' } }));
server.listen({ onUnhandledRequest: 'bypass' });
console.log('\nmsw (fetch intercepted in process)');
for (const [name, c] of Object.entries(calls)) {
  await measure(`  ${name}`, async () => {
    const res = await fetch(c.msw[0], c.msw[1]);
    await res.arrayBuffer();
    check(res.status, name);
  });
}
server.close();

const http = await startServer(core, { port: 0 });
console.log('\nloopback HTTP (fetch, keep-alive), for comparison');
for (const [name, c] of Object.entries(calls)) {
  await measure(`  ${name}`, async () => {
    const res = await fetch(`${http.url}${c.http[0]}`, c.http[1]);
    await res.arrayBuffer();
    check(res.status, name);
  });
}

const worldRuns = Math.min(iterations, 500);
console.log('\nper-test world');
let n = 0;
await measure('  in process: worlds.create + worlds.delete', () => core.worlds.delete(core.worlds.create(`b${n++}`).id), worldRuns);
core.worlds.create('bench-reset');
await measure('  in process: worlds.reset', () => core.worlds.reset('bench-reset'), worldRuns);
const admin = new MockpanelAdmin({ url: http.url });
await measure('  admin API: POST + DELETE /_admin/worlds (the fixture)', async () => admin.deleteWorld(await admin.createWorld()), worldRuns);
await measure('  admin API: POST /_admin/worlds/:id/reset', () => admin.resetWorld('bench-reset'), worldRuns);

await http.close();
core.worlds.close();
