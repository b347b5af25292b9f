/**
 * `npm run bench`: the speed and memory goals of issue 21 in ONE table, measured in one run against the
 * built package (dist/), each throughput figure beside raw node:http answering the very same response bytes.
 *
 *   npm run bench                       (builds, then runs this)
 *   BENCH_SECONDS=3 BENCH_ROUNDS=3 BENCH_BIN=/path/to/project/node_modules/.bin/mockpanel npx vite-node bench/run.ts
 *   BENCH_PROFILE=/tmp/prof BENCH_ONLY_CALLS=1 npx vite-node bench/run.ts   (one .cpuprofile per call; then
 *     node bench/profile-summary.mjs /tmp/prof/call-1.cpuprofile)
 *
 * Rows: WebFaction `list_domains` (20 domains, Python xmlrpc.client's request bytes), WHM `version` (token
 * auth), ISPConfig SOAP `client_get` (PHP SoapClient's request bytes) — each wrk -t1 -c16 (a bounded keep-alive
 * socket loop when wrk is missing), rounds alternating raw and mockpanel after a warm-up, medians compared;
 * cold start (spawn → first valid WHM answer, median of 5, beside spawn → first answer of a raw node:http
 * server); WHM `listaccts` over 10,000 accounts (whole list and api.filter, p50 over HTTP); RSS of 100 live
 * worlds. Every server runs in its own process (bench/bench-server.mjs), loopback only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = resolve(import.meta.dirname, '..');
const serverScript = join(root, 'bench/bench-server.mjs');
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const bin = process.env.BENCH_BIN;
const CONNECTIONS = 16;
const dir = mkdtempSync(join(os.tmpdir(), 'mockpanel-bench-'));
const children = new Set<ChildProcess>();
const hasWrk = spawnSync('wrk', ['--version']).error === undefined;
const TOKEN = 'MOCKPANELROOTTOKEN00000000000000';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Starts bench-server.mjs in `mode` and resolves with the JSON line it prints. */
function startChild<T>(args: string[], nodeFlags: string[] = []): Promise<T & { child: ChildProcess }> {
  const child = spawn(process.execPath, [...nodeFlags, serverScript, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return new Promise((resolvePromise, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolvePromise({ ...(JSON.parse(line) as T), child });
    });
    child.on('exit', (code) => reject(new Error(`bench server ${args[0]} exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill();
  return exited;
}

interface Call {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
  goal: number;
  check: (answer: string) => boolean;
}

async function answerOf(port: number, call: Call): Promise<{ bytes: Buffer; type: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${call.path}`, {
    method: call.method,
    headers: call.headers,
    body: call.method === 'POST' ? call.body : undefined,
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200 || !call.check(bytes.toString())) throw new Error(`${call.name}: unexpected answer ${res.status}\n${bytes.toString().slice(0, 400)}`);
  return { bytes, type: res.headers.get('content-type') ?? 'application/octet-stream' };
}

/** Requests per second at 16 keep-alive connections for `secs` seconds. */
function load(port: number, call: Call, secs: number): Promise<number> {
  return hasWrk ? wrk(port, call, secs) : socketLoop(port, call, secs);
}

function wrk(port: number, call: Call, secs: number): Promise<number> {
  const script = join(dir, 'request.lua');
  const headers = Object.entries(call.headers)
    .map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}\n`)
    .join('');
  writeFileSync(script, `wrk.method = ${JSON.stringify(call.method)}\n${call.method === 'POST' ? `wrk.body = ${JSON.stringify(call.body)}\n` : ''}${headers}`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${secs}s`, '-s', script, `http://127.0.0.1:${port}${call.path}`]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', () => {
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      const errors = /Non-2xx or 3xx responses: (\d+)|Socket errors: .*/.exec(out);
      if (!rps) reject(new Error(`wrk printed no figure:\n${out}`));
      else if (errors) reject(new Error(`wrk saw errors:\n${out}`));
      else resolvePromise(Number(rps[1]));
    });
  });
}

/** The fallback generator: 16 keep-alive sockets, one request in flight on each, framed by Content-Length; stops at `secs`. */
function socketLoop(port: number, call: Call, secs: number): Promise<number> {
  const head = Object.entries({
    Host: `127.0.0.1:${port}`,
    ...call.headers,
    ...(call.method === 'POST' ? { 'Content-Length': String(Buffer.byteLength(call.body)) } : {}),
  })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  const request = Buffer.from(`${call.method} ${call.path} HTTP/1.1\r\n${head}\r\n${call.method === 'POST' ? call.body : ''}`);
  let done = 0;
  const started = performance.now();
  const until = started + secs * 1000;
  const one = () =>
    new Promise<void>((resolvePromise, reject) => {
      const socket = connect(port, '127.0.0.1');
      let buffer = Buffer.alloc(0);
      socket.on('error', reject);
      socket.on('data', (chunk) => {
        buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
        for (;;) {
          const end = buffer.indexOf('\r\n\r\n');
          if (end === -1) return;
          const length = Number(/content-length: (\d+)/i.exec(buffer.subarray(0, end).toString('latin1'))?.[1]);
          if (buffer.length < end + 4 + length) return;
          buffer = buffer.subarray(end + 4 + length);
          done++;
          if (performance.now() >= until) {
            socket.end();
            resolvePromise();
            return;
          }
          socket.write(request);
        }
      });
      socket.on('connect', () => socket.write(request));
    });
  return Promise.all(Array.from({ length: CONNECTIONS }, one)).then(() => done / ((performance.now() - started) / 1000));
}

