import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GandiError } from '../../clients/gandi/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { advanceClock, gandiIn, setClock, setSettings } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const fault = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof GandiError ? { code: e.code, text: e.faultString } : Promise.reject(e)),
  );

const seconds = (d: Date) => d.getTime() / 1000;

describe('Gandi operation engine', () => {
  it('fixes the pace when an operation is created and applies due operations in the order they fell due', async () => {
    const w = 'engine-order';
    const gandi = await gandiIn(server, w);
    const vmA = await gandi.vmCreate({ hostname: 'a', password: 'pw', osId: 111, shares: 1, cpu: 1 });
    await setSettings(server, w, { 'gandi.operationPace': { afterSeconds: 100 } });
    const slow = await gandi.vmStop(vmA);
    await setSettings(server, w, { 'gandi.operationPace': { afterSeconds: 10 } });
    const fast = await gandi.hostingAccountProductRenew((await gandi.hostingAccountInfo()).products![0].id, '1m');
    await setSettings(server, w, { 'gandi.operationPace': 'immediate' });
    expect((await gandi.operationDetails(slow)).state).toBe('PENDING');
    await advanceClock(server, w, 500);
    const [s, f] = [await gandi.operationDetails(slow), await gandi.operationDetails(fast)];
    expect([s.state, f.state]).toEqual(['DONE', 'DONE']);
    // Each finished at its own due time, not at the call that noticed it.
    expect(seconds(s.date_update) - seconds(s.date_create)).toBe(100);
    expect(seconds(f.date_update) - seconds(f.date_create)).toBe(10);
    expect((await gandi.vmInfo(vmA)).state).toBe('halted');
  });

  it('afterSeconds 0 finishes before the call returns', async () => {
    const w = 'engine-zero';
    const gandi = await gandiIn(server, w);
    await setSettings(server, w, { 'gandi.operationPace': { afterSeconds: 0 } });
    const vmId = await gandi.vmCreate({ hostname: 'z', password: 'pw', osId: 111, shares: 1, cpu: 1 });
    expect((await gandi.vmInfo(vmId)).state).toBe('running');
  });

  it('counts shares asked for by unfinished operations as used', async () => {
    const w = 'engine-reserve';
    const gandi = await gandiIn(server, w);
    await gandi.hostingAccountProductAdd('shares', 2, '1m');
    const vmId = await gandi.vmCreate({ hostname: 'r', password: 'pw', osId: 111, shares: 1, cpu: 1 });
    await setSettings(server, w, { 'gandi.operationPace': { afterSeconds: 100 } });
    await gandi.vmUpdate(vmId, { shares: 3 });
    const info = await gandi.hostingAccountInfo();
    expect(info.resources!.available.shares).toBe(2);
    expect(await fault(gandi.vmCreate({ hostname: 'r2', password: 'pw', osId: 111, shares: 1, cpu: 1 }))).toMatchObject({ code: 530935 });
  });

  it('vm_delete leaves the VM disks in place, detached', async () => {
    const gandi = await gandiIn(server, 'engine-delete');
    const vmId = await gandi.vmCreate({ hostname: 'd', password: 'pw', osId: 111, shares: 1, cpu: 1 });
    const diskId = await gandi.diskCreate({ size: 1024, name: 'data' });
    await gandi.diskAttach(diskId, vmId);
    await gandi.vmStop(vmId);
    await gandi.vmDelete(vmId);
    expect(await gandi.vmList()).toEqual([]);
    expect(await gandi.diskInfo(diskId)).toMatchObject({ vms_id: [] });
  });

  it('a snapshot keeps unfinished operations and the clock with them', async () => {
    const w = 'engine-snapshot';
    const gandi = await gandiIn(server, w);
    await setSettings(server, w, { 'gandi.operationPace': { afterSeconds: 60 } });
    const opId = await gandi.hostingAccountProductAdd('shares', 1, '1m');
    const snap = await fetch(`${server.admin}/worlds/${w}/snapshots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"gandi-pending"}',
    });
    expect(snap.status).toBe(201);
    await advanceClock(server, w, 60);
    expect((await gandi.operationDetails(opId)).state).toBe('DONE');
    await fetch(`${server.admin}/worlds/${w}/snapshots/gandi-pending/restore`, { method: 'POST' });
    expect((await gandi.operationDetails(opId)).state).toBe('PENDING');
  });

  it('an error rule without a type fails every new operation; cancelling them gives back what they took', async () => {
    const w = 'engine-errors';
    const gandi = await gandiIn(server, w);
    const balance = await gandi.accountBalance();
    await setSettings(server, w, { 'gandi.operationErrors': [{ comment: 'datacenter on fire' }] });
    const add = await gandi.hostingAccountProductAdd('shares', 1, '1m');
    const vmId = await gandi.vmCreate({ hostname: 'e', password: 'pw', osId: 111, shares: 1, cpu: 1 });
    const create = await gandi.creationOperation('vm_create', vmId);
    for (const id of [add, create]) expect(await gandi.operationDetails(id)).toMatchObject({ state: 'ERROR', comment: 'datacenter on fire' });
    expect(await gandi.accountBalance()).toBeLessThan(balance);
    expect((await gandi.vmInfo(vmId)).state).toBe('being_created');
    await gandi.operationCancel(add);
    await gandi.operationCancel(create);
    expect(await gandi.accountBalance()).toBe(balance);
    expect(await gandi.vmList()).toEqual([]);
  });

  it('a misconfigured setting is a ServerError naming it, not a crash', async () => {
    const w = 'engine-misconfigured';
    const gandi = await gandiIn(server, w);
    await setSettings(server, w, { 'gandi.operationPace': 'slowly' });
    expect(await fault(gandi.vmCreate({ hostname: 'm', password: 'pw', osId: 111, shares: 1, cpu: 1 }))).toEqual({
      code: 150000,
      text: expect.stringMatching(/^ServerError: mockpanel setting gandi.operationPace must be/),
    });
  });
});

describe('Gandi products and money', () => {
  it('a disk product adds disk space; an update pays only for the extra units; a decrease refunds nothing', async () => {
    const w = 'money';
    const gandi = await gandiIn(server, w);
    await setSettings(server, w, { 'gandi.prices': { shares: 10, disk: 1 } });
    const disk0 = (await gandi.hostingAccountInfo()).resources!.available.disk!;
    const b0 = await gandi.accountBalance();
    const details = await gandi.operationDetails(await gandi.hostingAccountProductAdd('disk', 10240, '1m'));
    expect(await gandi.accountBalance()).toBe(b0 - 10);
    expect((await gandi.hostingAccountInfo()).resources!.available.disk).toBe(disk0 + 10240);
    const productId = details.param.product_id!;
    await gandi.hostingAccountProductUpdate(productId, 20480);
    expect(await gandi.accountBalance()).toBe(b0 - 20);
    await gandi.hostingAccountProductUpdate(productId, 1024);
    expect(await gandi.accountBalance()).toBe(b0 - 20);
    expect(await fault(gandi.hostingAccountProductUpdate(productId, 1024))).toMatchObject({ code: 535134 });
  });

  // A '1m' product bought at each instant has one calendar month left, whatever that month's length:
  // 31 days (December), 28 (February), 29 (a leap February), and across a year's end.
  for (const at of ['2026-12-06T03:50:00Z', '2027-01-31T23:59:40Z', '2028-02-29T12:00:00Z', '2027-12-31T23:59:30Z']) {
    it(`adding units to a one-month product bought at ${at} charges one month`, async () => {
      const w = `money-${at.slice(0, 10)}`;
      await setClock(server, w, { at, frozen: true });
      const gandi = await gandiIn(server, w);
      await setSettings(server, w, { 'gandi.prices': { shares: 10, disk: 1 } });
      const b0 = await gandi.accountBalance();
      const productId = (await gandi.operationDetails(await gandi.hostingAccountProductAdd('disk', 1024, '1m'))).param.product_id!;
      await gandi.hostingAccountProductUpdate(productId, 2048);
      expect(await gandi.accountBalance()).toBe(b0 - 2);
    });
  }

  it('disk space in use cannot be released', async () => {
    const gandi = await gandiIn(server, 'money-disk');
    const productId = (await gandi.operationDetails(await gandi.hostingAccountProductAdd('disk', 4096, '1m'))).param.product_id!;
    await gandi.diskCreate({ size: 8192 + 2048, name: 'big' });
    expect(await fault(gandi.hostingAccountProductRemove(productId))).toMatchObject({ code: 535135, text: expect.stringMatching(/disks use more space/) });
  });
});
