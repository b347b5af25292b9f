/**
 * `npm run reliability`: the long form of the reliability suite. Every probe
 * drives a real `mockpanel serve` child process over loopback (or a private
 * network namespace it makes), is bounded in count and in time, and prints
 * its figures: crashes, wrong-format answers, hangs, lost writes, leaks, the
 * slowest answer and bystander, and RSS growth. Exit status 1 when a figure
 * whose goal is zero is not.
 *
 *   npm run reliability                 # all probes
 *   npm run reliability -- fuzz kill    # only these
 *   RELIABILITY_FUZZ=20000 npm run reliability -- fuzz
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { CLI, serveProcess, withBystander, type ServedProcess } from '../support/serve-process.js';
import { DOOR_PATHS, hostileInputs, WHM_ROOT, wrongFormat, type Door } from './hostile-inputs.js';

interface Figures {
  probe: string;
  requests: number;
  crashes: number;
  wrongFormat: number;
  hangs: number;
  lostWrites: number;
  leaks: number;
  maxLatencyMs: number;
  maxBystanderMs: number;
  rssGrowthMb: number;
  notes: string[];
}

const HANG_MS = 5000;
const figures: Figures[] = [];
const blank = (probe: string): Figures => ({
  probe,
  requests: 0,
  crashes: 0,
  wrongFormat: 0,
  hangs: 0,
  lostWrites: 0,
  leaks: 0,
  maxLatencyMs: 0,
  maxBystanderMs: 0,
  rssGrowthMb: 0,
  notes: [],
});

function rssMb(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

const alive = (s: ServedProcess) => s.child.exitCode === null && s.child.signalCode === null;

/** One request with a hang bound; status 0 and `hung` when no answer came in time. */
async function send(
  url: string,
  path: string,
  init: RequestInit,
): Promise<{ status: number; type: string; text: string; ms: number; hung: boolean; failed: boolean }> {
  const t = performance.now();
  try {
    const res = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(HANG_MS) });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text, ms: performance.now() - t, hung: false, failed: false };
  } catch (error) {
    const hung = (error as Error).name === 'TimeoutError';
    return { status: 0, type: '', text: String(error), ms: performance.now() - t, hung, failed: !hung };
  }
}

