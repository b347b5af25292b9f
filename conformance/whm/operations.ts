import assert from 'node:assert/strict';
import type { WhmClient } from '../../clients/whm/index.js';
import { defineScenario, type ScenarioContext } from '../scenario.js';
import { connect, expectFailure, newAccount, newUsername, type TestAccount } from './support.js';

/*
 * Transfers, restores and backups as operations on the world clock: each
 * chain writes, moves the emulator's clock past the operation's time
 * (mockpanel's durations: 10 s for a pkgacct session, 30 s for a restore
 * task or a transfer item, 30 s for an upload), and reads what the
 * operation left behind.
 */

export const CLOCK = { remote: 'moves the emulator’s world clock, which a real panel does not have' };
const PKGACCT_SECONDS = 10;
export const ITEM_SECONDS = 30;

async function pkgacctState(whm: WhmClient, id: string): Promise<string> {
  return (await whm.data<{ state: string }>('get_pkgacct_session_state', { session_id: id })).state;
}

/** Archives the account with a background pkgacct session and waits (on the clock) until it is done; answers the archive's date. */
export async function archive(ctx: ScenarioContext, whm: WhmClient, account: TestAccount): Promise<string> {
  const { session_id } = await whm.data<{ session_id: string }>('start_background_pkgacct', { user: account.user });
  await ctx.emulator.advanceClock(PKGACCT_SECONDS + 1);
  assert.equal(await pkgacctState(whm, session_id), 'COMPLETED');
  const sets = await whm.data<{ backup_set: { user: string; backup_date: string[] }[] }>('backup_set_list');
  const mine = sets.backup_set.find((s) => s.user === account.user);
  assert.ok(mine?.backup_date.length, 'backup_set_list lists the new archive');
  return mine.backup_date[mine.backup_date.length - 1];
}

export async function exists(whm: WhmClient, user: string): Promise<boolean> {
  return (await whm.listAccounts({ search: user, searchtype: 'user', searchmethod: 'exact' })).some((a) => a.user === user);
}

async function transferState(whm: WhmClient, id: string): Promise<string> {
  return (await whm.data<{ state_name: string }>('get_transfer_session_state', { transfer_session_id: id })).state_name;
}

