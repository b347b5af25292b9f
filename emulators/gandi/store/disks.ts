import { prepare, type DB } from '../../../state/database.js';

export interface DiskRow {
  id: number;
  account_id: number;
  name: string;
  size: number;
  fstype: string;
  /** being_created until its disk_create operation is done, then created (the successor API's word). */
  state: string;
  vm_id: number | null;
  date_created: number;
  date_updated: number;
}

/** A disk of the account, or undefined. */
export function diskOf(db: DB, accountId: number, id: number): DiskRow | undefined {
  return prepare<[number, number], DiskRow>(db, 'SELECT * FROM gandi_disk WHERE id = ? AND account_id = ?').get(id, accountId);
}

export function diskIds(db: DB, accountId: number): number[] {
  return prepare<[number], { id: number }>(db, 'SELECT id FROM gandi_disk WHERE account_id = ? ORDER BY id')
    .all(accountId)
    .map((r) => r.id);
}

export function attachedDiskIds(db: DB, vmId: number): number[] {
  return prepare<[number], { id: number }>(db, 'SELECT id FROM gandi_disk WHERE vm_id = ? ORDER BY id')
    .all(vmId)
    .map((r) => r.id);
}

/** Every disk-to-VM link of the account. */
export function diskLinks(db: DB, accountId: number): { disk_id: number; vm_id: number }[] {
  return prepare<[number], { disk_id: number; vm_id: number }>(
    db,
    'SELECT id AS disk_id, vm_id FROM gandi_disk WHERE account_id = ? AND vm_id IS NOT NULL ORDER BY id',
  ).all(accountId);
}

/** MB the account's disks take. */
export function diskSpaceUsed(db: DB, accountId: number): number {
  return prepare<[number], { size: number }>(db, 'SELECT COALESCE(SUM(size), 0) AS size FROM gandi_disk WHERE account_id = ?').get(accountId)!.size;
}

/** A new, unattached disk in state being_created. */
export function insertDisk(db: DB, d: { accountId: number; name: string; size: number; fstype: string; at: number }): number {
  return Number(
    prepare(
      db,
      "INSERT INTO gandi_disk (account_id, name, size, fstype, state, vm_id, date_created, date_updated) VALUES (?, ?, ?, ?, 'being_created', NULL, ?, ?)",
    ).run(d.accountId, d.name, d.size, d.fstype, d.at, d.at).lastInsertRowid,
  );
}

export function markDiskCreated(db: DB, id: number | null, at: number): void {
  prepare(db, "UPDATE gandi_disk SET state = 'created', date_updated = ? WHERE id = ?").run(at, id);
}

/** Attaches the disk to a VM, or detaches it (`vmId` null). */
export function setDiskVm(db: DB, id: number | null, vmId: number | null, at: number): void {
  prepare(db, 'UPDATE gandi_disk SET vm_id = ?, date_updated = ? WHERE id = ?').run(vmId, at, id);
}

/** Detaches every disk of a VM. */
export function detachDisksOf(db: DB, vmId: number | null, at: number): void {
  prepare(db, 'UPDATE gandi_disk SET vm_id = NULL, date_updated = ? WHERE vm_id = ?').run(at, vmId);
}

export function deleteDisk(db: DB, id: number | null): void {
  prepare(db, 'DELETE FROM gandi_disk WHERE id = ?').run(id);
}