interface Row {
  name: string;
  mockpanel: string;
  raw: string;
  ratio: string;
  goal: string;
  met: boolean;
}
const rows: Row[] = [];

async function throughput(port: number, call: Call): Promise<void> {
  const answer = await answerOf(port, call);
  const file = join(dir, 'canned');
  writeFileSync(file, answer.bytes);
  const raw = await startChild<{ port: number }>(['raw', file, answer.type]);
  if (!(await answerOf(raw.port, call)).bytes.equals(answer.bytes)) throw new Error(`${call.name}: the raw server does not answer the same bytes`);
  await load(raw.port, call, 1);
  await load(port, call, 1);
  const figures = { raw: [] as number[], mockpanel: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    figures.raw.push(await load(raw.port, call, seconds));
    figures.mockpanel.push(await load(port, call, seconds));
  }
  await stop(raw.child);
  const ratio = median(figures.mockpanel) / median(figures.raw);
  rows.push({
    name: `${call.name} (${answer.bytes.length} B)`,
    mockpanel: `${Math.round(median(figures.mockpanel))} req/s`,
    raw: `${Math.round(median(figures.raw))} req/s`,
    ratio: ratio.toFixed(2),
    goal: `≥ ${call.goal}`,
    met: ratio >= call.goal,
  });
}

