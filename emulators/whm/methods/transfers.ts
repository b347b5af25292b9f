import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { whmReply } from '../envelope/reply.js';
import { faults } from '../faults.js';
import { isIpv4 } from '../ip.js';
import { TRANSFER_ACCOUNT_MODULES } from '../store/account-restore.js';
import { latestBackup } from '../store/backups.js';
import { usernameProblem } from '../validate.js';
import { isDomain } from '../store/domain-names.js';
import {
  abortJob,
  addJobItem,
  checkRoom,
  createJob,
  getJob,
  jobData,
  jobItems,
  jobPid,
  MAX_JOB_ITEMS,
  runJob,
  sessionId,
  setJobState,
  visibleState,
  itemInProgress,
  type JobRow,
} from '../store/operations.js';
import { readList, sshKeysList } from '../store/stored-settings.js';

/*
 * Transfer sessions (seed 004, "Transfers / cPanel Account Transfer" and
 * "Transfer Monitoring"): created PENDING, filled with enqueue_transfer_item,
 * RUNNING from start_transfer_session, each item taking its time on the
 * world clock (store/operations.ts) and creating the account it names when
 * done; pause and abort as the transfer system allows them
 * (Whostmgr::Transfers::Session can_change_state, asmrdevelop/cpanel).
 * The remote server is not emulated (inferred): any credential is
 * accepted, and an account item must give the domain mockpanel creates it on.
 */

interface TransferData {
  host: string;
  user: string;
  initiator: string;
}

/** The transfer modules (seed 004, available_transfer_modules). */
const MODULES = ['AccountLocal', 'AccountRemoteRoot', 'AccountRemoteUser', 'FeatureListRemoteRoot', 'LegacyAccountBackup', 'PackageRemoteRoot'];

/** Parameters an account item keeps (the AccountBase schema's keys the reference documents, seed 004 enqueue_transfer_item). */
const ITEM_PARAMS = ['user', 'localuser', 'domain', 'customip', 'detected_remote_user', 'force', 'ip', 'reseller', 'skipaccount', 'replaceip', 'size'];

const MAX_VALUE = 255;

function session(call: WhmCall): JobRow {
  const id = call.required('transfer_session_id');
  if (!/^[0-9A-Za-z_]+$/.test(id)) throw faults.transferSessionIdInvalid(id.slice(0, 100));
  const job = getJob(call.db, id, 'transfer');
  if (!job) throw faults.noSuchTransferSession(id);
  return job;
}

function remoteHost(call: WhmCall): string {
  const host = call.required('host');
  if (host.length > MAX_VALUE || !(isIpv4(host) || isDomain(host))) throw faults.invalidParameter('host', host.slice(0, 100), 'a hostname or an IP address');
  return host;
}

const quoted = (s: string) => `\u201c${s}\u201d`;

function create_remote_root_transfer_session(call: WhmCall): unknown {
  const host = remoteHost(call);
  const user = call.required('user');
  const transport = call.strOr('comm_transport', 'ssh');
  if (!['ssh', 'whostmgr', 'whostmgr_insecure'].includes(transport))
    throw faults.invalidParameter('comm_transport', transport.slice(0, 100), 'ssh, whostmgr or whostmgr_insecure');
  const escalation = call.str('root_escalation_method');
  if (escalation && !['su', 'sudo'].includes(escalation)) throw faults.invalidParameter('root_escalation_method', escalation.slice(0, 100), 'su or sudo');
  for (const name of ['transfer_threads', 'restore_threads']) {
    const n = call.int(name);
    if (n !== undefined && n < 1) throw faults.invalidParameter(name, n, 'a whole number of at least 1');
  }
  const port = call.int('port', 22)!;
  if (port < 1 || port > 65535) throw faults.invalidParameter('port', port, 'a port number from 1 to 65535');
  const key = call.str('sshkey_name');
  if (key) {
    // "SSH keys are available in WHM's Manage root's SSH Keys interface" (seed 004): the key must be one of root's.
    if (!readList<{ file: string }[]>(call.db, sshKeysList('root'), []).some((k) => k.file === key)) throw faults.noSuchSshKey(key);
  } else if (!call.str('password')) {
    throw faults.transferNeedsCredential();
  }
  checkRoom(call.db, 'job');
  const id = sessionId(host, 'copyacct', call.now());
  createJob(call.db, { id, kind: 'transfer', state: 'PENDING', created: call.now(), data: { host, user, initiator: 'copyacct' } satisfies TransferData });
  const fetching = `Fetching information from remote host: ${quoted(host)} \u2026 \u2026\nDone\n`;
  return {
    analyze_rawout: fetching,
    create_rawout: `Basic credential check \u2026 \u2026\nDone\n${fetching}Fetching WHM Version \u2026\nDone\n`,
    transfer_session_id: id,
  };
}

