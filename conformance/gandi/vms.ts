import assert from 'node:assert/strict';
import { defineScenario } from '../scenario.js';
import { buyShares, connect, done, expectFault, newVm } from './support.js';

const VM_METHODS = [
  'login',
  'hosting_account_product_add',
  'hosting_account_product_remove',
  'os_list',
  'vm_create',
  'vm_info',
  'vm_list',
  'operation_details',
  'operation_list',
  'vm_stop',
  'vm_delete',
  'disk_detach',
];

export const vmScenarios = [
  defineScenario({
    id: 'gandi/vm-lifecycle',
    panel: 'gandi',
    title: 'a VM is created running, updated, rebooted, stopped, started, and deleted once halted',
    access: 'mutating',
    basis: 'documented',
    methods: [...VM_METHODS, 'vm_update', 'vm_reboot', 'vm_start'],
    async run(ctx) {
      const gandi = await connect(ctx);
      await buyShares(ctx, gandi, 3);
      const vmId = await newVm(ctx, gandi, { shares: 1, cpu: 1 });
      await ctx.step('vm_list and vm_info', async () => {
        assert.ok((await gandi.vmList()).includes(vmId));
        const info = await gandi.vmInfo(vmId);
        assert.equal(info.id, vmId);
        assert.equal(info.state, 'running');
        assert.equal(info.shares, 1);
      });
      await ctx.step('vm_update to 2 shares and 2 CPUs', async () => {
        const details = await done(ctx, gandi, gandi.vmUpdate(vmId, { shares: 2, cpu: 2 }));
        assert.deepEqual([details.type, details.param.param_type, details.param.vm_id], ['vm_update', 'vm', vmId]);
        const info = await gandi.vmInfo(vmId);
        assert.deepEqual([info.shares, info.cpu], [2, 2]);
      });
      await ctx.step('vm_reboot', () => done(ctx, gandi, gandi.vmReboot(vmId)));
      await ctx.step('vm_delete refused while running', () => expectFault(gandi.vmDelete(vmId), 530268, /not halted/));
      await ctx.step('vm_stop', async () => {
        await done(ctx, gandi, gandi.vmStop(vmId));
        assert.equal((await gandi.vmInfo(vmId)).state, 'halted');
      });
      await ctx.step('vm_stop, vm_reboot refused on a halted VM', async () => {
        await expectFault(gandi.vmStop(vmId), 530260, /vm is halted/);
        await expectFault(gandi.vmReboot(vmId), 530260, /vm is halted/);
      });
      await ctx.step('vm_start', async () => {
        await done(ctx, gandi, gandi.vmStart(vmId));
        assert.equal((await gandi.vmInfo(vmId)).state, 'running');
        await expectFault(gandi.vmStart(vmId), 530260, /vm is running/);
      });
      await ctx.step('vm_stop then vm_delete', async () => {
        await done(ctx, gandi, gandi.vmStop(vmId));
        const details = await done(ctx, gandi, gandi.vmDelete(vmId));
        assert.equal(details.type, 'vm_delete');
        assert.ok(!(await gandi.vmList()).includes(vmId));
        await expectFault(gandi.vmInfo(vmId), 530240, new RegExp(`\\[vm_id: ${vmId}\\]`));
      });
    },
  }),

  defineScenario({
    id: 'gandi/vm-faults',
    panel: 'gandi',
    title: 'vm_create and vm_update refuse a bad hostname, OS, shares, CPUs or specs member; unknown VMs are refused everywhere',
    access: 'mutating',
    basis: 'emulator',
    methods: ['login', 'vm_create', 'vm_update', 'vm_info', 'vm_delete', 'vm_start', 'vm_stop', 'vm_reboot', 'vm_disk_list'],
    async run(ctx) {
      const gandi = await connect(ctx);
      const spec = { hostname: 'ok-name', password: 'my_password', osId: 111, shares: 1, cpu: 1 };
      await ctx.step('bad hostname', () => expectFault(gandi.vmCreate({ ...spec, hostname: 'bad name!' }), 530230, /hostname/));
      await ctx.step('unknown OS', () => expectFault(gandi.vmCreate({ ...spec, osId: 999999 }), 530540, /\[os_id: 999999\]/));
      await ctx.step('0 shares', () => expectFault(gandi.vmCreate({ ...spec, shares: 0 }), 530930));
      await ctx.step('0 CPUs', () => expectFault(gandi.vmCreate({ ...spec, cpu: 0 }), 530230, /cpu/));
      await ctx.step('specs member the doc does not list', () =>
        expectFault(gandi.call('vm_create', gandi.session, 'ok-name', 'my_password', 111, 1, 1, { colour: 'blue' }), 501537, /colour/),
      );
      await ctx.step('vm_update with nothing in specs', () => expectFault(gandi.vmUpdate(1, {}), 530244));
      for (const method of ['vm_info', 'vm_delete', 'vm_start', 'vm_stop', 'vm_reboot', 'vm_disk_list']) {
        await ctx.step(`${method} of an unknown VM`, () => expectFault(gandi.call(method, gandi.session, 1), 530240, /\[vm_id: 1\]/));
      }
      await ctx.step('an int argument sent as a word', () => expectFault(gandi.call('vm_info', gandi.session, 'one'), 500037, /vm_id/));
    },
  }),
];
