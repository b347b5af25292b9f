import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { sampleReply } from '../sample.js';
import { getAccount } from '../store/accounts.js';
import {
  backgroundJob,
  backgroundJobs,
  nextBackgroundId,
  runningBackgroundJob,
  startBackgroundJob,
  type BackgroundJob,
  type BackgroundStep,
} from '../store/background-jobs.js';
import { getDomain, domainsWithAccounts } from '../store/domains.js';
import { familyItems } from '../store/family-state.js';
import { mailboxesOf } from '../store/mail-mysql.js';
import { getPackage } from '../store/packages.js';
import { condensedTime, jobPid } from '../store/operations.js';
import { mainIp } from '../store/server.js';
import { usernameProblem } from '../validate.js';

/*
 * The tier-3 functions that start a background job and the documented
 * reads that report it (seed 004): MySQL upgrades, addon-domain
 * conversions, remote MySQL profile activation, package-manager builds,
 * the PHP-FPM conversion and the backup switch for every user. Each
 * starter creates a job of its family (store/background-jobs.ts) that runs
 * its steps on the world clock, 5 s a step (inferred); its reads compute
 * state and log from the clock. Where the reference shows only a finished
 * job, the in-progress wording is inferred and says so.
 */

const running = (job: BackgroundJob) => job.state === 'RUNNING';

/*
 * A second start while one runs is refused where the family's reads have
 * room for one job only (is_conversion_in_progress, backup_skip_users_all_status,
 * remote_mysql_monitor_profile_activation's job_in_progress, a server's one
 * MySQL upgrade); builds and conversions are read by their own IDs, so
 * several may run (inferred: the reference words no such refusal).
 */
const begun = (job: BackgroundJob) => job.steps.filter((s) => s.started !== null);

function refuseWhileRunning(call: WhmCall, family: string, what: string): void {
  if (runningBackgroundJob(call.db, family)) throw faults.backgroundJobRunning(what);
}

// --- MySQL / MariaDB upgrades (seed 004, "Databases / Manage MySQL Server") ---

const MYSQL = 'mysql_upgrade';
/** The table checker's runs: a family of their own (a check does not hold up an upgrade; inferred), read by the same status function. */
const MYSQL_CHECK = 'mysql_upgrade_check';

/** MariaDB numbers its versions from 10 (seed 004's log sample: "Beginning MariaDB 10.0 upgrade"); MySQL's are 5.x and 8.x. */
const product = (version: string) => (Number(version) >= 10 && Number(version) < 11.9 ? 'MariaDB' : 'MySQL');

/** `mysql_upgrade.YYYYMMDD-HHMMSS`, the log's name under /var/cpanel/logs (seed 004, background_mysql_upgrade_status `upgrade_id`). */
const upgradeId = (now: number) => `${MYSQL}.${condensedTime(now).slice(0, 8)}-${condensedTime(now).slice(8)}`;

function mysqlSteps(name: string, version: string, check: boolean): BackgroundStep[] {
  if (check) return [{ name: `Checking ${name} tables for upgrade` }, { name: `Done checking ${name} tables.` }];
  return [
    { name: `Ensuring the ${name} ${version} repository is available and working.` },
    { name: `Ensuring that the ${name} ${version} packages are available.` },
    { name: `Installing the ${name} ${version} packages.` },
    { name: 'Restarting mysql service.' },
  ];
}

function startMysqlJob(call: WhmCall, version: string, check: boolean): BackgroundJob {
  const family = check ? MYSQL_CHECK : MYSQL;
  refuseWhileRunning(call, family, check ? 'MySQL table check' : 'MySQL upgrade');
  const name = product(version);
  return startBackgroundJob(call.db, family, upgradeId(call.now()), call.now(), mysqlSteps(name, version, check), { product: name, version });
}

function start_background_mysql_upgrade(call: WhmCall): unknown {
  const version = call.required('version');
  // "Must contain one decimal" (seed 004, start_background_mysql_upgrade `version`).
  if (!/^\d{1,2}\.\d{1,2}$/.test(version)) throw faults.invalidParameter('version', version.slice(0, 100), 'a version number with one decimal point');
  return { upgrade_id: startMysqlJob(call, version, false).id };
}

