/**
 * ISPConfig emulator throughput and latency through the whole core (codec,
 * dispatcher, session check, engine, SQLite), in one process, no HTTP.
 *
 *   npx vite-node bench/ispconfig-calls.ts [seconds-per-case]
 *
 * Cases: client_get by id, a filtered dns_a_get over 200 records,
 * dns_a_add (validate + INSERT + datalog), dns_a_update with no change (the
 * 0-affected-rows path), login (SHA-512 crypt, memoised after the first),
 * and client_get over the JSON door. Prints calls/s and p50/p99 latency per
 * case, and the machine's load average (other work on the machine skews it).
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { soapRequestEnvelope } from '../clients/transport/soap-transport.js';
import type { PanelRequest } from '../emulators/core/types.js';
import { createMockpanel } from '../emulators/mockpanel.js';

const secondsPerCase = Number(process.argv[2] ?? 2);
const core = createMockpanel({ panels: ['ispconfig'] });
const WORLD = 'bench';

/** A SOAP request as PHP's SoapClient writes it (the reference client's envelope). */
function soap(method: string, args: unknown[]): PanelRequest {
  const body = soapRequestEnvelope(method, args, 'urn:bench');
  return {
    panel: 'ispconfig',
    world: WORLD,
    httpMethod: 'POST',
    path: '/remote/index.php',
    query: '',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: Buffer.from(body),
    remoteAddress: '127.0.0.1',
  };
}

async function value(request: PanelRequest): Promise<string> {
  const response = await core.handle(request);
  const text = response.body.toString();
  if (response.status !== 200) throw new Error(`${response.status}: ${text.slice(0, 300)}`);
  return /<return[^>]*>([^<]*)<\/return>/.exec(text)?.[1] ?? text;
}

async function measure(name: string, make: (i: number) => PanelRequest): Promise<void> {
  const latencies: number[] = [];
  const until = performance.now() + secondsPerCase * 1000;
  let i = 0;
  while (performance.now() < until) {
    const request = make(i++);
    const t = performance.now();
    const response = await core.handle(request);
    latencies.push(performance.now() - t);
    if (response.status !== 200) throw new Error(`${name}: ${response.status} ${response.body.toString().slice(0, 300)}`);
  }
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(3);
  const total = latencies.reduce((a, b) => a + b, 0);
  console.log(
    `${name.padEnd(34)} ${Math.round((latencies.length / total) * 1000)
      .toString()
      .padStart(7)} calls/s   p50 ${q(0.5)} ms   p99 ${q(0.99)} ms   (${latencies.length} calls)`,
  );
}

const sid = await value(soap('login', ['admin', 'admin']));
const client = await value(
  soap('client_add', [
    sid,
    0,
    {
      contact_name: 'Bench',
      email: 'bench@example.com',
      username: 'bench',
      password: 'S3cret!pass-1',
      language: 'en',
      web_php_options: 'no',
      ssh_chroot: 'no',
    },
  ]),
);
const zone = Number(
  await value(
    soap('dns_zone_add', [
      sid,
      0,
      {
        server_id: 1,
        origin: 'bench.test.',
        ns: 'ns1.bench.test.',
        mbox: 'h.bench.test.',
        refresh: 7200,
        retry: 540,
        expire: 604800,
        minimum: 3600,
        ttl: 3600,
      },
    ]),
  ),
);
for (let i = 0; i < 200; i++) {
  await value(soap('dns_a_add', [sid, 0, { server_id: 1, zone, name: `h${i}`, type: 'A', data: `192.0.2.${i % 250}`, ttl: 3600, active: 'Y' }]));
}

console.log(
  `ISPConfig emulator, in process, ${secondsPerCase} s per case; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${availableParallelism()} cores`,
);
await measure('client_get(id)', () => soap('client_get', [sid, Number(client)]));
await measure('dns_a_get({zone}) → 200 rows', () => soap('dns_a_get', [sid, { zone }]));
await measure('dns_a_add', (i) => soap('dns_a_add', [sid, 0, { server_id: 1, zone, name: `n${i}`, type: 'A', data: '192.0.2.1', ttl: 3600, active: 'Y' }]));
await measure('dns_a_update (no change → 0)', () => soap('dns_a_update', [sid, 0, 1, { ttl: 3600 }]));
await measure('login (crypt memoised)', () => soap('login', ['admin', 'admin']));
await measure('client_get over JSON', () => ({
  ...soap('client_get', []),
  path: '/remote/json.php',
  query: 'client_get',
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify({ session_id: sid, client_id: Number(client) })),
}));
core.worlds.close();
