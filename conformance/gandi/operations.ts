import assert from 'node:assert/strict';
import { GandiOperationError } from '../../clients/gandi/index.js';
import { defineScenario } from '../scenario.js';
import { connect, done, expectFault, failOperations, oneShareVm, productOf, usePace } from './support.js';

const EMULATOR_ONLY = { remote: "needs the emulator's operation pace and error settings" };
/** Methods newVm and buyShares call, with their cleanups. */
const SETUP = [
  'login',
  'hosting_account_product_add',
  'hosting_account_product_remove',
  'os_list',
  'vm_create',
  'vm_info',
  'vm_list',
  'vm_stop',
  'vm_delete',
  'operation_details',
  'operation_list',
];

const DAY = 86_400_000;

export const operationScenarios = [
  defineScenario({
    id: 'gandi/os-list',
    panel: 'gandi',
    title: "os_list answers structs with an id and a label, including the doc's OS 111 on the emulator",
    access: 'read-only',
    basis: 'documented',
    methods: ['login', 'os_list'],
    async run(ctx) {
      const gandi = await connect(ctx);
      const images = await gandi.osList();
      assert.ok(images.length > 0);
      for (const image of images) assert.deepEqual([typeof image.id, typeof image.label], ['number', 'string']);
      if (ctx.target.kind === 'emulator')
        assert.ok(
          images.some((i) => i.id === 111),
          'the doc samples create VMs on OS 111',
        );
    },
  }),

  defineScenario({
    id: 'gandi/operation-details',
    panel: 'gandi',
    title: 'operation_details has the documented keys; an unknown operation is refused',
    access: 'mutating',
    basis: 'documented',
    methods: [...SETUP, 'vm_reboot'],
    async run(ctx) {
      const { gandi, vmId } = await oneShareVm(ctx);
      const details = await done(ctx, gandi, gandi.vmReboot(vmId));
      assert.deepEqual(Object.keys(details).sort(), ['comment', 'date_create', 'date_update', 'param', 'state', 'type', 'uid']);
      assert.equal(details.type, 'vm_reboot');
      assert.ok(details.date_create instanceof Date && details.date_update instanceof Date);
      assert.deepEqual([details.param.param_type, details.param.vm_id], ['vm', vmId]);
      assert.equal(details.comment, '', 'no comment unless in ERROR, and never <nil/>');
      await expectFault(gandi.operationDetails(1), 510240, /\[opid: 1\]/);
    },
  }),

  defineScenario({
    id: 'gandi/operation-list-filters',
    panel: 'gandi',
    title: 'operation_list filters on type, state (ALL too) and the four dates, and refuses a bad state or type',
    access: 'mutating',
    basis: 'documented',
    methods: [...SETUP, 'vm_reboot'],
    async run(ctx) {
      const { gandi, vmId } = await oneShareVm(ctx);
      const created = await gandi.creationOperation('vm_create', vmId);
      const reboots = [await gandi.vmReboot(vmId), await gandi.vmReboot(vmId)];
      for (const id of reboots) await done(ctx, gandi, id);
      const has = (ids: number[], wanted: number[]) => wanted.every((id) => ids.includes(id));

      await ctx.step('no filter, ALL and DONE list them', async () => {
        assert.ok(has(await gandi.operationList(), [created, ...reboots]));
        assert.ok(has(await gandi.operationList({ state: 'ALL' }), [created, ...reboots]));
        assert.ok(has(await gandi.operationList({ state: 'DONE' }), [created, ...reboots]));
      });
      await ctx.step('state PENDING leaves finished ones out', async () => {
        assert.ok(!(await gandi.operationList({ state: 'PENDING' })).some((id) => reboots.includes(id)));
      });
      await ctx.step('type vm_reboot', async () => {
        const ids = await gandi.operationList({ type: 'vm_reboot', state: 'DONE' });
        assert.ok(has(ids, reboots));
        assert.ok(!ids.includes(created));
      });
      await ctx.step('dates', async () => {
        const past = new Date(Date.UTC(2006, 0, 1));
        // Ten years after the target's own clock (an operation's date), not ours: a target's clock may be pinned anywhere.
        const future = new Date((await gandi.operationDetails(reboots[0])).date_create.getTime() + 3650 * DAY);
        assert.ok(has(await gandi.operationList({ created_after: past, updated_after: past }), reboots));
        assert.ok(has(await gandi.operationList({ created_before: future, updated_before: future }), reboots));
        assert.deepEqual(await gandi.operationList({ created_before: past }), []);
        assert.deepEqual(await gandi.operationList({ updated_after: future }), []);
      });
      await ctx.step('a state outside the documented list', () =>
        expectFault(gandi.call('operation_list', gandi.session, { state: 'WAIT' }), 525030, /\[state: WAIT\]/),
      );
      await ctx.step('a type that is no operation', () => expectFault(gandi.operationList({ type: 'vm_teleport' }), 525130, /vm_teleport/));
    },
  }),

  defineScenario({
    id: 'gandi/operation-list-cap',
    panel: 'gandi',
    title: 'operation_list answers the last 300 operation ids, no more',
    access: 'mutating',
    basis: 'documented',
    methods: [...SETUP, 'vm_reboot'],
    skip: { remote: 'makes 300 operations' },
    async run(ctx) {
      const { gandi, vmId } = await oneShareVm(ctx);
      const ids: number[] = [];
      for (let i = 0; i < 302; i++) ids.push(await gandi.vmReboot(vmId));
      const listed = await gandi.operationList({ type: 'vm_reboot' });
      assert.equal(listed.length, 300);
      assert.ok(listed.includes(ids[ids.length - 1]), 'the newest is listed');
      assert.ok(!listed.includes(ids[0]) && !listed.includes(ids[1]), 'the oldest two are not');
    },
  }),

  defineScenario({
    id: 'gandi/pace-seconds',
    panel: 'gandi',
    title: 'clock-paced operations go PENDING, RUN, DONE; a VM is not halted or running until its operation is done',
    access: 'mutating',
    basis: 'emulator',
    methods: [...SETUP, 'vm_start'],
    skip: EMULATOR_ONLY,
    async run(ctx) {
      const { gandi, vmId } = await oneShareVm(ctx);
      await usePace(ctx, { afterSeconds: 60 });
      const stop = await gandi.vmStop(vmId);
      await ctx.step('just created: PENDING, VM still running', async () => {
        assert.equal((await gandi.operationDetails(stop)).state, 'PENDING');
        assert.equal((await gandi.vmInfo(vmId)).state, 'running');
      });
      await ctx.emulator.advanceClock(30);
      await ctx.step('half way: RUN, VM still running', async () => {
        assert.equal((await gandi.operationDetails(stop)).state, 'RUN');
        assert.equal((await gandi.vmInfo(vmId)).state, 'running');
      });
      await ctx.emulator.advanceClock(30);
      await ctx.step('after 60 s: DONE, VM halted', async () => {
        const details = await gandi.operationDetails(stop);
        assert.equal(details.state, 'DONE');
        assert.equal(details.date_update.getTime() - details.date_create.getTime(), 60_000);
        assert.equal((await gandi.vmInfo(vmId)).state, 'halted');
      });
      const start = await gandi.vmStart(vmId);
      await ctx.step('vm_start: the VM is not running until its operation is done', async () => {
        assert.equal((await gandi.vmInfo(vmId)).state, 'halted');
        const details = await gandi.operationDone(start, { wait: () => ctx.emulator.advanceClock(20) });
        assert.equal(details.state, 'DONE');
        assert.equal((await gandi.vmInfo(vmId)).state, 'running');
      });
    },
  }),

  defineScenario({
    id: 'gandi/pace-polls',
    panel: 'gandi',
    title: 'poll-paced operations are RUN at the first operation_details and DONE at the Nth',
    access: 'mutating',
    basis: 'emulator',
    methods: [...SETUP, 'vm_reboot'],
    skip: EMULATOR_ONLY,
    async run(ctx) {
      const { gandi, vmId } = await oneShareVm(ctx);
      await usePace(ctx, { afterPolls: 3 });
      const opId = await gandi.vmReboot(vmId);
      assert.ok((await gandi.operationList({ state: 'PENDING' })).includes(opId), 'listing is not polling');
      const states = [];
      for (let i = 0; i < 3; i++) states.push((await gandi.operationDetails(opId)).state);
      assert.deepEqual(states, ['RUN', 'RUN', 'DONE']);
    },
  }),

  defineScenario({
    id: 'gandi/operation-cancel',
    panel: 'gandi',
    title: 'a PENDING operation cancels and gives back what it took; RUN, DONE and CANCEL operations do not cancel',
    access: 'mutating',
    basis: 'emulator',
    methods: [...SETUP, 'account_balance', 'hosting_account_info', 'operation_cancel'],
    skip: EMULATOR_ONLY,
    async run(ctx) {
      const gandi = await connect(ctx);
      await usePace(ctx, { afterSeconds: 600 });
      const balance = await gandi.accountBalance();
      const add = await gandi.hostingAccountProductAdd('shares', 2, '1m');
      const productId = (await gandi.operationDetails(add)).param.product_id!;
      assert.ok((await gandi.accountBalance()) < balance);
      await ctx.step('cancel a pending product_add: refunded, no product', async () => {
        assert.equal(await gandi.operationCancel(add), true);
        assert.equal((await gandi.operationDetails(add)).state, 'CANCEL');
        assert.equal(await gandi.accountBalance(), balance);
        assert.equal(await productOf(gandi, productId), undefined);
      });
      await ctx.step('cancel it again', () => expectFault(gandi.operationCancel(add), 510260, /cannot be cancelled/));
      await ctx.step('cancel a pending vm_create: the VM goes away', async () => {
        const vmId = await gandi.vmCreate({ hostname: 'cancelled', password: 'my_password', osId: 111, shares: 1, cpu: 1 });
        assert.equal((await gandi.vmInfo(vmId)).state, 'being_created');
        await gandi.operationCancel(await gandi.creationOperation('vm_create', vmId));
        assert.ok(!(await gandi.vmList()).includes(vmId));
      });
      const renew = await gandi.hostingAccountProductRenew((await gandi.hostingAccountInfo()).products![0].id, '1m');
      await ctx.emulator.advanceClock(300);
      await ctx.step('a RUN operation', async () => {
        assert.equal((await gandi.operationDetails(renew)).state, 'RUN');
        await expectFault(gandi.operationCancel(renew), 510260);
      });
      await ctx.emulator.advanceClock(300);
      await ctx.step('a DONE operation', async () => {
        assert.equal((await gandi.operationDetails(renew)).state, 'DONE');
        await expectFault(gandi.operationCancel(renew), 510260);
      });
      await ctx.step('an unknown operation', () => expectFault(gandi.operationCancel(1), 510240));
    },
  }),

  defineScenario({
    id: 'gandi/operation-error',
    panel: 'gandi',
    title: 'an operation in ERROR carries its comment, blocks its object until cancelled, and leaves the object as it was',
    access: 'mutating',
    basis: 'emulator',
    methods: [...SETUP, 'vm_reboot', 'vm_start', 'operation_cancel'],
    skip: EMULATOR_ONLY,
    async run(ctx) {
      const { gandi, vmId } = await oneShareVm(ctx);
      await failOperations(ctx, [{ type: 'vm_stop', comment: 'hypervisor unavailable' }]);
      const stop = await gandi.vmStop(vmId);
      await ctx.step('the operation ends in ERROR with the comment', async () => {
        const details = await gandi.operation(stop);
        assert.deepEqual([details.state, details.comment], ['ERROR', 'hypervisor unavailable']);
        await assert.rejects(gandi.operationDone(stop), (e: unknown) => e instanceof GandiOperationError && e.code === 'operation_error');
        assert.equal((await gandi.vmInfo(vmId)).state, 'running', 'no effect');
        assert.ok((await gandi.operationList({ state: 'ERROR' })).includes(stop));
      });
      await ctx.step('the VM refuses operations until it is cancelled', () => expectFault(gandi.vmReboot(vmId), 530267, /ERROR and must be cancelled/));
      await ctx.step('cancelled, the VM takes operations again', async () => {
        await gandi.operationCancel(stop);
        await failOperations(ctx, []);
        await done(ctx, gandi, gandi.vmStop(vmId));
      });
      await ctx.step('the admin forces one pending operation into ERROR', async () => {
        await usePace(ctx, { afterSeconds: 600 });
        const start = await gandi.vmStart(vmId);
        await failOperations(ctx, [{ opid: start, comment: 'forced by the test' }]);
        const details = await gandi.operationDetails(start);
        assert.deepEqual([details.state, details.comment], ['ERROR', 'forced by the test']);
        await gandi.operationCancel(start);
        assert.equal((await gandi.vmInfo(vmId)).state, 'halted');
      });
    },
  }),

  defineScenario({
    id: 'gandi/one-operation-at-a-time',
    panel: 'gandi',
    title: 'an object with an unfinished operation refuses the next one',
    access: 'mutating',
    basis: 'emulator',
    methods: [...SETUP, 'vm_start', 'operation_cancel'],
    skip: EMULATOR_ONLY,
    async run(ctx) {
      const { gandi, vmId } = await oneShareVm(ctx);
      await usePace(ctx, { afterSeconds: 120 });
      const stop = await gandi.vmStop(vmId);
      await expectFault(gandi.vmStart(vmId), 530267, new RegExp(`operation ${stop} on this vm is not finished`));
      await done(ctx, gandi, stop);
    },
  }),
];