/** Runs mysql_upgrade's table check as a background job readable like an upgrade (inferred from its `log_entry`, an upgrade_id). */
function background_mysql_upgrade_checker_run(call: WhmCall): unknown {
  const job = startMysqlJob(call, '', true);
  return { log_entry: job.id, pid: jobPid(`${MYSQL_CHECK}:${job.id}`) };
}

/**
 * The upgrade's log so far and its state: `success` once every step has
 * run (the sample's), `inprogress` before and `failed` if a step failed
 * (inferred: the reference shows only `success`).
 */
function background_mysql_upgrade_status(call: WhmCall): unknown {
  const id = call.required('upgrade_id');
  const job = backgroundJob(call.db, MYSQL, id) ?? backgroundJob(call.db, MYSQL_CHECK, id);
  if (!job) throw faults.noSuchBackgroundJob('MySQL upgrade', id.slice(0, 100));
  const { product: name, version } = job.values;
  const lines = [`Starting process with log file at /var/cpanel/logs/${job.id}/unattended_background_upgrade.log`];
  if (version) lines.push(`Beginning ${name} ${version} upgrade...`);
  for (const step of begun(job)) if (step.status === 'DONE') lines.push(step.name);
  if (job.state === 'COMPLETED') lines.push(version ? `${name} upgrade completed successfully` : `${name} table check completed successfully`);
  const failed = job.steps.find((s) => s.status === 'FAILED');
  return {
    error: failed ? 1 : 0,
    error_log: failed ? `${failed.message}\n` : '',
    log: `${lines.join('\n')}\n`,
    state: job.state === 'COMPLETED' ? 'success' : job.state === 'FAILED' ? 'failed' : 'inprogress',
  };
}

// --- Addon domain conversion (seed 004, "Accounts / Domain Information") ---

const CONVERSION = 'convert_addon';

/** Step status as the conversion reads show it: DONE (the sample's), INPROGRESS and FAILED (inferred, remote_mysql_monitor_profile_activation's words). */
const conversionStatus = (status: string) => (status === 'RUNNING' || status === 'PENDING' ? 'INPROGRESS' : status === 'DONE' ? 'DONE' : 'FAILED');
const jobStatus = (job: BackgroundJob) => (running(job) ? 'INPROGRESS' : job.state === 'COMPLETED' ? 'DONE' : 'FAILED');

/** The conversion's steps, some of the sample's (convert_addon_fetch_conversion_details); the account appears at "Creating new cPanel account". */
function conversionSteps(values: Record<string, string>): BackgroundStep[] {
  return [
    { name: 'Saving email forwarder data' },
    { name: 'Saving custom DNS records' },
    { name: 'Removing Addon Domain' },
    { name: 'Creating new cPanel account', effect: { effect: 'convert_addon', args: values } },
    { name: 'Restoring custom DNS records' },
    { name: 'Copying document root content' },
    { name: 'Copying email accounts' },
  ];
}

function convert_addon_initiate_conversion(call: WhmCall): unknown {
  const domain = call.required('domain').toLowerCase();
  const username = call.required('username');
  const addon = getDomain(call.db, domain);
  if (!addon || addon.type !== 'addon') throw faults.noSuchDomain(domain.slice(0, 255));
  const problem = usernameProblem(username);
  if (problem) throw faults.failure(problem);
  if (getAccount(call.db, username)) throw faults.userExists(username);
  const pkgname = call.str('pkgname') || 'default';
  if (pkgname !== 'default' && !getPackage(call.db, pkgname)) throw faults.noSuchPackage(pkgname.slice(0, 100));
  // One conversion of a domain at a time (inferred).
  if (backgroundJobs(call.db, CONVERSION).some((job) => running(job) && job.values.domain === domain))
    throw faults.backgroundJobRunning(`conversion of ${domain}`);
  const values = { domain, username, pkgname, source: addon.user };
  startBackgroundJob(call.db, CONVERSION, String(nextBackgroundId(call.db, CONVERSION, 1)), call.now(), conversionSteps(values), values);
  // The reference's answer has an empty `data`; the job's ID is in convert_addon_list_conversions.
  return {};
}

