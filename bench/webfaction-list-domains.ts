/**
 * WebFaction `list_domains` (20 domains) over HTTP at 16 keep-alive
 * connections, beside raw node:http answering the very same response bytes,
 * in the same run: the ratio says what the emulator costs over a server that
 * does nothing (goal ≥ 0.33).
 *
 *   npx vite-node bench/webfaction-list-domains.ts [seconds-per-round] [rounds]
 *
 * Each server runs in its own process (bench/webfaction-bench-server.ts). The
 * load comes from `wrk -t1 -c16` when wrk is installed (as in
 * research/clients/bench), else from a small keep-alive socket loop in this
 * process; rounds alternate raw and mockpanel after a warm-up, and the
 * medians are compared. The request is the bytes Python's xmlrpc.client
 * sends for list_domains(session_id).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const seconds = Number(process.argv[2] ?? 5);
const rounds = Number(process.argv[3] ?? 3);
const CONNECTIONS = 16;
const dir = mkdtempSync(join(os.tmpdir(), 'mockpanel-bench-wf-'));
const children: ChildProcess[] = [];

function startChild(args: string[]): Promise<{ port: number; sessionId?: string }> {
  const child = spawn(process.execPath, ['node_modules/vite-node/vite-node.mjs', 'bench/webfaction-bench-server.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    child.on('exit', (code) => reject(new Error(`bench server ${args[0]} exited with ${code}`)));
  });
}

function requestBody(sessionId: string): string {
  // Python 3.11 xmlrpc.client's layout (fixtures/captures/xmlrpc/python-xmlrpc-client).
  return `<?xml version='1.0'?>\n<methodCall>\n<methodName>list_domains</methodName>\n<params>\n<param>\n<value><string>${sessionId}</string></value>\n</param>\n</params>\n</methodCall>\n`;
}

function httpRequest(port: number, body: string): Buffer {
  return Buffer.from(
    `POST /webfaction/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept-Encoding: gzip\r\nContent-Type: text/xml\r\nUser-Agent: Python-xmlrpc/3.11\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** One response's body from a fresh connection. */
async function fetchOnce(port: number, body: string): Promise<Buffer> {
  const res = await fetch(`http://127.0.0.1:${port}/webfaction/`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  return Buffer.from(await res.arrayBuffer());
}

const hasWrk = spawnSync('wrk', ['--version']).error === undefined;

/** Requests per second at 16 connections for `secs` seconds. */
async function load(port: number, body: string, secs: number): Promise<number> {
  return hasWrk ? wrk(port, body, secs) : socketLoop(port, body, secs);
}

function wrk(port: number, body: string, secs: number): Promise<number> {
  const script = join(dir, 'post.lua');
  writeFileSync(script, `wrk.method = "POST"\nwrk.body = ${JSON.stringify(body)}\nwrk.headers["Content-Type"] = "text/xml"\n`);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${secs}s`, '-s', script, `http://127.0.0.1:${port}/webfaction/`]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', () => {
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      const errors = /Non-2xx or 3xx responses: (\d+)|Socket errors: .*/.exec(out);
      if (!rps) reject(new Error(`wrk printed no figure:\n${out}`));
      else if (errors) reject(new Error(`wrk saw errors:\n${out}`));
      else resolve(Number(rps[1]));
    });
  });
}

/** The fallback generator: 16 keep-alive sockets, one request in flight on each, responses framed by Content-Length. */
function socketLoop(port: number, body: string, secs: number): Promise<number> {
  const request = httpRequest(port, body);
  let done = 0;
  const until = performance.now() + secs * 1000;
  const started = performance.now();
  const one = () =>
    new Promise<void>((resolve, reject) => {
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
            resolve();
            return;
          }
          socket.write(request);
        }
      });
      socket.on('connect', () => socket.write(request));
    });
  return Promise.all(Array.from({ length: CONNECTIONS }, one)).then(() => done / ((performance.now() - started) / 1000));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

try {
  const mock = await startChild(['mockpanel']);
  const body = requestBody(mock.sessionId!);
  const canned = await fetchOnce(mock.port, body);
  if (!canned.includes('<name>domain</name>') || (canned.toString().match(/<name>domain<\/name>/g) ?? []).length !== 20) {
    throw new Error(`list_domains did not answer 20 domains:\n${canned.toString().slice(0, 500)}`);
  }
  writeFileSync(join(dir, 'canned.xml'), canned);
  const raw = await startChild(['raw', join(dir, 'canned.xml')]);
  if (!(await fetchOnce(raw.port, body)).equals(canned)) throw new Error('the raw server does not answer the same bytes');

  await load(raw.port, body, 1);
  await load(mock.port, body, 1);
  const figures = { raw: [] as number[], mockpanel: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    figures.raw.push(await load(raw.port, body, seconds));
    figures.mockpanel.push(await load(mock.port, body, seconds));
  }
  const rawRps = median(figures.raw);
  const mockRps = median(figures.mockpanel);
  const ratio = mockRps / rawRps;
  console.log(`webfaction list_domains (20 domains, ${canned.length} B answer), ${CONNECTIONS} connections, ${rounds} × ${seconds} s rounds, load from ${hasWrk ? 'wrk -t1' : 'a Node socket loop'}`);
  console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), servers and load generator share them`);
  console.log(`  raw node:http, canned bytes : ${Math.round(rawRps)} req/s  (rounds: ${figures.raw.map(Math.round).join(', ')})`);
  console.log(`  mockpanel list_domains      : ${Math.round(mockRps)} req/s  (rounds: ${figures.mockpanel.map(Math.round).join(', ')})`);
  console.log(`  ratio mockpanel / raw       : ${ratio.toFixed(2)}  (goal ≥ 0.33: ${ratio >= 0.33 ? 'met' : 'NOT met'})`);
} finally {
  for (const c of children) c.kill();
  rmSync(dir, { recursive: true, force: true });
}
