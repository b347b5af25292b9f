import type { GandiCall } from './call.js';
import { faults } from './faults.js';
import { diskOf, type DiskRow } from './store/disks.js';
import { operationById, type OperationRow } from './store/operations.js';
import { productOf, type ProductRow } from './store/products.js';
import { vmOf, type VmRow } from './store/vms.js';

/*
 * The calling account's objects by id, or the object's "does not exist"
 * fault: another account's object does not exist for this one.
 */

export function ownVm(call: GandiCall, id: number): VmRow {
  const row = vmOf(call.db, call.accountId, id);
  if (!row) throw faults.unknownVm({ vm_id: id });
  return row;
}

export function ownDisk(call: GandiCall, id: number): DiskRow {
  const row = diskOf(call.db, call.accountId, id);
  if (!row) throw faults.unknownDisk({ disk_id: id });
  return row;
}

export function ownProduct(call: GandiCall, id: number): ProductRow {
  const row = productOf(call.db, call.accountId, id);
  if (!row) throw faults.unknownProduct({ product_id: id });
  return row;
}

export function ownOperation(call: GandiCall, id: number): OperationRow {
  const op = operationById(call.db, id);
  if (!op || op.account_id !== call.accountId) throw faults.unknownOperation({ opid: id });
  return op;
}
