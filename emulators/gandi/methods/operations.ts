import { defineMethods } from '../../core/define-methods.js';
import type { GandiCall } from '../call.js';
import { faults } from '../faults.js';
import { cancelOperation, pollOperation } from '../operations.js';
import { ownOperation } from '../owned.js';
import { show } from '../struct-fields.js';
import { operationIds } from '../store/operations.js';

/** Documented: operation_list "retrieves the last 300 operation IDs matching" (seed 001). */
const LIST_LIMIT = 300;

/** Operation types are the names of the methods that create them (seed 001: "Create a 'vm_start' operation"). */
function operationTypes(call: GandiCall): Set<string> {
  return new Set(
    call.ctx.panel.contract.methods.filter((m) => m.tags?.some((t) => t === 'returns-operation-id' || t === 'returns-object-id')).map((m) => m.name),
  );
}

const seconds = (d: Date | undefined) => (d === undefined ? undefined : Math.floor(d.getTime() / 1000));

/** Seed 001 § Operations methods. */
export const operationMethods = defineMethods<GandiCall>({
  /**
   * inferred: the date bounds are strict (after: later than, before: earlier
   * than); the ids come in ascending order, the newest 300 of the matches.
   */
  operation_list: {
    run(call) {
      const filter = call.struct<{
        type?: string;
        state?: string;
        created_after?: Date;
        created_before?: Date;
        updated_after?: Date;
        updated_before?: Date;
      }>('filter');
      if (filter.state !== undefined && !call.allowed('filter', 'state').includes(filter.state)) {
        throw faults.badStateFilter({ state: show(filter.state) });
      }
      if (filter.type !== undefined && !operationTypes(call).has(filter.type)) throw faults.badTypeFilter({ type: show(filter.type) });
      return operationIds(
        call.db,
        call.accountId,
        {
          type: filter.type,
          state: filter.state,
          createdAfter: seconds(filter.created_after),
          createdBefore: seconds(filter.created_before),
          updatedAfter: seconds(filter.updated_after),
          updatedBefore: seconds(filter.updated_before),
        },
        LIST_LIMIT,
      );
    },
  },

  operation_details: {
    run(call) {
      const op = pollOperation(call, ownOperation(call, call.int('opid')));
      return {
        uid: op.id,
        type: op.type,
        state: op.state,
        date_create: new Date(op.date_create * 1000),
        date_update: new Date(op.date_update * 1000),
        param: JSON.parse(op.param) as Record<string, unknown>,
        // Documented: the error message when in ERROR; Gandi 1.0 wrote absent values as '' (apache/libcloud 2011 Gandi fixtures).
        comment: op.comment,
      };
    },
  },

  operation_cancel: {
    run(call) {
      cancelOperation(call, ownOperation(call, call.int('opid')));
      return true;
    },
  },
});
