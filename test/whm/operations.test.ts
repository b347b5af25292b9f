import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { advanceClock, whmIn } from './support.js';

/*
 * Operations on the world clock beyond the conformance chains
 * (conformance/whm/operations.ts): what a restore puts back and the bound
 * on the archives a world keeps.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const DAY = 86_400;

async function archive(world: string, user: string): Promise<string> {
  const whm = whmIn(server, world);
  const { session_id } = await whm.data<{ session_id: string }>('start_background_pkgacct', { user });
  await advanceClock(server, world, 11);
  expect((await whm.data<{ state: string }>('get_pkgacct_session_state', { session_id })).state).toBe('COMPLETED');
  return session_id;
}

describe('WHM restores', () => {
  it('put back the archived record: a limit changed after the archive returns to the archived value', async () => {
    const world = 'restore-record';
    const whm = whmIn(server, world);
    await archive(world, 'carol');
    await whm.modifyAccount('carol', { MAXPOP: 3 });
    expect((await whm.accountSummary({ user: 'carol' })).maxpop).toBe('3');
    await whm.call('restoreaccount', { user: 'carol', type: 'daily', mail: 1 });
    expect((await whm.accountSummary({ user: 'carol' })).maxpop).toBe('unlimited');
  });

  it('recreate a removed account on its own domain, package and owner', async () => {
    const world = 'restore-removed';
    const whm = whmIn(server, world);
    await archive(world, 'alice');
    await whm.removeAccount('alice');
    await whm.call('restoreaccount', { user: 'alice', type: 'daily', all: 1 });
    const back = await whm.accountSummary({ user: 'alice' });
    expect([back.domain, back.plan, back.owner]).toEqual(['alice.example.com', 'reseller1_starter', 'reseller1']);
    expect((await whm.listZones()).some((z) => z.domain === 'alice.example.com')).toBe(true);
  });

  it('fail a queued task whose domain another account took meanwhile, and list it as failed', async () => {
    const world = 'restore-conflict';
    const whm = whmIn(server, world);
    await archive(world, 'bob');
    const [date] = (await whm.data<{ backup_set: string[] }>('backup_date_list')).backup_set;
    await whm.removeAccount('bob');
    await whm.createAccount('bobby', { domain: 'bob.example.org', password: 'Str0ng-pw-for-bobby!' });
    await whm.call('restore_queue_add_task', { user: 'bob', restore_point: date });
    await whm.call('restore_queue_activate');
    await advanceClock(server, world, 31);
    type Done = { restore_job: { user: string }; status_info: { result: number; statusmsg: string } };
    const [done] = (await whm.data<{ restore_job: Done[] }>('restore_queue_list_completed')).restore_job;
    expect(done.status_info.result).toBe(0);
    expect(done.status_info.statusmsg).toMatch(/already belongs to the account “bobby”/);
    await whm.call('restore_queue_clear_all_failed_tasks');
    expect((await whm.data<{ restore_job: Done[] }>('restore_queue_list_completed')).restore_job).toEqual([]);
  });
});

describe('WHM archives', () => {
  it('keep at most 30 days per account, the oldest going first', async () => {
    const world = 'archive-retention';
    const whm = whmIn(server, world);
    for (let day = 0; day < 31; day++) {
      await archive(world, 'carol');
      await advanceClock(server, world, DAY);
    }
    const [set] = (await whm.data<{ backup_set: { user: string; backup_date: string[] }[] }>('backup_set_list')).backup_set;
    expect(set.backup_date).toHaveLength(30);
    const dates = (await whm.data<{ backup_set: string[] }>('backup_date_list')).backup_set;
    expect(dates).toHaveLength(30);
    expect(dates[0] > dates[29]).toBe(true);
  });
});
