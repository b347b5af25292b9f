import assert from 'node:assert/strict';
import type { WhmClient } from '../../clients/whm/index.js';
import { defineScenario, type ScenarioContext } from '../scenario.js';
import { connect, expectFailure, newAccount, newUsername } from './support.js';

/*
 * Account archives as the backup metadata reads, the quick-restore file
 * list and backup_user_list see them, and their removal; backup
 * destinations read and changed by id. An archive is made by a background
 * pkgacct session (10 s on mockpanel's world clock) and uploaded to each
 * enabled destination (30 s).
 */

const PKGACCT_SECONDS = 10;
const UPLOAD_SECONDS = 30;

interface Answer<T = unknown> {
  data: T;
  metadata: { result: number; reason: string; output?: { messages?: string[] } };
}

/** Archives the account and moves the clock past the session; answers the archive's restore point. */
async function archive(ctx: ScenarioContext, whm: WhmClient, user: string): Promise<string> {
  const { session_id } = await whm.data<{ session_id: string }>('start_background_pkgacct', { user });
  await ctx.emulator.advanceClock(PKGACCT_SECONDS + 1);
  assert.equal((await whm.data<{ state: string }>('get_pkgacct_session_state', { session_id })).state, 'COMPLETED');
  const dates = (await whm.data<{ backup_set: { user: string; backup_date: string[] }[] }>('backup_set_list')).backup_set.find(
    (s) => s.user === user,
  )?.backup_date;
  assert.ok(dates?.length, 'backup_set_list lists the archive');
  return dates[dates.length - 1];
}

const withMetadata = async (whm: WhmClient) => (await whm.data<{ accounts: string[] }>('get_users_with_backup_metadata')).accounts;
const domainsWithMetadata = (whm: WhmClient) => whm.data<Record<string, string>>('get_users_and_domains_with_backup_metadata');
const cparchives = async (whm: WhmClient) =>
  (await whm.data<{ quickrestore_files: { file: string; path: string; user: string }[] }>('list_cparchive_files')).quickrestore_files;
const combined = (whm: WhmClient) =>
  whm.data<{ backup_set: Record<string, { when: string; where: string }[]>; destination_legend: Record<string, { name: string; type: string }> | null }>(
    'backup_set_list_combined',
  );
const usersOn = async (whm: WhmClient, restore_point: string) =>
  (await whm.data<{ user: { username: string; status: string }[] }>('backup_user_list', { restore_point })).user;

