import { prepare, type DB } from '../../state/database.js';
import { addMonths, durationMonths } from './duration.js';
import type { OperationRow } from './operations.js';

/**
 * What each operation type does when it reaches DONE, and what cancelling it
 * gives back. Objects an operation creates exist from the call on (the doc
 * returns their ids at once) in a transitional state; cancelling removes them.
 */
export interface OperationEffect {
  done(db: DB, op: OperationRow, at: number): void;
  cancel?(db: DB, op: OperationRow): void;
}

const param = (op: OperationRow) => JSON.parse(op.param) as Record<string, unknown>;

const run = (sql: string) => (db: DB, op: OperationRow, at: number) => {
  prepare(db, sql).run({ at, vm: op.vm_id, disk: op.disk_id, product: op.product_id });
};

const deleteVm = run('DELETE FROM gandi_vm WHERE id = :vm');
const deleteDisk = run('DELETE FROM gandi_disk WHERE id = :disk');
const deleteProduct = run('DELETE FROM gandi_product WHERE id = :product');
const vmState = (state: string) => run(`UPDATE gandi_vm SET state = '${state}', date_updated = :at WHERE id = :vm`);

export const OPERATION_EFFECTS: Record<string, OperationEffect> = {
  hosting_account_product_add: {
    done(db, op, at) {
      const months = durationMonths(String(param(op).duration))!;
      prepare(db, "UPDATE gandi_product SET state = 'active', date_created = ?, date_end = ? WHERE id = ?").run(at, addMonths(at, months), op.product_id);
    },
    cancel: (db, op) => deleteProduct(db, op, 0),
  },
  hosting_account_product_renew: {
    done(db, op) {
      const row = prepare<[number | null], { date_end: number }>(db, 'SELECT date_end FROM gandi_product WHERE id = ?').get(op.product_id);
      if (!row) return;
      const months = durationMonths(String(param(op).duration))!;
      prepare(db, 'UPDATE gandi_product SET date_end = ? WHERE id = ?').run(addMonths(row.date_end, months), op.product_id);
    },
  },
  hosting_account_product_update: {
    done(db, op) {
      prepare(db, 'UPDATE gandi_product SET quantity = ? WHERE id = ?').run(Number(param(op).quantity), op.product_id);
    },
  },
  hosting_account_product_remove: { done: deleteProduct },
  // inferred: a new VM boots, as the successor API's did; vm_start is for a halted or paused one.
  vm_create: { done: vmState('running'), cancel: (db, op) => deleteVm(db, op, 0) },
  vm_update: {
    done(db, op, at) {
      const p = param(op);
      prepare(
        db,
        `UPDATE gandi_vm SET shares = COALESCE(:shares, shares), cpu = COALESCE(:cpu, cpu),
           vm_max_memory = COALESCE(:vm_max_memory, vm_max_memory), date_updated = :at WHERE id = :vm`,
      ).run({ shares: p.shares ?? null, cpu: p.cpu ?? null, vm_max_memory: p.vm_max_memory ?? null, at, vm: op.vm_id });
    },
  },
  vm_delete: {
    done(db, op, at) {
      // inferred: a deleted VM's data disks survive it, detached.
      run('UPDATE gandi_disk SET vm_id = NULL, date_updated = :at WHERE vm_id = :vm')(db, op, at);
      deleteVm(db, op, at);
    },
  },
  vm_start: { done: vmState('running') },
  vm_stop: { done: vmState('halted') },
  vm_reboot: { done: vmState('running') },
  disk_create: {
    done: run("UPDATE gandi_disk SET state = 'created', date_updated = :at WHERE id = :disk"),
    cancel: (db, op) => deleteDisk(db, op, 0),
  },
  disk_delete: { done: deleteDisk },
  disk_attach: { done: run('UPDATE gandi_disk SET vm_id = :vm, date_updated = :at WHERE id = :disk') },
  disk_detach: { done: run('UPDATE gandi_disk SET vm_id = NULL, date_updated = :at WHERE id = :disk') },
};