function create_remote_user_transfer_session(call: WhmCall): unknown {
  const host = remoteHost(call);
  call.required('password');
  if (call.str('unrestricted_restore') !== '1') throw faults.unrestrictedRestoreRequired();
  checkRoom(call.db, 'job');
  const id = sessionId(host, 'norootcopy', call.now());
  createJob(call.db, { id, kind: 'transfer', state: 'PENDING', created: call.now(), data: { host, user: '', initiator: 'norootcopy' } satisfies TransferData });
  return { transfer_session_id: id };
}

function enqueue_transfer_item(call: WhmCall): unknown {
  const module = call.required('module');
  if (!MODULES.includes(module)) throw faults.noSuchTransferModule(module.slice(0, 100));
  const job = session(call);
  if (!['PENDING', 'RUNNING', 'PAUSED'].includes(job.state)) throw faults.transferSessionEnded(job.id, job.state);
  const user = call.required('user');
  const localuser = call.required('localuser');
  for (const [name, value] of [
    ['user', user],
    ['localuser', localuser],
  ]) {
    if (value.length > MAX_VALUE) throw faults.invalidParameter(name, `${value.slice(0, 40)}…`, `at most ${MAX_VALUE} characters`);
  }
  const items = jobItems(call.db, job.id);
  if (items.some((i) => i.key === `${module}:${user}`)) throw faults.transferItemExists('user', user, module);
  if (items.length >= MAX_JOB_ITEMS) throw faults.listFull(MAX_JOB_ITEMS, 'items in one transfer session');
  checkRoom(call.db, 'item');
  const data: Record<string, string> = { module };
  for (const name of ITEM_PARAMS) {
    const v = call.str(name);
    if (v !== undefined && v !== '') data[name] = v.slice(0, MAX_VALUE);
  }
  if (TRANSFER_ACCOUNT_MODULES.has(module)) {
    if (!data.domain) throw faults.transferNeedsDomain(module);
    if (!isDomain(data.domain)) throw faults.domainInvalid(data.domain);
    data.domain = data.domain.toLowerCase();
  }
  addJobItem(call.db, job.id, { key: `${module}:${user}`, user: localuser, data });
  return undefined;
}

function start_transfer_session(call: WhmCall): unknown {
  const job = session(call);
  // RUNNING may follow PENDING or PAUSED only (Whostmgr::Transfers::Session can_change_state).
  if (job.state !== 'PENDING' && job.state !== 'PAUSED') throw faults.transferStartFailed(job.id, `the session is ${visibleState(job)}.`);
  runJob(call.db, job.id, call.now());
  return { pid: jobPid(job.id) };
}

/** pkgacct's tarball or directory name, cpmove-USER[.tar.gz|.tar|.tgz] (seed 004, start_local_cpmove_restore `cpmovepath`: "You can use the pkgacct script"). */
const CPMOVE = /(?:^|\/)cpmove-([a-z0-9][a-z0-9_.-]{0,31}?)(?:\.tar\.gz|\.tgz|\.tar)?\/?$/;

/**
 * start_local_cpmove_restore: a transfer session of one AccountLocal item
 * that runs at once (the reference answers its transfer_session_id, which
 * the transfer reads take); the item restores the account from the archive
 * pkgacct made of the user the cpmove name gives (store/account-restore.ts).
 */
function start_local_cpmove_restore(call: WhmCall): unknown {
  const path = call.required('cpmovepath');
  const user = CPMOVE.exec(path)?.[1];
  if (!user || !latestBackup(call.db, user)) throw faults.noCpmoveArchive(path.slice(0, 200));
  const localuser = call.str('username') || user;
  const problem = usernameProblem(localuser);
  if (problem) throw faults.failure(problem);
  checkRoom(call.db, 'job');
  checkRoom(call.db, 'item');
  const id = sessionId(user, '', call.now());
  createJob(call.db, {
    id,
    kind: 'transfer',
    state: 'RUNNING',
    created: call.now(),
    cursor: call.now(),
    data: { host: 'localhost', user: 'root', initiator: 'start_local_cpmove_restore' } satisfies TransferData,
  });
  const overwrite = call.bool('overwrite') ? '1' : '0';
  addJobItem(call.db, id, {
    key: `AccountLocal:${user}`,
    user: localuser,
    data: { module: 'AccountLocal', user, localuser, cpmove: user, cpmovepath: path.slice(0, MAX_VALUE), overwrite },
  });
  return { transfer_session_id: id };
}

