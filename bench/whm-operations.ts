/**
 * What WHM's operations on the world clock cost a call (store/operations.ts:
 * every WHM call first applies the transfer, restore and pkgacct items whose
 * time has come). Over real HTTP on loopback:
 *
 *   npx vite-node bench/whm-operations.ts [rounds]
 *
 * 1. `version` on a world with no operations (the floor);
 * 2. `version` on a world with the most waiting items mockpanel allows
 *    (MAX_PENDING_ITEMS, in one transfer session), none of them due yet:
 *    the check every call makes;
 * 3. the worst single call: the clock jumped past all of them, so one call
 *    creates that many accounts before it answers.
 * Prints p50 of 1 and 2 and their ratio (goal: ≤ 1.2), and the time of 3.
 */
import { performance } from 'node:perf_hooks';
import { WhmClient } from '../clients/whm/index.js';
import { MockpanelAdmin } from '../clients/mockpanel-admin.js';
import { seededCredentials } from '../emulators/seeded-credentials.js';
import { startMockpanel } from '../emulators/testing/start.js';
import { ITEM_SECONDS, MAX_PENDING_ITEMS } from '../emulators/whm/store/operations.js';

const rounds = Number(process.argv[2] ?? 400);
const server = await startMockpanel();
const admin = new MockpanelAdmin({ url: server.url });
const { username, token } = seededCredentials('whm');
const whm = (world: string) => new WhmClient({ baseUrl: `${server.url}/_w/${world}/whm`, auth: { user: username, token: token! } });

async function p50(client: WhmClient): Promise<number> {
  for (let i = 0; i < 50; i++) await client.call('version');
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await client.call('version');
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const empty = await p50(whm('ops-empty'));

const busy = whm('ops-busy');
for (let s = 0; s < 1; s++) {
  const { transfer_session_id } = await busy.data<{ transfer_session_id: string }>('create_remote_root_transfer_session', {
    host: 'old.example.net',
    user: 'root',
    password: 'pw',
    ...Object.fromEntries(
      [
        'compressed',
        'copy_reseller_privs',
        'enable_custom_pkgacct',
        'low_priority',
        'restore_threads',
        'transfer_threads',
        'unencrypted',
        'unrestricted_restore',
        'use_backups',
      ].map((k) => [k, 1]),
    ),
  });
  for (let i = 0; i < MAX_PENDING_ITEMS; i++) {
    const user = `b${s}u${i}`;
    await busy.call('enqueue_transfer_item', { transfer_session_id, module: 'AccountRemoteRoot', user, localuser: user, domain: `${user}.example.com` });
  }
  await busy.call('start_transfer_session', { transfer_session_id });
}
const waiting = await p50(busy);

await admin.advanceClock('ops-busy', MAX_PENDING_ITEMS * ITEM_SECONDS.transfer + 1);
const t = performance.now();
await busy.call('version');
const jump = performance.now() - t;
const accounts = (await busy.listAccounts()).length;

console.log(`version, no operations              p50 ${empty.toFixed(3)} ms`);
console.log(`version, ${MAX_PENDING_ITEMS} items waiting (not due)  p50 ${waiting.toFixed(3)} ms   ratio ${(waiting / empty).toFixed(2)} (goal ≤ 1.2)`);
console.log(`first call after all ${MAX_PENDING_ITEMS} fell due     ${jump.toFixed(1)} ms (created ${accounts} accounts in all)`);
await server.close();
