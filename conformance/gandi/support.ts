import assert from 'node:assert/strict';
import { GandiClient, GandiError, type AwaitOperationOptions, type DiskSpec, type OperationDetails, type VmSpec } from '../../clients/gandi/index.js';
import type { ScenarioContext } from '../scenario.js';

/** A client logged in with the target's credentials, at the doc's `/hosting/` endpoint. */
export async function connect(ctx: ScenarioContext, options: { safe?: boolean; path?: string } = {}): Promise<GandiClient> {
  const client = new GandiClient({ url: `${ctx.target.baseUrl}${options.path ?? '/hosting/'}` });
  await client.login(ctx.target.credentials.username, ctx.target.credentials.password, options.safe);
  return client;
}

/**
 * How to wait for an operation: on the emulator, move its clock a minute per
 * poll (nothing to sleep for); on a real panel, poll every 5 seconds.
 */
export function waitOptions(ctx: ScenarioContext): AwaitOperationOptions {
  return ctx.target.kind === 'emulator' ? { wait: () => ctx.emulator.advanceClock(60) } : { intervalMs: 5000 };
}

/** Waits for an operation and asserts it ended DONE. */
export function done(ctx: ScenarioContext, client: GandiClient, opId: number | Promise<number>): Promise<OperationDetails> {
  return Promise.resolve(opId).then((id) => client.operationDone(id, waitOptions(ctx)));
}

/** Asserts that the call fails with this faultCode (and a faultString matching `text`, when given). */
export async function expectFault(call: Promise<unknown>, code: number, text?: RegExp): Promise<GandiError> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof GandiError, `expected a Gandi fault ${code}, got ${String(error)}`);
    assert.equal(error.code, code, `faultCode of "${error.faultString}"`);
    if (text) assert.match(error.faultString, text);
    return error;
  }
  assert.fail(`expected fault ${code}, the call succeeded`);
}

/** Buys `quantity` flexible shares for a month and releases them after the scenario; answers the product id. */
export async function buyShares(ctx: ScenarioContext, client: GandiClient, quantity: number): Promise<number> {
  const details = await done(ctx, client, client.hostingAccountProductAdd('shares', quantity, '1m'));
  const productId = details.param.product_id;
  assert.equal(typeof productId, 'number', 'a product operation names its product_id');
  ctx.cleanup(() => done(ctx, client, client.hostingAccountProductRemove(productId!)));
  return productId!;
}

export const DOC_VM: VmSpec = { hostname: 'vmtest1', password: 'my_password', osId: 111, shares: 4, cpu: 1, login: 'gandi' };
export const DOC_DISK: DiskSpec = { size: 2048, name: 'disk2GB', fstype: 'ext3' };

/** An OS image id: the doc's 111 where the panel has it, else the first image offered. */
export async function pickOs(client: GandiClient): Promise<number> {
  const images = await client.osList();
  assert.ok(images.length > 0, 'os_list offers at least one image');
  return (images.find((i) => i.id === 111) ?? images[0]).id;
}

/** Creates a VM and waits until it exists; after the scenario it is stopped, emptied of disks and deleted. */
export async function newVm(ctx: ScenarioContext, client: GandiClient, spec: Partial<VmSpec> = {}): Promise<number> {
  const vmId = await client.vmCreate({ ...DOC_VM, hostname: ctx.unique('vm'), osId: await pickOs(client), ...spec });
  ctx.cleanup(async () => {
    const vms = await client.vmList();
    if (!vms.includes(vmId)) return;
    const info = await client.vmInfo(vmId);
    for (const diskId of (info.disks_id as number[] | undefined) ?? []) await done(ctx, client, client.diskDetach(diskId, vmId));
    if (info.state !== 'halted') await done(ctx, client, client.vmStop(vmId));
    await done(ctx, client, client.vmDelete(vmId));
  });
  await done(ctx, client, client.creationOperation('vm_create', vmId));
  return vmId;
}

/** Creates a disk and waits until it exists; after the scenario it is detached if need be and deleted. */
export async function newDisk(ctx: ScenarioContext, client: GandiClient, spec: Partial<DiskSpec> = {}): Promise<number> {
  const diskId = await client.diskCreate({ ...DOC_DISK, name: ctx.unique('disk'), ...spec });
  ctx.cleanup(async () => {
    if (!(await client.diskList()).includes(diskId)) return;
    const vms = ((await client.diskInfo(diskId)).vms_id as number[] | undefined) ?? [];
    for (const vmId of vms) await done(ctx, client, client.diskDetach(diskId, vmId));
    await done(ctx, client, client.diskDelete(diskId));
  });
  await done(ctx, client, client.creationOperation('disk_create', diskId));
  return diskId;
}

/** The emulator's `gandi.operationPace` setting (emulators/gandi/README.md). */
export type OperationPace = 'immediate' | { afterSeconds: number } | { afterPolls: number };

/** Emulator only: sets the world's operation pace for the rest of the scenario (immediate again afterwards). */
export async function usePace(ctx: ScenarioContext, pace: OperationPace): Promise<void> {
  await ctx.emulator.setSetting('gandi.operationPace', pace);
  ctx.cleanup(() => ctx.emulator.setSetting('gandi.operationPace', 'immediate'));
}

/** Emulator only: operations matching these rules end in ERROR (none afterwards). */
export async function failOperations(ctx: ScenarioContext, rules: { opid?: number; type?: string; comment: string }[]): Promise<void> {
  await ctx.emulator.setSetting('gandi.operationErrors', rules);
  ctx.cleanup(() => ctx.emulator.setSetting('gandi.operationErrors', []));
}

/** The product of this id in hosting_account_info, if listed. */
export async function productOf(client: GandiClient, productId: number) {
  return (await client.hostingAccountInfo()).products?.find((p) => p.id === productId);
}

/** Logs in, buys one share and creates a one-share VM on it: the start of most operation scenarios. */
export async function oneShareVm(ctx: ScenarioContext): Promise<{ gandi: GandiClient; vmId: number }> {
  const gandi = await connect(ctx);
  await buyShares(ctx, gandi, 1);
  return { gandi, vmId: await newVm(ctx, gandi, { shares: 1 }) };
}
