import { prepare, type DB } from '../../../state/database.js';

export type OperationState = 'PENDING' | 'RUN' | 'ERROR' | 'CANCEL' | 'DONE';

export interface OperationRow {
  id: number;
  account_id: number;
  type: string;
  state: OperationState;
  date_create: number;
  date_update: number;
  param: string;
  comment: string;
  vm_id: number | null;
  disk_id: number | null;
  product_id: number | null;
  run_at: number | null;
  done_at: number | null;
  polls: number;
  polls_needed: number | null;
  charged_cents: number;
  fail_comment: string | null;
}

/** The objects an operation works on. */
export interface OperationTargets {
  vmId?: number;
  diskId?: number;
  productId?: number;
}

/** What `operation_list` filters on; undefined members do not filter. Dates in seconds, bounds strict. */
export interface OperationFilter {
  type?: string;
  /** A state, or ALL. */
  state?: string;
  createdAfter?: number;
  createdBefore?: number;
  updatedAfter?: number;
  updatedBefore?: number;
}

/** A new PENDING operation; its pace (run_at/done_at or polls_needed) is fixed now. */
export function insertOperation(
  db: DB,
  o: OperationTargets & {
    accountId: number;
    type: string;
    at: number;
    param: string;
    runAt: number | null;
    doneAt: number | null;
    pollsNeeded: number | null;
    chargedCents: number;
    failComment: string | null;
  },
): number {
  return Number(
    prepare(
      db,
      `INSERT INTO gandi_operation (account_id, type, state, date_create, date_update, param, vm_id, disk_id, product_id, run_at, done_at, polls_needed, charged_cents, fail_comment)
       VALUES (?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      o.accountId,
      o.type,
      o.at,
      o.at,
      o.param,
      o.vmId ?? null,
      o.diskId ?? null,
      o.productId ?? null,
      o.runAt,
      o.doneAt,
      o.pollsNeeded,
      o.chargedCents,
      o.failComment,
    ).lastInsertRowid,
  );
}

export function operationById(db: DB, id: number): OperationRow | undefined {
  return prepare<[number], OperationRow>(db, 'SELECT * FROM gandi_operation WHERE id = ?').get(id);
}

/** Moves an operation to `state` at `at`; the comment changes only when one is given. */
export function setOperationState(db: DB, id: number, state: OperationState, at: number, comment?: string): void {
  prepare(db, 'UPDATE gandi_operation SET state = ?, date_update = ?, comment = COALESCE(?, comment) WHERE id = ?').run(state, at, comment ?? null, id);
}

/** Puts an operation into ERROR with `comment`, if it is still PENDING or RUN. */
export function failOpenOperation(db: DB, id: number, at: number, comment: string): void {
  prepare(db, "UPDATE gandi_operation SET state = 'ERROR', date_update = ?, comment = ? WHERE id = ? AND state IN ('PENDING', 'RUN')").run(at, comment, id);
}

/** Unfinished clock-paced operations due by `now`, in the order they fell due. */
export function dueOperations(db: DB, now: number): OperationRow[] {
  return prepare<[number], OperationRow>(db, "SELECT * FROM gandi_operation WHERE state IN ('PENDING', 'RUN') AND done_at <= ? ORDER BY done_at, id").all(now);
}

/** PENDING operations whose run_at has come move to RUN, stamped with that time. */
export function startDueOperations(db: DB, now: number): void {
  prepare(db, "UPDATE gandi_operation SET state = 'RUN', date_update = run_at WHERE state = 'PENDING' AND run_at <= ?").run(now);
}

export function setOperationPolls(db: DB, id: number, polls: number): void {
  prepare(db, 'UPDATE gandi_operation SET polls = ? WHERE id = ?').run(polls, id);
}

/** The first operation not finished or in ERROR on any of the objects. */
export function blockingOperation(db: DB, on: OperationTargets): OperationRow | undefined {
  return prepare<[number | null, number | null, number | null], OperationRow>(
    db,
    `SELECT * FROM gandi_operation WHERE state IN ('PENDING', 'RUN', 'ERROR')
       AND (vm_id = ? OR disk_id = ? OR product_id = ?) ORDER BY id LIMIT 1`,
  ).get(on.vmId ?? null, on.diskId ?? null, on.productId ?? null);
}

/** The newest `limit` ids of the account's operations matching the filter, in ascending order. */
export function operationIds(db: DB, accountId: number, filter: OperationFilter, limit: number): number[] {
  return prepare<unknown[], { id: number }>(
    db,
    `SELECT id FROM (
       SELECT id FROM gandi_operation
        WHERE account_id = :account
          AND (:type IS NULL OR type = :type)
          AND (:state IS NULL OR :state = 'ALL' OR state = :state)
          AND (:ca IS NULL OR date_create > :ca) AND (:cb IS NULL OR date_create < :cb)
          AND (:ua IS NULL OR date_update > :ua) AND (:ub IS NULL OR date_update < :ub)
        ORDER BY id DESC LIMIT :limit)
     ORDER BY id`,
  )
    .all({
      account: accountId,
      type: filter.type ?? null,
      state: filter.state ?? null,
      ca: filter.createdAfter ?? null,
      cb: filter.createdBefore ?? null,
      ua: filter.updatedAfter ?? null,
      ub: filter.updatedBefore ?? null,
      limit,
    })
    .map((r) => r.id);
}
