import { defineMethods } from '../../core/define-methods.js';
import { XmlRpcDouble } from '../../protocol/xmlrpc/double.js';
import type { GandiCall } from '../call.js';
import { durationMonths, monthsUntil } from '../duration.js';
import { faults } from '../faults.js';
import { money } from '../money.js';
import { assertNotBlocked, createOperation } from '../operations.js';
import { ownProduct } from '../owned.js';
import { accountResources, available, SHARE_DEFINITION } from '../resources.js';
import { prices } from '../settings.js';
import { show } from '../struct-fields.js';
import { accountById, addToBalance } from '../store/accounts.js';
import { activeProducts, insertProduct, type ProductName, type ProductRow } from '../store/products.js';

const date = (seconds: number) => new Date(seconds * 1000);

/** "fixed shares (ie. a share you can renew but cannot update nor release)": seed 001, hosting_account_product_add. */
const isFixed = (p: ProductRow) => p.product_name === 'shares_fixed';

function positive(value: number, element: string): void {
  if (!(value >= 1)) throw faults.badProductValue({ element, value });
}

function months(duration: string): number {
  const m = durationMonths(duration);
  if (m === undefined) throw faults.badProductValue({ element: 'duration', value: duration });
  return m;
}

/**
 * The price of `quantity` units for `months` months, in cents. inferred:
 * prices are a setting (gandi.prices, per month); disk is priced per started 1024 MB.
 */
function cost(call: GandiCall, name: ProductName, quantity: number, monthCount: number): number {
  const price = prices(call.setting('prices'))[name];
  const units = name === 'disk' ? Math.ceil(quantity / 1024) : quantity;
  return Math.round(price * 100) * units * monthCount;
}

/** Takes the money from the prepaid balance, or refuses with the balance in the fault. */
function charge(call: GandiCall, cents: number): number {
  const acct = accountById(call.db, call.accountId);
  if (cents > acct.balance_cents) {
    throw faults.notEnoughMoney({ cost: money(cents).toFixed(2), currency: acct.currency, balance: money(acct.balance_cents).toFixed(2) });
  }
  addToBalance(call.db, acct.id, -cents);
  return cents;
}

/** Refuses a decrease that would leave the account with fewer shares or less disk than its VMs and disks use. */
function assertStillCovers(call: GandiCall, p: ProductRow, newQuantity: number): void {
  const r = accountResources(call.db, call.accountId, { reserve: true });
  const lost = p.quantity - newQuantity;
  if (lost <= 0) return;
  if (p.product_name === 'disk') {
    if (r.granted.disk - lost < r.used.disk) throw faults.diskSpaceInUse({ size: r.used.disk });
  } else {
    if (r.granted.shares - lost < r.used.shares) throw faults.sharesInUse({ shares: r.used.shares });
    if (r.granted.disk - lost * SHARE_DEFINITION.disk < r.used.disk) throw faults.diskSpaceInUse({ size: r.used.disk });
  }
}

function productOperation(call: GandiCall, type: string, p: { id: number; product_name: string }, extra: Record<string, unknown>, chargedCents = 0): number {
  return createOperation(call, {
    type,
    // inferred: the doc lists param_type vm and disk only ("valid values include"); products get their own.
    param: { param_type: 'product', product_id: p.id, product_name: p.product_name, ...extra },
    productId: p.id,
    chargedCents,
  });
}

function productInfo(p: ProductRow) {
  return {
    id: p.id,
    product_name: p.product_name,
    quantity: p.quantity,
    duration: p.duration,
    date_created: date(p.date_created),
    date_end: date(p.date_end),
    // Successor-API name; inferred can_update beside it. Fixed shares can do neither.
    can_release: !isFixed(p),
    can_update: !isFixed(p),
  };
}

/** Seed 001 § Hosting account methods. */
export const hostingAccountMethods = defineMethods<GandiCall>({
  /**
   * inferred: the doc leaves the struct's members out; these follow the
   * successor API's account.info (apache/libcloud 2011 fixture test/compute/fixtures/gandi/account_info.xml).
   */
  hosting_account_info: {
    run(call) {
      const acct = accountById(call.db, call.accountId);
      const r = accountResources(call.db, acct.id);
      const d = SHARE_DEFINITION;
      return {
        handle: acct.handle,
        id: acct.id,
        fullname: acct.fullname,
        products: activeProducts(call.db, acct.id).map(productInfo),
        share_definition: { servers: d.servers, memory: d.memory, cores: new XmlRpcDouble(d.cores), disk: d.disk, bandwidth: new XmlRpcDouble(d.bandwidth) },
        resources: { granted: r.granted, used: r.used, available: available(r) },
      };
    },
  },

  hosting_account_product_add: {
    run(call) {
      const name = call.string('product_name');
      const quantity = call.int('quantity');
      const duration = call.string('duration');
      if (!call.allowed('product_name').includes(name)) throw faults.badProductName({ product_name: show(name) });
      positive(quantity, 'quantity');
      const m = months(duration);
      const now = call.now();
      const productName = name as ProductName;
      const cents = charge(call, cost(call, productName, quantity, m));
      const id = insertProduct(call.db, { accountId: call.accountId, productName, quantity, duration, state: 'pending', dateCreated: now, dateEnd: now });
      return productOperation(call, 'hosting_account_product_add', { id, product_name: productName }, { quantity, duration }, cents);
    },
  },

  hosting_account_product_renew: {
    run(call) {
      const duration = call.string('duration');
      const m = months(duration);
      const p = ownProduct(call, call.int('product_id'));
      assertNotBlocked(call.db, { productId: p.id });
      const cents = charge(call, cost(call, p.product_name, p.quantity, m));
      return productOperation(call, 'hosting_account_product_renew', p, { duration }, cents);
    },
  },

  hosting_account_product_update: {
    run(call) {
      const quantity = call.int('quantity');
      positive(quantity, 'quantity');
      const p = ownProduct(call, call.int('product_id'));
      if (isFixed(p)) throw faults.fixedShares({ product_id: p.id });
      assertNotBlocked(call.db, { productId: p.id });
      if (quantity === p.quantity) throw faults.sameQuantity({ quantity });
      assertStillCovers(call, p, quantity);
      // inferred: more units are paid for the calendar months left on the product (at least one), the unit it is bought in
      // (seed 001 durations '1m'/'1y'); fewer are not refunded.
      const monthsLeft = Math.max(1, monthsUntil(call.now(), p.date_end));
      const cents = quantity > p.quantity ? charge(call, cost(call, p.product_name, quantity - p.quantity, monthsLeft)) : 0;
      return productOperation(call, 'hosting_account_product_update', p, { quantity }, cents);
    },
  },

  hosting_account_product_remove: {
    run(call) {
      const p = ownProduct(call, call.int('product_id'));
      if (isFixed(p)) throw faults.fixedShares({ product_id: p.id });
      assertNotBlocked(call.db, { productId: p.id });
      assertStillCovers(call, p, 0);
      // inferred: releasing a product refunds nothing.
      return productOperation(call, 'hosting_account_product_remove', p, {});
    },
  },
});