/** Spawn → first valid answer, in ms. */
async function timeToAnswer(
  command: string,
  args: string[],
  url: (out: string) => string | undefined,
  valid: (res: Response) => Promise<boolean>,
): Promise<number> {
  const began = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  const deadline = began + 30_000;
  for (;;) {
    if (performance.now() > deadline || child.exitCode !== null) throw new Error(`no answer from ${command} ${args.join(' ')}: ${out}`);
    const target = url(out);
    if (target) {
      const res = await fetch(target, { headers: { authorization: `whm root:${TOKEN}` } }).catch(() => undefined);
      if (res && (await valid(res))) break;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  const ms = performance.now() - began;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
  children.delete(child);
  return ms;
}

async function coldStart(): Promise<void> {
  const mockCommand = bin ? [bin, 'serve', '--port', '0'] : [process.execPath, join(root, 'dist/cli/main.js'), 'serve', '--port', '0'];
  const rawScript = `const s = require('http').createServer((q, r) => r.end('{"ok":1}')); s.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + s.address().port + '/'));`;
  const mock: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < 5; i++) {
    // Interleaved, so machine load drifts over both alike.
    mock.push(
      await timeToAnswer(
        mockCommand[0],
        mockCommand.slice(1),
        (out) => /(http:\/\/[^\s/]+:\d+)\//.exec(out)?.[1]?.concat('/whm/json-api/version?api.version=1'),
        async (res) => res.ok && ((await res.json()) as { metadata?: { result?: number } }).metadata?.result === 1,
      ),
    );
    raw.push(
      await timeToAnswer(
        process.execPath,
        ['-e', rawScript],
        (out) => /http:\S+/.exec(out)?.[0],
        async (res) => res.ok && (await res.text()) === '{"ok":1}',
      ),
    );
  }
  const ratio = median(mock) / median(raw);
  rows.push({
    name: `cold start, spawn → first answer, median of 5 (${bin ? 'installed bin' : 'node dist/cli/main.js'})`,
    mockpanel: `${median(mock).toFixed(0)} ms`,
    raw: `${median(raw).toFixed(0)} ms`,
    ratio: `${ratio.toFixed(2)}×`,
    goal: '≤ 2×',
    met: ratio <= 2,
  });
}

async function listaccts(): Promise<void> {
  const server = await startChild<{ port: number }>(['listaccts', '10000']);
  const measure = async (name: string, query: string, goalMs: number) => {
    const times: number[] = [];
    let records = 0;
    for (let i = 0; i < 23; i++) {
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${server.port}/_w/bench/whm/json-api/listaccts?api.version=1${query}`, {
        headers: { authorization: `whm root:${TOKEN}` },
      });
      const text = await res.text();
      if (i >= 3) times.push(performance.now() - t0); // the first rounds warm the JIT and the statement cache
      records = (JSON.parse(text) as { data: { acct: unknown[] } }).data.acct.length;
    }
    const p50 = median(times);
    rows.push({ name: `${name} (${records} records)`, mockpanel: `p50 ${p50.toFixed(1)} ms`, raw: '', ratio: '', goal: `≤ ${goalMs} ms`, met: p50 <= goalMs });
  };
  await measure('WHM listaccts, 10,000 accounts, whole list', '', 50);
  await measure(
    'WHM listaccts, 10,000 accounts, api.filter',
    '&api.filter.enable=1&api.filter.a.field=user&api.filter.a.type=contains&api.filter.a.arg0=u0999',
    5,
  );
  await stop(server.child);
}

async function worlds(): Promise<void> {
  const result = await startChild<{ worlds: number; rssBytes: number; baselineRssBytes: number }>(['worlds', '100'], ['--expose-gc']);
  const mb = result.rssBytes / 2 ** 20;
  rows.push({
    name: `RSS with ${result.worlds} live worlds (one call into each panel of each)`,
    mockpanel: `${mb.toFixed(0)} MB`,
    raw: '',
    ratio: `${((result.rssBytes - result.baselineRssBytes) / 2 ** 20 / (result.worlds - 1)).toFixed(2)} MB/world`,
    goal: '≤ 300 MB',
    met: mb <= 300,
  });
}

try {
  readFileSync(join(root, 'dist/index.js'));
  // One mockpanel process per call, so a profile (BENCH_PROFILE=dir: node --cpu-prof) holds one call only.
  let profiled = 0;
  const startMock = () =>
    startChild<{ port: number; webfactionSession: string; ispconfigSession: string; ispconfigClient: string }>(
      ['mockpanel'],
      process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`, `--cpu-prof-name=call-${++profiled}.cpuprofile`] : [],
    );
  type Mock = Awaited<ReturnType<typeof startMock>>;
  const callsFor = (mock: Mock): Call[] => [
    {
      name: 'WebFaction list_domains, 20 domains',
      method: 'POST',
      path: '/webfaction/',
      // Python 3.11 xmlrpc.client's headers and body layout (fixtures/captures/xmlrpc/python-xmlrpc-client).
      headers: { 'Accept-Encoding': 'gzip', 'Content-Type': 'text/xml', 'User-Agent': 'Python-xmlrpc/3.11' },
      body: `<?xml version='1.0'?>\n<methodCall>\n<methodName>list_domains</methodName>\n<params>\n<param>\n<value><string>${mock.webfactionSession}</string></value>\n</param>\n</params>\n</methodCall>\n`,
      goal: 0.33,
      check: (a) => (a.match(/<name>domain<\/name>/g) ?? []).length === 20,
    },
    {
      name: 'WHM version?api.version=1, token auth',
      method: 'GET',
      path: '/whm/json-api/version?api.version=1',
      headers: { Authorization: `whm root:${TOKEN}` },
      body: '',
      goal: 0.5,
      check: (a) => (JSON.parse(a) as { metadata: { result: number } }).metadata.result === 1,
    },
    {
      name: 'ISPConfig SOAP client_get',
      method: 'POST',
      path: '/ispconfig/remote/index.php',
      // PHP 8.2 SoapClient's headers and envelope (fixtures/captures/ispconfig-soap/php-soapclient/02-client_get…).
      headers: { 'Content-Type': 'text/xml; charset=utf-8', 'User-Agent': 'PHP-SOAP/8.2.36', SOAPAction: '"http://127.0.0.1:18080/remote/#client_get"' },
      body:
        `<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="http://127.0.0.1:18080/remote/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">` +
        `<SOAP-ENV:Body><ns1:client_get><param0 xsi:type="xsd:string">${mock.ispconfigSession}</param0><param1 xsi:type="xsd:int">${mock.ispconfigClient}</param1></ns1:client_get></SOAP-ENV:Body></SOAP-ENV:Envelope>\n`,
      goal: 0.25,
      check: (a) => a.includes('<item><key xsi:type="xsd:string">contact_name</key><value xsi:type="xsd:string">Bench</value></item>'),
    },
  ];
  for (let i = 0; i < 3; i++) {
    const mock = await startMock();
    await throughput(mock.port, callsFor(mock)[i]);
    await stop(mock.child);
  }
  // BENCH_ONLY_CALLS=1: the three throughput rows only (for profiling runs).
  if (!process.env.BENCH_ONLY_CALLS) {
    await coldStart();
    await listaccts();
    await worlds();
  }

  const cpus = os.cpus();
  console.log(
    `\nmockpanel bench — node ${process.version}, ${cpus.length} cores (${cpus[0]?.model ?? '?'}), load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `throughput: ${hasWrk ? 'wrk -t1' : 'a Node socket loop'} -c${CONNECTIONS}, ${rounds} × ${seconds} s rounds alternating, medians; servers and load generator share the cores\n`,
  );
  const cols: (keyof Row)[] = ['name', 'mockpanel', 'raw', 'ratio', 'goal'];
  const header: Record<string, string> = { name: 'call', mockpanel: 'mockpanel', raw: 'raw node:http', ratio: 'ratio', goal: 'goal' };
  console.log(`| ${cols.map((c) => header[c]).join(' | ')} | met |`);
  console.log(`|${cols.map(() => '---').join('|')}|---|`);
  for (const row of rows) console.log(`| ${cols.map((c) => row[c]).join(' | ')} | ${row.met ? 'yes' : '**no**'} |`);
} finally {
  for (const child of children) child.kill();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
