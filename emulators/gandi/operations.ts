import type { DB } from '../../state/database.js';
import type { World } from '../../state/world.js';
import type { GandiCall } from './call.js';
import { faults } from './faults.js';
import { OPERATION_EFFECTS } from './operation-effects.js';
import { operationErrorRules, operationPace, worldSetting, type OperationErrorRule } from './settings.js';
import { addToBalance } from './store/accounts.js';
import {
  blockingOperation,
  dueOperations,
  failOpenOperation,
  insertOperation,
  operationById,
  setOperationPolls,
  setOperationState,
  startDueOperations,
  type OperationRow,
  type OperationState,
  type OperationTargets,
} from './store/operations.js';

/*
 * The operation engine. Every mutator of the Gandi Hosting API creates an
 * operation named after the method (seed 001: "Create a 'vm_start'
 * operation…"); it moves PENDING → RUN → DONE and its side effect happens
 * only at DONE (seed 001, operation_list: the operation states).
 *
 * Nothing runs in the background: the world's clock only moves when the
 * admin API moves it, so operations are brought up to date lazily at the
 * start of each Gandi call ({@link settleOperations}), with the times they
 * would have changed at. The pace is fixed when an operation is created.
 */

/** What a mutator asks for: the operation's type, its `param` struct and the objects it works on. */
export interface OperationRequest extends OperationTargets {
  type: string;
  /** `param_type` first, then the ids and the arguments that made the operation (never a password). */
  param: Record<string, unknown>;
  /** Money taken from the balance for it, given back if it is cancelled. */
  chargedCents?: number;
}

const OPEN: readonly OperationState[] = ['PENDING', 'RUN'];

/** Creates an operation of the calling account; with the immediate pace it is DONE (effect applied) before this returns. */
export function createOperation(call: GandiCall, request: OperationRequest): number {
  const now = call.now();
  const pace = operationPace(call.setting('operationPace'));
  // A rule without opid marks the operations created while it is set (emulator setting gandi.operationErrors).
  const rule = operationErrorRules(call.setting('operationErrors')).find((r) => r.opid === undefined && (r.type === undefined || r.type === request.type));
  let runAt: number | null = null;
  let doneAt: number | null = null;
  let pollsNeeded: number | null = null;
  if (typeof pace === 'object' && 'afterSeconds' in pace) {
    runAt = now + Math.floor(pace.afterSeconds / 2);
    doneAt = now + pace.afterSeconds;
  } else if (typeof pace === 'object') {
    pollsNeeded = pace.afterPolls;
  }
  const id = insertOperation(call.db, {
    accountId: call.accountId,
    type: request.type,
    at: now,
    param: JSON.stringify(request.param),
    vmId: request.vmId,
    diskId: request.diskId,
    productId: request.productId,
    runAt,
    doneAt,
    pollsNeeded,
    chargedCents: request.chargedCents ?? 0,
    failComment: rule?.comment ?? null,
  });
  if (pace === 'immediate' || doneAt === now) finish(call.db, operationById(call.db, id)!, now);
  return id;
}

/** DONE with its effect, or ERROR when a rule marked it to fail. */
function finish(db: DB, op: OperationRow, at: number): void {
  if (op.fail_comment !== null) {
    setOperationState(db, op.id, 'ERROR', at, op.fail_comment);
    return;
  }
  OPERATION_EFFECTS[op.type]?.done(db, op, at);
  setOperationState(db, op.id, 'DONE', at, '');
}

/**
 * Brings every unfinished operation up to the world's clock: clock-paced
 * operations reach RUN and DONE at the times they were due, in that order;
 * a rule naming an operation by opid puts it into ERROR now. Run before
 * every Gandi call and before the dashboard shows a world.
 */
export function settleOperations(world: World, db: DB): void {
  settle(db, world.clock.nowSeconds(), operationErrorRules(worldSetting(world, 'operationErrors')));
}

function settle(db: DB, now: number, rules: OperationErrorRule[]): void {
  for (const rule of rules) {
    if (rule.opid !== undefined) failOpenOperation(db, rule.opid, now, rule.comment);
  }
  // Only what fell due is read, so a world full of slow operations costs its calls nothing (bench/gandi-operations.ts).
  // Effects in the order they would have happened.
  for (const op of dueOperations(db, now)) finish(db, op, op.done_at!);
  startDueOperations(db, now);
}

/** One `operation_details` poll: poll-paced operations move on RUN at the first, DONE at the Nth. */
export function pollOperation(call: GandiCall, op: OperationRow): OperationRow {
  if (op.polls_needed === null || !OPEN.includes(op.state)) return op;
  const now = call.now();
  const polls = op.polls + 1;
  setOperationPolls(call.db, op.id, polls);
  if (polls >= op.polls_needed) finish(call.db, { ...op, polls }, now);
  else if (op.state === 'PENDING') setOperationState(call.db, op.id, 'RUN', now);
  return operationById(call.db, op.id)!;
}

/**
 * Cancels a PENDING operation or one that ended in ERROR ("must be modified
 * or canceled", seed 001 operation_list): whatever it had reserved is given
 * back. inferred: RUN, DONE and CANCEL operations cannot be cancelled.
 */
export function cancelOperation(call: GandiCall, op: OperationRow): void {
  if (op.state !== 'PENDING' && op.state !== 'ERROR') throw faults.notCancellable({ opid: op.id });
  OPERATION_EFFECTS[op.type]?.cancel?.(call.db, op);
  if (op.charged_cents) addToBalance(call.db, op.account_id, op.charged_cents);
  setOperationState(call.db, op.id, 'CANCEL', call.now());
}

/**
 * Throws the object's "operation pending" fault when an operation keeps it
 * from being operated on: one not yet finished, or one in ERROR that must be
 * cancelled first (seed 001, operation_list: ERROR operations "must be
 * modified or canceled"). inferred: an object takes one operation at a time.
 */
export function assertNotBlocked(db: DB, on: OperationTargets): void {
  const op = blockingOperation(db, on);
  if (!op) return;
  const opstate = op.state === 'ERROR' ? 'in ERROR and must be cancelled first' : `not finished (${op.state})`;
  if (on.vmId !== undefined && op.vm_id === on.vmId) throw faults.vmBusy({ opid: op.id, opstate, vm_id: on.vmId });
  if (on.diskId !== undefined && op.disk_id === on.diskId) throw faults.diskBusy({ opid: op.id, opstate, disk_id: on.diskId });
  throw faults.productBusy({ opid: op.id, opstate, product_id: on.productId });
}
