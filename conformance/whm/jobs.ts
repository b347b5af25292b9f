import assert from 'node:assert/strict';
import { defineScenario, type ScenarioContext } from '../scenario.js';
import { archive, CLOCK, exists, ITEM_SECONDS } from './operations.js';
import { api2, connect, expectFailure, newAccount, newUsername } from './support.js';

/*
 * Background jobs (tier 3): each starter's job is under way right after it
 * starts, a second start of the same kind is refused while it runs, and
 * once the emulator's clock has moved past its steps (mockpanel's duration:
 * 5 s a step, at most 7 steps here) every documented read shows it done,
 * its log shows the end, and what the job promised is there.
 */

/** Past the longest job's steps (an addon conversion: 7 steps of 5 s). */
const PAST_EVERY_JOB = 40;

type Rec = Record<string, unknown>;

/** Adds an addon domain to the account through the cPanel API 2 passthrough (AddonDomain::addaddondomain). */
async function addAddonDomain(ctx: ScenarioContext, user: string, domain: string, label: string): Promise<void> {
  const r = await api2(ctx, user, 'AddonDomain', 'addaddondomain', { newdomain: domain, subdomain: label, dir: `public_html/${label}` });
  assert.equal((r.event as { result: number }).result, 1, `addaddondomain failed: ${JSON.stringify(r)}`);
}

