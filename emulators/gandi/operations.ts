import { prepare, type DB } from '../../state/database.js';
import type { World } from '../../state/world.js';
import { faults } from './faults.js';
import { OPERATION_EFFECTS } from './operation-effects.js';
import { operationErrorRules, operationPace } from './settings.js';

/*
 * The operation engine. Every mutator of the Gandi Hosting API creates an
 * operation named after the method (seed 001: "Create a 'vm_start'
 * operation…"); it moves PENDING → RUN → DONE and its side effect happens
 * only at DONE (research/webfaction-gandi/gandi.json operation_model).
 *
 * Nothing runs in the background: the world's clock only moves when the
 * admin API moves it, so operations are brought up to date lazily at the
 * start of each Gandi call ({@link settleOperations}), with the times they
 * would have changed at. The pace is fixed when an operation is created.
 */

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

/** What a mutator asks for: the operation's type, its `param` struct and the objects it works on. */
export interface OperationRequest {
  type: string;
  accountId: number;
  /** `param_type` first, then the ids and the arguments that made the operation (never a password). */
  param: Record<string, unknown>;
  vmId?: number;
  diskId?: number;
  productId?: number;
  /** Money taken from the balance for it, given back if it is cancelled. */
  chargedCents?: number;
}

const OPEN: readonly OperationState[] = ['PENDING', 'RUN'];

