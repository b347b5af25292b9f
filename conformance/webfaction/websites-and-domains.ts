import assert from 'node:assert/strict';
import { defineScenario, type Scenario } from '../scenario.js';
import { assertStruct, connect, expectFault, mainIp, newApp, newDomain, testDomain } from './support.js';

const seedExamples = defineScenario({
  id: 'webfaction/seed-examples',
  panel: 'webfaction',
  title: "the seed's create_domain, create_website and update_website examples answer the documented shapes",
  access: 'mutating',
  basis: 'documented',
  methods: ['create_domain', 'create_app', 'create_website', 'update_website', 'list_websites', 'delete_website', 'delete_app', 'delete_domain', 'list_ips'],
  async run(ctx) {
    const client = await connect(ctx);
    const domain = testDomain(ctx);
    const created = await ctx.step('create_domain(session_id, domain, "www", "design")', () => client.createDomain(domain, 'www', 'design'));
    ctx.cleanup(() => client.deleteDomain(domain));
    assert.deepEqual(Object.keys(created).sort(), ['domain', 'id', 'subdomains']);
    assert.equal(created.domain, domain);
    assert.deepEqual(created.subdomains, ['www', 'design']);
    assert.equal(typeof created.id, 'number');
    await client.createDomain(domain, 'dev');

    const django = await newApp(ctx, client, 'django102_mp331_25');
    const wordpress = await newApp(ctx, client, 'wordpress_380');
    const [ip, other] = (await client.listIps()).map((i) => i.ip);
    const site = ctx.unique('mpsite_');
    const website = await ctx.step('create_website', () => client.createWebsite(site, ip, true, [domain, `www.${domain}`], [[django, '/']]));
    // update_website moves it to another IP below, so the clean-up names it alone.
    ctx.cleanup(() => client.deleteWebsite(site));
    // Seed example result: https, id, ip, name, site_apps, subdomains.
    assert.deepEqual(Object.keys(website).sort(), ['https', 'id', 'ip', 'name', 'site_apps', 'subdomains']);
    assert.deepEqual({ ...website, id: 0 }, { https: true, id: 0, ip, name: site, site_apps: [[django, '/']], subdomains: [domain, `www.${domain}`] });

    const updated = await ctx.step('update_website with two site apps', () =>
      client.updateWebsite(
        site,
        other ?? ip,
        true,
        [domain, `dev.${domain}`],
        [
          [django, '/'],
          [wordpress, '/blog'],
        ],
      ),
    );
    assert.deepEqual(updated, {
      https: true,
      id: website.id,
      ip: other ?? ip,
      name: site,
      site_apps: [
        [django, '/'],
        [wordpress, '/blog'],
      ],
      subdomains: [domain, `dev.${domain}`],
    });
    const listed = (await client.listWebsites()).find((w) => w.name === site);
    assert.ok(listed);
    // list_websites says website_apps where create/update say site_apps (seed § list_websites).
    assert.deepEqual(listed.website_apps, updated.site_apps);
    assert.equal('site_apps' in listed, false);
  },
});

const domains = defineScenario({
  id: 'webfaction/domains',
  panel: 'webfaction',
  title: 'create_domain adds subdomains to an existing domain; delete_domain with subdomains removes only those',
  access: 'mutating',
  basis: 'documented',
  methods: ['create_domain', 'list_domains', 'delete_domain'],
  async run(ctx) {
    const client = await connect(ctx);
    const domain = await newDomain(ctx, client, 'www');
    const again = await ctx.step('create_domain on the existing domain', () => client.createDomain(domain, 'blog', 'www'));
    assert.deepEqual(again.subdomains, ['www', 'blog']);
    const listed = (await client.listDomains()).filter((d) => d.domain === domain);
    assert.equal(listed.length, 1, 'still one domain entry');
    assert.deepEqual(listed[0].subdomains, ['www', 'blog']);

    await ctx.step('delete one subdomain', async () => {
      assertStruct(await client.deleteDomain(domain, 'blog'), 'delete_domain');
      assert.deepEqual((await client.listDomains()).find((d) => d.domain === domain)?.subdomains, ['www']);
    });
    await ctx.step('faults', async () => {
      await expectFault(client.deleteDomain(domain, 'nosuchsub'), 'invalid_data');
      await expectFault(client.deleteDomain(testDomain(ctx)), 'invalid_data');
      await expectFault(client.createDomain('not a domain'), 'invalid_data', /domain/);
    });
    await ctx.step('delete the domain', async () => {
      await client.deleteDomain(domain);
      assert.equal(
        (await client.listDomains()).some((d) => d.domain === domain),
        false,
      );
      // Deleted already: the cleanup must not fail, so add it back.
      await client.createDomain(domain);
    });
  },
});

const websites = defineScenario({
  id: 'webfaction/websites',
  panel: 'webfaction',
  title: "websites need the account's IPs, domains and apps; https cannot change; delete_website narrows by ip",
  access: 'mutating',
  basis: 'documented',
  methods: ['create_website', 'update_website', 'delete_website', 'list_websites', 'create_domain', 'create_app', 'delete_app', 'delete_domain'],
  async run(ctx) {
    const client = await connect(ctx);
    const domain = await newDomain(ctx, client, 'www');
    const app = await newApp(ctx, client);
    const ip = await mainIp(client);
    const site = ctx.unique('mpsite_');

    await ctx.step('references must exist', async () => {
      await expectFault(client.createWebsite(site, '192.0.2.1', false, [domain], [[app, '/']]), 'invalid_data', /ip/);
      await expectFault(client.createWebsite(site, ip, false, [testDomain(ctx)], [[app, '/']]), 'invalid_data', /subdomains/);
      await expectFault(client.createWebsite(site, ip, false, [domain], [['mp_no_such_app', '/']]), 'invalid_data', /site_apps/);
    });
    await client.createWebsite(site, ip, false, [`www.${domain}`], [[app, '/']]);
    ctx.cleanup(() => client.deleteWebsite(site, ip));
    await ctx.step('names are unique', () => expectFault(client.createWebsite(site, ip, false, [domain], [[app, '/x']]), 'invalid_data', /already exists/));
    await ctx.step('https cannot be updated', () => expectFault(client.updateWebsite(site, ip, true, [domain], [[app, '/']]), 'invalid_data', /https/));
    await ctx.step('update_website of a missing website', () => expectFault(client.updateWebsite(ctx.unique('mpsite_'), ip, false, [domain]), 'invalid_data'));
    await ctx.step('an app in use cannot be deleted, nor a domain a site serves', async () => {
      await expectFault(client.deleteApp(app), 'invalid_data', /website/);
      await expectFault(client.deleteDomain(domain), 'invalid_data', /website/);
    });
    await ctx.step('delete_website with a wrong ip finds nothing', () => expectFault(client.deleteWebsite(site, '192.0.2.1'), 'invalid_data'));
    await ctx.step('delete_website(name, ip)', async () => {
      assertStruct(await client.deleteWebsite(site, ip), 'delete_website');
      assert.equal(
        (await client.listWebsites()).some((w) => w.name === site),
        false,
      );
      await client.createWebsite(site, ip, false, [domain], [[app, '/']]);
    });
  },
});

export const websiteAndDomainScenarios: Scenario[] = [seedExamples, domains, websites];