export const jobScenarios = [
  defineScenario({
    id: 'whm/background-jobs',
    panel: 'whm',
    title:
      'MySQL upgrade, addon conversion, package build, PHP-FPM conversion, backups for all users and remote MySQL activation run on the clock: under way, then done, and their reads and effects show it',
    access: 'mutating',
    basis: 'emulator',
    skip: CLOCK,
    methods: [
      'createacct',
      'cpanel',
      'listaccts',
      'removeacct',
      'start_background_mysql_upgrade',
      'background_mysql_upgrade_status',
      'background_mysql_upgrade_checker_run',
      'convert_addon_list_addon_domains',
      'uapi_cpanel',
      'convert_addon_fetch_domain_details',
      'convert_addon_initiate_conversion',
      'convert_addon_list_conversions',
      'convert_addon_get_conversion_status',
      'convert_addon_fetch_conversion_details',
      'package_manager_submit_actions',
      'package_manager_is_performing_actions',
      'package_manager_get_build_log',
      'convert_all_domains_to_fpm',
      'is_conversion_in_progress',
      'php_get_vhost_versions',
      'backup_skip_users_all',
      'backup_skip_users_all_status',
      'remote_mysql_create_profile',
      'remote_mysql_initiate_profile_activation',
      'remote_mysql_monitor_profile_activation',
      'remote_mysql_read_profile',
      'remote_mysql_delete_profile',
    ],
    async run(ctx: ScenarioContext) {
      const whm = connect(ctx);
      const account = await newAccount(ctx, whm, { maxaddon: 2 });
      const addon = `${ctx.unique('mpaddon')}.example.org`;
      const label = ctx.unique('ad');
      const target = newUsername(ctx, 'mpconv');
      ctx.cleanup(() => whm.removeAccount(target).catch(() => undefined));
      const profile = ctx.unique('profile');

      // --- start everything ---
      const upgradeId = await ctx.step('start_background_mysql_upgrade answers the log name; the status is inprogress', async () => {
        await expectFailure(whm.call('start_background_mysql_upgrade', { version: 'latest' }), /version/);
        const { upgrade_id } = await whm.data<{ upgrade_id: string }>('start_background_mysql_upgrade', { version: '10.6' });
        assert.match(upgrade_id, /^mysql_upgrade\.\d{8}-\d{6}$/);
        const status = await whm.data<{ state: string; log: string }>('background_mysql_upgrade_status', { upgrade_id });
        assert.equal(status.state, 'inprogress');
        assert.match(status.log, /Beginning MariaDB 10\.6 upgrade/);
        assert.doesNotMatch(status.log, /completed successfully/);
        await expectFailure(whm.call('start_background_mysql_upgrade', { version: '10.6' }), /already in progress/);
        await expectFailure(whm.call('background_mysql_upgrade_status', { upgrade_id: 'mysql_upgrade.19990101-000000' }), /no MySQL upgrade/);
        return upgrade_id;
      });

      await ctx.step('the addon domain is listed for conversion with its account’s facts', async () => {
        await addAddonDomain(ctx, account.user, addon, label);
        const all = await whm.data<Record<string, Rec>>('convert_addon_list_addon_domains');
        assert.deepEqual(all[addon], {
          docroot: `/home/${account.user}/public_html/${label}`,
          domain_type: 'addon',
          ip: all[addon].ip,
          owner: 'root',
          subdomain: `${label}.${account.domain}`,
        });
        await whm.uapi(account.user, 'Email', 'add_pop', { email: 'info', domain: addon, password: account.password });
        const details = await whm.data<Rec>('convert_addon_fetch_domain_details', { domain: addon });
        assert.equal(details.owner, account.user);
        assert.equal(details.number_of_email_accounts, 1);
        await expectFailure(whm.call('convert_addon_fetch_domain_details', { domain: account.domain }), /does not exist/);
      });
      const jobId = await ctx.step('convert_addon_initiate_conversion starts a job the conversion reads show INPROGRESS', async () => {
        await expectFailure(whm.call('convert_addon_initiate_conversion', { domain: account.domain, username: target }), /does not exist/);
        await expectFailure(whm.call('convert_addon_initiate_conversion', { domain: addon, username: account.user }), /already exists/);
        assert.deepEqual(await whm.data('convert_addon_initiate_conversion', { domain: addon, username: target }), {});
        const { conversions } = await whm.data<{ conversions: Rec[] }>('convert_addon_list_conversions');
        const mine = conversions.find((c) => c.domain === addon)!;
        assert.ok(mine, 'convert_addon_list_conversions lists the job');
        assert.equal(mine.status, 'INPROGRESS');
        assert.equal(mine.source_acct, account.user);
        assert.equal(mine.target_acct, target);
        const status = await whm.data<Record<string, Rec>>('convert_addon_get_conversion_status', { job_id: mine.job_id as number });
        assert.equal(status[String(mine.job_id)].job_status, 'INPROGRESS');
        assert.equal(await exists(whm, target), false, 'the account does not exist before its step');
        return mine.job_id as number;
      });

      const blocked = `${ctx.unique('mpaddon')}.example.org`;
      const taken = newUsername(ctx, 'mptaken');
      await ctx.step('a conversion whose new username is taken before its account step is FAILED, and the addon domain stays', async () => {
        await addAddonDomain(ctx, account.user, blocked, ctx.unique('bd'));
        await whm.call('convert_addon_initiate_conversion', { domain: blocked, username: taken });
        await whm.createAccount(taken, { domain: `${taken}.example.com`, password: `Mp-${ctx.unique('')}-S3cure!pw` });
        ctx.cleanup(() => whm.removeAccount(taken).catch(() => undefined));
      });
      const build = await ctx.step('package_manager_submit_actions starts a build that is performing actions', async () => {
        const r = await whm.data<{ build: number }>('package_manager_submit_actions', { install: 'ea-php84', uninstall: 'ea-php56' });
        assert.equal(typeof r.build, 'number');
        assert.deepEqual(await whm.data('package_manager_is_performing_actions', { build: r.build }), { active: 1 });
        const log = await whm.data<{ content: string[]; still_running: number }>('package_manager_get_build_log', { build: r.build, offset: 0 });
        assert.equal(log.still_running, 1);
        const other = await whm.data<{ build: number }>('package_manager_submit_actions', { upgrade: 'ea-php83' });
        assert.notEqual(other.build, r.build, 'a second build runs beside it with its own number');
        await expectFailure(whm.call('package_manager_submit_actions'), /install/);
        return r.build;
      });

      await ctx.step('convert_all_domains_to_fpm: a conversion is in progress, a second is refused', async () => {
        const r = await whm.data<{ build_id: number }>('convert_all_domains_to_fpm');
        assert.equal(typeof r.build_id, 'number');
        assert.deepEqual(await whm.data('is_conversion_in_progress'), { inProgress: 1 });
        await expectFailure(whm.call('convert_all_domains_to_fpm'), /already in progress/);
      });

      await ctx.step('backup_skip_users_all: the status reports it running', async () => {
        await expectFailure(whm.call('backup_skip_users_all', { backupversion: 'weekly', state: 0 }), /backupversion/);
        const r = await whm.call('backup_skip_users_all', { backupversion: 'backup', state: 0 });
        assert.equal(r.metadata.reason, 'Configuration update process started');
        const { reason } = await whm.data<{ reason: { running: number; perc: number } }>('backup_skip_users_all_status');
        assert.equal(reason.running, 1);
        assert.ok(reason.perc < 100);
      });

      await ctx.step('remote_mysql_initiate_profile_activation: the monitor shows the job in progress', async () => {
        await expectFailure(whm.call('remote_mysql_initiate_profile_activation', { name: profile }), /does not exist/);
        await whm.call('remote_mysql_create_profile', {
          name: profile,
          mysql_host: 'db1.example.com',
          mysql_user: 'admin',
          mysql_pass: 'pw-1',
          mysql_port: 3306,
        });
        ctx.cleanup(() => whm.call('remote_mysql_delete_profile', { name: profile }).then(() => undefined));
        const r = await whm.data<{ activation_job_started: number }>('remote_mysql_initiate_profile_activation', { name: profile });
        assert.equal(typeof r.activation_job_started, 'number');
        const monitor = await whm.data<{ job_in_progress?: Rec; last_job_details?: Rec }>('remote_mysql_monitor_profile_activation');
        assert.equal(monitor.job_in_progress?.profile_name, profile);
        assert.equal(monitor.job_in_progress?.status, 'INPROGRESS');
        assert.equal(monitor.last_job_details, undefined);
      });

      // --- the clock moves past every job ---
      await ctx.emulator.advanceClock(PAST_EVERY_JOB);

      await ctx.step('the MySQL upgrade is a success and its log ends so', async () => {
        const status = await whm.data<{ state: string; log: string; error: number }>('background_mysql_upgrade_status', { upgrade_id: upgradeId });
        assert.equal(status.state, 'success');
        assert.equal(status.error, 0);
        assert.match(status.log.trim().split('\n').at(-1)!, /MariaDB upgrade completed successfully/);
      });
      await ctx.step('the conversion is DONE: the addon domain is now an account of its own', async () => {
        const status = await whm.data<Record<string, Rec>>('convert_addon_get_conversion_status', { job_id: jobId });
        assert.equal(status[String(jobId)].job_status, 'DONE');
        assert.equal(typeof status[String(jobId)].job_end_time, 'number');
        const details = await whm.data<{ steps: Rec[]; job_status: string }>('convert_addon_fetch_conversion_details', { job_id: jobId });
        assert.equal(details.job_status, 'DONE');
        assert.ok(details.steps.length > 3 && details.steps.every((s) => s.status === 'DONE'));
        assert.ok(details.steps.some((s) => s.step_name === 'Creating new cPanel account'));
        const [created] = await whm.listAccounts({ search: target, searchtype: 'user', searchmethod: 'exact' });
        assert.equal(created?.domain, addon);
        assert.equal((await whm.data<Record<string, Rec>>('convert_addon_list_addon_domains'))[addon], undefined);
        const moved = await whm.uapi<{ email: string }[]>(target, 'Email', 'list_pops');
        assert.ok(
          moved.some((p) => p.email === `info@${addon}`),
          'the addon domain’s mailbox went with it',
        );
      });
      await ctx.step('the conversion to a taken username FAILED and left the addon domain where it was', async () => {
        const { conversions } = await whm.data<{ conversions: Rec[] }>('convert_addon_list_conversions');
        assert.equal(conversions.find((c) => c.domain === blocked)?.status, 'FAILED');
        assert.equal((await whm.data<Record<string, Rec>>('convert_addon_list_addon_domains'))[blocked]?.owner, 'root');
        const [row] = await whm.listAccounts({ search: taken, searchtype: 'user', searchmethod: 'exact' });
        assert.equal(row?.domain, `${taken}.example.com`);
      });
      await ctx.step('the build has ended and its log says so; a later offset reads only what is new', async () => {
        assert.deepEqual(await whm.data('package_manager_is_performing_actions', { build }), { active: 0 });
        const log = await whm.data<{ content: string[]; offset: number; still_running: number }>('package_manager_get_build_log', { build, offset: 0 });
        assert.equal(log.still_running, 0);
        assert.ok(log.content.some((l) => l.includes('Installing ea-php84')));
        assert.equal(log.content.at(-1), 'Build complete.');
        const rest = await whm.data<{ content: string[] }>('package_manager_get_build_log', { build, offset: log.offset });
        assert.deepEqual(rest.content, []);
      });
      await ctx.step('the PHP-FPM conversion is over and the account’s vhost runs PHP-FPM', async () => {
        assert.deepEqual(await whm.data('is_conversion_in_progress'), { inProgress: 0 });
        const { versions } = await whm.data<{ versions: { vhost: string; php_fpm: number }[] }>('php_get_vhost_versions');
        assert.equal(versions.find((v) => v.vhost === account.domain)?.php_fpm, 1);
      });
      await ctx.step('backups for all users are off: the status is Done, listaccts shows backup 0', async () => {
        const { reason } = await whm.data<{ reason: { msg: string; perc: number; running: number } }>('backup_skip_users_all_status');
        assert.deepEqual(reason, { msg: 'Done', perc: 100, running: 0 });
        const [row] = await whm.listAccounts({ search: account.user, searchtype: 'user', searchmethod: 'exact' });
        assert.equal(Number((row as unknown as Rec).backup), 0);
      });
      await ctx.step('the profile activation is DONE and the profile is active', async () => {
        const monitor = await whm.data<{ job_in_progress?: Rec; last_job_details?: Rec }>('remote_mysql_monitor_profile_activation');
        assert.equal(monitor.job_in_progress, undefined);
        assert.equal(monitor.last_job_details?.profile_name, profile);
        assert.equal(monitor.last_job_details?.status, 'DONE');
        const one = await whm.data<{ profile_details: Rec }>('remote_mysql_read_profile', { name: profile });
        assert.equal(Number(one.profile_details.active), 1);
      });
      await ctx.step('a new job of each kind may start once the last has ended', async () => {
        await whm.data('background_mysql_upgrade_checker_run');
        await whm.call('backup_skip_users_all', { backupversion: 'backup', state: 1 });
      });
    },
  }),
  defineScenario({
    id: 'whm/cpmove-restore',
    panel: 'whm',
    title:
      'start_local_cpmove_restore restores an account from the cpmove archive pkgacct made: a transfer session RUNNING, then COMPLETED, and listaccts shows the account',
    access: 'mutating',
    basis: 'emulator',
    skip: CLOCK,
    methods: [
      'createacct',
      'start_background_pkgacct',
      'get_pkgacct_session_state',
      'backup_set_list',
      'removeacct',
      'start_local_cpmove_restore',
      'get_transfer_session_state',
      'fetch_transfer_session_log',
      'listaccts',
    ],
    async run(ctx: ScenarioContext) {
      const whm = connect(ctx);
      const account = await newAccount(ctx, whm);
      await ctx.step('pkgacct archives the account, which is then removed', async () => {
        await archive(ctx, whm, account);
        await whm.removeAccount(account.user);
        assert.equal(await exists(whm, account.user), false);
      });
      await ctx.step('a cpmove path that names no archive is refused', () =>
        expectFailure(whm.call('start_local_cpmove_restore', { cpmovepath: '/home/cpmove-nosuchuser.tar.gz' }), /does not exist/),
      );
      const id = await ctx.step('start_local_cpmove_restore answers a transfer session that is RUNNING', async () => {
        const { transfer_session_id } = await whm.data<{ transfer_session_id: string }>('start_local_cpmove_restore', {
          cpmovepath: `/home/cpmove-${account.user}.tar.gz`,
        });
        assert.equal((await whm.data<{ state_name: string }>('get_transfer_session_state', { transfer_session_id })).state_name, 'RUNNING');
        assert.equal(await exists(whm, account.user), false, 'the account comes back only when its item is done');
        return transfer_session_id;
      });
      await ctx.step('after its time the session is COMPLETED, its log ends so, and the account is back', async () => {
        await ctx.emulator.advanceClock(ITEM_SECONDS + 1);
        assert.equal((await whm.data<{ state_name: string }>('get_transfer_session_state', { transfer_session_id: id })).state_name, 'COMPLETED');
        const { log } = await whm.data<{ log: string }>('fetch_transfer_session_log', { transfer_session_id: id, logfile: 'master.log' });
        assert.match(log.trim().split('\n').at(-1)!, /"action":"complete"/);
        const [row] = await whm.listAccounts({ search: account.user, searchtype: 'user', searchmethod: 'exact' });
        assert.equal(row?.domain, account.domain);
      });
    },
  }),
];
