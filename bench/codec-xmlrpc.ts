/**
 * XML-RPC codec throughput: decode a real Python login request and encode a
 * 20-domain list_domains answer, in one process, no HTTP.
 *
 *   npx vite-node bench/codec-xmlrpc.ts [seconds-per-case]
 *
 * Prints ops/s per case: the median and the best of 10 rounds (the best is
 * the steadier figure on a shared machine), with JSON.stringify of the same
 * list as a yardstick for how fast this machine is right now. The request bytes are
 * Python 3.11 xmlrpc.client's login call (fixtures/captures/xmlrpc/python-xmlrpc-client/01-login.request.http).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PanelFault } from '../emulators/core/panel-fault.js';
import type { PanelRequest } from '../emulators/core/types.js';
import type { DecodedCall } from '../emulators/protocol/codec.js';
import { createXmlRpcCodec } from '../emulators/protocol/xmlrpc/codec.js';

const here = dirname(fileURLToPath(import.meta.url));
const raw = readFileSync(join(here, '..', 'fixtures', 'captures', 'xmlrpc', 'python-xmlrpc-client', '01-login.request.http'));
const loginBody = raw.subarray(raw.indexOf('\r\n\r\n') + 4);
const secondsPerCase = Number(process.argv[2] ?? 1);

const codec = createXmlRpcCodec();
const request = (body: Buffer): PanelRequest => ({
  panel: 'webfaction',
  world: 'default',
  httpMethod: 'POST',
  path: '/',
  query: '',
  headers: { 'content-type': 'text/xml' },
  body,
  remoteAddress: '127.0.0.1',
});
const loginRequest = request(loginBody);
const call: DecodedCall = { method: 'list_domains', args: [], wire: {} };

// The shape list_domains answers with (fixtures/captures/xmlrpc/python-xmlrpc-client/03-list_domains.response.http).
const domains = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, domain: `site-${i + 1}.example.com`, subdomains: ['www', `shop${i}`, 'blog'] }));
const loginResult = ['8f1c2e3d4b5a69788796a5b4c3d2e1f0', { id: 1234, username: 'wfuser', home: '/home', web_server: 'Web500', mail_server: 'Mailbox1' }];
const fault = new PanelFault(1, "<class 'webfaction_api.exceptions.LoginError'>:['Invalid username or password']");

function measure(name: string, op: () => unknown): number {
  for (let i = 0; i < 2000; i++) op(); // warm-up for the JIT
  const rounds: number[] = [];
  for (let round = 0; round < 10; round++) {
    let ops = 0;
    const started = performance.now();
    const until = started + (secondsPerCase * 1000) / 10;
    while (performance.now() < until) {
      for (let i = 0; i < 100; i++) op();
      ops += 100;
    }
    rounds.push(ops / ((performance.now() - started) / 1000));
  }
  rounds.sort((a, b) => a - b);
  const median = (rounds[4]! + rounds[5]!) / 2;
  const best = rounds[9]!;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(10);
  console.log(`${name.padEnd(44)} median ${fmt(median)} ops/s   best ${fmt(best)} ops/s  (${(1e6 / best).toFixed(1)} µs/op)`);
  return median;
}

const listBytes = (codec.encodeResult(domains, call, loginRequest).body as Buffer).length;
console.log(`XML-RPC codec, node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} CPUs`);
console.log(`login request ${loginBody.length} B, list_domains answer ${listBytes} B`);
measure('yardstick: JSON.stringify of the 20 domains', () => Buffer.from(JSON.stringify(domains)));
measure('decode login request', () => codec.decode(loginRequest));
measure('encode login answer', () => codec.encodeResult(loginResult, call, loginRequest));
measure('encode list_domains answer (20 domains)', () => codec.encodeResult(domains, call, loginRequest));
measure('encode fault', () => codec.encodeFault(fault, call, loginRequest));
measure('decode login + encode 20-domain list', () => {
  const decoded = codec.decode(loginRequest);
  if (decoded.kind !== 'call') throw new Error('login did not decode');
  return codec.encodeResult(domains, decoded.call, loginRequest);
});
