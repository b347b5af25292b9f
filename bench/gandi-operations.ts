/**
 * Gandi emulator cost, in one process through the core (XML-RPC decode,
 * dispatch, SQLite, encode), no HTTP.
 *
 *   npx vite-node bench/gandi-operations.ts [seconds-per-case]
 *
 * Cases: the doc's 5-step user case (login, product add, account info,
 * os_list, vm_create, disk_create, disk_attach) end to end; vm_info with 0,
 * 100 and 1,000 unfinished clock-paced operations in the world (what the
 * engine's catch-up at the start of every call costs); operation_list with a
 * type+state filter over 10,000 operations. Prints calls/s (median of 5
 * rounds) and the median time per call.
 */
import { performance } from 'node:perf_hooks';
import type { Core } from '../emulators/core/dispatcher.js';
import { createMockpanel } from '../emulators/mockpanel.js';

const secondsPerCase = Number(process.argv[2] ?? 1);
const core: Core = createMockpanel({ panels: ['gandi'] });

const value = (v: unknown): string => {
  if (typeof v === 'number') return `<int>${v}</int>`;
  if (typeof v === 'boolean') return `<boolean>${v ? 1 : 0}</boolean>`;
  if (v && typeof v === 'object') {
    return `<struct>${Object.entries(v)
      .map(([k, x]) => `<member><name>${k}</name><value>${value(x)}</value></member>`)
      .join('')}</struct>`;
  }
  return `<string>${String(v)}</string>`;
};

async function call(world: string, method: string, ...params: unknown[]): Promise<string> {
  const body = Buffer.from(
    `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>${params.map((p) => `<param><value>${value(p)}</value></param>`).join('')}</params></methodCall>`,
  );
  const r = await core.handle({ panel: 'gandi', world, httpMethod: 'POST', path: '/hosting/', query: '', headers: {}, body, remoteAddress: '127.0.0.1' });
  const text = r.body.toString();
  if (text.includes('<fault>')) throw new Error(`${method}: ${text}`);
  return text;
}
const int = (xml: string) => Number(/<int>(\d+)<\/int>/.exec(xml)![1]);
const str = (xml: string) => /<string>([^<]*)<\/string>/.exec(xml)![1];

async function measure(name: string, calls: number, fn: () => Promise<void>, before?: () => void): Promise<void> {
  const rates: number[] = [];
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    let n = 0;
    let spent = 0;
    while (spent < (secondsPerCase * 1000) / 5) {
      before?.();
      const t = performance.now();
      await fn();
      const took = performance.now() - t;
      times.push(took / calls);
      spent += took;
      n++;
    }
    rates.push((n * calls * 1000) / spent);
  }
  rates.sort((a, b) => a - b);
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(58)} ${rates[2].toFixed(0).padStart(7)} calls/s  p50 ${times[times.length >> 1].toFixed(3)} ms/call`);
}

async function world(id: string): Promise<string> {
  core.worlds.create(id);
  return str(await call(id, 'login', 'AA1234-GANDI', 'mypassword'));
}

// The user case: 7 calls. Free products keep the balance from running out; each run buys the shares its
// VM uses; the world is reset (untimed) every 20 runs so the account does not grow without end.
const uc = 'user-case';
core.worlds.create(uc).setSetting('gandi.prices', { shares: 0, shares_fixed: 0, disk: 0 });
let runs = 0;
const resetNow = () => {
  if (++runs % 20) return;
  core.worlds.reset(uc).setSetting('gandi.prices', { shares: 0, shares_fixed: 0, disk: 0 });
};
await measure(
  'user case (login + 5 steps, 7 calls)',
  7,
  async () => {
    const s = str(await call(uc, 'login', 'AA1234-GANDI', 'mypassword'));
    await call(uc, 'hosting_account_product_add', s, 'shares', 4, '1m');
    await call(uc, 'hosting_account_info', s);
    await call(uc, 'os_list', s);
    const vm = int(await call(uc, 'vm_create', s, 'vmtest1', 'my_password', 111, 4, 1, { login: 'gandi' }));
    const disk = int(await call(uc, 'disk_create', s, { size: 2048, name: 'disk2GB', fstype: 'ext3' }));
    await call(uc, 'disk_attach', s, disk, vm);
  },
  resetNow,
);

for (const open of [0, 100, 1000]) {
  const id = `open-${open}`;
  const s = await world(id);
  await call(id, 'hosting_account_product_add', s, 'shares', 4, '1m');
  const vm = int(await call(id, 'vm_create', s, 'vm', 'pw', 111, 1, 1, {}));
  core.worlds.get(id)!.setSetting('gandi.operationPace', { afterSeconds: 10 ** 9 });
  for (let i = 0; i < open; i++) await call(id, 'disk_create', s, { size: 1, name: `d${i}` });
  await measure(`vm_info with ${open} unfinished operations`, 1, async () => {
    await call(id, 'vm_info', s, vm);
  });
}

{
  const id = 'many-ops';
  const s = await world(id);
  const vm = int(await call(id, 'vm_create', s, 'vm', 'pw', 111, 1, 1, {}));
  for (let i = 0; i < 10_000; i++) await call(id, 'vm_reboot', s, vm);
  await measure('operation_list {type, state} over 10,000 operations', 1, async () => {
    await call(id, 'operation_list', s, { type: 'vm_reboot', state: 'DONE' });
  });
}
core.worlds.close();