function get_transfer_session_state(call: WhmCall): unknown {
  return { state_name: visibleState(session(call)) };
}

function pause_transfer_session(call: WhmCall): unknown {
  const job = session(call);
  // PAUSING follows RUNNING only; the item in progress finishes first (Whostmgr::Transfers::Session start_pause).
  if (job.state !== 'RUNNING') throw faults.transferStateChangeFailed('pause');
  if (job.pause_at === null) setJobState(call.db, job.id, 'RUNNING', { pause_at: call.now() });
  // The sample's own reason (seed 004, pause_transfer_session).
  return whmReply({ reason: 'OK.' });
}

function abort_transfer_session(call: WhmCall): unknown {
  const job = session(call);
  if (job.state === 'PENDING') {
    // A session that is not running is marked failed (Whostmgr::Transfers::Session start_abort).
    setJobState(call.db, job.id, 'FAILED', { ended: call.now() });
  } else if (job.state === 'RUNNING' || job.state === 'PAUSED') {
    abortJob(call.db, job, call.now());
  } else {
    throw faults.transferStateChangeFailed('abort');
  }
  return undefined;
}

/** One line of a transfer log, in the transfer system's JSON-lines form (seed 004, fetch_transfer_session_log). */
function logLine(pid: number, type: string, contents: unknown): string {
  return JSON.stringify({ contents, pid, type, indent: 0, partial: 0 });
}

function fetch_transfer_session_log(call: WhmCall): unknown {
  const job = session(call);
  const logfile = call.required('logfile');
  if (logfile !== 'master.log' && logfile !== 'master.error_log') throw faults.noSuchLogFile(logfile.slice(0, 100));
  const errorsOnly = logfile === 'master.error_log';
  const pid = jobPid(job.id);
  const { initiator } = jobData<TransferData>(job);
  const lines: string[] = [];
  const items = jobItems(call.db, job.id);
  const started = items.find((i) => i.started !== null)?.started ?? job.cursor;
  if (job.state === 'PENDING' || started === null) return { log: '' };
  if (!errorsOnly) {
    lines.push(logLine(pid, 'control', { action: 'start', time: started, child_number: 0 }));
    lines.push(logLine(pid, 'control', { time: started, action: 'initiator', child_number: 0, msg: initiator }));
  }
  const current = itemInProgress(call.db, job);
  for (const item of items) {
    const { module, user } = JSON.parse(item.data) as Record<string, string>;
    const done = item.state !== 'PENDING';
    if (!done && current?.item.seq !== item.seq) continue;
    if (!errorsOnly) lines.push(logLine(pid, 'out', `${module}: transferring ${quoted(user)} to the local account ${quoted(item.user)} \u2026\n`));
    if (item.state === 'FAILED') lines.push(logLine(pid, 'error', `${module}: ${item.message}\n`));
    else if (item.state === 'ABORTED') lines.push(logLine(pid, 'error', `${module}: ${quoted(item.user)} was aborted.\n`));
    else if (done && !errorsOnly) lines.push(logLine(pid, 'out', `${module}: ${quoted(item.user)} done.\n`));
  }
  const end = { COMPLETED: 'complete', ABORTED: 'abort', FAILED: 'fail' }[job.state as string];
  if (end && !errorsOnly) lines.push(logLine(pid, 'control', { action: end, time: job.ended, child_number: 0 }));
  return { log: lines.length ? `${lines.join('\n')}\n` : '' };
}

export const transferMethods = defineMethods<WhmCall>({
  start_local_cpmove_restore: { acl: 'root', run: start_local_cpmove_restore },
  create_remote_root_transfer_session: { acl: 'root', run: create_remote_root_transfer_session },
  create_remote_user_transfer_session: { acl: 'root', run: create_remote_user_transfer_session },
  enqueue_transfer_item: { acl: 'root', run: enqueue_transfer_item },
  start_transfer_session: { acl: 'root', run: start_transfer_session },
  get_transfer_session_state: { acl: 'root', run: get_transfer_session_state },
  pause_transfer_session: { acl: 'root', run: pause_transfer_session },
  abort_transfer_session: { acl: 'root', run: abort_transfer_session },
  fetch_transfer_session_log: { acl: 'root', run: fetch_transfer_session_log },
});
