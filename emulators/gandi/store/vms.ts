import { prepare, type DB } from '../../../state/database.js';

/** inferred: the doc names no states; these are the successor API's (apache/libcloud 2011 Gandi fixtures and driver). */
export type VmState = 'being_created' | 'running' | 'halted' | 'paused';

export interface VmRow {
  id: number;
  account_id: number;
  hostname: string;
  password: string;
  os_id: number;
  shares: number;
  cpu: number;
  vm_max_memory: number;
  login: string;
  state: VmState;
  date_created: number;
  date_updated: number;
}

/** What a `vm_update` may change. */
export interface VmSpecs {
  shares?: number;
  cpu?: number;
  vm_max_memory?: number;
}

/** A VM of the account, or undefined. */
export function vmOf(db: DB, accountId: number, id: number): VmRow | undefined {
  return prepare<[number, number], VmRow>(db, 'SELECT * FROM gandi_vm WHERE id = ? AND account_id = ?').get(id, accountId);
}

export function vmIds(db: DB, accountId: number): number[] {
  return prepare<[number], { id: number }>(db, 'SELECT id FROM gandi_vm WHERE account_id = ? ORDER BY id')
    .all(accountId)
    .map((r) => r.id);
}

/** The account's VMs' shares, each with the `param` of its unfinished `vm_update`, if any (the resources' worst case). */
export function vmShareLines(db: DB, accountId: number): { shares: number; pending: string | null }[] {
  return prepare<[number], { shares: number; pending: string | null }>(
    db,
    `SELECT v.shares, o.param AS pending FROM gandi_vm v
       LEFT JOIN gandi_operation o ON o.vm_id = v.id AND o.type = 'vm_update' AND o.state IN ('PENDING', 'RUN', 'ERROR')
      WHERE v.account_id = ?`,
  ).all(accountId);
}

export function insertVm(db: DB, v: Omit<VmRow, 'id' | 'state'> & { state: 'being_created' }): number {
  return Number(
    prepare(
      db,
      `INSERT INTO gandi_vm (account_id, hostname, password, os_id, shares, cpu, vm_max_memory, login, state, date_created, date_updated)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(v.account_id, v.hostname, v.password, v.os_id, v.shares, v.cpu, v.vm_max_memory, v.login, v.state, v.date_created, v.date_updated).lastInsertRowid,
  );
}

export function setVmState(db: DB, id: number | null, state: VmState, at: number): void {
  prepare(db, 'UPDATE gandi_vm SET state = ?, date_updated = ? WHERE id = ?').run(state, at, id);
}

/** Applies the specs a `vm_update` asked for; absent members keep their value. */
export function updateVmSpecs(db: DB, id: number | null, specs: VmSpecs, at: number): void {
  prepare(
    db,
    `UPDATE gandi_vm SET shares = COALESCE(:shares, shares), cpu = COALESCE(:cpu, cpu),
       vm_max_memory = COALESCE(:vm_max_memory, vm_max_memory), date_updated = :at WHERE id = :vm`,
  ).run({ shares: specs.shares ?? null, cpu: specs.cpu ?? null, vm_max_memory: specs.vm_max_memory ?? null, at, vm: id });
}

export function deleteVm(db: DB, id: number | null): void {
  prepare(db, 'DELETE FROM gandi_vm WHERE id = ?').run(id);
}
