import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GandiClient, GandiError } from '../../clients/gandi/index.js';
import { gandiPanel } from '../../emulators/gandi/index.js';
import { readGandiSeed } from '../../emulators/gandi/seed.js';
import { startTestServer, type TestServer } from '../support/server.js';

const seed = {
  accounts: [
    { handle: 'RS1-GANDI', password: 'reseller', currency: 'USD', balance: 50 },
    { handle: 'CU1-GANDI', password: 'customer', reseller: 'RS1-GANDI', products: [{ product_name: 'shares', quantity: 3, duration: '1y' }] },
    { handle: 'XX1-GANDI', password: 'stranger' },
  ],
  os: [{ id: 42, label: 'Debian 12', os_arch: 'x86-64' }],
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ seed: { gandi: seed } });
});
afterAll(() => server?.close());

const client = () => new GandiClient({ url: `${server.url}/gandi/hosting/` });

describe('Gandi seed file section', () => {
  it('seeds accounts with their currency, balance and products, and the OS list', async () => {
    const reseller = client();
    await reseller.login('RS1-GANDI', 'reseller');
    expect([await reseller.accountCurrency(), await reseller.accountBalance()]).toEqual(['USD', 50]);
    expect((await reseller.osList()).map((o) => o.id)).toEqual([42]);
    const customer = client();
    await customer.login('CU1-GANDI', 'customer');
    expect((await customer.hostingAccountInfo()).resources?.granted.shares).toBe(3);
  });

  it('lets a reseller su to its customer, and to nobody else', async () => {
    const reseller = client();
    await reseller.login('RS1-GANDI', 'reseller');
    await expect(reseller.su('XX1-GANDI')).rejects.toMatchObject({ code: 500350 });
    await reseller.su('CU1-GANDI');
    expect((await reseller.hostingAccountInfo()).handle).toBe('CU1-GANDI');
  });

  it('logs handles in case-insensitively (inferred)', async () => {
    await expect(client().login('cu1-gandi', 'customer')).resolves.toHaveLength(32);
    await expect(client().login('cu1-gandi', 'Customer')).rejects.toBeInstanceOf(GandiError);
  });

  it('describes the seeded logins for the banner', () => {
    expect(gandiPanel.describeSeed(seed)).toEqual([
      'login RS1-GANDI / reseller (prepaid 50.00 USD)',
      'login CU1-GANDI / customer (prepaid 1000.00 EUR)',
      'login XX1-GANDI / stranger (prepaid 1000.00 EUR)',
    ]);
    expect(gandiPanel.describeSeed(undefined)).toEqual(['login AA1234-GANDI / mypassword (prepaid 1000.00 EUR)']);
  });

  it('refuses a malformed section with the member at fault', () => {
    expect(() => readGandiSeed({ accounts: [{ handle: 'A' }] })).toThrow(/accounts\[0\] needs "handle" and "password"/);
    expect(() => readGandiSeed({ accounts: [{ handle: 'A', password: 'p', products: [{ product_name: 'ips', quantity: 1, duration: '1m' }] }] })).toThrow(
      /products\[0\]/,
    );
    expect(() => readGandiSeed({ os: [{ id: 'x' }] })).toThrow(/os\[0\]/);
  });
});