function conversionJob(call: WhmCall, id: string): BackgroundJob {
  const job = backgroundJob(call.db, CONVERSION, id);
  if (!job) throw faults.noSuchBackgroundJob('conversion job', id.slice(0, 100));
  return job;
}

function convert_addon_list_conversions(call: WhmCall): unknown {
  return {
    conversions: backgroundJobs(call.db, CONVERSION).map((job) => ({
      domain: job.values.domain,
      end_time: job.ended,
      job_id: Number(job.id),
      source_acct: job.values.source,
      start_time: job.started,
      status: jobStatus(job),
      target_acct: job.values.username,
    })),
  };
}

/** One entry per `job_id` (job_id-1, job_id-2… for several; seed 004), keyed by the ID. */
function convert_addon_get_conversion_status(call: WhmCall): unknown {
  const ids = call.list('job_id');
  if (!ids.length) throw faults.missingParameter('job_id');
  return Object.fromEntries(
    ids.slice(0, 100).map((id) => {
      const job = conversionJob(call, id);
      return [job.id, { job_end_time: job.ended, job_id: job.id, job_status: jobStatus(job), source_acct: job.values.source }];
    }),
  );
}

/** The job with the steps begun so far (inferred: a step is listed once it starts, as the sample lists only finished ones). */
function convert_addon_fetch_conversion_details(call: WhmCall): unknown {
  const job = conversionJob(call, call.required('job_id'));
  return {
    domain: job.values.domain,
    job_end_time: job.ended,
    job_id: Number(job.id),
    job_start_time: job.started,
    job_status: jobStatus(job),
    source_acct: job.values.source,
    steps: begun(job).map((s) => ({ end_time: s.ended, start_time: s.started, status: conversionStatus(s.status), step_name: s.name, warnings: s.message })),
    target_acct: job.values.username,
  };
}

/** Every addon domain on the server (the world's domains store), keyed by name; `owner` is the account's owner, root in the sample. */
function convert_addon_list_addon_domains(call: WhmCall): unknown {
  const addons = domainsWithAccounts(call.db).filter((d) => d.d_type === 'addon');
  return Object.fromEntries(addons.map((d) => [d.d_domain, { docroot: d.d_docroot, domain_type: 'addon', ip: d.ip, owner: d.owner, subdomain: d.d_parent }]));
}

/** The addon domain's facts: its mailboxes counted; forwarders and autoresponders 0 and no certificate (inferred: mockpanel keeps none of those per addon domain). */
function convert_addon_fetch_domain_details(call: WhmCall): unknown {
  const domain = call.required('domain').toLowerCase();
  const d = getDomain(call.db, domain);
  if (!d || d.type !== 'addon') throw faults.noSuchDomain(domain.slice(0, 255));
  const account = getAccount(call.db, d.user);
  const ip = account?.ip ?? mainIp(call.db);
  return {
    docroot: d.docroot,
    has_dedicated_ip: ip === mainIp(call.db) ? 0 : 1,
    has_ssl_cert_installed: 0,
    ip,
    // As is_sni_supported answers (its sample: sni 1).
    is_sni_supported: 1,
    number_of_autoresponders: 0,
    number_of_domain_forwarders: 0,
    number_of_email_accounts: mailboxesOf(call.db, d.user).filter((email) => email.endsWith(`@${domain}`)).length,
    number_of_email_forwarders: 0,
    owner: d.user,
  };
}

// --- Remote MySQL profile activation (seed 004, "Databases / Remote MySQL Databases") ---

const ACTIVATION = 'remote_mysql_activation';

function remote_mysql_initiate_profile_activation(call: WhmCall): unknown {
  const name = call.required('name');
  // The profiles are the remote_mysql_profile family's items (families/collection.ts).
  if (!familyItems(call.db, 'remote_mysql_profile').some((item) => item.ids.name === name))
    throw faults.noSuchFamilyItem('remote MySQL profile', name.slice(0, 100));
  refuseWhileRunning(call, ACTIVATION, 'profile activation');
  const steps: BackgroundStep[] = [
    { name: 'Updating /root/.my.cnf' },
    { name: 'Updating the MySQL configuration' },
    { name: 'Activating the profile', effect: { effect: 'activate_remote_mysql_profile', args: { name } } },
  ];
  const job = startBackgroundJob(call.db, ACTIVATION, String(nextBackgroundId(call.db, ACTIVATION, 1000)), call.now(), steps, { name });
  // The sample's value (8093) is the activation process's ID; here a number per job (inferred).
  return { activation_job_started: Number(job.id) };
}

