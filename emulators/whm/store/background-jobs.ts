import type { DB } from '../../../state/database.js';
import { faults } from '../faults.js';
import type { BackgroundEffect } from './background-effects.js';
import {
  addJobItem,
  checkRoom,
  createJob,
  getJob,
  ITEM_SECONDS,
  itemInProgress,
  jobData,
  jobItems,
  jobsOfKind,
  type JobRow,
  type JobState,
} from './operations.js';

/*
 * The tier-3 background jobs as one family on the operations mechanism
 * (store/operations.ts, kind `background`): a starter (start_background_mysql_upgrade,
 * convert_addon_initiate_conversion, package_manager_submit_actions…)
 * creates a job of its family, keyed by the id the reference shows for it;
 * the job's steps run one after another on the world clock (ITEM_SECONDS.background
 * each, inferred: the reference gives no durations), and its effect, if
 * any, is applied when its last step ends. The reads compute state, steps
 * and log from the job.
 */

export interface BackgroundStep {
  name: string;
  /** The effect applied when this step ends (the last step's, by convention). */
  effect?: BackgroundEffect;
}

export interface BackgroundJobData {
  family: string;
  /** The id the family's functions show (upgrade_id, job_id, build…). */
  id: string;
  /** The starter's values the reads show (domain, accounts, packages…). */
  values: Record<string, string>;
}

export type StepStatus = 'PENDING' | 'RUNNING' | 'DONE' | 'FAILED' | 'ABORTED';

export interface BackgroundJob {
  id: string;
  state: JobState;
  started: number;
  ended: number | null;
  values: Record<string, string>;
  steps: { name: string; status: StepStatus; started: number | null; ended: number | null; message: string }[];
}

const rowId = (family: string, id: string) => `${family}:${id}`;

function view(db: DB, row: JobRow): BackgroundJob {
  const data = jobData<BackgroundJobData>(row);
  const current = itemInProgress(db, row);
  return {
    id: data.id,
    state: row.state,
    started: row.created,
    ended: row.ended,
    values: data.values,
    steps: jobItems(db, row.id).map((item) => {
      const running = current?.item.seq === item.seq;
      const status: StepStatus = running ? 'RUNNING' : item.state === 'COMPLETED' ? 'DONE' : item.state;
      return { name: item.key, status, started: running ? current.started : item.started, ended: item.finished, message: item.message };
    }),
  };
}

/** The family's jobs, oldest first (bounded by MAX_JOBS across every kind). */
export function backgroundJobs(db: DB, family: string): BackgroundJob[] {
  return jobsOfKind(db, 'background')
    .filter((row) => jobData<BackgroundJobData>(row).family === family)
    .map((row) => view(db, row));
}

export function backgroundJob(db: DB, family: string, id: string): BackgroundJob | undefined {
  return backgroundJobs(db, family).find((job) => job.id === id);
}

/** The family's job still under way, if any. */
export function runningBackgroundJob(db: DB, family: string): BackgroundJob | undefined {
  return backgroundJobs(db, family).find((job) => job.state === 'RUNNING');
}

/** The next numeric id of a family (1 + the largest kept, `first` for the first). */
export function nextBackgroundId(db: DB, family: string, first: number): number {
  return backgroundJobs(db, family).reduce((next, job) => Math.max(next, Number(job.id) + 1 || next), first);
}

/** When a job started at `started` with `steps` steps ends (what a starter may report ahead). */
export function backgroundEnd(started: number, steps: number): number {
  return started + steps * ITEM_SECONDS.background;
}

/** Starts a job of `family` at `now`, running at once. */
export function startBackgroundJob(
  db: DB,
  family: string,
  id: string,
  now: number,
  steps: BackgroundStep[],
  values: Record<string, string> = {},
): BackgroundJob {
  checkRoom(db, 'job');
  checkRoom(db, 'item');
  const key = rowId(family, id);
  if (getJob(db, key)) throw faults.backgroundJobIdTaken(id);
  createJob(db, { id: key, kind: 'background', state: 'RUNNING', created: now, cursor: now, data: { family, id, values } satisfies BackgroundJobData });
  for (const step of steps) addJobItem(db, key, { key: step.name, user: '', data: step.effect ?? {} });
  return backgroundJob(db, family, id)!;
}
