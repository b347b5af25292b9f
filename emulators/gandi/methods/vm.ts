import { defineMethods, type MethodDef } from '../../core/define-methods.js';
import type { GandiCall } from '../call.js';
import { faults } from '../faults.js';
import { assertNotBlocked, createOperation } from '../operations.js';
import { ownVm } from '../owned.js';
import { accountResources, available, SHARE_DEFINITION } from '../resources.js';
import { show } from '../struct-fields.js';
import { attachedDiskIds, diskLinks } from '../store/disks.js';
import { osExists } from '../store/os.js';
import { insertVm, vmIds, type VmSpecs, type VmState } from '../store/vms.js';

const date = (seconds: number) => new Date(seconds * 1000);

// inferred: RFC 1123 host label rules; the doc only says "the hostname of the VM".
const HOSTNAME = /^(?=.{1,63}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

function checkShares(shares: number): void {
  if (!(shares >= 1)) throw faults.badSharesValue({ shares });
}

function checkCpu(cpu: number): void {
  if (!(cpu >= 1)) throw faults.badVmValue({ element: 'cpu', value: cpu });
}

/** Shares a VM may take on top of what it has: the account's available shares, counting requests in flight. */
function assertSharesAvailable(call: GandiCall, extra: number, asked: number): void {
  if (extra <= 0) return;
  const free = available(accountResources(call.db, call.accountId, { reserve: true })).shares;
  if (extra > free) throw faults.notEnoughShares({ shares: asked });
}

function vmOperation(call: GandiCall, type: string, v: { id: number }, extra: Record<string, unknown> = {}): number {
  return createOperation(call, { type, param: { param_type: 'vm', vm_id: v.id, ...extra }, vmId: v.id });
}

/**
 * A state-changing VM operation allowed only from some states: vm_start
 * boots a halted VM or unpauses a paused one, vm_stop and vm_reboot need a
 * running one (seed 001, vm_start/vm_stop/vm_reboot).
 */
function transition(type: string, from: VmState[]): MethodDef<GandiCall> {
  return {
    run(call) {
      const v = ownVm(call, call.int('vm_id'));
      assertNotBlocked(call.db, { vmId: v.id });
      if (!from.includes(v.state)) throw faults.vmState({ state: v.state, vm_id: v.id });
      return vmOperation(call, type, v);
    },
  };
}

/** Seed 001 § VM methods (the table of contents calls them Servers methods). */
export const vmMethods = defineMethods<GandiCall>({
  vm_create: {
    run(call) {
      const hostname = call.string('hostname');
      const password = call.string('password');
      const osId = call.int('os_id');
      const shares = call.int('shares');
      const cpu = call.int('cpu');
      const specs = call.struct('specs');
      if (!HOSTNAME.test(hostname)) throw faults.badVmValue({ element: 'hostname', value: hostname });
      // 500130 password/value, worded as the 1.0 error page's own example.
      if (password.length === 0) throw faults.badPassword({ password });
      checkShares(shares);
      checkCpu(cpu);
      const login = (specs.login as string | undefined) ?? '';
      if (!osExists(call.db, osId)) throw faults.unknownOs({ os_id: osId });
      assertSharesAvailable(call, shares, shares);
      const now = call.now();
      const id = insertVm(call.db, {
        account_id: call.accountId,
        hostname,
        password,
        os_id: osId,
        shares,
        cpu,
        vm_max_memory: shares * SHARE_DEFINITION.memory,
        login,
        state: 'being_created',
        date_created: now,
        date_updated: now,
      });
      vmOperation(call, 'vm_create', { id }, { hostname, os_id: osId, shares, cpu, login });
      // Documented: vm_create answers the new VM's id, not the operation's.
      return id;
    },
  },

  /** inferred members: the doc's own parameter names plus the successor API's state, memory and disks_id. */
  vm_info: {
    run(call) {
      const v = ownVm(call, call.int('vm_id'));
      return {
        id: v.id,
        hostname: v.hostname,
        state: v.state,
        os_id: v.os_id,
        shares: v.shares,
        cpu: v.cpu,
        memory: v.shares * SHARE_DEFINITION.memory,
        vm_max_memory: v.vm_max_memory,
        login: v.login,
        disks_id: attachedDiskIds(call.db, v.id),
        date_created: date(v.date_created),
        date_updated: date(v.date_updated),
      };
    },
  },

  vm_list: { run: (call) => vmIds(call.db, call.accountId) },

  vm_update: {
    run(call) {
      const specs = call.struct<VmSpecs>('specs');
      if (Object.keys(specs).length === 0) throw faults.vmNothingToUpdate({ specs: show(call.param('specs')) });
      if (specs.shares !== undefined) checkShares(specs.shares);
      if (specs.cpu !== undefined) checkCpu(specs.cpu);
      if (specs.vm_max_memory !== undefined && !(specs.vm_max_memory >= 1)) {
        throw faults.badVmValue({ element: 'vm_max_memory', value: specs.vm_max_memory });
      }
      const v = ownVm(call, call.int('vm_id'));
      assertNotBlocked(call.db, { vmId: v.id });
      if (specs.shares !== undefined) assertSharesAvailable(call, specs.shares - v.shares, specs.shares);
      return vmOperation(call, 'vm_update', v, { ...specs });
    },
  },

  vm_delete: {
    run(call) {
      const v = ownVm(call, call.int('vm_id'));
      assertNotBlocked(call.db, { vmId: v.id });
      // Documented: "delete a stopped VM".
      if (v.state !== 'halted') throw faults.vmNotHalted({ vm_id: v.id });
      return vmOperation(call, 'vm_delete', v);
    },
  },

  vm_start: transition('vm_start', ['halted', 'paused']),
  vm_stop: transition('vm_stop', ['running', 'paused']),
  vm_reboot: transition('vm_reboot', ['running']),

  /** inferred (table of contents only): the ids of the disks attached to the VM. */
  vm_disk_list: {
    run(call) {
      const v = ownVm(call, call.int('vm_id'));
      return attachedDiskIds(call.db, v.id);
    },
  },

  /** inferred (table of contents only, no parameters beyond the session): every disk-to-VM link of the account. */
  vm_disk_link: { run: (call) => diskLinks(call.db, call.accountId) },
});
