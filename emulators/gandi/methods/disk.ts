import { defineMethods } from '../../core/define-methods.js';
import type { GandiCall } from '../call.js';
import { faults } from '../faults.js';
import { assertNotBlocked, createOperation } from '../operations.js';
import { ownDisk, ownVm } from '../owned.js';
import { accountResources, available } from '../resources.js';
import { show } from '../struct-fields.js';
import { diskIds, insertDisk } from '../store/disks.js';

const date = (seconds: number) => new Date(seconds * 1000);

function diskOperation(call: GandiCall, type: string, d: { id: number }, extra: Record<string, unknown> = {}, vmId?: number): number {
  return createOperation(call, { type, param: { param_type: 'disk', disk_id: d.id, ...extra }, diskId: d.id, vmId });
}

/** Seed 001 § Disk methods. */
export const diskMethods = defineMethods<GandiCall>({
  disk_create: {
    run(call) {
      const specs = call.struct<{ size?: number; name?: string; fstype?: string }>('specs');
      // inferred: size and name are needed; fstype defaults to ext3, the doc's sample value.
      for (const element of ['size', 'name'] as const) {
        if (specs[element] === undefined) throw faults.missingField({ param: 'specs', element });
      }
      const size = specs.size!;
      const name = specs.name!;
      const fstype = specs.fstype ?? 'ext3';
      if (!(size >= 1)) throw faults.badDiskValue({ element: 'size', value: size });
      if (name.trim() === '' || name.length > 255) throw faults.badDiskValue({ element: 'name', value: name });
      if (!call.allowed('specs', 'fstype').includes(fstype)) throw faults.badFstype({ fstype: show(fstype) });
      // inferred: disks share the account's disk space (8192 MB a share plus disk products).
      const free = available(accountResources(call.db, call.accountId, { reserve: true })).disk;
      if (size > free) throw faults.notEnoughDisk({ size });
      const id = insertDisk(call.db, { accountId: call.accountId, name, size, fstype, at: call.now() });
      diskOperation(call, 'disk_create', { id }, { name, size, fstype });
      // Documented: disk_create answers the new disk's id, not the operation's.
      return id;
    },
  },

  /** inferred members: the doc's own spec names plus the successor API's state and vms_id. */
  disk_info: {
    run(call) {
      const d = ownDisk(call, call.int('disk_id'));
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
  },

  disk_list: { run: (call) => diskIds(call.db, call.accountId) },

  disk_delete: {
    run(call) {
      const d = ownDisk(call, call.int('disk_id'));
      assertNotBlocked(call.db, { diskId: d.id });
      // Documented: "delete an unattached disk".
      if (d.vm_id !== null) throw faults.diskAttached({ disk_id: d.id });
      return diskOperation(call, 'disk_delete', d);
    },
  },

  disk_attach: {
    run(call) {
      const d = ownDisk(call, call.int('disk_id'));
      const v = ownVm(call, call.int('vm_id'));
      assertNotBlocked(call.db, { diskId: d.id, vmId: v.id });
      // inferred: a disk is attached to one VM at most, so attaching an attached disk is refused (even to the same VM).
      if (d.vm_id !== null) throw faults.diskAttached({ disk_id: d.id });
      return diskOperation(call, 'disk_attach', d, { vm_id: v.id }, v.id);
    },
  },

  disk_detach: {
    run(call) {
      const d = ownDisk(call, call.int('disk_id'));
      const v = ownVm(call, call.int('vm_id'));
      assertNotBlocked(call.db, { diskId: d.id, vmId: v.id });
      if (d.vm_id !== v.id) throw faults.diskNotAttached({ disk_id: d.id });
      return diskOperation(call, 'disk_detach', d, { vm_id: v.id }, v.id);
    },
  },
});
