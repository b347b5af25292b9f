import assert from 'node:assert/strict';
import { defineScenario } from '../scenario.js';
import { buyShares, connect, done, expectFault, newDisk, newVm } from './support.js';

export const diskScenarios = [
  defineScenario({
    id: 'gandi/disk-lifecycle',
    panel: 'gandi',
    title: 'a disk is created, listed, attached (and then cannot be deleted), detached and deleted',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'login',
      'hosting_account_product_add',
      'hosting_account_product_remove',
      'os_list',
      'vm_create',
      'vm_info',
      'vm_list',
      'vm_stop',
      'vm_delete',
      'disk_create',
      'disk_info',
      'disk_list',
      'disk_attach',
      'disk_detach',
      'disk_delete',
      'vm_disk_list',
      'vm_disk_link',
      'operation_details',
      'operation_list',
    ],
    async run(ctx) {
      const gandi = await connect(ctx);
      await buyShares(ctx, gandi, 1);
      const vmId = await newVm(ctx, gandi, { shares: 1 });
      const diskId = await newDisk(ctx, gandi, { size: 1024, fstype: 'xfs' });
      await ctx.step('disk_list and disk_info', async () => {
        assert.ok((await gandi.diskList()).includes(diskId));
        const info = await gandi.diskInfo(diskId);
        assert.deepEqual([info.id, info.size, info.fstype, info.vms_id], [diskId, 1024, 'xfs', []]);
      });
      await ctx.step('disk_attach', async () => {
        const details = await done(ctx, gandi, gandi.diskAttach(diskId, vmId));
        assert.deepEqual([details.param.param_type, details.param.disk_id], ['disk', diskId]);
        assert.deepEqual(await gandi.vmDiskList(vmId), [diskId]);
        assert.ok((await gandi.vmDiskLink()).some((l) => l.disk_id === diskId && l.vm_id === vmId));
      });
      await ctx.step('an attached disk cannot be deleted nor attached again', async () => {
        await expectFault(gandi.diskDelete(diskId), 530439, /attached/);
        await expectFault(gandi.diskAttach(diskId, vmId), 530439, /attached/);
      });
      await ctx.step('disk_detach, then detaching again is refused', async () => {
        await done(ctx, gandi, gandi.diskDetach(diskId, vmId));
        assert.deepEqual(await gandi.vmDiskList(vmId), []);
        await expectFault(gandi.diskDetach(diskId, vmId), 530498, /not attached/);
      });
      await ctx.step('disk_delete', async () => {
        await done(ctx, gandi, gandi.diskDelete(diskId));
        assert.ok(!(await gandi.diskList()).includes(diskId));
        await expectFault(gandi.diskInfo(diskId), 530440, new RegExp(`\\[disk_id: ${diskId}\\]`));
      });
    },
  }),

  defineScenario({
    id: 'gandi/disk-create-php-size',
    panel: 'gandi',
    title: 'disk_create takes size as the doc\'s PHP sample sends it, a string "2048"',
    access: 'mutating',
    basis: 'documented',
    methods: ['login', 'disk_create', 'disk_info', 'disk_list', 'disk_delete', 'operation_details', 'operation_list'],
    async run(ctx) {
      const gandi = await connect(ctx);
      const diskId = await gandi.call<number>('disk_create', gandi.session, { size: '2048', name: ctx.unique('disk2GB'), fstype: 'ext3' });
      ctx.cleanup(() => done(ctx, gandi, gandi.diskDelete(diskId)));
      await done(ctx, gandi, gandi.creationOperation('disk_create', diskId));
      assert.equal((await gandi.diskInfo(diskId)).size, 2048);
    },
  }),

  defineScenario({
    id: 'gandi/disk-faults',
    panel: 'gandi',
    title: 'disk_create refuses a bad fstype, size or a size beyond the account; unknown disks and VMs are refused',
    access: 'mutating',
    basis: 'emulator',
    methods: [
      'login',
      'disk_create',
      'disk_info',
      'disk_list',
      'disk_delete',
      'disk_attach',
      'disk_detach',
      'hosting_account_info',
      'operation_list',
      'operation_details',
    ],
    async run(ctx) {
      const gandi = await connect(ctx);
      await ctx.step('fstype outside ext3|reiserfs|xfs|jfs', () =>
        expectFault(gandi.call('disk_create', gandi.session, { size: 1024, name: 'd', fstype: 'ntfs' }), 530430, /\[fstype: ntfs\]/),
      );
      await ctx.step('size 0', () => expectFault(gandi.diskCreate({ size: 0, name: 'd' }), 530430, /size/));
      await ctx.step('no size', () => expectFault(gandi.call('disk_create', gandi.session, { name: 'd' }), 501532, /size/));
      const free = (await gandi.hostingAccountInfo()).resources!.available.disk!;
      await ctx.step('more disk than the account has', () => expectFault(gandi.diskCreate({ size: free + 1, name: 'd' }), 530435));
      for (const method of ['disk_info', 'disk_delete']) {
        await ctx.step(`${method} of an unknown disk`, () => expectFault(gandi.call(method, gandi.session, 1), 530440, /\[disk_id: 1\]/));
      }
      await ctx.step('disk_attach of an unknown disk', () => expectFault(gandi.diskAttach(1, 1), 530440));
      const diskId = await newDisk(ctx, gandi, { size: 1024 });
      await ctx.step('disk_attach to an unknown VM', () => expectFault(gandi.diskAttach(diskId, 1), 530240, /\[vm_id: 1\]/));
      await ctx.step('disk_detach from an unknown VM', () => expectFault(gandi.diskDetach(diskId, 1), 530240));
    },
  }),
];