/** Creates an operation; with the immediate pace it is DONE (effect applied) before this returns. */
export function createOperation(world: World, db: DB, request: OperationRequest): number {
  const now = world.clock.nowSeconds();
  const pace = operationPace(world);
  // A rule without opid marks the operations created while it is set (emulator setting gandi.operationErrors).
  const rule = operationErrorRules(world).find((r) => r.opid === undefined && (r.type === undefined || r.type === request.type));
  let runAt: number | null = null;
  let doneAt: number | null = null;
  let pollsNeeded: number | null = null;
  if (typeof pace === 'object' && 'afterSeconds' in pace) {
    runAt = now + Math.floor(pace.afterSeconds / 2);
    doneAt = now + pace.afterSeconds;
  } else if (typeof pace === 'object') {
    pollsNeeded = pace.afterPolls;
  }
  const id = Number(
    prepare(
      db,
      `INSERT INTO gandi_operation (account_id, type, state, date_create, date_update, param, vm_id, disk_id, product_id, run_at, done_at, polls_needed, charged_cents, fail_comment)
       VALUES (?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      request.accountId, request.type, now, now, JSON.stringify(request.param),
      request.vmId ?? null, request.diskId ?? null, request.productId ?? null,
      runAt, doneAt, pollsNeeded, request.chargedCents ?? 0, rule?.comment ?? null,
    ).lastInsertRowid,
  );
  if (pace === 'immediate' || doneAt === now) finish(db, operation(db, id)!, now);
  return id;
}

export function operation(db: DB, id: number): OperationRow | undefined {
  return prepare<[number], OperationRow>(db, 'SELECT * FROM gandi_operation WHERE id = ?').get(id);
}

/** DONE with its effect, or ERROR when a rule marked it to fail. */
function finish(db: DB, op: OperationRow, at: number): void {
  if (op.fail_comment !== null) {
    setState(db, op.id, 'ERROR', at, op.fail_comment);
    return;
  }
  OPERATION_EFFECTS[op.type]?.done(db, op, at);
  setState(db, op.id, 'DONE', at, '');
}

function setState(db: DB, id: number, state: OperationState, at: number, comment?: string): void {
  prepare(db, 'UPDATE gandi_operation SET state = ?, date_update = ?, comment = COALESCE(?, comment) WHERE id = ?').run(state, at, comment ?? null, id);
}

/**
 * Brings every unfinished operation up to the world's clock: clock-paced
 * operations reach RUN and DONE at the times they were due, in that order;
 * a rule naming an operation by opid puts it into ERROR now.
 */
export function settleOperations(world: World, db: DB): void {
  const now = world.clock.nowSeconds();
  for (const rule of operationErrorRules(world)) {
    if (rule.opid === undefined) continue;
    prepare(db, "UPDATE gandi_operation SET state = 'ERROR', date_update = ?, comment = ? WHERE id = ? AND state IN ('PENDING', 'RUN')").run(now, rule.comment, rule.opid);
  }
  // Only what fell due is read, so a world full of slow operations costs its calls nothing (bench/gandi-operations.ts).
  const due = prepare<[number], OperationRow>(
    db,
    "SELECT * FROM gandi_operation WHERE state IN ('PENDING', 'RUN') AND done_at <= ? ORDER BY done_at, id",
  ).all(now);
  // Effects in the order they would have happened.
  for (const op of due) finish(db, op, op.done_at!);
  prepare(db, "UPDATE gandi_operation SET state = 'RUN', date_update = run_at WHERE state = 'PENDING' AND run_at <= ?").run(now);
}

/** One `operation_details` poll: poll-paced operations move on RUN at the first, DONE at the Nth. */
export function pollOperation(world: World, db: DB, op: OperationRow): OperationRow {
  if (op.polls_needed === null || !OPEN.includes(op.state)) return op;
  const now = world.clock.nowSeconds();
  const polls = op.polls + 1;
  prepare(db, 'UPDATE gandi_operation SET polls = ? WHERE id = ?').run(polls, op.id);
  if (polls >= op.polls_needed) finish(db, { ...op, polls }, now);
  else if (op.state === 'PENDING') setState(db, op.id, 'RUN', now);
  return operation(db, op.id)!;
}

/**
 * Cancels a PENDING operation or one that ended in ERROR ("must be modified
 * or canceled", seed 001 operation_list): whatever it had reserved is given
 * back. inferred: RUN, DONE and CANCEL operations cannot be cancelled.
 */
export function cancelOperation(world: World, db: DB, op: OperationRow): void {
  if (op.state !== 'PENDING' && op.state !== 'ERROR') throw faults.notCancellable({ opid: op.id });
  OPERATION_EFFECTS[op.type]?.cancel?.(db, op);
  if (op.charged_cents) {
    prepare(db, 'UPDATE gandi_account SET balance_cents = balance_cents + ? WHERE id = ?').run(op.charged_cents, op.account_id);
  }
  setState(db, op.id, 'CANCEL', world.clock.nowSeconds());
}

/**
 * The operation that keeps an object from being operated on: one not yet
 * finished, or one in ERROR that must be cancelled first (seed 001,
 * operation_list: ERROR operations "must be modified or canceled").
 * inferred: an object takes one operation at a time.
 */
export function blockingOperation(db: DB, on: { vmId?: number; diskId?: number; productId?: number }): OperationRow | undefined {
  return prepare<[number | null, number | null, number | null], OperationRow>(
    db,
    `SELECT * FROM gandi_operation WHERE state IN ('PENDING', 'RUN', 'ERROR')
       AND (vm_id = ? OR disk_id = ? OR product_id = ?) ORDER BY id LIMIT 1`,
  ).get(on.vmId ?? null, on.diskId ?? null, on.productId ?? null);
}

/** Throws the object's "operation pending" fault when an operation blocks it. */
export function assertNotBlocked(db: DB, on: { vmId?: number; diskId?: number; productId?: number }): void {
  const op = blockingOperation(db, on);
  if (!op) return;
  const opstate = op.state === 'ERROR' ? 'in ERROR and must be cancelled first' : `not finished (${op.state})`;
  if (on.vmId !== undefined && op.vm_id === on.vmId) throw faults.vmBusy({ opid: op.id, opstate, vm_id: on.vmId });
  if (on.diskId !== undefined && op.disk_id === on.diskId) throw faults.diskBusy({ opid: op.id, opstate, disk_id: on.diskId });
  throw faults.productBusy({ opid: op.id, opstate, product_id: on.productId });
}
