/**
 * Bystander latency: how long a `GET /_admin/health` waits while one hostile
 * call is being served, for every hostile input of the reliability suite
 * (test/reliability/hostile-inputs.ts) at full size. The server runs in its
 * own process (`dist/`, so `npm run build` first), so a call that holds its
 * event loop shows in the bystander's figure, not in this script's.
 *
 *   npm run build && npx vite-node bench/bystander.ts [rounds] [scale]
 *
 * Prints, per input, the median and worst bystander wait over `rounds`
 * (default 5), the hostile call's own time, and the ratio of the worst wait
 * to an idle server's health call measured in the same run. The goal is a
 * worst wait under 100 ms for every input.
 */
import { performance } from 'node:perf_hooks';
import { serveProcess, withBystander } from '../test/support/serve-process.js';
import { hostileInputs } from '../test/reliability/hostile-inputs.js';

const rounds = Number(process.argv[2] ?? 5);
const scale = Number(process.argv[3] ?? 1);
const server = await serveProcess();

const idle: number[] = [];
for (let i = 0; i < 50; i++) {
  const t = performance.now();
  await (await fetch(`${server.url}/_admin/health`)).arrayBuffer();
  idle.push(performance.now() - t);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const idleMs = median(idle);
console.log(`idle health call: median ${idleMs.toFixed(2)} ms over 50\n`);

const rows: string[][] = [['input', 'bystander p50 ms', 'bystander max ms', 'hostile p50 ms', 'max / idle', 'goal < 100 ms']];
let over = 0;
for (const h of hostileInputs(scale)) {
  const waits: number[] = [];
  const own: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const { bystanderMs, hostileMs } = await withBystander(server.url, async () => {
      const res = await fetch(`${server.url}${h.path}`, { method: h.method, headers: h.headers, body: h.body });
      await res.arrayBuffer();
    });
    waits.push(bystanderMs);
    own.push(hostileMs);
  }
  const worst = Math.max(...waits);
  if (worst >= 100) over++;
  rows.push([h.name, median(waits).toFixed(1), worst.toFixed(1), median(own).toFixed(1), (worst / idleMs).toFixed(0), worst < 100 ? 'yes' : 'NO']);
}
const width = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((v, i) => (i === 0 ? v.padEnd(width[i]) : v.padStart(width[i]))).join('  '));
console.log(`\n${rows.length - 1 - over} of ${rows.length - 1} inputs keep the bystander under 100 ms (scale ${scale}, ${rounds} rounds each)`);
await server.stop();
