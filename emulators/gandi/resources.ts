import type { DB } from '../../state/database.js';
import { diskSpaceUsed } from './store/disks.js';
import { activeProductLines } from './store/products.js';
import { vmShareLines } from './store/vms.js';

/**
 * What one share buys, from the successor API's account.info (apache/libcloud
 * 2011 fixture test/compute/fixtures/gandi/account_info.xml): 256 MB of memory,
 * a quarter core, 8192 MB of disk, 5120 of bandwidth, one server.
 */
export const SHARE_DEFINITION = { servers: 1, memory: 256, cores: 0.25, disk: 8192, bandwidth: 5120 };

export interface Resources {
  shares: number;
  servers: number;
  memory: number;
  /** MB */
  disk: number;
}

function resources(shares: number, extraDisk: number): Resources {
  return { shares, servers: shares * SHARE_DEFINITION.servers, memory: shares * SHARE_DEFINITION.memory, disk: shares * SHARE_DEFINITION.disk + extraDisk };
}

/**
 * The account's resources, as `hosting_account_info` shows them: granted by
 * its active products, used by its VMs and disks.
 *
 * With `reserve`, the figures a new request is checked against: unfinished
 * operations count at their worst (a pending product decrease or removal is
 * already gone, a pending VM increase already used), so two requests in
 * flight cannot both spend the same shares. inferred: the doc only says
 * shares must be "available" (user case, step 2).
 */
export function accountResources(db: DB, accountId: number, options: { reserve?: boolean } = {}): { granted: Resources; used: Resources } {
  const lines = activeProductLines(db, accountId);
  let shares = 0;
  let disk = 0;
  for (const line of lines) {
    let quantity = line.quantity;
    if (options.reserve && line.op_type === 'hosting_account_product_remove') quantity = 0;
    if (options.reserve && line.op_type === 'hosting_account_product_update') {
      quantity = Math.min(quantity, Number((JSON.parse(line.op_param!) as { quantity: number }).quantity));
    }
    if (line.product_name === 'disk') disk += quantity;
    else shares += quantity;
  }
  const vms = vmShareLines(db, accountId);
  let usedShares = 0;
  for (const vm of vms) {
    const wanted = options.reserve && vm.pending ? Number((JSON.parse(vm.pending) as { shares?: number }).shares ?? 0) : 0;
    usedShares += Math.max(vm.shares, wanted);
  }
  const usedDisk = diskSpaceUsed(db, accountId);
  const used: Resources = { shares: usedShares, servers: vms.length, memory: usedShares * SHARE_DEFINITION.memory, disk: usedDisk };
  return { granted: resources(shares, disk), used };
}

/** granted − used, member by member. */
export function available(r: { granted: Resources; used: Resources }): Resources {
  const g = r.granted;
  const u = r.used;
  return { shares: g.shares - u.shares, servers: g.servers - u.servers, memory: g.memory - u.memory, disk: g.disk - u.disk };
}
