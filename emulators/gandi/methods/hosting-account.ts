import { prepare, type DB } from '../../../state/database.js';
import type { CallContext, Handler } from '../../core/panel.js';
import { XmlRpcDouble } from '../../protocol/xmlrpc/double.js';
import { account, money } from '../account.js';
import { durationMonths, monthsUntil } from '../duration.js';
import { faults } from '../faults.js';
import { assertNotBlocked, createOperation } from '../operations.js';
import { accountResources, available, SHARE_DEFINITION } from '../resources.js';
import { session } from '../session.js';
import { prices } from '../settings.js';
import { show } from '../struct-fields.js';

interface ProductRow {
  id: number;
  account_id: number;
  product_name: 'shares' | 'shares_fixed' | 'disk';
  quantity: number;
  duration: string;
  state: string;
  date_created: number;
  date_end: number;
}

const date = (seconds: number) => new Date(seconds * 1000);

/** "fixed shares (ie. a share you can renew but cannot update nor release)": seed 001, hosting_account_product_add. */
const isFixed = (p: ProductRow) => p.product_name === 'shares_fixed';

/** A product of the calling account, or its "does not exist" fault. */
function product(ctx: CallContext, id: number): ProductRow {
  const row = prepare<[number, number], ProductRow>(ctx.db, 'SELECT * FROM gandi_product WHERE id = ? AND account_id = ?').get(id, session(ctx).accountId);
  if (!row) throw faults.unknownProduct({ product_id: id });
  return row;
}

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
function cost(ctx: CallContext, name: ProductRow['product_name'], quantity: number, monthCount: number): number {
  const price = prices(ctx.world)[name];
  const units = name === 'disk' ? Math.ceil(quantity / 1024) : quantity;
  return Math.round(price * 100) * units * monthCount;
}

/** Takes the money from the prepaid balance, or refuses with the balance in the fault. */
function charge(ctx: CallContext, cents: number): number {
  const acct = account(ctx.db, session(ctx).accountId);
  if (cents > acct.balance_cents) {
    throw faults.notEnoughMoney({ cost: money(cents).toFixed(2), currency: acct.currency, balance: money(acct.balance_cents).toFixed(2) });
  }
  prepare(ctx.db, 'UPDATE gandi_account SET balance_cents = balance_cents - ? WHERE id = ?').run(cents, acct.id);
  return cents;
}

/** Refuses a decrease that would leave the account with fewer shares or less disk than its VMs and disks use. */
function assertStillCovers(ctx: CallContext, p: ProductRow, newQuantity: number): void {
  const r = accountResources(ctx.db, session(ctx).accountId, { reserve: true });
  const lost = p.quantity - newQuantity;
  if (lost <= 0) return;
  if (p.product_name === 'disk') {
    if (r.granted.disk - lost < r.used.disk) throw faults.diskSpaceInUse({ size: r.used.disk });
  } else {
    if (r.granted.shares - lost < r.used.shares) throw faults.sharesInUse({ shares: r.used.shares });
    if (r.granted.disk - lost * SHARE_DEFINITION.disk < r.used.disk) throw faults.diskSpaceInUse({ size: r.used.disk });
  }
}

function productOperation(ctx: CallContext, type: string, p: { id: number; product_name: string }, extra: Record<string, unknown>, chargedCents = 0): number {
  return createOperation(ctx.world, ctx.db, {
    type,
    accountId: session(ctx).accountId,
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

function activeProducts(db: DB, accountId: number): ProductRow[] {
  return prepare<[number], ProductRow>(db, "SELECT * FROM gandi_product WHERE account_id = ? AND state = 'active' ORDER BY id").all(accountId);
}

/** Seed 001 § Hosting account methods. */
export const hostingAccountMethods: Record<string, Handler> = {
  /**
   * inferred: the doc leaves the struct's members out; these follow the
   * successor API's account.info (research/webfaction-gandi/realworld.md §2.4).
   */
  hosting_account_info(ctx) {
    const acct = account(ctx.db, session(ctx).accountId);
    const r = accountResources(ctx.db, acct.id);
    const d = SHARE_DEFINITION;
    return {
      handle: acct.handle,
      id: acct.id,
      fullname: acct.fullname,
      products: activeProducts(ctx.db, acct.id).map(productInfo),
      share_definition: { servers: d.servers, memory: d.memory, cores: new XmlRpcDouble(d.cores), disk: d.disk, bandwidth: new XmlRpcDouble(d.bandwidth) },
      resources: { granted: r.granted, used: r.used, available: available(r) },
    };
  },

  hosting_account_product_add(ctx) {
    const [, name, quantity, duration] = ctx.args as [string, string, number, string];
    const names = ctx.method.params.find((p) => p.name === 'product_name')?.enum ?? [];
    if (!names.includes(name)) throw faults.badProductName({ product_name: show(name) });
    positive(quantity, 'quantity');
    const m = months(duration);
    const now = ctx.world.clock.nowSeconds();
    const productName = name as ProductRow['product_name'];
    const cents = charge(ctx, cost(ctx, productName, quantity, m));
    const id = Number(
      prepare(ctx.db, "INSERT INTO gandi_product (account_id, product_name, quantity, duration, state, date_created, date_end) VALUES (?, ?, ?, ?, 'pending', ?, ?)").run(
        session(ctx).accountId, productName, quantity, duration, now, now,
      ).lastInsertRowid,
    );
    return productOperation(ctx, 'hosting_account_product_add', { id, product_name: productName }, { quantity, duration }, cents);
  },

  hosting_account_product_renew(ctx) {
    const [, id, duration] = ctx.args as [string, number, string];
    const m = months(duration);
    const p = product(ctx, id);
    assertNotBlocked(ctx.db, { productId: p.id });
    const cents = charge(ctx, cost(ctx, p.product_name, p.quantity, m));
    return productOperation(ctx, 'hosting_account_product_renew', p, { duration }, cents);
  },

  hosting_account_product_update(ctx) {
    const [, id, quantity] = ctx.args as [string, number, number];
    positive(quantity, 'quantity');
    const p = product(ctx, id);
    if (isFixed(p)) throw faults.fixedShares({ product_id: p.id });
    assertNotBlocked(ctx.db, { productId: p.id });
    if (quantity === p.quantity) throw faults.sameQuantity({ quantity });
    assertStillCovers(ctx, p, quantity);
    // inferred: more units are paid for the calendar months left on the product (at least one), the unit it is bought in
    // (seed 001 durations '1m'/'1y'); fewer are not refunded.
    const monthsLeft = Math.max(1, monthsUntil(ctx.world.clock.nowSeconds(), p.date_end));
    const cents = quantity > p.quantity ? charge(ctx, cost(ctx, p.product_name, quantity - p.quantity, monthsLeft)) : 0;
    return productOperation(ctx, 'hosting_account_product_update', p, { quantity }, cents);
  },

  hosting_account_product_remove(ctx) {
    const p = product(ctx, ctx.args[1] as number);
    if (isFixed(p)) throw faults.fixedShares({ product_id: p.id });
    assertNotBlocked(ctx.db, { productId: p.id });
    assertStillCovers(ctx, p, 0);
    // inferred: releasing a product refunds nothing.
    return productOperation(ctx, 'hosting_account_product_remove', p, {});
  },
};
