import { prepare } from '../../../state/database.js';
import type { CallContext, Handler } from '../../core/panel.js';
import { faults } from '../faults.js';
import { cancelOperation, operation, pollOperation, type OperationRow } from '../operations.js';
import { session } from '../session.js';
import { show, structFields } from '../struct-fields.js';

/** Documented: operation_list "retrieves the last 300 operation IDs matching" (seed 001). */
const LIST_LIMIT = 300;

/** An operation of the calling account, or its "does not exist" fault. */
function ownOperation(ctx: CallContext, id: number): OperationRow {
  const op = operation(ctx.db, id);
  if (!op || op.account_id !== session(ctx).accountId) throw faults.unknownOperation({ opid: id });
  return op;
}

/** Operation types are the names of the methods that create them (seed 001: "Create a 'vm_start' operation"). */
function operationTypes(ctx: CallContext): Set<string> {
  return new Set(
    ctx.panel.contract.methods.filter((m) => m.tags?.some((t) => t === 'returns-operation-id' || t === 'returns-object-id')).map((m) => m.name),
  );
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** Seed 001 § Operations methods. */
export const operationMethods: Record<string, Handler> = {
  /**
   * inferred: the date bounds are strict (after: later than, before: earlier
   * than); the ids come in ascending order, the newest 300 of the matches.
   */
  operation_list(ctx) {
    const filter = structFields(ctx, 'filter') as {
      type?: string;
      state?: string;
      created_after?: Date;
      created_before?: Date;
      updated_after?: Date;
      updated_before?: Date;
    };
    const states = ctx.method.params.find((p) => p.name === 'filter')?.fields?.state?.enum ?? [];
    if (filter.state !== undefined && !states.includes(filter.state)) throw faults.badStateFilter({ state: show(filter.state) });
    if (filter.type !== undefined && !operationTypes(ctx).has(filter.type)) throw faults.badTypeFilter({ type: show(filter.type) });
    const bound = (d: Date | undefined) => (d === undefined ? null : seconds(d));
    const rows = prepare<unknown[], { id: number }>(
      ctx.db,
      `SELECT id FROM (
         SELECT id FROM gandi_operation
          WHERE account_id = :account
            AND (:type IS NULL OR type = :type)
            AND (:state IS NULL OR :state = 'ALL' OR state = :state)
            AND (:ca IS NULL OR date_create > :ca) AND (:cb IS NULL OR date_create < :cb)
            AND (:ua IS NULL OR date_update > :ua) AND (:ub IS NULL OR date_update < :ub)
          ORDER BY id DESC LIMIT :limit)
       ORDER BY id`,
    ).all({
      account: session(ctx).accountId,
      type: filter.type ?? null,
      state: filter.state ?? null,
      ca: bound(filter.created_after),
      cb: bound(filter.created_before),
      ua: bound(filter.updated_after),
      ub: bound(filter.updated_before),
      limit: LIST_LIMIT,
    });
    return rows.map((r) => r.id);
  },

  operation_details(ctx) {
    const op = pollOperation(ctx.world, ctx.db, ownOperation(ctx, ctx.args[1] as number));
    return {
      uid: op.id,
      type: op.type,
      state: op.state,
      date_create: new Date(op.date_create * 1000),
      date_update: new Date(op.date_update * 1000),
      param: JSON.parse(op.param) as Record<string, unknown>,
      // Documented: the error message when in ERROR; Gandi 1.0 wrote absent values as '' (realworld.md §2.4).
      comment: op.comment,
    };
  },

  operation_cancel(ctx) {
    cancelOperation(ctx.world, ctx.db, ownOperation(ctx, ctx.args[1] as number));
    return true;
  },
};
