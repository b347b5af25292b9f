import assert from 'node:assert/strict';
import { defineScenario, type Scenario } from '../scenario.js';
import { assertStruct, connect, expectFault, mainIp, makeCertificate, newApp, newDomain } from './support.js';

const certificates = defineScenario({
  id: 'webfaction/version-2-certificates',
  panel: 'webfaction',
  title: 'login version 2: certificates (expiry and domains read from the PEM), a website with a certificate, usage reports',
  access: 'mutating',
  basis: 'documented',
  methods: [
    'login',
    'create_certificate',
    'list_certificates',
    'update_certificate',
    'delete_certificate',
    'create_website',
    'update_website',
    'list_websites',
    'delete_website',
    'list_disk_usage',
    'list_bandwidth_usage',
  ],
  async run(ctx) {
    const client = await connect(ctx, { version: 2 });
    assert.equal(client.account?.version, 2, 'the later server echoes the version');
    const domain = await newDomain(ctx, client, 'www');
    const app = await newApp(ctx, client);
    const cert = makeCertificate([domain, `www.${domain}`]);
    const name = ctx.unique('mpcert_');

    const created = await ctx.step('create_certificate', () => client.createCertificate(name, cert.certificate, cert.privateKey, ''));
    ctx.cleanup(() => client.deleteCertificate(name));
    // letsencrypt-webfaction fixtures: id, name, certificate, private_key, intermediates, expiry_date 'YYYY-MM-DD', domains.
    assert.deepEqual(Object.keys(created).sort(), ['certificate', 'domains', 'expiry_date', 'id', 'intermediates', 'name', 'private_key']);
    assert.match(created.expiry_date, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(created.domains, `${domain},www.${domain}`);
    assert.ok((await client.listCertificates()).some((c) => c.name === name));

    await ctx.step('update_certificate reads the new certificate', async () => {
      const longer = makeCertificate([domain], 90);
      const updated = await client.updateCertificate(name, longer.certificate, longer.privateKey);
      assert.equal(updated.domains, domain);
      assert.ok(updated.expiry_date > created.expiry_date, 'a later expiry');
    });
    await ctx.step('certificate faults', async () => {
      await expectFault(client.createCertificate(ctx.unique('mpcert_'), 'not a certificate', cert.privateKey), 'invalid_data', /certificate/);
      const other = makeCertificate([domain]);
      await expectFault(client.createCertificate(ctx.unique('mpcert_'), cert.certificate, other.privateKey), 'invalid_data', /private_key/);
    });

    const ip = await mainIp(client);
    const site = ctx.unique('mpsite_');
    await ctx.step('create_website takes the certificate before the site apps', async () => {
      const website = await client.createWebsite(site, ip, true, [domain], [[app, '/']], name);
      ctx.cleanup(() => client.deleteWebsite(site, ip, true));
      assert.equal(website.certificate, name);
      assert.deepEqual(website.site_apps, [[app, '/']]);
      const updated = await client.updateWebsite(site, ip, true, [domain, `www.${domain}`], [[app, '/']], '');
      assert.equal(updated.certificate, '');
      await client.updateWebsite(site, ip, true, [domain], [[app, '/']], name);
      assert.equal((await client.listWebsites()).find((w) => w.name === site)?.certificate, name);
      await expectFault(client.deleteCertificate(name), 'invalid_data', /website/);
    });

    await ctx.step('usage reports', async () => {
      const disk = await client.listDiskUsage();
      for (const key of ['home_directories', 'mailboxes', 'mysql_databases', 'postgresql_databases', 'total', 'quota', 'percentage'])
        assert.ok(key in disk, `disk usage has ${key}`);
      assert.ok(disk.home_directories.some((h) => h.username === client.account!.username));
      const bandwidth = await client.listBandwidthUsage();
      assert.ok('daily' in bandwidth && 'monthly' in bandwidth);
    });
    await ctx.step('delete_certificate', async () => {
      await client.updateWebsite(site, ip, true, [domain], [[app, '/']], '');
      assertStruct(await client.deleteCertificate(name), 'delete_certificate');
      assert.equal(
        (await client.listCertificates()).some((c) => c.name === name),
        false,
      );
      await client.createCertificate(name, cert.certificate, cert.privateKey);
    });
  },
});

const versionOne = defineScenario({
  id: 'webfaction/version-1-surface',
  panel: 'webfaction',
  title: 'a version-1 session has no certificate methods and takes site apps right after subdomains',
  access: 'read-only',
  basis: 'documented',
  methods: ['login', 'list_certificates', 'list_disk_usage'],
  async run(ctx) {
    const client = await connect(ctx);
    await expectFault(client.listCertificates(), 'unsupported_method');
    await expectFault(client.listDiskUsage(), 'unsupported_method');
  },
});

export const versionTwoScenarios: Scenario[] = [certificates, versionOne];
