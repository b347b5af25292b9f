/**
 * A server for bench/webfaction-list-domains.ts, run as its own process so
 * each server under load has a core to itself as it would in use:
 *
 *   vite-node bench/webfaction-bench-server.ts mockpanel
 *     mockpanel over HTTP, the default world seeded with 20 domains of three
 *     subdomains each; prints {"port", "sessionId"} on one line.
 *   vite-node bench/webfaction-bench-server.ts raw FILE
 *     node:http answering every request with the bytes of FILE as text/xml
 *     (the baseline: no parsing, no state); prints {"port"}.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebfactionClient } from '../clients/webfaction/index.js';
import { seededCredentials } from '../conformance/targets.js';
import { createMockpanel } from '../emulators/mockpanel.js';
import { startServer } from '../emulators/server/http-server.js';

const [mode, file] = process.argv.slice(2);
// Exit normally when stopped, so `node --cpu-prof` writes its profile.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));

if (mode === 'raw') {
  const canned = readFileSync(file!);
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': canned.length });
      res.end(canned);
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
} else if (mode === 'mockpanel') {
  const core = createMockpanel();
  const server = await startServer(core, { port: 0 });
  const client = new WebfactionClient({ url: `${server.url}/webfaction/`, ...seededCredentials('webfaction') });
  for (let i = 1; i <= 20; i++) await client.createDomain(`site-${i}.example.com`, 'www', `shop${i}`, 'blog');
  await client.login();
  console.log(JSON.stringify({ port: server.listeners[0].port, sessionId: client.session }));
} else {
  console.error('usage: webfaction-bench-server.ts mockpanel | raw FILE');
  process.exit(2);
}