/** Sends `GET /_admin/health` every 20 ms until stopped; keeps the slowest. */
function bystanderLoop(url: string): { stop(): Promise<number> } {
  let running = true;
  let worst = 0;
  const loop = (async () => {
    while (running) {
      const r = await send(url, '/_admin/health', {});
      worst = Math.max(worst, r.ms);
      await new Promise((res) => setTimeout(res, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return worst;
    },
  };
}

// ------------------------------------------------------------------ fuzz

/** A small deterministic PRNG (mulberry32): the same seed fuzzes the same bodies. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS: Record<Door, { path: string; body: string; headers: Record<string, string> }[]> = {
  webfaction: [
    {
      path: '',
      body: '<?xml version="1.0"?><methodCall><methodName>login</methodName><params><param><value><string>widgetsco</string></value></param><param><value><string>widgetsrock</string></value></param></params></methodCall>',
      headers: { 'content-type': 'text/xml' },
    },
    {
      path: '',
      body: '<?xml version="1.0"?><methodCall><methodName>list_domains</methodName><params><param><value><string>s</string></value></param><param><value><array><data><value><int>1</int></value><value><struct><member><name>a</name><value><double>1.5</double></value></member></struct></value></data></array></value></param></params></methodCall>',
      headers: { 'content-type': 'text/xml' },
    },
  ],
  gandi: [
    {
      path: '',
      body: '<?xml version="1.0"?><methodCall><methodName>login</methodName><params><param><value><string>AA1234-GANDI</string></value></param><param><value><string>mypassword</string></value></param><param><value><boolean>0</boolean></value></param></params></methodCall>',
      headers: { 'content-type': 'text/xml' },
    },
    {
      path: '',
      body: '<?xml version="1.0"?><methodCall><methodName>vm_create</methodName><params><param><value><string>s</string></value></param><param><value><struct><member><name>hostname</name><value>h</value></member><member><name>when</name><value><dateTime.iso8601>20300101T00:00:00</dateTime.iso8601></value></member></struct></value></param></params></methodCall>',
      headers: { 'content-type': 'text/xml' },
    },
  ],
  'ispconfig-soap': [
    {
      path: '',
      body: '<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="https://localhost/remote/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><SOAP-ENV:Body><ns1:login><username xsi:type="xsd:string">admin</username><password xsi:type="xsd:string">admin</password></ns1:login></SOAP-ENV:Body></SOAP-ENV:Envelope>',
      headers: { 'content-type': 'text/xml' },
    },
    {
      path: '',
      body: '<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="https://localhost/remote/" xmlns:ns2="http://xml.apache.org/xml-soap"><SOAP-ENV:Body><ns1:client_add><session_id>x</session_id><reseller_id>0</reseller_id><params><ns2:Map><item><key>username</key><value>u</value></item></ns2:Map></params></ns1:client_add></SOAP-ENV:Body></SOAP-ENV:Envelope>',
      headers: { 'content-type': 'text/xml' },
    },
  ],
  'ispconfig-json': [
    { path: '?login', body: '{"username":"admin","password":"admin"}', headers: { 'content-type': 'application/json' } },
    {
      path: '?client_add',
      body: '{"session_id":"x","reseller_id":0,"params":{"username":"u","password":"p","limit_web_domain":-1,"x":[1,2,{"y":null}]}}',
      headers: { 'content-type': 'application/json' },
    },
  ],
  whm: [
    { path: 'listaccts?api.version=1', body: 'searchtype=domain&search=ali.*', headers: { 'content-type': 'application/x-www-form-urlencoded', ...WHM_ROOT } },
    {
      path: 'createacct?api.version=1',
      body: '{"username":"fuzzy","domain":"fuzzy.example","password":"Secret-Pw-123","plan":"default"}',
      headers: { 'content-type': 'application/json', ...WHM_ROOT },
    },
  ],
};
const TOKENS = [
  '<',
  '>',
  '</',
  '&',
  '&amp;',
  '&#0;',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '\\',
  '\u0000',
  '\uffff',
  '\ud800',
  '%',
  '%00',
  '=',
  '&',
  '<![CDATA[',
  ']]>',
  '<!--',
  '<?',
  '-1',
  '1e999',
  'NaN',
  'null',
  'true',
  '9'.repeat(40),
  '<value>',
  '</value>',
  '<struct>',
  '<array>',
];

function mutate(body: string, random: () => number): string {
  let out = body;
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (out.length + 1));
    const kind = random();
    if (kind < 0.25) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 8));
    else if (kind < 0.5) out = out.slice(0, at) + TOKENS[Math.floor(random() * TOKENS.length)] + out.slice(at);
    else if (kind < 0.65) out = out.slice(0, at);
    else if (kind < 0.8) out = out.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x3000)) + out.slice(at + 1);
    else if (kind < 0.9) {
      const from = Math.floor(random() * out.length);
      out = out.slice(0, at) + out.slice(from, from + Math.floor(random() * 40)) + out.slice(at);
    } else out = out.slice(0, at) + out.slice(at, at + 20).repeat(1 + Math.floor(random() * 50)) + out.slice(at + 20);
  }
  return out;
}

async function fuzz(): Promise<void> {
  const f = blank('fuzz (5 endpoints)');
  const total = Number(process.env.RELIABILITY_FUZZ ?? 100_000);
  const server = await serveProcess();
  const doors = Object.keys(SEEDS) as Door[];
  const random = rng(17);
  const bystander = bystanderLoop(server.url);
  const rssBefore = rssMb(server.child.pid);
  const deadline = performance.now() + 15 * 60_000;
  let next = 0;
  const samples: string[] = [];
  const worker = async () => {
    while (next < total && performance.now() < deadline && alive(server)) {
      const i = next++;
      const door = doors[i % doors.length];
      const seed = SEEDS[door][Math.floor(random() * SEEDS[door].length)];
      const body = mutate(seed.body, random);
      const r = await send(server.url, DOOR_PATHS[door] + seed.path, { method: 'POST', headers: seed.headers, body });
      f.requests++;
      f.maxLatencyMs = Math.max(f.maxLatencyMs, r.ms);
      if (r.hung) f.hangs++;
      else if (r.failed) f.crashes += alive(server) ? 0 : 1;
      else {
        const why = wrongFormat(door, r.status, r.type, r.text);
        if (why) {
          f.wrongFormat++;
          if (samples.length < 5) samples.push(`${door}: ${why}: ${JSON.stringify(body.slice(0, 160))} → ${r.text.slice(0, 160)}`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  f.maxBystanderMs = await bystander.stop();
  f.crashes = alive(server) ? 0 : 1;
  f.rssGrowthMb = rssMb(server.child.pid) - rssBefore;
  if (/\n\s+at /.test(server.stderr())) f.notes.push('stack trace in the server log');
  f.notes.push(...samples);
  if (f.requests < total) f.notes.push(`stopped at the time bound after ${f.requests} bodies`);
  await server.stop();
  figures.push(f);
}

// ------------------------------------------------------------------ hostile inputs, one at a time, with a bystander

async function hostile(): Promise<void> {
  const server = await serveProcess();
  const rssBefore = rssMb(server.child.pid);
  const all = blank('hostile XML/JSON/HTTP (39 inputs + 3 raw)');
  figures.push(all); // the totals first, filled in as the inputs run
  for (const h of hostileInputs(1)) {
    const f = blank(`  ${h.name}`);
    const { result, bystanderMs } = await withBystander(server.url, () => send(server.url, h.path, { method: h.method, headers: h.headers, body: h.body }));
    f.requests = 1;
    f.maxLatencyMs = result.ms;
    f.maxBystanderMs = bystanderMs;
    f.hangs = result.hung ? 1 : 0;
    f.crashes = alive(server) ? 0 : 1;
    const why = result.hung || result.failed ? undefined : wrongFormat(h.door, result.status, result.type, result.text);
    if (why) {
      f.wrongFormat = 1;
      f.notes.push(why);
    }
    figures.push(f);
    for (const k of ['requests', 'crashes', 'wrongFormat', 'hangs'] as const) all[k] += f[k];
    all.maxLatencyMs = Math.max(all.maxLatencyMs, f.maxLatencyMs);
    all.maxBystanderMs = Math.max(all.maxBystanderMs, f.maxBystanderMs);
    if (!alive(server)) break;
  }
  // HTTP-level abuse: a malformed request line, an oversized header, a body past the limit, a client that stalls.
  const raw = await import('node:net');
  const port = Number(new URL(server.url).port);
  const rawSend = (text: string) =>
    new Promise<string>((resolve) => {
      const socket = raw.connect(port, '127.0.0.1', () => socket.write(text));
      let got = '';
      socket.on('data', (d) => (got += d));
      socket.on('close', () => resolve(got));
      socket.on('error', () => resolve(got));
      socket.setTimeout(HANG_MS, () => socket.destroy());
    });
  const httpCases: [string, string, RegExp][] = [
    ['malformed request line', 'GARBAGE\r\n\r\n', /^HTTP\/1\.1 400/],
    ['header past 16 KiB', `GET /whm/json-api/version HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, /^HTTP\/1\.1 431/],
    [
      'declared body past --max-body',
      'POST /webfaction/ HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\n',
      /^HTTP\/1\.1 413[\s\S]*<fault>/,
    ],
  ];
  for (const [name, text, expected] of httpCases) {
    const f = blank(`  http: ${name}`);
    const { result, bystanderMs } = await withBystander(server.url, () => rawSend(text));
    f.requests = 1;
    f.maxBystanderMs = bystanderMs;
    f.wrongFormat = expected.test(result) ? 0 : 1;
    if (f.wrongFormat) f.notes.push(JSON.stringify(result.slice(0, 120)));
    figures.push(f);
    all.requests++;
    all.wrongFormat += f.wrongFormat;
    all.maxBystanderMs = Math.max(all.maxBystanderMs, bystanderMs);
  }
  all.crashes = alive(server) ? 0 : 1;
  all.rssGrowthMb = rssMb(server.child.pid) - rssBefore;
  if (/\n\s+at /.test(server.stderr())) all.notes.push('stack trace in the server log');
  await server.stop();
}

// ------------------------------------------------------------------ 64 concurrent writers vs the serial result

const pkg = (url: string, world: string, name: string) =>
  send(url, `/whm/json-api/addpkg?api.version=1&name=${name}&quota=10`, { headers: { ...WHM_ROOT, 'x-mockpanel-world': world } });

async function packageNames(url: string, world: string): Promise<Set<string>> {
  const r = await send(url, '/whm/json-api/listpkgs?api.version=1', { headers: { ...WHM_ROOT, 'x-mockpanel-world': world } });
  return new Set((JSON.parse(r.text) as { data: { pkg: { name: string }[] } }).data.pkg.map((p) => p.name));
}

async function concurrency(): Promise<void> {
  const f = blank('64 concurrent writers × 200 on one world');
  const server = await serveProcess();
  const writers = 64;
  const each = Number(process.env.RELIABILITY_WRITES ?? 200);
  for (const w of ['parallel', 'serial'])
    await send(server.url, '/_admin/worlds', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: w }) });
  const bystander = bystanderLoop(server.url);
  const acked: string[] = [];
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < each; i++) {
        const name = `p${w}_${i}`;
        const r = await pkg(server.url, 'parallel', name);
        f.requests++;
        f.maxLatencyMs = Math.max(f.maxLatencyMs, r.ms);
        if (r.hung) f.hangs++;
        else if (JSON.parse(r.text).metadata?.result === 1) acked.push(name);
        else f.wrongFormat++;
      }
    }),
  );
  f.maxBystanderMs = await bystander.stop();
  for (let w = 0; w < writers; w++) for (let i = 0; i < each; i++) await pkg(server.url, 'serial', `p${w}_${i}`);
  const parallel = await packageNames(server.url, 'parallel');
  const serial = await packageNames(server.url, 'serial');
  f.lostWrites =
    acked.filter((n) => !parallel.has(n)).length + [...serial].filter((n) => !parallel.has(n)).length + [...parallel].filter((n) => !serial.has(n)).length;
  f.notes.push(`${acked.length} acknowledged; parallel and serial worlds hold ${parallel.size} and ${serial.size} packages`);
  f.crashes = alive(server) ? 0 : 1;
  await server.stop();
  figures.push(f);
}

// ------------------------------------------------------------------ kill -9 under write load

async function kill9(): Promise<void> {
  const f = blank('kill -9 under write load ×5 (--data-dir)');
  const dir = mkdtempSync(join(tmpdir(), 'mockpanel-kill-'));
  const acked: string[] = [];
  try {
    for (let run = 0; run < 5; run++) {
      const server = await serveProcess(['--data-dir', dir]);
      if (run === 0) await send(server.url, '/_admin/worlds', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"durable"}' });
      let stop = false;
      const writers = Array.from({ length: 16 }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          const name = `k${run}_${w}_${i}`;
          const r = await pkg(server.url, 'durable', name);
          f.requests++;
          if (!r.failed && !r.hung && JSON.parse(r.text).metadata?.result === 1) acked.push(name);
        }
      });
      await new Promise((r) => setTimeout(r, 1000 + run * 250));
      server.child.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      if (server.child.exitCode === null && server.child.signalCode === null) await new Promise((r) => server.child.once('exit', r));
      // Integrity of every world file after the kill, before the next server opens it.
      const db = new Database(join(dir, 'durable.sqlite'));
      const check = db.pragma('integrity_check', { simple: true });
      db.close();
      if (check !== 'ok') {
        f.crashes++;
        f.notes.push(`run ${run}: integrity_check says ${String(check)}`);
      }
    }
    const server = await serveProcess(['--data-dir', dir]);
    const present = await packageNames(server.url, 'durable');
    f.lostWrites = acked.filter((n) => !present.has(n)).length;
    f.notes.push(`${acked.length} acknowledged writes over 5 kills, integrity_check ok after each unless noted`);
    await server.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  figures.push(f);
}

// ------------------------------------------------------------------ isolation between worlds and owners

async function isolation(): Promise<void> {
  const f = blank('cross-world and cross-owner isolation');
  const server = await serveProcess();
  const h = (world: string, auth: Record<string, string>) => ({ ...auth, 'x-mockpanel-world': world });
  const reseller = { authorization: `Basic ${Buffer.from('reseller1:resellerpw').toString('base64')}` };
  const list = async (world: string, auth: Record<string, string>) =>
    (
      JSON.parse((await send(server.url, '/whm/json-api/listaccts?api.version=1', { headers: h(world, auth) })).text) as {
        data?: { acct: { user: string; owner: string }[] };
      }
    ).data?.acct ?? [];
  let created = 0;
  for (let i = 0; i < 20; i++) {
    const a = `iso-a${i}`;
    const b = `iso-b${i}`;
    for (const [user, auth] of [
      [`rootown${i}`, WHM_ROOT],
      [`resown${i}`, reseller],
    ] as const) {
      const made = await send(server.url, `/whm/json-api/createacct?api.version=1&username=${user}&domain=${user}.example&password=Secret-Pw-123`, {
        headers: h(a, auth),
      });
      if (JSON.parse(made.text).metadata?.result === 1) created++;
    }
    f.requests += 2;
    if ((await list(b, WHM_ROOT)).some((r) => r.user.startsWith('rootown') || r.user.startsWith('resown'))) f.leaks++;
    if ((await list(a, reseller)).some((r) => r.owner !== 'reseller1' && r.user !== 'reseller1')) f.leaks++;
    const sum = await send(server.url, `/whm/json-api/accountsummary?api.version=1&user=rootown${i}`, { headers: h(a, reseller) });
    if (JSON.parse(sum.text).metadata?.result !== 0) f.leaks++;
    const wf = await send(server.url, '/_w/' + b + '/webfaction/', { method: 'POST', body: SEEDS.webfaction[0].body });
    if (!wf.text.includes('<methodResponse>')) f.wrongFormat++;
    f.requests += 4;
  }
  f.notes.push(`${created} of 40 accounts created (root and reseller1 in 20 worlds), each looked for from the other world and owner`);
  if (created !== 40) f.wrongFormat++;
  f.crashes = alive(server) ? 0 : 1;
  await server.stop();
  figures.push(f);
}

// ------------------------------------------------------------------ admin API from a non-loopback address

async function adminOutside(): Promise<void> {
  const f = blank('admin API from a non-loopback address (unshare -n)');
  if (spawnSync('unshare', ['-n', 'true']).status !== 0) {
    f.notes.push('skipped: unshare -n is not allowed here (needs root)');
    figures.push(f);
    return;
  }
  const script = `
    set -e
    ip link set lo up
    ip addr add 198.18.0.1/32 dev lo
    node ${CLI} serve --host 0.0.0.0 --port 7999 > /dev/null &
    p=$!
    for i in $(seq 1 100); do node -e "fetch('http://127.0.0.1:7999/_admin/health').then(()=>process.exit(0),()=>process.exit(1))" && break; sleep 0.1; done
    node -e "
      const paths = ['/_admin/health', '/_admin/worlds', '/_admin/worlds/default/journal', '/_admin/snapshots'];
      (async () => {
        for (const p of paths) for (let i = 0; i < 25; i++) { const r = await fetch('http://198.18.0.1:7999' + p); console.log(r.status); }
        for (let i = 0; i < 25; i++) { const r = await fetch('http://198.18.0.1:7999/_admin/worlds', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }); console.log(r.status); }
        const inside = await fetch('http://127.0.0.1:7999/_admin/health'); console.log('loopback', inside.status);
      })();"
    kill $p
  `;
  const r = spawnSync('unshare', ['-n', 'bash', '-c', script], { encoding: 'utf8', timeout: 60_000 });
  const lines = r.stdout.trim().split('\n').filter(Boolean);
  const outside = lines.filter((l) => /^\d+$/.test(l));
  f.requests = outside.length;
  f.leaks = outside.filter((l) => l !== '403').length;
  if (!lines.includes('loopback 200')) f.notes.push(`loopback caller was not answered: ${r.stderr.slice(0, 200)}`);
  if (outside.length !== 125) f.notes.push(`expected 125 outside calls, saw ${outside.length}: ${r.stderr.slice(0, 200)}`);
  figures.push(f);
}

// ------------------------------------------------------------------ journal and RSS stay bounded

async function bounded(): Promise<void> {
  const f = blank('journal and RSS bounded (40,000 calls, --journal-limit 1000)');
  const server = await serveProcess(['--journal-limit', '1000']);
  const call = (i: number) =>
    send(server.url, `/whm/json-api/listaccts?api.version=1&searchtype=user&search=${'x'.repeat(i % 7 === 0 ? 5000 : 5)}`, {
      headers: { ...WHM_ROOT, 'x-mockpanel-world': 'bounded' },
    });
  const run = async (count: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < count) {
          next++;
          const r = await call(next);
          f.requests++;
          f.maxLatencyMs = Math.max(f.maxLatencyMs, r.ms);
          if (r.hung) f.hangs++;
        }
      }),
    );
  };
  await run(5000); // warm up: the journal ring fills, V8 settles
  const before = rssMb(server.child.pid);
  await run(35_000);
  f.rssGrowthMb = rssMb(server.child.pid) - before;
  const count = (JSON.parse((await send(server.url, '/_admin/worlds/bounded/journal?count=1', {})).text) as { count: number }).count;
  f.leaks = count > 1000 + 256 ? 1 : 0;
  f.notes.push(`journal holds ${count} entries (limit 1000, trimmed every 125 inserts); RSS ${before.toFixed(0)} → ${rssMb(server.child.pid).toFixed(0)} MB`);
  f.crashes = alive(server) ? 0 : 1;
  await server.stop();
  figures.push(f);
}

// ------------------------------------------------------------------ main

const PROBES: Record<string, () => Promise<void>> = { fuzz, hostile, concurrency, kill: kill9, isolation, admin: adminOutside, bounded };

function print(): void {
  const cols = ['probe', 'requests', 'crashes', 'wrong fmt', 'hangs', 'lost writes', 'leaks', 'max ms', 'bystander ms', 'RSS +MB'];
  const rows = figures.map((f) => [
    f.probe,
    String(f.requests),
    String(f.crashes),
    String(f.wrongFormat),
    String(f.hangs),
    String(f.lostWrites),
    String(f.leaks),
    f.maxLatencyMs.toFixed(0),
    f.maxBystanderMs.toFixed(0),
    f.rssGrowthMb.toFixed(1),
  ]);
  const width = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((v, i) => (i === 0 ? v.padEnd(width[i]) : v.padStart(width[i]))).join('  ');
  console.log(line(cols));
  for (const [i, r] of rows.entries()) {
    console.log(line(r));
    for (const n of figures[i].notes) console.log(`    ${n}`);
  }
}

const wanted = process.argv.slice(2).filter((a) => a in PROBES);
const started = performance.now();
for (const name of wanted.length ? wanted : Object.keys(PROBES)) {
  const t = performance.now();
  await PROBES[name]();
  console.error(`[reliability] ${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
print();
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
const bad = figures.some((f) => f.crashes || f.wrongFormat || f.hangs || f.lostWrites || f.leaks);
process.exit(bad ? 1 : 0);
