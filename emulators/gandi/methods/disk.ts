import { prepare } from '../../../state/database.js';
import type { CallContext, Handler } from '../../core/panel.js';
import { faults } from '../faults.js';
import { assertNotBlocked, createOperation } from '../operations.js';
import { accountResources, available } from '../resources.js';
import { session } from '../session.js';
import { show, structFields } from '../struct-fields.js';
import { vm } from './vm.js';

interface DiskRow {
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

const date = (seconds: number) => new Date(seconds * 1000);

/** A disk of the calling account, or its "does not exist" fault. */
function disk(ctx: CallContext, id: number): DiskRow {
  const row = prepare<[number, number], DiskRow>(ctx.db, 'SELECT * FROM gandi_disk WHERE id = ? AND account_id = ?').get(id, session(ctx).accountId);
  if (!row) throw faults.unknownDisk({ disk_id: id });
  return row;
}

function diskOperation(ctx: CallContext, type: string, d: { id: number }, extra: Record<string, unknown> = {}, vmId?: number): number {
  return createOperation(ctx.world, ctx.db, {
    type,
    accountId: session(ctx).accountId,
    param: { param_type: 'disk', disk_id: d.id, ...extra },
    diskId: d.id,
    vmId,
  });
}

/** Seed 001 § Disk methods. */
export const diskMethods: Record<string, Handler> = {
  disk_create(ctx) {
    const specs = structFields(ctx, 'specs') as { size?: number; name?: string; fstype?: string };
    // inferred: size and name are needed; fstype defaults to ext3, the doc's sample value.
    for (const element of ['size', 'name'] as const) {
      if (specs[element] === undefined) throw faults.missingField({ param: 'specs', element });
    }
    const size = specs.size!;
    const name = specs.name!;
    const fstype = specs.fstype ?? 'ext3';
    if (!(size >= 1)) throw faults.badDiskValue({ element: 'size', value: size });
    if (name.trim() === '' || name.length > 255) throw faults.badDiskValue({ element: 'name', value: name });
    const allowed = ctx.method.params.find((p) => p.name === 'specs')?.fields?.fstype?.enum ?? [];
    if (!allowed.includes(fstype)) throw faults.badFstype({ fstype: show(fstype) });
    // inferred: disks share the account's disk space (8192 MB a share plus disk products).
    const free = available(accountResources(ctx.db, session(ctx).accountId, { reserve: true })).disk;
    if (size > free) throw faults.notEnoughDisk({ size });
    const now = ctx.world.clock.nowSeconds();
    const id = Number(
      prepare(
        ctx.db,
        "INSERT INTO gandi_disk (account_id, name, size, fstype, state, vm_id, date_created, date_updated) VALUES (?, ?, ?, ?, 'being_created', NULL, ?, ?)",
      ).run(session(ctx).accountId, name, size, fstype, now, now).lastInsertRowid,
    );
    diskOperation(ctx, 'disk_create', { id }, { name, size, fstype });
    // Documented: disk_create answers the new disk's id, not the operation's.
    return id;
  },

  /** inferred members: the doc's own spec names plus the successor API's state and vms_id. */
  disk_info(ctx) {
    const d = disk(ctx, ctx.args[1] as number);
    return {
      id: d.id,
      name: d.name,
      size: d.size,
      fstype: d.fstype,
      state: d.state,
      vms_id: d.vm_id === null ? [] : [d.vm_id],
      date_created: date(d.date_created),
      date_updated: date(d.date_updated),
    };
  },

  disk_list: (ctx) =>
    prepare<[number], { id: number }>(ctx.db, 'SELECT id FROM gandi_disk WHERE account_id = ? ORDER BY id').all(session(ctx).accountId).map((r) => r.id),

  disk_delete(ctx) {
    const d = disk(ctx, ctx.args[1] as number);
    assertNotBlocked(ctx.db, { diskId: d.id });
    // Documented: "delete an unattached disk".
    if (d.vm_id !== null) throw faults.diskAttached({ disk_id: d.id });
    return diskOperation(ctx, 'disk_delete', d);
  },

  disk_attach(ctx) {
    const [, diskId, vmId] = ctx.args as [string, number, number];
    const d = disk(ctx, diskId);
    const v = vm(ctx, vmId);
    assertNotBlocked(ctx.db, { diskId: d.id, vmId: v.id });
    // inferred: a disk is attached to one VM at most, so attaching an attached disk is refused (even to the same VM).
    if (d.vm_id !== null) throw faults.diskAttached({ disk_id: d.id });
    return diskOperation(ctx, 'disk_attach', d, { vm_id: v.id }, v.id);
  },

  disk_detach(ctx) {
    const [, diskId, vmId] = ctx.args as [string, number, number];
    const d = disk(ctx, diskId);
    const v = vm(ctx, vmId);
    assertNotBlocked(ctx.db, { diskId: d.id, vmId: v.id });
    if (d.vm_id !== v.id) throw faults.diskNotAttached({ disk_id: d.id });
    return diskOperation(ctx, 'disk_detach', d, { vm_id: v.id }, v.id);
  },
};
