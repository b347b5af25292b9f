import type { DB } from '../../state/database.js';
import { addMonths, durationMonths } from './duration.js';
import { deleteDisk, detachDisksOf, markDiskCreated, setDiskVm } from './store/disks.js';
import type { OperationRow } from './store/operations.js';
import { activateProduct, deleteProduct, productEnd, setProductEnd, setProductQuantity } from './store/products.js';
import { deleteVm, setVmState, updateVmSpecs, type VmSpecs, type VmState } from './store/vms.js';

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

const removeVm = (db: DB, op: OperationRow) => deleteVm(db, op.vm_id);
const removeDisk = (db: DB, op: OperationRow) => deleteDisk(db, op.disk_id);
const removeProduct = (db: DB, op: OperationRow) => deleteProduct(db, op.product_id);
const vmState = (state: VmState) => (db: DB, op: OperationRow, at: number) => setVmState(db, op.vm_id, state, at);

export const OPERATION_EFFECTS: Record<string, OperationEffect> = {
  hosting_account_product_add: {
    done(db, op, at) {
      const months = durationMonths(String(param(op).duration))!;
      activateProduct(db, op.product_id, at, addMonths(at, months));
    },
    cancel: removeProduct,
  },
  hosting_account_product_renew: {
    done(db, op) {
      const end = productEnd(db, op.product_id);
      if (end === undefined) return;
      const months = durationMonths(String(param(op).duration))!;
      setProductEnd(db, op.product_id, addMonths(end, months));
    },
  },
  hosting_account_product_update: {
    done(db, op) {
      setProductQuantity(db, op.product_id, Number(param(op).quantity));
    },
  },
  hosting_account_product_remove: { done: removeProduct },
  // inferred: a new VM boots, as the successor API's did; vm_start is for a halted or paused one.
  vm_create: { done: vmState('running'), cancel: removeVm },
  vm_update: {
    done(db, op, at) {
      updateVmSpecs(db, op.vm_id, param(op) as VmSpecs, at);
    },
  },
  vm_delete: {
    done(db, op, at) {
      // inferred: a deleted VM's data disks survive it, detached.
      detachDisksOf(db, op.vm_id, at);
      removeVm(db, op);
    },
  },
  vm_start: { done: vmState('running') },
  vm_stop: { done: vmState('halted') },
  vm_reboot: { done: vmState('running') },
  disk_create: {
    done: (db, op, at) => markDiskCreated(db, op.disk_id, at),
    cancel: removeDisk,
  },
  disk_delete: { done: removeDisk },
  disk_attach: { done: (db, op, at) => setDiskVm(db, op.disk_id, op.vm_id, at) },
  disk_detach: { done: (db, op, at) => setDiskVm(db, op.disk_id, null, at) },
};
