import { createHash, randomBytes } from 'node:crypto';
import { prepare, type DB } from '../../../state/database.js';
import { faults } from '../faults.js';
import { makeArchive } from './backups.js';
import { createTransferredAccount, restoreFromBackup } from './account-restore.js';
import { backgroundEffect } from './background-effects.js';

/*
 * Operations that progress on the world clock: a transfer session, the
 * restore queue, a background pkgacct session. Each is a job whose items
 * run one after another, each for a fixed time (inferred: the reference
 * gives no durations; these stand for "it takes a while"). A job stores
 * when its next item starts (`cursor`); `settleJobs` runs before every WHM
 * call and applies each item whose time has passed (creates the account,
 * writes the archive), so every read sees the state the clock implies.
 *
 * Job states are the transfer system's session states (Whostmgr::Transfers::SessionBase
 * %SESSION_STATES, asmrdevelop/cpanel): PENDING, RUNNING, PAUSED, COMPLETED,
 * ABORTED, FAILED; PAUSING and ABORTING are RUNNING with a pause asked for
 * (Whostmgr::Transfers::Session can_change_state).
 *
 * A `background` job is the one generic kind for the tier-3 starters
 * (MySQL upgrades, addon conversions, package builds…; store/background-jobs.ts):
 * its items are the job's steps, and its effect (if any) rides on its last.
 */

export type JobKind = 'transfer' | 'restore' | 'pkgacct' | 'background';
export type JobState = 'PENDING' | 'RUNNING' | 'PAUSED' | 'COMPLETED' | 'ABORTED' | 'FAILED';
export type ItemState = 'PENDING' | 'COMPLETED' | 'FAILED' | 'ABORTED';

/** Seconds one item of each kind takes (inferred). */
export const ITEM_SECONDS: Record<JobKind, number> = { transfer: 30, restore: 30, pkgacct: 10, background: 5 };

/**
 * Most jobs a world keeps, most items in one job, and most items waiting
 * across all jobs: the work a call may find due (after a long clock jump)
 * stays bounded.
 */
export const MAX_JOBS = 200;
export const MAX_JOB_ITEMS = 100;
export const MAX_PENDING_ITEMS = 100;

export interface JobRow {
  id: string;
  kind: JobKind;
  state: JobState;
  created: number;
  cursor: number | null;
  pause_at: number | null;
  ended: number | null;
  data: string;
}

export interface JobItemRow {
  job: string;
  seq: number;
  key: string;
  user: string;
  state: ItemState;
  started: number | null;
  finished: number | null;
  message: string;
  data: string;
}

/** What applying an item does; a string is why it failed. */
type Effect = (db: DB, item: JobItemRow, at: number) => string | undefined;

const EFFECTS: Record<JobKind, Effect> = {
  pkgacct: (db, item, at) => makeArchive(db, item.user, at),
  restore: (db, item, at) => restoreFromBackup(db, item.user, (JSON.parse(item.data) as { restore_point: string }).restore_point, at),
  transfer: (db, item, at) => createTransferredAccount(db, JSON.parse(item.data) as Record<string, string>, at),
  background: (db, item, at) => backgroundEffect(db, JSON.parse(item.data) as Record<string, unknown>, at),
};

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `n` random letters and digits. */
export function randomAlnum(n: number): string {
  return [...randomBytes(n)].map((b) => ALNUM[b % ALNUM.length]).join('');
}

