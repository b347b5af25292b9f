import assert from 'node:assert/strict';
import { defineScenario } from '../scenario.js';
import { buyShares, connect, done, expectFault, newVm, productOf } from './support.js';

export const productScenarios = [
  defineScenario({
    id: 'gandi/product-lifecycle',
    panel: 'gandi',
    title: 'flexible shares: add, renew (end date moves), update (quantity changes), remove; each debits as it should',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'login',
      'account_balance',
      'hosting_account_product_add',
      'hosting_account_product_renew',
      'hosting_account_product_update',
      'hosting_account_product_remove',
      'hosting_account_info',
      'operation_details',
    ],
    async run(ctx) {
      const gandi = await connect(ctx);
      const start = await gandi.accountBalance();
      const details = await ctx.step('add 2 shares for a month', () => done(ctx, gandi, gandi.hostingAccountProductAdd('shares', 2, '1m')));
      assert.equal(details.param.param_type, 'product');
      const id = details.param.product_id!;
      const bought = await productOf(gandi, id);
      assert.equal(bought?.quantity, 2);
      const afterAdd = await gandi.accountBalance();
      assert.ok(afterAdd < start, 'the purchase is paid from the prepaid balance');

      await ctx.step('renew for a month', async () => {
        await done(ctx, gandi, gandi.hostingAccountProductRenew(id, '1m'));
        const renewed = await productOf(gandi, id);
        assert.ok(renewed!.date_end.getTime() > bought!.date_end.getTime(), 'renewing moves the end date');
        assert.ok((await gandi.accountBalance()) < afterAdd, 'renewing is paid too');
      });
      await ctx.step('update to 3 shares', async () => {
        await done(ctx, gandi, gandi.hostingAccountProductUpdate(id, 3));
        assert.equal((await productOf(gandi, id))?.quantity, 3);
      });
      await ctx.step('remove', async () => {
        await done(ctx, gandi, gandi.hostingAccountProductRemove(id));
        assert.equal(await productOf(gandi, id), undefined);
      });
    },
  }),

  defineScenario({
    id: 'gandi/product-faults',
    panel: 'gandi',
    title: 'bad product name, quantity or duration, unknown product, too little money: each refused with its fault',
    access: 'mutating',
    basis: 'emulator',
    methods: [
      'login',
      'account_balance',
      'hosting_account_product_add',
      'hosting_account_product_renew',
      'hosting_account_product_update',
      'hosting_account_product_remove',
    ],
    async run(ctx) {
      const gandi = await connect(ctx);
      const balance = await gandi.accountBalance();
      const add = (name: string, quantity: number, duration: string) => gandi.call('hosting_account_product_add', gandi.session, name, quantity, duration);
      await ctx.step('product_name outside shares|shares_fixed|disk', () => expectFault(add('ips', 1, '1m'), 535130, /\[product_name: ips\]/));
      await ctx.step('quantity 0', () => expectFault(add('shares', 0, '1m'), 535130, /\[quantity: 0\]/));
      await ctx.step('duration "forever"', () => expectFault(add('shares', 1, 'forever'), 535130, /\[duration: forever\]/));
      await ctx.step('more than the balance pays for', () => expectFault(add('shares', 100000, '10y'), 510163, /not enough money/));
      assert.equal(await gandi.accountBalance(), balance, 'a refused purchase costs nothing');
      for (const [what, call] of [
        ['renew', () => gandi.hostingAccountProductRenew(1, '1m')],
        ['update', () => gandi.hostingAccountProductUpdate(1, 2)],
        ['remove', () => gandi.hostingAccountProductRemove(1)],
      ] as const) {
        await ctx.step(`${what} an unknown product`, () => expectFault(call(), 535140, /\[product_id: 1\]/));
      }
    },
  }),

  defineScenario({
    id: 'gandi/fixed-shares',
    panel: 'gandi',
    title: 'fixed shares can be renewed but neither updated nor released (hosting_account_product_add doc)',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'login',
      'hosting_account_info',
      'hosting_account_product_add',
      'hosting_account_product_renew',
      'hosting_account_product_update',
      'hosting_account_product_remove',
      'operation_details',
    ],
    async run(ctx) {
      const gandi = await connect(ctx);
      let fixed = (await gandi.hostingAccountInfo()).products?.find((p) => p.product_name === 'shares_fixed');
      if (!fixed) {
        const details = await done(ctx, gandi, gandi.hostingAccountProductAdd('shares_fixed', 1, '1m'));
        fixed = await productOf(gandi, details.param.product_id!);
      }
      const id = fixed!.id;
      await ctx.step('update refused', () => expectFault(gandi.hostingAccountProductUpdate(id, fixed!.quantity + 1), 535160, /fixed/));
      await ctx.step('remove refused', () => expectFault(gandi.hostingAccountProductRemove(id), 535160, /fixed/));
      await ctx.step('renew allowed', () => done(ctx, gandi, gandi.hostingAccountProductRenew(id, '1m')));
    },
  }),

  defineScenario({
    id: 'gandi/shares-guard',
    panel: 'gandi',
    title: 'VMs cannot take more shares than the account has, and shares in use cannot be released',
    access: 'mutating',
    basis: 'emulator',
    methods: [
      'login',
      'hosting_account_info',
      'hosting_account_product_add',
      'hosting_account_product_update',
      'hosting_account_product_remove',
      'os_list',
      'vm_create',
      'vm_update',
      'operation_details',
      'operation_list',
      'vm_info',
      'vm_list',
      'vm_stop',
      'vm_delete',
    ],
    async run(ctx) {
      const gandi = await connect(ctx);
      const productId = await buyShares(ctx, gandi, 2);
      const free = (await gandi.hostingAccountInfo()).resources!.available.shares;
      await ctx.step('vm_create asking for one share too many', () =>
        expectFault(gandi.vmCreate({ hostname: 'toobig', password: 'my_password', osId: 111, shares: free + 1, cpu: 1 }), 530935, /not enough shares/),
      );
      const vmId = await newVm(ctx, gandi, { shares: free });
      assert.equal((await gandi.hostingAccountInfo()).resources!.available.shares, 0);
      await ctx.step('vm_update asking for one more share', () => expectFault(gandi.vmUpdate(vmId, { shares: free + 1 }), 530935));
      await ctx.step('releasing shares a VM uses', () => expectFault(gandi.hostingAccountProductRemove(productId), 535135, /shares/));
      await ctx.step('decreasing shares a VM uses', () => expectFault(gandi.hostingAccountProductUpdate(productId, 1), 535135, /shares/));
    },
  }),
];
