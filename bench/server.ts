/**
 * Server figures for the foundation (run by hand: `npm run build && npx vite-node bench/server.ts`).
 *
 * 1. Throughput and latency of a trivial panel call (WHM `version`, token auth) at 2 and 16
 *    connections, beside a raw node:http server answering the same bytes, in the same run; wrk
 *    (Debian `wrk`) generates the load with one thread, so the 2 cores are shared as in CI.
 * 2. Cold start: launch of `mockpanel serve` → first valid answer, median of 5.
 * 3. World create / reset / snapshot / restore at 1k journal rows, in process.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { createMockpanel } from '../emulators/mockpanel.js';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist/cli/main.js');
const TOKEN = 'MOCKPANELROOTTOKEN00000000000000';
const PATH = '/whm/json-api/version?api.version=1';
const seconds = Number(process.env.BENCH_SECONDS ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Admin API\s+(http:\/\/[^/\s]+)\/_admin/.exec(out);
      if (m) resolvePromise({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
}

function rawCanned(body: string): Promise<{ child: ChildProcess; url: string }> {
  const script = `
    const body = Buffer.from(${JSON.stringify(body)});
    const s = require('http').createServer((req, res) => { req.resume(); req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }); res.end(body); }); });
    s.keepAliveTimeout = 65000;
    s.listen(0, '127.0.0.1', () => console.log('PORT ' + s.address().port));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolvePromise) => {
    child.stdout!.on('data', (d) => {
      const m = /PORT (\d+)/.exec(String(d));
      if (m) resolvePromise({ child, url: `http://127.0.0.1:${m[1]}` });
    });
  });
}

function wrk(url: string, connections: number, duration: number): { rps: number; p50: number; p99: number } {
  const r = spawnSync('wrk', ['-t1', `-c${connections}`, `-d${duration}s`, '--latency', '-H', `Authorization: whm root:${TOKEN}`, url], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wrk failed: ${r.stderr}`);
  const ms = (label: string) => {
    const m = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)`).exec(r.stdout);
    if (!m) return NaN;
    return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
  };
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(r.stdout);
  if (errors) throw new Error(`wrk saw ${errors[1]} error responses`);
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(r.stdout)![1]), p50: ms('50'), p99: ms('99') };
}

async function throughput(): Promise<void> {
  if (spawnSync('wrk', ['--version']).error) {
    console.log('throughput: skipped (install wrk: apt-get install wrk)');
    return;
  }
  const mp = await start([]);
  const body = await (await fetch(`${mp.url}${PATH}`, { headers: { authorization: `whm root:${TOKEN}` } })).text();
  const raw = await rawCanned(body);
  console.log(`trivial call: GET ${PATH} (${body.length} B answer), wrk -t1, ${seconds}s per run`);
  console.log('connections | raw node:http req/s  p50/p99 ms | mockpanel req/s  p50/p99 ms | ratio');
  for (const c of [2, 16]) {
    wrk(`${raw.url}${PATH}`, c, 2);
    const a = wrk(`${raw.url}${PATH}`, c, seconds);
    wrk(`${mp.url}${PATH}`, c, 2);
    const b = wrk(`${mp.url}${PATH}`, c, seconds);
    console.log(
      `${String(c).padStart(11)} | ${a.rps.toFixed(0).padStart(8)}  ${a.p50.toFixed(2)}/${a.p99.toFixed(2)} | ${b.rps.toFixed(0).padStart(8)}  ${b.p50.toFixed(2)}/${b.p99.toFixed(2)} | ${(b.rps / a.rps).toFixed(2)}`,
    );
  }
  mp.child.kill();
  raw.child.kill();
}

async function coldStart(): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    for (;;) {
      const m = /Admin API\s+(http:\/\/[^/\s]+)\/_admin/.exec(out);
      if (m) {
        const res = await fetch(`${m[1]}${PATH}`, { headers: { authorization: `whm root:${TOKEN}` } }).catch(() => undefined);
        if (res?.ok && ((await res.json()) as { metadata?: { result?: number } }).metadata?.result === 1) break;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    times.push(performance.now() - t0);
    child.kill();
    await new Promise((r) => child.once('exit', r));
  }
  console.log(`cold start (launch → first valid WHM answer): median ${median(times).toFixed(0)} ms of ${times.map((t) => t.toFixed(0)).join(', ')}`);
}

async function worlds(): Promise<void> {
  const core = createMockpanel();
  const request = (world: string) => ({
    panel: 'whm' as const,
    world,
    httpMethod: 'GET',
    path: '/json-api/version',
    query: 'api.version=1',
    headers: { authorization: `whm root:${TOKEN}` },
    body: Buffer.alloc(0),
    remoteAddress: '127.0.0.1',
  });
  for (let i = 0; i < 1000; i++) await core.handle(request('default'));
  core.worlds.require('default').journal.flush();
  const rows = (core.worlds.require('default').db.prepare('SELECT COUNT(*) AS n FROM mp_journal').get() as { n: number }).n;
  // Between tests the event loop idles, and the registry uses that to open the next copy ahead of time;
  // back to back (no idle gap) every reset pays SQLite's schema parse. Both are shown; each includes a first query.
  const world = core.worlds.require('default');
  const time = async (fn: () => void, gap: boolean, n = 100) => {
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      if (gap) await new Promise((r) => setTimeout(r, 10));
      const t = performance.now();
      fn();
      world.setting('bench.probe');
      xs.push(performance.now() - t);
    }
    return median(xs).toFixed(3).padStart(7);
  };
  let k = 0;
  console.log(`worlds (in memory, ${rows} journal rows, ${world.serialize().length} B image): p50 ms with idle gap | back to back`);
  core.worlds.saveSnapshot('default', 'b');
  console.log(`  snapshot  ${await time(() => core.worlds.saveSnapshot('default', 'b'), true)} | ${await time(() => core.worlds.saveSnapshot('default', 'b'), false)}`);
  console.log(`  restore   ${await time(() => core.worlds.restoreSnapshot('default', 'b'), true)} | ${await time(() => core.worlds.restoreSnapshot('default', 'b'), false)}`);
  console.log(`  reset     ${await time(() => core.worlds.reset('default'), true)} | ${await time(() => core.worlds.reset('default'), false)}`);
  const create = async (gap: boolean) => {
    const xs: number[] = [];
    for (let i = 0; i < 50; i++) {
      if (gap) await new Promise((r) => setTimeout(r, 10));
      const t = performance.now();
      const w = core.worlds.create(`c${k++}`);
      w.setting('bench.probe');
      xs.push(performance.now() - t);
      core.worlds.delete(w.id);
    }
    return median(xs).toFixed(3).padStart(7);
  };
  console.log(`  create    ${await create(true)} | ${await create(false)}`);
}

await worlds();
await coldStart();
await throughput();
process.exit(0);
