import { MockpanelError } from '../../kernel/mockpanel-error.js';
import type { DB } from '../../state/database.js';
import type { SeedContext } from '../core/panel.js';
import { addMonths, durationMonths } from './duration.js';
import { accountByHandle, insertAccount } from './store/accounts.js';
import { insertOs } from './store/os.js';
import { insertProduct } from './store/products.js';
import { SEED_LOGIN } from './seed-login.js';

/** The `gandi` section of a `--seed FILE`; every member optional (README: "Seed"). */
export interface GandiSeed {
  accounts?: SeedAccount[];
  os?: SeedOs[];
}

export interface SeedAccount {
  handle: string;
  password: string;
  fullname?: string;
  /** ISO 4217; default EUR. */
  currency?: string;
  /** Prepaid balance in `currency`; default 1000. */
  balance?: number;
  /** Handle of a reseller account (listed earlier) allowed to `su` to this one. */
  reseller?: string;
  /** Products already active, starting at seed time. */
  products?: { product_name: 'shares' | 'shares_fixed' | 'disk'; quantity: number; duration: string }[];
}

export interface SeedOs {
  id: number;
  label: string;
  os_arch?: string;
}

/**
 * The built-in seed: the doc's sample login (seed 001, login: AA1234-GANDI /
 * mypassword) with a prepaid balance and one fixed share, so that the
 * renew-only rule of fixed shares can be tried without buying one first.
 */
const DEFAULT_ACCOUNTS: SeedAccount[] = [
  {
    handle: SEED_LOGIN.username,
    password: SEED_LOGIN.password,
    fullname: 'Example Customer',
    currency: 'EUR',
    balance: 1000,
    products: [{ product_name: 'shares_fixed', quantity: 1, duration: '1y' }],
  },
];

/**
 * OS images: ids 2–13 and labels from the successor API's image list
 * (apache/libcloud 2011 fixture test/compute/fixtures/gandi/image_list_dc0.xml), plus
 * id 111, which the doc's vm_create sample uses (its label is ours).
 */
const DEFAULT_OS: SeedOs[] = [
  ...[
    'GandiOS',
    'Mandriva 2008.0',
    'Centos 5',
    'Fedora Core 7',
    'OpenSUSE 10.3',
    'Debian 4',
    'Fedora Core 8',
    'OpenSUSE 11.0',
    'Mandriva 2008.1',
    'Ubuntu 8.04',
    'Debian 5',
    'Ubuntu 9.04',
  ].map((label, i) => ({ id: i + 2, label, os_arch: 'x86-32' })),
  { id: 111, label: 'Debian 5 64 bits', os_arch: 'x86-64' },
];

/** The images' date_created in the successor API's fixture: 20070101T00:00:00. */
const OS_DATE = Date.UTC(2007, 0, 1) / 1000;

function fail(detail: string): never {
  throw new MockpanelError('bad_seed', `seed file, gandi section: ${detail}`);
}

/** The seed section checked member by member, so a typo is reported rather than seeded. */
export function readGandiSeed(config: unknown): { accounts: SeedAccount[]; os: SeedOs[] } {
  if (config === undefined) return { accounts: DEFAULT_ACCOUNTS, os: DEFAULT_OS };
  if (!config || typeof config !== 'object' || Array.isArray(config)) fail('must be an object with "accounts" and/or "os"');
  const c = config as GandiSeed;
  const accounts = c.accounts ?? DEFAULT_ACCOUNTS;
  const os = c.os ?? DEFAULT_OS;
  if (!Array.isArray(accounts)) fail('"accounts" must be a list');
  if (!Array.isArray(os)) fail('"os" must be a list');
  accounts.forEach((a, i) => {
    if (typeof a?.handle !== 'string' || typeof a.password !== 'string') fail(`accounts[${i}] needs "handle" and "password" strings`);
    if (a.balance !== undefined && !(typeof a.balance === 'number' && a.balance >= 0)) fail(`accounts[${i}].balance must be a number ≥ 0`);
    for (const [j, p] of (a.products ?? []).entries()) {
      const ok =
        ['shares', 'shares_fixed', 'disk'].includes(p?.product_name) &&
        Number.isInteger(p.quantity) &&
        p.quantity >= 1 &&
        durationMonths(String(p.duration)) !== undefined;
      if (!ok) fail(`accounts[${i}].products[${j}] needs product_name shares|shares_fixed|disk, quantity ≥ 1 and a duration like "1m" or "1y"`);
    }
  });
  os.forEach((o, i) => {
    if (!Number.isInteger(o?.id) || typeof o.label !== 'string') fail(`os[${i}] needs an integer "id" and a "label"`);
  });
  return { accounts, os };
}

export function seedGandi(db: DB, ctx: SeedContext): void {
  const { accounts, os } = readGandiSeed(ctx.config);
  const now = ctx.nowSeconds;
  for (const o of os) insertOs(db, { id: o.id, label: o.label, os_arch: o.os_arch ?? 'x86-32', date_created: OS_DATE });
  for (const a of accounts) {
    const reseller =
      a.reseller === undefined ? null : (accountByHandle(db, a.reseller)?.id ?? fail(`reseller "${a.reseller}" of ${a.handle} must be listed before it`));
    const id = insertAccount(db, {
      handle: a.handle,
      password: a.password,
      fullname: a.fullname ?? '',
      currency: a.currency ?? 'EUR',
      balanceCents: Math.round((a.balance ?? 1000) * 100),
      resellerId: reseller,
    });
    for (const p of a.products ?? []) {
      const dateEnd = addMonths(now, durationMonths(p.duration)!);
      insertProduct(db, { accountId: id, productName: p.product_name, quantity: p.quantity, duration: p.duration, state: 'active', dateCreated: now, dateEnd });
    }
  }
}

/** Banner lines: the seeded logins. */
export function describeGandiSeed(config: unknown): string[] {
  return readGandiSeed(config).accounts.map((a) => `login ${a.handle} / ${a.password} (prepaid ${(a.balance ?? 1000).toFixed(2)} ${a.currency ?? 'EUR'})`);
}
