import { prepare, type DB } from '../../state/database.js';

/**
 * What one share buys, from the successor API's account.info (libcloud 2011
 * fixture; research/webfaction-gandi/realworld.md §2.4): 256 MB of memory,
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

interface ProductLine {
  product_name: string;
  quantity: number;
  op_type: string | null;
  op_param: string | null;
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
  const lines = prepare<[number], ProductLine>(
    db,
    `SELECT p.product_name, p.quantity, o.type AS op_type, o.param AS op_param
       FROM gandi_product p
       LEFT JOIN gandi_operation o ON o.product_id = p.id AND o.state IN ('PENDING', 'RUN', 'ERROR')
        AND o.type IN ('hosting_account_product_update', 'hosting_account_product_remove')
      WHERE p.account_id = ? AND p.state = 'active'`,
  ).all(accountId);
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
  const vms = prepare<[number], { shares: number; pending: string | null }>(
    db,
    `SELECT v.shares, o.param AS pending FROM gandi_vm v
       LEFT JOIN gandi_operation o ON o.vm_id = v.id AND o.type = 'vm_update' AND o.state IN ('PENDING', 'RUN', 'ERROR')
      WHERE v.account_id = ?`,
  ).all(accountId);
  let usedShares = 0;
  for (const vm of vms) {
    const wanted = options.reserve && vm.pending ? Number((JSON.parse(vm.pending) as { shares?: number }).shares ?? 0) : 0;
    usedShares += Math.max(vm.shares, wanted);
  }
  const usedDisk = prepare<[number], { size: number }>(db, 'SELECT COALESCE(SUM(size), 0) AS size FROM gandi_disk WHERE account_id = ?').get(accountId)!.size;
  const used: Resources = { shares: usedShares, servers: vms.length, memory: usedShares * SHARE_DEFINITION.memory, disk: usedDisk };
  return { granted: resources(shares, disk), used };
}

/** granted − used, member by member. */
export function available(r: { granted: Resources; used: Resources }): Resources {
  const g = r.granted;
  const u = r.used;
  return { shares: g.shares - u.shares, servers: g.servers - u.servers, memory: g.memory - u.memory, disk: g.disk - u.disk };
}
