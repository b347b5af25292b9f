import { prepare } from '../../../state/database.js';
import type { CallContext, Handler } from '../../core/panel.js';
import { faults } from '../faults.js';
import { assertNotBlocked, createOperation } from '../operations.js';
import { accountResources, available, SHARE_DEFINITION } from '../resources.js';
import { session } from '../session.js';
import { show, structFields } from '../struct-fields.js';

interface VmRow {
  id: number;
  account_id: number;
  hostname: string;
  os_id: number;
  shares: number;
  cpu: number;
  vm_max_memory: number;
  login: string;
  /** inferred: the doc names no states; these are the successor API's (research/webfaction-gandi/realworld.md §2.4). */
  state: 'being_created' | 'running' | 'halted' | 'paused';
  date_created: number;
  date_updated: number;
}

const date = (seconds: number) => new Date(seconds * 1000);

/** A VM of the calling account, or its "does not exist" fault. */
export function vm(ctx: CallContext, id: number): VmRow {
  const row = prepare<[number, number], VmRow>(ctx.db, 'SELECT * FROM gandi_vm WHERE id = ? AND account_id = ?').get(id, session(ctx).accountId);
  if (!row) throw faults.unknownVm({ vm_id: id });
  return row;
}

export function attachedDisks(ctx: CallContext, vmId: number): number[] {
  return prepare<[number], { id: number }>(ctx.db, 'SELECT id FROM gandi_disk WHERE vm_id = ? ORDER BY id').all(vmId).map((r) => r.id);
}

// inferred: RFC 1123 host label rules; the doc only says "the hostname of the VM".
const HOSTNAME = /^(?=.{1,63}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

function checkShares(shares: number): void {
  if (!(shares >= 1)) throw faults.badSharesValue({ shares });
}

function checkCpu(cpu: number): void {
  if (!(cpu >= 1)) throw faults.badVmValue({ element: 'cpu', value: cpu });
}

/** Shares a VM may take on top of what it has: the account's available shares, counting requests in flight. */
function assertSharesAvailable(ctx: CallContext, extra: number, asked: number): void {
  if (extra <= 0) return;
  const free = available(accountResources(ctx.db, session(ctx).accountId, { reserve: true })).shares;
  if (extra > free) throw faults.notEnoughShares({ shares: asked });
}

function vmOperation(ctx: CallContext, type: string, v: { id: number }, extra: Record<string, unknown> = {}): number {
  return createOperation(ctx.world, ctx.db, {
    type,
    accountId: session(ctx).accountId,
    param: { param_type: 'vm', vm_id: v.id, ...extra },
    vmId: v.id,
  });
}

/**
 * A state-changing VM operation allowed only from some states: vm_start
 * boots a halted VM or unpauses a paused one, vm_stop and vm_reboot need a
 * running one (seed 001, vm_start/vm_stop/vm_reboot).
 */
function transition(type: string, from: VmRow['state'][]): Handler {
  return (ctx) => {
    const v = vm(ctx, ctx.args[1] as number);
    assertNotBlocked(ctx.db, { vmId: v.id });
    if (!from.includes(v.state)) throw faults.vmState({ state: v.state, vm_id: v.id });
    return vmOperation(ctx, type, v);
  };
}

/** Seed 001 § VM methods (the table of contents calls them Servers methods). */
export const vmMethods: Record<string, Handler> = {
  vm_create(ctx) {
    const [, hostname, password, osId, shares, cpu] = ctx.args as [string, string, string, number, number, number];
    const specs = structFields(ctx, 'specs');
    if (!HOSTNAME.test(hostname)) throw faults.badVmValue({ element: 'hostname', value: hostname });
    // 500130 password/value, worded as the 1.0 error page's own example.
    if (password.length === 0) throw faults.badPassword({ password });
    checkShares(shares);
    checkCpu(cpu);
    const login = (specs.login as string | undefined) ?? '';
    if (!prepare<[number], { id: number }>(ctx.db, 'SELECT id FROM gandi_os WHERE id = ?').get(osId)) throw faults.unknownOs({ os_id: osId });
    assertSharesAvailable(ctx, shares, shares);
    const now = ctx.world.clock.nowSeconds();
    const memory = shares * SHARE_DEFINITION.memory;
    const id = Number(
      prepare(
        ctx.db,
        `INSERT INTO gandi_vm (account_id, hostname, password, os_id, shares, cpu, vm_max_memory, login, state, date_created, date_updated)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'being_created', ?, ?)`,
      ).run(session(ctx).accountId, hostname, password, osId, shares, cpu, memory, login, now, now).lastInsertRowid,
    );
    vmOperation(ctx, 'vm_create', { id }, { hostname, os_id: osId, shares, cpu, login });
    // Documented: vm_create answers the new VM's id, not the operation's.
    return id;
  },

  /** inferred members: the doc's own parameter names plus the successor API's state, memory and disks_id. */
  vm_info(ctx) {
    const v = vm(ctx, ctx.args[1] as number);
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
      disks_id: attachedDisks(ctx, v.id),
      date_created: date(v.date_created),
      date_updated: date(v.date_updated),
    };
  },

  vm_list: (ctx) =>
    prepare<[number], { id: number }>(ctx.db, 'SELECT id FROM gandi_vm WHERE account_id = ? ORDER BY id').all(session(ctx).accountId).map((r) => r.id),

  vm_update(ctx) {
    const specs = structFields(ctx, 'specs') as { shares?: number; cpu?: number; vm_max_memory?: number };
    if (Object.keys(specs).length === 0) throw faults.vmNothingToUpdate({ specs: show(ctx.params.specs) });
    if (specs.shares !== undefined) checkShares(specs.shares);
    if (specs.cpu !== undefined) checkCpu(specs.cpu);
    if (specs.vm_max_memory !== undefined && !(specs.vm_max_memory >= 1)) {
      throw faults.badVmValue({ element: 'vm_max_memory', value: specs.vm_max_memory });
    }
    const v = vm(ctx, ctx.args[1] as number);
    assertNotBlocked(ctx.db, { vmId: v.id });
    if (specs.shares !== undefined) assertSharesAvailable(ctx, specs.shares - v.shares, specs.shares);
    return vmOperation(ctx, 'vm_update', v, specs);
  },

  vm_delete(ctx) {
    const v = vm(ctx, ctx.args[1] as number);
    assertNotBlocked(ctx.db, { vmId: v.id });
    // Documented: "delete a stopped VM".
    if (v.state !== 'halted') throw faults.vmNotHalted({ vm_id: v.id });
    return vmOperation(ctx, 'vm_delete', v);
  },

  vm_start: transition('vm_start', ['halted', 'paused']),
  vm_stop: transition('vm_stop', ['running', 'paused']),
  vm_reboot: transition('vm_reboot', ['running']),

  /** inferred (table of contents only): the ids of the disks attached to the VM. */
  vm_disk_list(ctx) {
    const v = vm(ctx, ctx.args[1] as number);
    return attachedDisks(ctx, v.id);
  },

  /** inferred (table of contents only, no parameters beyond the session): every disk-to-VM link of the account. */
  vm_disk_link: (ctx) =>
    prepare<[number], { disk_id: number; vm_id: number }>(
      ctx.db,
      'SELECT id AS disk_id, vm_id FROM gandi_disk WHERE account_id = ? AND vm_id IS NOT NULL ORDER BY id',
    ).all(session(ctx).accountId),
};