function activationRecord(job: BackgroundJob): Record<string, unknown> {
  const steps = begun(job).map((s) => ({ end_time: s.ended, name: s.name, start_time: s.started, status: conversionStatus(s.status) }));
  return { profile_name: job.values.name, start_time: job.started, status: jobStatus(job), steps };
}

/** The job under way and the last one that ended; either is left out when there is none (inferred). */
function remote_mysql_monitor_profile_activation(call: WhmCall): unknown {
  const jobs = backgroundJobs(call.db, ACTIVATION);
  const current = jobs.find(running);
  const last = jobs.filter((job) => !running(job)).at(-1);
  return {
    ...(current ? { job_in_progress: activationRecord(current) } : {}),
    ...(last ? { last_job_details: { end_time: last.ended, ...activationRecord(last) } } : {}),
  };
}

// --- Package manager builds (seed 004, "System Package Management") ---

const BUILD = 'package_build';
const MAX_BUILD_PACKAGES = 50;

function package_manager_submit_actions(call: WhmCall): unknown {
  const actions = { install: call.list('install'), uninstall: call.list('uninstall'), upgrade: call.list('upgrade') };
  const words = { install: 'Installing', uninstall: 'Removing', upgrade: 'Upgrading' } as const;
  const steps = (Object.keys(actions) as (keyof typeof actions)[]).flatMap((k) => actions[k].map((pkg) => ({ name: `${words[k]} ${pkg.slice(0, 200)}` })));
  // inferred: a build with nothing to do is refused as a missing parameter.
  if (!steps.length) throw faults.missingParameter('install');
  if (steps.length > MAX_BUILD_PACKAGES) throw faults.listFull(MAX_BUILD_PACKAGES, 'packages in one build');
  const job = startBackgroundJob(call.db, BUILD, String(nextBackgroundId(call.db, BUILD, 1000)), call.now(), steps);
  return { build: Number(job.id) };
}

/** An upgrade of every installed package as a build, read like package_manager_submit_actions' (seed 004: both answer `build`). */
function package_manager_upgrade(call: WhmCall): unknown {
  const steps = [{ name: 'Upgrading every installed package' }, { name: 'Cleaning the package cache' }];
  return { build: Number(startBackgroundJob(call.db, BUILD, String(nextBackgroundId(call.db, BUILD, 1000)), call.now(), steps).id) };
}

/** Whether the build still runs; a build that no job has is not running (inferred: the real checks its process). */
function package_manager_is_performing_actions(call: WhmCall): unknown {
  const job = backgroundJob(call.db, BUILD, call.required('build'));
  return { active: job && running(job) ? 1 : 0 };
}

/** The build log from byte `offset` on, and the offset to ask from next (seed 004, package_manager_get_build_log). */
function package_manager_get_build_log(call: WhmCall): unknown {
  const id = call.required('build');
  const job = backgroundJob(call.db, BUILD, id);
  if (!job) throw faults.noSuchBackgroundJob('build', id.slice(0, 100));
  const lines = ['Resolving the package actions…', ...begun(job).map((s) => (s.status === 'DONE' ? `${s.name}: done` : `${s.name}…`))];
  if (!running(job)) lines.push(job.state === 'COMPLETED' ? 'Build complete.' : 'Build failed.');
  const log = Buffer.from(`${lines.join('\n')}\n`);
  const offset = Math.min(Math.max(0, call.int('offset') ?? 0), log.length);
  const content = log.subarray(offset).toString().split('\n').slice(0, -1);
  return { content, offset: log.length, still_running: running(job) ? 1 : 0 };
}

// --- PHP-FPM conversion (seed 004, "Web Server Configuration / PHP-FPM") ---

const FPM = 'fpm_conversion';

