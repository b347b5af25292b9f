/**
 * listaccts on a world with 10,000 accounts, over real HTTP (the shared
 * port, token auth), as a client sees it: p50/p95 of the whole request, for
 * more cases than `npm run bench` shows (which has the whole list and one
 * api.filter beside their goals).
 *
 *   npm run build && npx vite-node bench/whm-listaccts.ts [accounts] [rounds]
 *
 * Cases: the whole list; an api.filter that keeps ~10 accounts; the same
 * filter plus api.sort and a 20-record api.chunk; the listaccts search
 * argument (searchtype=user). The server is bench/bench-server.mjs
 * (`listaccts N`: the built package, accounts written with the emulator's
 * own insertAccount), in its own process.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const accounts = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 40);
const headers = { authorization: 'whm root:MOCKPANELROOTTOKEN00000000000000' };

const started = performance.now();
const child = spawn(process.execPath, [join(import.meta.dirname, 'bench-server.mjs'), 'listaccts', String(accounts)], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<number>((resolve, reject) => {
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
    const line = out.split('\n').find((l) => l.startsWith('{'));
    if (line) resolve((JSON.parse(line) as { port: number }).port);
  });
  child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
});
console.log(`server up with ${accounts} more accounts in ${(performance.now() - started).toFixed(0)} ms`);
const base = `http://127.0.0.1:${port}/_w/bench/whm/json-api`;

async function measure(name: string, query: string): Promise<void> {
  const times: number[] = [];
  let bytes = 0;
  let records = 0;
  for (let i = 0; i < rounds + 3; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/listaccts?api.version=1${query}`, { headers });
    const text = await res.text();
    const t = performance.now() - t0;
    if (i >= 3) times.push(t); // the first rounds warm the JIT and the statement cache
    bytes = text.length;
    records = (JSON.parse(text) as { data: { acct: unknown[] } }).data.acct.length;
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  console.log(
    `${name.padEnd(34)} p50 ${p(0.5).padStart(7)} ms   p95 ${p(0.95).padStart(7)} ms   ${String(records).padStart(6)} records, ${(bytes / 1024).toFixed(0)} KiB`,
  );
}

try {
  console.log(`listaccts over HTTP, ${accounts} accounts added to the world, ${rounds} rounds each:`);
  await measure('whole list', '');
  await measure('api.filter user contains "u0999"', '&api.filter.enable=1&api.filter.a.field=user&api.filter.a.type=contains&api.filter.a.arg0=u0999');
  await measure(
    '  + api.sort + api.chunk 20',
    '&api.filter.enable=1&api.filter.a.field=owner&api.filter.a.arg0=reseller1&api.sort.enable=1&api.sort.a.field=domain&api.sort.a.reverse=1&api.chunk.enable=1&api.chunk.size=20',
  );
  await measure('search=^u0999 searchtype=user', '&searchtype=user&search=%5Eu0999');
} finally {
  child.kill();
}