export const archiveScenarios = [
  defineScenario({
    id: 'whm/account-archives',
    panel: 'whm',
    title:
      'a pkgacct archive shows in the backup metadata reads, list_cparchive_files, backup_set_list_combined and backup_user_list; delete_account_archives removes it',
    access: 'mutating',
    basis: 'emulator',
    skip: { remote: 'moves the emulator’s world clock, which a real panel does not have' },
    methods: [
      'createacct',
      'start_background_pkgacct',
      'get_pkgacct_session_state',
      'backup_set_list',
      'get_users_with_backup_metadata',
      'get_users_and_domains_with_backup_metadata',
      'list_cparchive_files',
      'backup_set_list_combined',
      'backup_user_list',
      'delete_account_archives',
      'backup_destination_add',
      'backup_destination_delete',
      'removeacct',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const kept = await newAccount(ctx, whm);
      const gone = await newAccount(ctx, whm);
      const plain = await newAccount(ctx, whm);
      const ftpName = ctx.unique('ftp');
      // Archives made while an FTP destination is enabled are uploaded to it (30 s on the clock).
      const { id: ftp } = await whm.data<{ id: string }>('backup_destination_add', {
        name: ftpName,
        type: 'FTP',
        disabled: 0,
        host: 'ftp.example.com',
        username: 'u',
        password: 'secret-pw',
      });
      ctx.cleanup(() => whm.call('backup_destination_delete', { id: ftp }).then(() => undefined));
      await ctx.step('before any archive, the metadata reads and list_cparchive_files do not list the accounts', async () => {
        assert.ok(!(await withMetadata(whm)).includes(kept.user));
        assert.ok(!(kept.user in (await domainsWithMetadata(whm))));
        assert.ok(!(await cparchives(whm)).some((f) => f.user === kept.user));
      });
      const [day, goneDay] = await ctx.step('pkgacct archives two accounts', async () => [
        await archive(ctx, whm, kept.user),
        await archive(ctx, whm, gone.user),
      ]);
      await ctx.step('the metadata reads list them with their main domains', async () => {
        const users = await withMetadata(whm);
        assert.ok(users.includes(kept.user) && users.includes(gone.user));
        assert.deepEqual([...users].sort(), users, 'sorted by name');
        const domains = await domainsWithMetadata(whm);
        assert.equal(domains[kept.user], kept.domain);
        assert.equal(domains[gone.user], gone.domain);
      });
      await ctx.step('list_cparchive_files lists each account’s cpmove file in /home', async () => {
        assert.deepEqual(
          (await cparchives(whm)).find((f) => f.user === kept.user),
          { file: `cpmove-${kept.user}.tar.gz`, path: '/home', user: kept.user },
        );
      });
      await ctx.step('backup_set_list_combined lists the local archive of the day, and its FTP copy once uploaded, with a legend', async () => {
        const before = await combined(whm);
        assert.ok(before.backup_set[kept.user]?.some((b) => b.where === 'local' && b.when === day));
        assert.deepEqual(before.destination_legend?.[ftp], { name: ftpName, type: 'FTP' });
        await ctx.emulator.advanceClock(UPLOAD_SECONDS + 1);
        assert.ok((await combined(whm)).backup_set[kept.user]?.some((b) => b.where === ftp && b.when === day));
      });
      await ctx.step('backup_user_list: archived accounts active, an account without an archive no_backup', async () => {
        const users = await usersOn(whm, day);
        assert.equal(users.find((u) => u.username === kept.user)?.status, 'active');
        assert.equal(users.find((u) => u.username === plain.user)?.status, 'no_backup');
      });
      await ctx.step('a removed account’s archive stays: backup_user_list says inactive, the metadata reads leave it out', async () => {
        await whm.removeAccount(gone.user);
        assert.equal((await usersOn(whm, goneDay)).find((u) => u.username === gone.user)?.status, 'inactive');
        assert.ok(!(await withMetadata(whm)).includes(gone.user));
        assert.ok((await cparchives(whm)).some((f) => f.user === gone.user));
      });
      await ctx.step('delete_account_archives names the archive it removes, and every read loses it', async () => {
        const r = (await whm.call('delete_account_archives', { user: kept.user })) as Answer;
        assert.deepEqual(r.metadata.output?.messages, [`Found archive: /home/cpmove-${kept.user}.tar.gz`]);
        assert.ok(!(await withMetadata(whm)).includes(kept.user));
        assert.ok(!(kept.user in (await domainsWithMetadata(whm))));
        assert.ok(!(await cparchives(whm)).some((f) => f.user === kept.user));
        assert.ok(!(await combined(whm)).backup_set[kept.user]?.some((b) => b.where === 'local'), 'the FTP copy stays where it was sent');
        const sets = (await whm.data<{ backup_set: { user: string }[] }>('backup_set_list')).backup_set;
        assert.ok(!sets.some((s) => s.user === kept.user));
        assert.equal((await usersOn(whm, day)).find((u) => u.username === kept.user)?.status, 'no_backup');
      });
      await ctx.step('a removed account’s archives can be deleted too; then nothing is left of it', async () => {
        const r = (await whm.call('delete_account_archives', { user: gone.user })) as Answer;
        assert.equal(r.metadata.output?.messages?.length, 1);
        assert.ok(!(await cparchives(whm)).some((f) => f.user === gone.user));
        await expectFailure(whm.call('delete_account_archives', { user: gone.user }), /You do not have a user named/);
      });
      await ctx.step('an account without archives has nothing to delete: no archive is named', async () => {
        const r = (await whm.call('delete_account_archives', { user: plain.user })) as Answer;
        assert.equal(r.metadata.result, 1);
        assert.equal(r.metadata.output, undefined);
      });
      await ctx.step('unknown users and restore points are refused', async () => {
        await expectFailure(whm.call('delete_account_archives', { user: newUsername(ctx, 'nouser') }), /You do not have a user named/);
        await expectFailure(whm.call('backup_user_list', { restore_point: '1999-01-01T00:00:00.000Z' }), /Invalid restore point: 1999-01-01/);
        await expectFailure(whm.call('backup_user_list', { restore_point: 'yesterday' }), /restore_point/);
      });
    },
  }),

  defineScenario({
    id: 'whm/backup-destination-settings',
    panel: 'whm',
    title: 'backup_destination_set changes a destination that backup_destination_get and backup_destination_list then show, checked per type',
    access: 'mutating',
    basis: 'documented',
    methods: ['backup_destination_add', 'backup_destination_get', 'backup_destination_set', 'backup_destination_list', 'backup_destination_delete'],
    async run(ctx) {
      const whm = connect(ctx);
      const name = ctx.unique('dest');
      const { id } = await whm.data<{ id: string }>('backup_destination_add', {
        name,
        type: 'FTP',
        disabled: 0,
        host: 'ftp.example.com',
        username: 'u',
        password: 'secret-pw',
      });
      ctx.cleanup(() =>
        whm.call('backup_destination_delete', { id }).then(
          () => undefined,
          () => undefined,
        ),
      );
      const get = () => whm.data<Record<string, unknown>>('backup_destination_get', { id });
      await ctx.step('backup_destination_get answers the destination’s settings without its password', async () => {
        const d = await get();
        assert.equal(d.id, id);
        assert.equal(d.name, name);
        assert.equal(d.type, 'FTP');
        assert.equal(d.host, 'ftp.example.com');
        assert.equal(d.disabled, 0);
        assert.equal(d.password, undefined);
      });
      await ctx.step('backup_destination_set changes only what it is given; get and list show it', async () => {
        await whm.call('backup_destination_set', { id, name: `${name}-2`, port: 2121, disabled: 1 });
        const d = await get();
        assert.equal(d.name, `${name}-2`);
        assert.equal(d.port, 2121);
        assert.equal(d.disabled, 1);
        assert.equal(d.host, 'ftp.example.com', 'the host is kept');
        const listed = (await whm.data<{ destination_list: Record<string, unknown>[] }>('backup_destination_list')).destination_list.find((x) => x.id === id);
        assert.equal(listed?.name, `${name}-2`);
        assert.equal(listed?.disabled, 1);
      });
      await ctx.step('a new type needs its own parameters and drops the old type’s', async () => {
        await expectFailure(whm.call('backup_destination_set', { id, type: 'Local' }), /The following parameters were missing: path/);
        await whm.call('backup_destination_set', { id, type: 'Local', path: '/backup/extra' });
        const d = await get();
        assert.equal(d.type, 'Local');
        assert.equal(d.path, '/backup/extra');
        assert.equal(d.host, undefined, 'FTP’s host is not a Local parameter');
      });
      await ctx.step('invalid values, an invalid type and an unknown id are refused, and nothing changes', async () => {
        await expectFailure(whm.call('backup_destination_set', { id, mount: 'maybe' }), /The following parameters were invalid: mount/);
        await expectFailure(whm.call('backup_destination_set', { id, type: 'Floppy' }), /The backup destination type is invalid: Floppy/);
        await expectFailure(whm.call('backup_destination_set', { id: 'nosuchdestination000000' }), /does not exist as a destination/);
        await expectFailure(whm.call('backup_destination_get', { id: 'nosuchdestination000000' }), /does not exist as a destination/);
        assert.equal((await get()).type, 'Local');
      });
      await ctx.step('a deleted destination is gone from get', async () => {
        await whm.call('backup_destination_delete', { id });
        await expectFailure(whm.call('backup_destination_get', { id }), /does not exist as a destination/);
      });
    },
  }),
];