/** Cpanel::Time::time2condensedtime: YYYYMMDDhhmmss (the world clock, UTC). */
export function condensedTime(unix: number): string {
  return new Date(unix * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * A session ID as the transfer system and pkgacct make them: up to 15
 * characters of a template, up to 5 of the initiator, the condensed time,
 * then random characters up to 36 (Whostmgr::Transfers::Session
 * _generate_session_id, Whostmgr::Backup::Pkgacct _generate_session_id).
 */
export function sessionId(template: string, initiator: string, now: number): string {
  const head = (template.slice(0, 15) + initiator.slice(0, 5) + condensedTime(now)).replace(/[^0-9A-Za-z_]/g, '');
  return head + randomAlnum(Math.max(0, 36 - head.length));
}

/** A process ID for a job's answers (`pid`), the same every time it is asked (inferred: no process exists). */
export function jobPid(id: string): number {
  return 1000 + (createHash('sha256').update(id).digest().readUInt32BE(0) % 60000);
}

export function getJob(db: DB, id: string, kind?: JobKind): JobRow | undefined {
  const row = prepare<[string], JobRow>(db, 'SELECT * FROM whm_job WHERE id = ?').get(id);
  return row && (!kind || row.kind === kind) ? row : undefined;
}

/**
 * Makes room for one more job: at MAX_JOBS the oldest ended one goes (a
 * real server expires old session logs too; inferred). False when every
 * job is still pending, running or paused.
 */
function roomForJob(db: DB): boolean {
  if (prepare<[], { n: number }>(db, 'SELECT COUNT(*) AS n FROM whm_job').get()!.n < MAX_JOBS) return true;
  const oldest = prepare<[], { id: string }>(
    db,
    "SELECT id FROM whm_job WHERE state IN ('COMPLETED', 'FAILED', 'ABORTED') AND kind <> 'restore' ORDER BY ended, created LIMIT 1",
  ).get();
  if (!oldest) return false;
  prepare(db, 'DELETE FROM whm_job WHERE id = ?').run(oldest.id);
  return true;
}

export function createJob(db: DB, job: { id: string; kind: JobKind; state: JobState; created: number; cursor?: number; data?: unknown }): void {
  prepare(db, 'INSERT INTO whm_job (id, kind, state, created, cursor, data) VALUES (?, ?, ?, ?, ?, ?)').run(
    job.id,
    job.kind,
    job.state,
    job.created,
    job.cursor ?? null,
    JSON.stringify(job.data ?? {}),
  );
}

export function jobData<T>(job: JobRow): T {
  return JSON.parse(job.data) as T;
}

export function jobItems(db: DB, job: string): JobItemRow[] {
  return prepare<[string], JobItemRow>(db, 'SELECT * FROM whm_job_item WHERE job = ? ORDER BY seq').all(job);
}

/** Refuses a new job when every one kept is still under way (see roomForJob), and a new item when MAX_PENDING_ITEMS wait. */
export function checkRoom(db: DB, what: 'job' | 'item'): void {
  if (what === 'job' && !roomForJob(db)) throw faults.listFull(MAX_JOBS, 'transfer, restore, pkgacct and background jobs under way');
  const waiting = prepare<[], { n: number }>(db, "SELECT COUNT(*) AS n FROM whm_job_item WHERE state = 'PENDING'").get()!.n;
  if (waiting >= MAX_PENDING_ITEMS) throw faults.listFull(MAX_PENDING_ITEMS, 'waiting transfer, restore, pkgacct and background job items');
}

/** Appends an item to a job (PENDING until its turn comes). */
export function addJobItem(db: DB, job: string, item: { key: string; user: string; data?: unknown }): JobItemRow {
  const seq = (prepare<[string], { s: number | null }>(db, 'SELECT MAX(seq) AS s FROM whm_job_item WHERE job = ?').get(job)?.s ?? 0) + 1;
  prepare(db, "INSERT INTO whm_job_item (job, seq, key, user, state, data) VALUES (?, ?, ?, ?, 'PENDING', ?)").run(
    job,
    seq,
    item.key,
    item.user,
    JSON.stringify(item.data ?? {}),
  );
  return prepare<[string, number], JobItemRow>(db, 'SELECT * FROM whm_job_item WHERE job = ? AND seq = ?').get(job, seq)!;
}

export function deleteJobItems(db: DB, job: string, states: ItemState[]): number {
  const marks = states.map(() => '?').join(', ');
  return prepare(db, `DELETE FROM whm_job_item WHERE job = ? AND state IN (${marks})`).run(job, ...states).changes;
}

export function deleteJobItem(db: DB, job: string, seq: number): void {
  prepare(db, 'DELETE FROM whm_job_item WHERE job = ? AND seq = ?').run(job, seq);
}

export function setJobState(
  db: DB,
  id: string,
  state: JobState,
  changes: { cursor?: number | null; pause_at?: number | null; ended?: number | null } = {},
): void {
  const row = getJob(db, id)!;
  prepare(db, 'UPDATE whm_job SET state = ?, cursor = ?, pause_at = ?, ended = ? WHERE id = ?').run(
    state,
    changes.cursor !== undefined ? changes.cursor : row.cursor,
    changes.pause_at !== undefined ? changes.pause_at : row.pause_at,
    changes.ended !== undefined ? changes.ended : row.ended,
    id,
  );
}

function finishItem(db: DB, item: JobItemRow, state: ItemState, started: number, finished: number, message: string): void {
  prepare(db, 'UPDATE whm_job_item SET state = ?, started = ?, finished = ?, message = ? WHERE job = ? AND seq = ?').run(
    state,
    started,
    finished,
    message,
    item.job,
    item.seq,
  );
}

/** The item a running job is working on now (its first pending one), with when it started. */
export function itemInProgress(db: DB, job: JobRow): { item: JobItemRow; started: number } | undefined {
  if (job.state !== 'RUNNING' || job.cursor === null) return undefined;
  if (job.pause_at !== null && job.cursor > job.pause_at) return undefined;
  const item = prepare<[string], JobItemRow>(db, "SELECT * FROM whm_job_item WHERE job = ? AND state = 'PENDING' ORDER BY seq LIMIT 1").get(job.id);
  return item ? { item, started: job.cursor } : undefined;
}

/** The state a client sees: a running job with a pause asked for is PAUSING until its current item ends. */
export function visibleState(job: JobRow): string {
  return job.state === 'RUNNING' && job.pause_at !== null ? 'PAUSING' : job.state;
}

/**
 * Applies, in order, every item of every running job whose time has come
 * by `now`, and moves each job on: PAUSED once the item in progress when a
 * pause was asked for has ended, COMPLETED when no item is left.
 */
export function settleJobs(db: DB, now: number): void {
  // Only the running jobs whose current item's time is up (or that have none left) have anything to do.
  const due = prepare<[number, number, number, number, number], JobRow>(
    db,
    `SELECT * FROM whm_job WHERE state = 'RUNNING' AND (cursor + CASE kind WHEN 'pkgacct' THEN ? WHEN 'restore' THEN ? WHEN 'background' THEN ? ELSE ? END <= ?
       OR NOT EXISTS (SELECT 1 FROM whm_job_item i WHERE i.job = whm_job.id AND i.state = 'PENDING'))`,
  ).all(ITEM_SECONDS.pkgacct, ITEM_SECONDS.restore, ITEM_SECONDS.background, ITEM_SECONDS.transfer, now);
  for (const job of due) {
    const seconds = ITEM_SECONDS[job.kind];
    let cursor = job.cursor ?? now;
    let state: JobState = 'RUNNING';
    // At most the items whose time can have come, plus the one after them.
    const reach = Math.floor((now - cursor) / seconds) + 1;
    for (const item of prepare<[string, number], JobItemRow>(db, "SELECT * FROM whm_job_item WHERE job = ? AND state = 'PENDING' ORDER BY seq LIMIT ?").all(
      job.id,
      reach,
    )) {
      if (job.pause_at !== null && cursor > job.pause_at) {
        state = 'PAUSED';
        break;
      }
      if (cursor + seconds > now) break;
      const failure = EFFECTS[job.kind](db, item, cursor + seconds);
      finishItem(db, item, failure ? 'FAILED' : 'COMPLETED', cursor, cursor + seconds, failure ?? '');
      cursor += seconds;
    }
    const left = prepare<[string], { n: number }>(db, "SELECT COUNT(*) AS n FROM whm_job_item WHERE job = ? AND state = 'PENDING'").get(job.id)!.n;
    if (state === 'RUNNING' && left === 0) {
      // A background pkgacct session that could not write its archive ends FAILED (Whostmgr::Backup::Pkgacct::State);
      // so does a background job whose effect could not be applied (inferred: each family's status then reports its failure).
      const failed = (job.kind === 'pkgacct' || job.kind === 'background') && jobItems(db, job.id).some((i) => i.state === 'FAILED');
      setJobState(db, job.id, failed ? 'FAILED' : 'COMPLETED', { cursor, pause_at: null, ended: cursor });
    } else if (state === 'PAUSED') {
      setJobState(db, job.id, 'PAUSED', { cursor: null, pause_at: null });
    } else if (cursor !== job.cursor) {
      setJobState(db, job.id, 'RUNNING', { cursor });
    }
  }
}

/** Starts (or resumes) a job at `now`. */
export function runJob(db: DB, id: string, now: number): void {
  setJobState(db, id, 'RUNNING', { cursor: now, pause_at: null, ended: null });
}

/** Stops a job at `now`: the item in progress, if any, is abandoned (ABORTED); the pending ones never run. */
export function abortJob(db: DB, job: JobRow, now: number): void {
  const current = itemInProgress(db, job);
  if (current) finishItem(db, current.item, 'ABORTED', current.started, now, 'aborted');
  setJobState(db, job.id, 'ABORTED', { cursor: null, pause_at: null, ended: now });
}

/** The jobs of a kind, oldest first (bounded by MAX_JOBS). */
export function jobsOfKind(db: DB, kind: JobKind): JobRow[] {
  return prepare<[string], JobRow>(db, 'SELECT * FROM whm_job WHERE kind = ? ORDER BY created, id').all(kind);
}
