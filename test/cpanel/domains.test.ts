import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpanelError } from '../../clients/cpanel/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { cpanelAs, whmRoot } from './support.js';

// SubDomain, AddonDomain, Park and DomainInfo over WHM's domain and zone rows, on the cPanel port.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ panelPorts: { cpanel: 0 } });
});
afterAll(() => server?.close());

async function account(world: string, user: string, domain: string, plan = 'pro') {
  await whmRoot(server, world).createAccount(user, { domain, password: 'S3cret!pass-1', plan });
  return cpanelAs(server, world, user, { password: 'S3cret!pass-1' });
}

async function failure(call: Promise<unknown>): Promise<CpanelError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CpanelError);
  expect((error as CpanelError).code).toBe('api_failure');
  return error as CpanelError;
}

describe('cPanel domains', () => {
  it('a subdomain, an addon domain and a parked domain are added, listed, seen by WHM and removed', async () => {
    const world = 'domains-life';
    const cp = await account(world, 'domuser', 'domuser.example.com');
    const whm = whmRoot(server, world);

    await cp.addSubdomain('blog', 'domuser.example.com', { dir: '/public_html/blog' });
    expect(await cp.listSubdomains()).toEqual([
      expect.objectContaining({
        domain: 'blog.domuser.example.com',
        subdomain: 'blog',
        rootdomain: 'domuser.example.com',
        dir: '/home/domuser/public_html/blog',
        domainkey: 'blog_domuser.example.com',
      }),
    ]);
    // The A record cPanel adds for a subdomain is in the parent's zone, as WHM dumps it.
    expect((await whm.dumpZone('domuser.example.com')).find((r) => r.name === 'blog.domuser.example.com.')?.type).toBe('A');

    await cp.addAddonDomain('addon.example.org', 'addon');
    expect(await cp.listAddonDomains()).toEqual([
      expect.objectContaining({
        domain: 'addon.example.org',
        fullsubdomain: 'addon.domuser.example.com',
        subdomain: 'addon',
        domainkey: 'addon_domuser.example.com',
      }),
    ]);
    expect((await whm.dumpZone('addon.example.org')).some((r) => r.type === 'SOA')).toBe(true);

    await cp.park('parked.example.net');
    expect((await cp.listParkedDomains()).map((d) => d.domain)).toEqual(['parked.example.net']);

    expect(await cp.listDomains()).toEqual({
      main_domain: 'domuser.example.com',
      addon_domains: ['addon.example.org'],
      parked_domains: ['parked.example.net'],
      sub_domains: expect.arrayContaining(['blog.domuser.example.com', 'addon.domuser.example.com']),
    });
    const data = await cp.domainsData();
    expect(data.main_domain).toMatchObject({ domain: 'domuser.example.com', type: 'main_domain', documentroot: '/home/domuser/public_html', user: 'domuser' });
    expect(data.main_domain.serveralias).toContain('parked.example.net');
    expect(data.addon_domains[0]).toMatchObject({ domain: 'addon.example.org', servername: 'addon.domuser.example.com', type: 'addon_domain' });
    expect((await cp.singleDomainData('blog.domuser.example.com')).documentroot).toBe('/home/domuser/public_html/blog');

    await cp.unpark('parked.example.net');
    await cp.deleteAddonDomain('addon.example.org', 'addon_domuser.example.com');
    await cp.deleteSubdomain('blog_domuser.example.com');
    expect(await cp.listDomains()).toEqual({ main_domain: 'domuser.example.com', addon_domains: [], parked_domains: [], sub_domains: [] });
    // The addon's zone went with it, and so did the subdomain's A record.
    expect((await whm.listZones()).map((z) => z.domain)).not.toContain('addon.example.org');
    expect((await whm.dumpZone('domuser.example.com')).some((r) => r.name === 'blog.domuser.example.com.')).toBe(false);
  });

  it('refuses another account’s domain, a missing parameter and a full limit with status 0', async () => {
    const world = 'domains-refused';
    const cp = await account(world, 'limited', 'limited.example.com', 'default');
    await account(world, 'neighbour', 'neighbour.example.com');

    expect((await failure(cp.addSubdomain('x', 'neighbour.example.com'))).errors[0]).toMatch(/do not have access to a domain named “neighbour\.example\.com”/);
    expect((await failure(cp.unpark('neighbour.example.com'))).errors[0]).toMatch(/do not have access/);
    expect((await failure(cp.singleDomainData('nowhere.example.invalid'))).errors[0]).toMatch(/do not have access/);
    expect((await failure(cp.uapi('SubDomain', 'addsubdomain', { domain: 'x' }))).errors[0]).toBe('Provide the “rootdomain” parameter.');
    // addpkg's default package allows no parked or addon domains (seed 004, addpkg).
    expect((await failure(cp.park('another.example.net'))).errors[0]).toMatch(/limit of 0 parked domains/);
    expect((await failure(cp.addAddonDomain('another.example.net', 'another'))).errors[0]).toMatch(/limit of 0 addon domains/);
    expect((await cp.listDomains()).parked_domains).toEqual([]);
  });
});
