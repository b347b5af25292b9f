import assert from 'node:assert/strict';
import { defineScenario } from '../scenario.js';
import { connect, DOC_DISK, DOC_VM, done, pickOs } from './support.js';

/**
 * Seed 001 § User Cases, "Creation of a Gandi server", with the doc's own
 * sample values (4 shares for a month, VM vmtest1 on OS 111, disk2GB ext3).
 */
export const userCase = defineScenario({
  id: 'gandi/user-case',
  panel: 'gandi',
  title: "the doc's 5-step user case: add shares, check them, create a VM, create a disk, attach it",
  access: 'mutating',
  basis: 'documented',
  methods: [
    'login',
    'account_balance',
    'hosting_account_product_add',
    'hosting_account_info',
    'os_list',
    'vm_create',
    'disk_create',
    'disk_attach',
    'operation_details',
    'operation_list',
    'vm_info',
    'disk_info',
  ],
  async run(ctx) {
    const gandi = await ctx.step('login in safe mode, as the doc samples do', () => connect(ctx, { safe: true }));
    const balance = await gandi.accountBalance();

    const before = (await gandi.hostingAccountInfo()).resources?.available.shares ?? 0;
    const productId = await ctx.step('step 1: hosting_account_product_add shares 4 1m', async () => {
      const opId = await gandi.hostingAccountProductAdd('shares', 4, '1m');
      assert.equal(typeof opId, 'number', 'product_add answers an operation id');
      const details = await done(ctx, gandi, opId);
      assert.equal(details.type, 'hosting_account_product_add');
      return details.param.product_id!;
    });
    ctx.cleanup(() => done(ctx, gandi, gandi.hostingAccountProductRemove(productId)));
    assert.ok((await gandi.accountBalance()) < balance, 'buying shares debits the prepaid account');

    await ctx.step('step 2: hosting_account_info shows the shares available', async () => {
      const info = await gandi.hostingAccountInfo();
      assert.ok(info.products?.some((p) => p.id === productId && p.product_name === 'shares' && p.quantity === 4));
      assert.equal(info.resources?.available.shares, before + 4);
    });

    const vmId = await ctx.step('step 3: os_list, then vm_create answers the VM id', async () => {
      const osId = await pickOs(gandi);
      const id = await gandi.vmCreate({ ...DOC_VM, hostname: ctx.unique('vmtest'), osId });
      assert.equal(typeof id, 'number');
      ctx.cleanup(async () => {
        await done(ctx, gandi, gandi.vmStop(id));
        await done(ctx, gandi, gandi.vmDelete(id));
      });
      const op = await done(ctx, gandi, gandi.creationOperation('vm_create', id));
      assert.equal(op.param.param_type, 'vm');
      return id;
    });

    const diskId = await ctx.step('step 4: disk_create answers the disk id', async () => {
      const id = await gandi.diskCreate({ ...DOC_DISK, name: ctx.unique('disk') });
      ctx.cleanup(() => done(ctx, gandi, gandi.diskDelete(id)));
      const op = await done(ctx, gandi, gandi.creationOperation('disk_create', id));
      assert.equal(op.param.param_type, 'disk');
      return id;
    });

    await ctx.step('step 5: disk_attach, then the disk is on the VM', async () => {
      const details = await done(ctx, gandi, gandi.diskAttach(diskId, vmId));
      assert.equal(details.type, 'disk_attach');
      assert.equal(details.param.disk_id, diskId);
      ctx.cleanup(() => done(ctx, gandi, gandi.diskDetach(diskId, vmId)));
      assert.deepEqual((await gandi.diskInfo(diskId)).vms_id, [vmId]);
      assert.deepEqual((await gandi.vmInfo(vmId)).disks_id, [diskId]);
    });
  },
});