export const operationScenarios = [
  defineScenario({
    id: 'whm/pkgacct-session',
    panel: 'whm',
    title: 'start_background_pkgacct runs on the clock: RUNNING, then COMPLETED with its log, and the archive appears in backup_date_list',
    access: 'mutating',
    basis: 'emulator',
    skip: CLOCK,
    methods: [
      'createacct',
      'start_background_pkgacct',
      'get_pkgacct_session_state',
      'fetch_pkgacct_master_log',
      'backup_date_list',
      'backup_set_list',
      'removeacct',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const account = await newAccount(ctx, whm);
      const id = await ctx.step('start_background_pkgacct answers its session and log names', async () => {
        const r = await whm.data<{ session_id: string; complete_master_log: string }>('start_background_pkgacct', { user: account.user });
        assert.equal(r.complete_master_log, 'master.log');
        assert.match(r.session_id, new RegExp(`^${account.user}\\d{14}[0-9A-Za-z]+$`));
        assert.equal(r.session_id.length, 36);
        return r.session_id;
      });
      await ctx.step('it is RUNNING and its log has begun but not ended', async () => {
        assert.equal(await pkgacctState(whm, id), 'RUNNING');
        const { log } = await whm.data<{ log: string }>('fetch_pkgacct_master_log', { session_id: id });
        assert.match(log, /pkgacct started/);
        assert.doesNotMatch(log, /pkgacct completed/);
      });
      const before = (await whm.data<{ backup_set: string[] }>('backup_date_list')).backup_set;
      await ctx.step('after its time it is COMPLETED, the log says so, and the archive is listed', async () => {
        await ctx.emulator.advanceClock(PKGACCT_SECONDS + 1);
        assert.equal(await pkgacctState(whm, id), 'COMPLETED');
        const { log } = await whm.data<{ log: string }>('fetch_pkgacct_master_log', { session_id: id });
        assert.match(log.trim().split('\n').at(-1)!, /pkgacct completed/);
        const dates = (await whm.data<{ backup_set: string[] }>('backup_date_list')).backup_set;
        assert.ok(dates.length >= 1 && dates.every((d) => /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/.test(d)), 'ISO dates');
        assert.ok(before.length <= dates.length);
        const set = (await whm.data<{ backup_set: { user: string; backup_date: string[] }[] }>('backup_set_list')).backup_set;
        assert.deepEqual(set.find((s) => s.user === account.user)?.backup_date, [dates[0]]);
      });
      await ctx.step('a session whose account is removed before it ends FAILED, and its log ends in an error', async () => {
        const other = await newAccount(ctx, whm);
        const { session_id } = await whm.data<{ session_id: string }>('start_background_pkgacct', { user: other.user });
        await whm.removeAccount(other.user);
        await ctx.emulator.advanceClock(PKGACCT_SECONDS + 1);
        assert.equal(await pkgacctState(whm, session_id), 'FAILED');
        const { log } = await whm.data<{ log: string }>('fetch_pkgacct_master_log', { session_id });
        assert.equal(JSON.parse(log.trim().split('\n').at(-1)!).type, 'error');
      });
      await ctx.step('refusals: an unknown user, an unknown session', async () => {
        await expectFailure(whm.call('start_background_pkgacct', { user: newUsername(ctx, 'nouser') }), /You do not have a user named/);
        await expectFailure(whm.call('get_pkgacct_session_state', { session_id: 'nosuchsession20200101000000abcdefgh' }), /Could not identify state/);
      });
    },
  }),

  defineScenario({
    id: 'whm/restore-queue',
    panel: 'whm',
    title: 'a queued restore waits until activated, runs on the clock, puts the removed account back, and is listed completed until cleared',
    access: 'mutating',
    basis: 'emulator',
    skip: CLOCK,
    methods: [
      'createacct',
      'start_background_pkgacct',
      'get_pkgacct_session_state',
      'backup_set_list',
      'removeacct',
      'listaccts',
      'accountsummary',
      'restore_queue_add_task',
      'restore_queue_list_pending',
      'restore_queue_is_active',
      'restore_queue_state',
      'restore_queue_activate',
      'restore_queue_list_active',
      'restore_queue_list_completed',
      'restore_queue_clear_completed_task',
      'restore_queue_clear_pending_task',
      'restore_queue_clear_all_tasks',
      'restoreaccount',
      'verify_new_username_for_restore',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const account = await newAccount(ctx, whm);
      const date = await ctx.step('an archive of the account', () => archive(ctx, whm, account));
      ctx.cleanup(() => whm.call('restore_queue_clear_all_tasks').catch(() => undefined));
      await ctx.step('the account is removed; its name is free for a restore again', async () => {
        await whm.removeAccount(account.user);
        assert.equal(await exists(whm, account.user), false);
        await whm.call('verify_new_username_for_restore', { user: account.user });
      });
      await ctx.step('restore_queue_add_task queues it; it is pending and the queue is not active', async () => {
        const { queue_id } = await whm.data<{ queue_id: string }>('restore_queue_add_task', { user: account.user, restore_point: date, mysql: 1 });
        assert.match(queue_id, /^[0-9A-Za-z]{15}$/);
        const pending = (
          await whm.data<{ restore_job: { user: string; restore_point: string; options: Record<string, unknown> }[] }>('restore_queue_list_pending')
        ).restore_job;
        assert.deepEqual(
          pending.find((j) => j.user === account.user),
          {
            user: account.user,
            restore_point: date,
            options: { destid: 'local', give_ip: 0, mail_config: 0, mysql: 1, subdomains: 0 },
          },
        );
        assert.equal((await whm.data<{ is_active: number }>('restore_queue_is_active')).is_active, 0);
        const state = await whm.data<{ is_active: number; pending: { user: string }[]; active: unknown[] }>('restore_queue_state');
        assert.ok(state.pending.some((j) => j.user === account.user));
        assert.deepEqual(state.active, []);
      });
      await ctx.step('refusals: a second task for the same user, a date with no archive, a bad date', async () => {
        await expectFailure(whm.call('restore_queue_add_task', { user: account.user, restore_point: date }), /already holds a pending task/);
        await expectFailure(whm.call('restore_queue_add_task', { user: account.user, restore_point: '2001-01-01T00:00:00.000Z' }), /no backup of the account/);
        await expectFailure(whm.call('restore_queue_add_task', { user: account.user, restore_point: 'yesterday' }), /Invalid restore point/);
      });
      await ctx.step('activated, the task is active; after its time the account is back and the task completed', async () => {
        const r = await whm.call('restore_queue_activate');
        assert.equal(r.metadata.reason, 'Restore queue processing initiated');
        assert.equal((await whm.data<{ is_active: number }>('restore_queue_is_active')).is_active, 1);
        const active = (await whm.data<{ restore_job: { user: string }[] }>('restore_queue_list_active')).restore_job;
        assert.deepEqual(
          active.map((j) => j.user),
          [account.user],
        );
        assert.equal(await exists(whm, account.user), false, 'not before the task ends');
        await ctx.emulator.advanceClock(ITEM_SECONDS + 1);
        assert.equal((await whm.accountSummary({ user: account.user })).domain, account.domain);
        assert.equal((await whm.data<{ is_active: number }>('restore_queue_is_active')).is_active, 0);
      });
      await ctx.step('restore_queue_list_completed shows it succeeded; clearing it by user and start time empties the list', async () => {
        type Done = { restore_job: { user: string }; status_info: { result: number; started: string } };
        const done = (await whm.data<{ restore_job: Done[] }>('restore_queue_list_completed')).restore_job.find((j) => j.restore_job.user === account.user);
        assert.equal(done?.status_info.result, 1);
        await whm.call('restore_queue_clear_completed_task', { user: account.user, start_time: done!.status_info.started });
        const after = (await whm.data<{ restore_job: Done[] }>('restore_queue_list_completed')).restore_job;
        assert.ok(!after.some((j) => j.restore_job.user === account.user));
      });
      await ctx.step('a pending task can be removed again', async () => {
        await whm.call('restore_queue_add_task', { user: account.user, restore_point: date });
        await whm.call('restore_queue_clear_pending_task', { user: account.user });
        assert.deepEqual((await whm.data<{ restore_job: unknown[] }>('restore_queue_list_pending')).restore_job, []);
        await expectFailure(whm.call('restore_queue_clear_pending_task', { user: account.user }), /no pending task/);
      });
      await ctx.step('restoreaccount all=1 puts a removed account back at once from its newest daily archive', async () => {
        await expectFailure(whm.call('restoreaccount', { user: account.user, type: 'daily', all: 1 }), /already exists/);
        await expectFailure(whm.call('verify_new_username_for_restore', { user: account.user }), /already exists/);
        await whm.removeAccount(account.user);
        await expectFailure(whm.call('restoreaccount', { user: account.user, type: 'weekly', all: 1 }), /no weekly backup/);
        await expectFailure(whm.call('restoreaccount', { user: account.user, type: 'daily' }), /at least one of/);
        const r = await whm.call('restoreaccount', { user: account.user, type: 'daily', all: 1 });
        assert.match(String((r.metadata.output as { raw: string }).raw), /Account Restore Complete/);
        assert.equal((await whm.accountSummary({ user: account.user })).domain, account.domain);
      });
    },
  }),

  defineScenario({
    id: 'whm/transfer-session',
    panel: 'whm',
    title: 'a transfer session is PENDING until started, RUNNING while its items take their time, then COMPLETED with the accounts created; pause and abort',
    access: 'mutating',
    basis: 'emulator',
    skip: CLOCK,
    methods: [
      'create_remote_root_transfer_session',
      'create_remote_user_transfer_session',
      'enqueue_transfer_item',
      'start_transfer_session',
      'get_transfer_session_state',
      'pause_transfer_session',
      'abort_transfer_session',
      'fetch_transfer_session_log',
      'listaccts',
      'accountsummary',
      'removeacct',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const session = async () => {
        const r = await whm.data<{ transfer_session_id: string; create_rawout: string }>('create_remote_root_transfer_session', {
          host: 'old.example.net',
          user: 'root',
          password: 'remote-root-pw',
          transfer_threads: 1,
          restore_threads: 1,
          unrestricted_restore: 1,
          comm_transport: 'ssh',
          copy_reseller_privs: 1,
          compressed: 1,
          unencrypted: 0,
          use_backups: 1,
          low_priority: 1,
          enable_custom_pkgacct: 0,
        });
        return r.transfer_session_id;
      };
      const item = (id: string, remote: string) => {
        const local = newUsername(ctx, 'xfer');
        ctx.cleanup(() => whm.removeAccount(local).catch(() => undefined));
        return whm
          .call('enqueue_transfer_item', {
            transfer_session_id: id,
            module: 'AccountRemoteRoot',
            user: remote,
            localuser: local,
            domain: `${local}.example.com`,
          })
          .then(() => local);
      };

      const id = await ctx.step('a new session is PENDING', async () => {
        const sid = await session();
        assert.match(sid, /^oldexamplenetcopya\d{14}[0-9A-Za-z]+$/);
        assert.equal(await transferState(whm, sid), 'PENDING');
        return sid;
      });
      const local = await ctx.step('an account item is enqueued', () => item(id, 'remoteone'));
      await ctx.step('refusals: the same remote user twice, no domain, an unknown module, an unknown session', async () => {
        await expectFailure(
          whm.call('enqueue_transfer_item', {
            transfer_session_id: id,
            module: 'AccountRemoteRoot',
            user: 'remoteone',
            localuser: 'other',
            domain: 'other.example.com',
          }),
          /already exists in the queue/,
        );
        await expectFailure(
          whm.call('enqueue_transfer_item', { transfer_session_id: id, module: 'AccountRemoteRoot', user: 'remotetwo', localuser: 'remotetwo' }),
          /domain/,
        );
        await expectFailure(
          whm.call('enqueue_transfer_item', { transfer_session_id: id, module: 'NoSuchModule', user: 'x', localuser: 'x' }),
          /module “NoSuchModule” does not exist/,
        );
        await expectFailure(whm.call('get_transfer_session_state', { transfer_session_id: 'nosuchsession' }), /session ID “nosuchsession” does not exist/);
      });
      await ctx.step('started, it is RUNNING and the account does not exist yet', async () => {
        const { pid } = await whm.data<{ pid: number }>('start_transfer_session', { transfer_session_id: id });
        assert.ok(Number.isInteger(pid) && pid > 0);
        assert.equal(await transferState(whm, id), 'RUNNING');
        assert.equal(await exists(whm, local), false);
      });
      await ctx.step('after the item’s time the session is COMPLETED and the account exists on its domain', async () => {
        await ctx.emulator.advanceClock(ITEM_SECONDS + 1);
        assert.equal(await transferState(whm, id), 'COMPLETED');
        assert.equal((await whm.accountSummary({ user: local })).domain, `${local}.example.com`);
        const { log } = await whm.data<{ log: string }>('fetch_transfer_session_log', { transfer_session_id: id, logfile: 'master.log' });
        const last = JSON.parse(log.trim().split('\n').at(-1)!) as { type: string; contents: { action: string } };
        assert.deepEqual([last.type, last.contents.action], ['control', 'complete']);
        await expectFailure(whm.call('abort_transfer_session', { transfer_session_id: id }), /failed to “abort”/);
      });
      await ctx.step('pause: the item in progress ends, the next waits (PAUSING, then PAUSED); started again, the rest runs', async () => {
        const sid = await session();
        const first = await item(sid, 'remotea');
        const second = await item(sid, 'remoteb');
        await whm.call('start_transfer_session', { transfer_session_id: sid });
        await expectFailure(whm.call('start_transfer_session', { transfer_session_id: sid }), /failed to start/);
        const paused = await whm.call('pause_transfer_session', { transfer_session_id: sid });
        assert.equal(paused.metadata.reason, 'OK.');
        assert.equal(await transferState(whm, sid), 'PAUSING');
        await ctx.emulator.advanceClock(3 * ITEM_SECONDS);
        assert.equal(await transferState(whm, sid), 'PAUSED');
        assert.equal(await exists(whm, first), true);
        assert.equal(await exists(whm, second), false);
        await whm.call('start_transfer_session', { transfer_session_id: sid });
        await ctx.emulator.advanceClock(ITEM_SECONDS + 1);
        assert.equal(await transferState(whm, sid), 'COMPLETED');
        assert.equal(await exists(whm, second), true);
      });
      await ctx.step('abort: a running session is ABORTED and its item never lands; a session never started is FAILED', async () => {
        const sid = await session();
        const never = await item(sid, 'remotec');
        await whm.call('start_transfer_session', { transfer_session_id: sid });
        await whm.call('abort_transfer_session', { transfer_session_id: sid });
        assert.equal(await transferState(whm, sid), 'ABORTED');
        await ctx.emulator.advanceClock(ITEM_SECONDS + 1);
        assert.equal(await exists(whm, never), false);
        const idle = await session();
        await whm.call('abort_transfer_session', { transfer_session_id: idle });
        assert.equal(await transferState(whm, idle), 'FAILED');
      });
      await ctx.step('a remote-user session needs unrestricted_restore=1', async () => {
        await expectFailure(
          whm.call('create_remote_user_transfer_session', { host: 'old.example.net', password: 'pw', unrestricted_restore: 0 }),
          /unrestricted_restore/,
        );
        const r = await whm.data<{ transfer_session_id: string }>('create_remote_user_transfer_session', {
          host: 'old.example.net',
          password: 'pw',
          unrestricted_restore: 1,
        });
        assert.match(r.transfer_session_id, /^oldexamplenetnoroo\d{14}/);
      });
    },
  }),

  defineScenario({
    id: 'whm/backup-destinations',
    panel: 'whm',
    title:
      'backup_destination_add stores a destination per type; list shows it without secrets; validate checks it; archives are sent to it; delete removes it',
    access: 'mutating',
    basis: 'emulator',
    skip: CLOCK,
    methods: [
      'backup_destination_add',
      'backup_destination_list',
      'backup_destination_validate',
      'backup_destination_delete',
      'createacct',
      'start_background_pkgacct',
      'get_pkgacct_session_state',
      'backup_set_list',
      'backup_get_transport_status',
      'backup_list_transported',
      'removeacct',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      type Listed = { id: string; name: string; type: string; disabled: number; disable_reason?: string; password?: string; path?: string; host?: string };
      const list = async () => (await whm.data<{ destination_list: Listed[] }>('backup_destination_list')).destination_list;
      const local = await ctx.step('a Local destination needs only its own parameters; the list shows it', async () => {
        const { id } = await whm.data<{ id: string }>('backup_destination_add', {
          name: ctx.unique('local'),
          type: 'Local',
          disabled: 0,
          path: '/backup/extra',
        });
        ctx.cleanup(() => whm.call('backup_destination_delete', { id }).catch(() => undefined));
        assert.match(id, /^[0-9A-Za-z]{24}$/);
        const listed = (await list()).find((d) => d.id === id);
        assert.equal(listed?.type, 'Local');
        assert.equal(listed?.path, '/backup/extra');
        assert.equal(listed?.disabled, 0);
        return id;
      });
      await ctx.step('an SFTP destination keeps its host but the list never shows its password', async () => {
        const { id } = await whm.data<{ id: string }>('backup_destination_add', {
          name: ctx.unique('sftp'),
          type: 'SFTP',
          disabled: 0,
          host: 'backups.example.com',
          username: 'backup',
          password: 'secret-pw',
          authtype: 'password',
          port: 22,
        });
        ctx.cleanup(() => whm.call('backup_destination_delete', { id }).catch(() => undefined));
        const listed = (await list()).find((d) => d.id === id);
        assert.equal(listed?.host, 'backups.example.com');
        assert.equal(listed?.password, undefined);
      });
      await ctx.step('refusals: an unknown type, an out-of-range port, an unknown id', async () => {
        await expectFailure(whm.call('backup_destination_add', { name: 'x', type: 'Floppy', disabled: 0 }), /backup destination type is invalid: Floppy/);
        await expectFailure(
          whm.call('backup_destination_add', { name: 'x', type: 'FTP', disabled: 0, host: 'h.example.com', username: 'u', password: 'p', port: 70000 }),
          /parameters were invalid: port/,
        );
        await expectFailure(whm.call('backup_destination_delete', { id: 'AAAAAAAAAAAAAAAAAAAAAAAA' }), /does not exist as a destination/);
      });
      await ctx.step('validate passes a good Local destination and disables a bad one with its reason', async () => {
        assert.equal((await whm.data<{ id: string }>('backup_destination_validate', { id: local, disableonfail: 1 })).id, local);
        const { id: bad } = await whm.data<{ id: string }>('backup_destination_add', {
          name: ctx.unique('bad'),
          type: 'Local',
          disabled: 0,
          path: 'relative/dir',
        });
        ctx.cleanup(() => whm.call('backup_destination_delete', { id: bad }).catch(() => undefined));
        await expectFailure(whm.call('backup_destination_validate', { id: bad, disableonfail: 1 }), /Validation for transport .* failed/);
        const listed = (await list()).find((d) => d.id === bad);
        assert.equal(listed?.disabled, 1);
        assert.match(listed?.disable_reason ?? '', /not an absolute path/);
        await expectFailure(whm.call('backup_destination_validate', { id: bad, disableonfail: 2 }), /must be either 1 or 0/);
      });
      const account = await newAccount(ctx, whm);
      await ctx.step('an archive made while the destination is enabled is sent to it: running, then completed and listed', async () => {
        const { session_id } = await whm.data<{ session_id: string }>('start_background_pkgacct', { user: account.user });
        await ctx.emulator.advanceClock(PKGACCT_SECONDS + 1);
        assert.equal((await whm.data<{ state: string }>('get_pkgacct_session_state', { session_id })).state, 'COMPLETED');
        type Status = { transport: string; user: string; status: string; date: string };
        const status = async () =>
          (await whm.data<{ transport_status: Status[] }>('backup_get_transport_status', { transport_id: local })).transport_status.find(
            (s) => s.user === account.user,
          );
        assert.equal((await status())?.status, 'running');
        await ctx.emulator.advanceClock(ITEM_SECONDS + 1);
        const done = await status();
        assert.equal(done?.status, 'completed');
        const sent = await whm.data<{ remote_backups: Record<string, Record<string, string[]>> }>('backup_list_transported', { transport: local });
        assert.deepEqual(sent.remote_backups[local]?.[account.user], [done!.date]);
      });
      await ctx.step('delete removes it from the list and from what was transported', async () => {
        await whm.call('backup_destination_delete', { id: local });
        assert.ok(!(await list()).some((d) => d.id === local));
        const sent = await whm.data<{ remote_backups: Record<string, unknown> }>('backup_list_transported');
        assert.equal(sent.remote_backups[local], undefined);
        await expectFailure(whm.call('backup_destination_validate', { id: local, disableonfail: 0 }), /does not exist as a destination/);
      });
    },
  }),
];
