import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { whmReply } from '../envelope/reply.js';
import { faults } from '../faults.js';
import { accountMethods } from './accounts.js';
import { applyArchive } from '../store/account-restore.js';
import { getDestination } from '../store/backup-destinations.js';
import { archivedAccount, getBackup, latestBackup } from '../store/backups.js';
import { getAccount } from '../store/accounts.js';
import {
  addJobItem,
  checkRoom,
  condensedTime,
  createJob,
  deleteJobItem,
  deleteJobItems,
  getJob,
  itemInProgress,
  jobItems,
  jobPid,
  MAX_JOB_ITEMS,
  randomAlnum,
  runJob,
  setJobState,
  type JobItemRow,
  type JobRow,
} from '../store/operations.js';

/*
 * The restore queue (seed 004, "Account Restoration"): tasks wait PENDING
 * until restore_queue_activate, then run one after another on the world
 * clock (store/operations.ts); a finished task has put the account back
 * from its archive (store/backups.ts). The queue is one job, `restore-queue`.
 */

const QUEUE = 'restore-queue';

interface TaskData {
  queue_id: string;
  restore_point: string;
  options: { destid: string; give_ip: number; mail_config: number; mysql: number; subdomains: number };
}

/** The queue's job; the first task added makes it (a read finds none and sees an empty, inactive queue). */
function queue(call: WhmCall, create = false): JobRow | undefined {
  const job = getJob(call.db, QUEUE, 'restore');
  if (job || !create) return job;
  createJob(call.db, { id: QUEUE, kind: 'restore', state: 'COMPLETED', created: call.now() });
  return getJob(call.db, QUEUE);
}

const isActive = (call: WhmCall) => (queue(call)?.state === 'RUNNING' ? 1 : 0);

const taskData = (item: JobItemRow) => JSON.parse(item.data) as TaskData;

/** A task as the queue lists it (seed 004, restore_queue_list_pending); the queue state's lists leave out `destid`. */
function job(item: JobItemRow, withDest = true): Record<string, unknown> {
  const { options, restore_point } = taskData(item);
  const { destid, ...rest } = options;
  return { options: withDest ? { destid, ...rest } : rest, restore_point, user: item.user };
}

