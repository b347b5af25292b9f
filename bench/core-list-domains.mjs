// WebFaction list_domains (20 domains, Python xmlrpc.client's request bytes) through core.handle, in process, for
// A/B runs of two builds on a busy machine. Prints two figures per build:
// - CPU µs per call (process.cpuUsage over whole rounds, 16 calls per event-loop turn as 16 connections would
//   bring them): counts the journal's flush between turns and GC, and not the time other processes took the core;
// - the median wall time of one call, which leaves out the flush and most GC pauses.
//
//   npm run build && cp -r dist /tmp/dist-old     (then change code and build again)
//   node bench/core-list-domains.mjs /tmp/dist-old && node bench/core-list-domains.mjs   (alternate, twice or more)
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

//   node bench/core-list-domains.mjs [DIST_DIR] [CALLS_PER_ROUND] [ROUNDS]
const args = process.argv.slice(2);
const dist = resolve(args[0] && !/^\d+$/.test(args[0]) ? args.shift() : new URL('../dist', import.meta.url).pathname);
const calls = Number(args[0] ?? 5000);
const rounds = Number(args[1] ?? 7);
const { createMockpanel, seededCredentials } = await import(pathToFileURL(`${dist}/index.js`).href);

const core = createMockpanel({ panels: ['webfaction'] });
const request = (body) => ({
  panel: 'webfaction',
  world: 'default',
  httpMethod: 'POST',
  path: '/',
  query: '',
  headers: {
    host: '127.0.0.1',
    'accept-encoding': 'gzip',
    'content-type': 'text/xml',
    'user-agent': 'Python-xmlrpc/3.11',
    'content-length': String(body.length),
  },
  body: Buffer.from(body),
  remoteAddress: '127.0.0.1',
});
// Python 3.11 xmlrpc.client's layout (fixtures/captures/xmlrpc/python-xmlrpc-client).
const call = (method, ...strings) =>
  `<?xml version='1.0'?>\n<methodCall>\n<methodName>${method}</methodName>\n<params>\n${strings.map((s) => `<param>\n<value><string>${s}</string></value>\n</param>\n`).join('')}</params>\n</methodCall>\n`;

const { username, password } = seededCredentials('webfaction');
const session = /<string>(\w+)<\/string>/.exec(String((await core.handle(request(call('login', username, password)))).body))[1];
for (let i = 1; i <= 20; i++) await core.handle(request(call('create_domain', session, `site-${i}.example.com`, 'www', `shop${i}`, 'blog')));
const listDomains = request(call('list_domains', session));
const answer = String((await core.handle(listDomains)).body);
if ((answer.match(/<name>domain<\/name>/g) ?? []).length !== 20) throw new Error(`unexpected answer:\n${answer.slice(0, 400)}`);

const turn = () => new Promise((r) => setImmediate(r));
const cpu = [];
const wall = [];
for (let r = 0; r < rounds; r++) {
  const started = process.cpuUsage();
  for (let i = 0; i < calls; i += 16) {
    for (let j = 0; j < 16; j++) {
      const t = performance.now();
      await core.handle(listDomains);
      wall.push(performance.now() - t);
    }
    await turn();
  }
  const used = process.cpuUsage(started);
  if (r > 0) cpu.push((used.user + used.system) / calls); // the first round warms up
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(
  `${dist}: CPU ${median(cpu).toFixed(1)} µs per call (rounds ${cpu.map((x) => x.toFixed(1)).join(', ')}), median call ${(median(wall) * 1000).toFixed(1)} µs`,
);
core.worlds.close();