/** build_id is the start time, as the sample's (1493645268) reads (inferred). */
function convert_all_domains_to_fpm(call: WhmCall): unknown {
  refuseWhileRunning(call, FPM, 'PHP-FPM conversion');
  const steps: BackgroundStep[] = [
    { name: 'Converting every domain to PHP-FPM', effect: { effect: 'convert_all_to_fpm' } },
    { name: 'Rebuilding the web server configuration' },
    { name: 'Restarting the web server' },
  ];
  return { build_id: Number(startBackgroundJob(call.db, FPM, String(call.now()), call.now(), steps).id) };
}

function is_conversion_in_progress(call: WhmCall): unknown {
  return { inProgress: runningBackgroundJob(call.db, FPM) ? 1 : 0 };
}

// --- Backups on or off for every user (seed 004, "Backups / Backup Settings") ---

const BACKUP_ALL = 'backup_skip_users_all';

function backup_skip_users_all(call: WhmCall): unknown {
  const backupversion = call.required('backupversion');
  if (backupversion !== 'backup' && backupversion !== 'legacy')
    throw faults.invalidParameter('backupversion', backupversion.slice(0, 100), '“backup” or “legacy”');
  const state = call.required('state');
  if (state !== '0' && state !== '1') throw faults.invalidParameter('state', state.slice(0, 100), '0 or 1');
  refuseWhileRunning(call, BACKUP_ALL, 'backup configuration update');
  const steps: BackgroundStep[] = [
    { name: 'Reading the account list' },
    { name: 'Updating each user’s backup configuration', effect: { effect: 'backup_all_users', args: { backupversion, state } } },
  ];
  startBackgroundJob(call.db, BACKUP_ALL, String(nextBackgroundId(call.db, BACKUP_ALL, 1)), call.now(), steps, { backupversion, state });
  // The sample's reason, "Configuration update process started", and no data.
  return sampleReply(call);
}

/** The last update's progress: `Done` at 100 % (the sample's); while it runs, the share of steps done (inferred wording "Running"). */
function backup_skip_users_all_status(call: WhmCall): unknown {
  const job = backgroundJobs(call.db, BACKUP_ALL).at(-1);
  const done = job ? job.steps.filter((s) => s.status === 'DONE').length : 0;
  const perc = job ? Math.round((done / job.steps.length) * 100) : 100;
  const msg = !job || job.state === 'COMPLETED' ? 'Done' : running(job) ? 'Running' : 'Failed';
  return sampleReply(call, { reason: { msg, perc, running: job && running(job) ? 1 : 0 } });
}

export const backgroundJobMethods = defineMethods<WhmCall>({
  start_background_mysql_upgrade: { acl: 'root', run: start_background_mysql_upgrade },
  background_mysql_upgrade_checker_run: { acl: 'root', run: background_mysql_upgrade_checker_run },
  background_mysql_upgrade_status: { acl: 'root', run: background_mysql_upgrade_status },
  convert_addon_initiate_conversion: { acl: 'root', run: convert_addon_initiate_conversion },
  convert_addon_list_conversions: { acl: 'root', run: convert_addon_list_conversions },
  convert_addon_get_conversion_status: { acl: 'root', run: convert_addon_get_conversion_status },
  convert_addon_fetch_conversion_details: { acl: 'root', run: convert_addon_fetch_conversion_details },
  convert_addon_list_addon_domains: { acl: 'root', run: convert_addon_list_addon_domains },
  convert_addon_fetch_domain_details: { acl: 'root', run: convert_addon_fetch_domain_details },
  remote_mysql_initiate_profile_activation: { acl: 'root', run: remote_mysql_initiate_profile_activation },
  remote_mysql_monitor_profile_activation: { acl: 'root', run: remote_mysql_monitor_profile_activation },
  package_manager_submit_actions: { acl: 'root', run: package_manager_submit_actions },
  package_manager_upgrade: { acl: 'root', run: package_manager_upgrade },
  package_manager_is_performing_actions: { acl: 'root', run: package_manager_is_performing_actions },
  package_manager_get_build_log: { acl: 'root', run: package_manager_get_build_log },
  convert_all_domains_to_fpm: { acl: 'root', run: convert_all_domains_to_fpm },
  is_conversion_in_progress: { acl: 'root', run: is_conversion_in_progress },
  backup_skip_users_all: { acl: 'root', run: backup_skip_users_all },
  backup_skip_users_all_status: { acl: 'root', run: backup_skip_users_all_status },
});