/** The queue's tasks by where they stand: the one running, those waiting, those finished. */
function tasks(call: WhmCall): { active: JobItemRow[]; pending: JobItemRow[]; finished: JobItemRow[] } {
  const q = queue(call);
  const running = q && itemInProgress(call.db, q)?.item.seq;
  const all = jobItems(call.db, QUEUE);
  return {
    active: all.filter((i) => i.seq === running),
    pending: all.filter((i) => i.state === 'PENDING' && i.seq !== running),
    finished: all.filter((i) => i.state !== 'PENDING'),
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

function restore_queue_add_task(call: WhmCall): unknown {
  const user = call.required('user');
  const point = call.required('restore_point');
  if (!ISO_DATE.test(point) || Number.isNaN(Date.parse(point))) throw faults.invalidRestorePoint(point.slice(0, 100));
  const destid = call.strOr('destid', 'local');
  if (destid !== 'local' && !getDestination(call.db, destid)) throw faults.noSuchDestination(destid.slice(0, 100));
  if (!getBackup(call.db, user, point.slice(0, 10))) throw faults.noBackupOn(user.slice(0, 100), point);
  const q = queue(call, true)!;
  const { active, pending } = tasks(call);
  if ([...active, ...pending].some((i) => i.user === user)) throw faults.restoreTaskQueued(user);
  if (jobItems(call.db, QUEUE).length >= MAX_JOB_ITEMS) throw faults.listFull(MAX_JOB_ITEMS, 'restore tasks; clear finished ones first');
  checkRoom(call.db, 'item');
  const flag = (name: string) => (call.bool(name) ? 1 : 0);
  const queueId = randomAlnum(15);
  const data: TaskData = {
    queue_id: queueId,
    restore_point: point,
    options: { destid, give_ip: flag('give_ip'), mail_config: flag('mail_config'), mysql: flag('mysql'), subdomains: flag('subdomains') },
  };
  addJobItem(call.db, QUEUE, { key: queueId, user, data });
  // A queue that has run dry waits for the next activation (inferred: tasks added while it runs join the run).
  if (q.state !== 'RUNNING') setJobState(call.db, QUEUE, 'PENDING');
  return { queue_id: queueId };
}

function restore_queue_activate(call: WhmCall): unknown {
  if (queue(call)?.state === 'PENDING') runJob(call.db, QUEUE, call.now());
  // The sample's own reason (seed 004, restore_queue_activate).
  return whmReply({ reason: 'Restore queue processing initiated' });
}

function restore_queue_is_active(call: WhmCall): unknown {
  return { is_active: isActive(call) };
}

function restore_queue_state(call: WhmCall): unknown {
  const t = tasks(call);
  return {
    active: t.active.map((i) => job(i, false)),
    completed: t.finished.map((i) => job(i, false)),
    is_active: isActive(call),
    pending: t.pending.map((i) => job(i, false)),
  };
}

function restore_queue_list_pending(call: WhmCall): unknown {
  return { restore_job: tasks(call).pending.map((i) => job(i)) };
}

function restore_queue_list_active(call: WhmCall): unknown {
  return { restore_job: tasks(call).active.map((i) => job(i)) };
}

/** A finished task with how it went (seed 004, restore_queue_list_completed; result 1 for success, 0 for failure, inferred beside the sample's 2 for warnings). */
function restore_queue_list_completed(call: WhmCall): unknown {
  return {
    restore_job: tasks(call).finished.map((i) => {
      const ok = i.state === 'COMPLETED';
      const status = ok ? 'success' : 'failed';
      return {
        restore_job: job(i),
        status_info: {
          altered_items: null,
          dangerous_items: null,
          finished: String(i.finished),
          log: status,
          restore_logfile: `item-RESTORE_AccountLocal_${i.user}`,
          result: ok ? 1 : 0,
          skipped_items: null,
          started: String(i.started),
          status: ok ? 1 : 0,
          statusmsg: ok ? status : i.message,
          transfer_session_id: `userbackup${condensedTime(i.started ?? 0)}${String(jobPid(i.key)).slice(-4)}`,
          warnings: null,
        },
      };
    }),
  };
}

function restore_queue_clear_pending_task(call: WhmCall): unknown {
  const user = call.required('user');
  const task = tasks(call).pending.find((i) => i.user === user);
  if (!task) throw faults.noPendingRestoreTask(user.slice(0, 100));
  deleteJobItem(call.db, QUEUE, task.seq);
  return undefined;
}

function restore_queue_clear_completed_task(call: WhmCall): unknown {
  const user = call.required('user');
  const start = call.int('start_time');
  const task = tasks(call).finished.find((i) => i.user === user && i.started === start);
  if (!task) throw faults.noCompletedRestoreTask(user.slice(0, 100), String(start));
  deleteJobItem(call.db, QUEUE, task.seq);
  return undefined;
}

function clearing(which: (t: ReturnType<typeof tasks>) => JobItemRow[]): (call: WhmCall) => unknown {
  return (call) => {
    for (const task of which(tasks(call))) deleteJobItem(call.db, QUEUE, task.seq);
    return undefined;
  };
}

function restore_queue_clear_all_tasks(call: WhmCall): unknown {
  deleteJobItems(call.db, QUEUE, ['PENDING', 'COMPLETED', 'FAILED', 'ABORTED']);
  return undefined;
}

/**
 * restoreaccount: puts the account back from its newest archive of the
 * type asked for, at once (the reference's sample answers the whole
 * restore log). mockpanel's archives are daily ones (store/backups.ts), so
 * weekly and monthly find none (inferred).
 */
function restoreaccount(call: WhmCall): unknown {
  const user = call.required('user');
  const type = call.required('type');
  if (!['daily', 'weekly', 'monthly'].includes(type)) throw faults.invalidParameter('type', type.slice(0, 100), 'daily, weekly or monthly');
  if (!['all', 'mail', 'subs', 'mysql'].some((p) => call.sent(p))) throw faults.restoreNeedsPart();
  const create = call.bool('all');
  const exists = getAccount(call.db, user);
  // "If you select this value and the account already exists, the function will fail" (seed 004, restoreaccount `all`).
  if (create && exists) throw faults.userExists(user);
  if (!create && !exists) throw faults.restoreNeedsAccount(user.slice(0, 100));
  const backup = type === 'daily' ? latestBackup(call.db, user) : undefined;
  if (!backup) throw faults.noBackupOfType(user.slice(0, 100), type);
  const archived = archivedAccount(backup);
  const failure = applyArchive(call.db, archived, call.now());
  if (failure) throw faults.failure(failure);
  const raw = [
    'Extracting tarball....Done<br />',
    `Restoring cpanel user config file for ${user} (backup of ${backup.date})Done<br />`,
    `Restoring Dns Zones<blockquote><pre>Restoring zone: ${archived.domain}.db\n</pre></blockquote>`,
    'Restoring quotaDone<br />',
    'Restore CompleteAccount Restore Complete',
  ].join('\n');
  return whmReply({ reason: 'OK', metadata: { output: { raw } } });
}

export const restoreMethods = defineMethods<WhmCall>({
  restore_queue_add_task: { acl: 'root', run: restore_queue_add_task },
  restore_queue_activate: { acl: 'root', run: restore_queue_activate },
  restore_queue_is_active: { acl: 'root', run: restore_queue_is_active },
  restore_queue_state: { acl: 'root', run: restore_queue_state },
  restore_queue_list_pending: { acl: 'root', run: restore_queue_list_pending },
  restore_queue_list_active: { acl: 'root', run: restore_queue_list_active },
  restore_queue_list_completed: { acl: 'root', run: restore_queue_list_completed },
  restore_queue_clear_pending_task: { acl: 'root', run: restore_queue_clear_pending_task },
  restore_queue_clear_completed_task: { acl: 'root', run: restore_queue_clear_completed_task },
  restore_queue_clear_all_pending_tasks: { acl: 'root', run: clearing((t) => t.pending) },
  restore_queue_clear_all_completed_tasks: { acl: 'root', run: clearing((t) => t.finished.filter((i) => i.state === 'COMPLETED')) },
  restore_queue_clear_all_failed_tasks: { acl: 'root', run: clearing((t) => t.finished.filter((i) => i.state !== 'COMPLETED')) },
  restore_queue_clear_all_tasks: { acl: 'root', run: restore_queue_clear_all_tasks },
  restoreaccount: { acl: 'root', run: restoreaccount },
  // The same check as verify_new_username: a name that breaks the username rules or that an account already has is refused.
  verify_new_username_for_restore: accountMethods.verify_new_username,
});
