// A server process for bench/run.ts, importing the built package (dist/) so the figures are what users run.
// Plain JavaScript, run by `node` itself: no loader between the bench and the code under test, and
// `node --cpu-prof bench/bench-server.mjs …` profiles it as is.
//
//   node bench/bench-server.mjs mockpanel          all panels on one port; WebFaction seeded with 20 domains,
//                                                  an ISPConfig client; prints {port, webfactionSession, ispconfigSession, ispconfigClient}
//   node bench/bench-server.mjs listaccts N        WHM only, world "bench" holding N more accounts; prints {port}
//   node bench/bench-server.mjs worlds N           N live worlds (one call into each panel of each); prints {worlds, rssBytes, baselineRssBytes}
//   node bench/bench-server.mjs raw FILE TYPE      node:http answering every request with FILE's bytes; prints {port}
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [mode, arg, type] = process.argv.slice(2);
// Exit normally when stopped, so `node --cpu-prof` writes its profile.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
const dist = new URL('../dist/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);
const print = (value) => console.log(JSON.stringify(value));

if (mode === 'raw') {
  const canned = readFileSync(arg);
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': type, 'content-length': canned.length });
      res.end(canned);
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => print({ port: server.address().port }));
} else if (mode === 'mockpanel') {
  const { createMockpanel, startServer, seededCredentials } = await load('index.js');
  const { WebfactionClient, IspconfigClient } = await load('clients/index.js');
  const core = createMockpanel();
  const server = await startServer(core, { port: 0 });
  const webfaction = new WebfactionClient({ url: `${server.url}/webfaction/`, ...seededCredentials('webfaction') });
  for (let i = 1; i <= 20; i++) await webfaction.createDomain(`site-${i}.example.com`, 'www', `shop${i}`, 'blog');
  await webfaction.login();
  const ispconfig = new IspconfigClient({ url: `${server.url}/ispconfig`, ...seededCredentials('ispconfig') });
  await ispconfig.login();
  const ispconfigClient = await ispconfig.clientAdd(0, {
    contact_name: 'Bench',
    email: 'bench@example.com',
    username: 'bench',
    password: 'S3cret!pass-1',
    language: 'en',
    web_php_options: 'no',
    ssh_chroot: 'no',
  });
  print({ port: server.listeners[0].port, webfactionSession: webfaction.session, ispconfigSession: ispconfig.sessionId, ispconfigClient });
} else if (mode === 'listaccts') {
  const { createMockpanel, startServer } = await load('index.js');
  const { ROOT_TOKEN } = await load('emulators/whm/seed.js');
  const { insertAccount } = await load('emulators/whm/store/lifecycle.js');
  const { defaultPackage } = await load('emulators/whm/store/packages.js');
  const core = createMockpanel({ panels: ['whm'] });
  const server = await startServer(core, { port: 0 });
  // Create the world through the panel, then fill it with the emulator's own insert (10,000 createacct calls would only time the set-up).
  await fetch(`${server.url}/_w/bench/whm/json-api/version?api.version=1`, { headers: { authorization: `whm root:${ROOT_TOKEN}` } });
  const world = core.worlds.get('bench');
  world.db.transaction(() => {
    const settings = defaultPackage();
    const now = Math.floor(Date.now() / 1000);
    for (let i = 0; i < Number(arg); i++) {
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
  print({ port: server.listeners[0].port });
} else if (mode === 'worlds') {
  const { createMockpanel, startServer, seededCredentials } = await load('index.js');
  const core = createMockpanel();
  const server = await startServer(core, { port: 0 });
  globalThis.gc?.();
  const baselineRssBytes = process.memoryUsage().rss;
  const { WebfactionClient, IspconfigClient, WhmClient, GandiClient } = await load('clients/index.js');
  const gandi = seededCredentials('gandi');
  const whm = seededCredentials('whm');
  for (let i = 0; i < Number(arg); i++) {
    const base = `${server.url}/_w/w${i}`;
    // One real call into each panel through its reference client, so each world is live in every panel.
    await new WebfactionClient({ url: `${base}/webfaction/`, ...seededCredentials('webfaction') }).login();
    await new IspconfigClient({ url: `${base}/ispconfig`, ...seededCredentials('ispconfig') }).login();
    await new WhmClient({ baseUrl: `${base}/whm`, auth: { user: whm.username, token: whm.token } }).version();
    await new GandiClient({ url: `${base}/gandi/hosting/` }).login(gandi.username, gandi.password);
  }
  globalThis.gc?.();
  print({ worlds: core.worlds.list().length, rssBytes: process.memoryUsage().rss, baselineRssBytes });
  await server.close();
  process.exit(0);
} else {
  console.error('usage: bench-server.mjs mockpanel | listaccts N | worlds N | raw FILE TYPE');
  process.exit(2);
}
