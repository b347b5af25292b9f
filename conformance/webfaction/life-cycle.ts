import assert from 'node:assert/strict';
import { defineScenario } from '../scenario.js';
import { assertStruct, connect, dbName, mainIp, testDomain } from './support.js';

/**
 * The user case end to end: a domain, an app, a website serving it, a
 * mailbox and an address, a database and its user; every read agrees with
 * the writes, and everything is deleted again in the order the panel allows.
 */
export const siteLifeCycle = defineScenario({
  id: 'webfaction/site-life-cycle',
  panel: 'webfaction',
  title: 'domain → app → website → mailbox and address → database and user → clean-up, each step read back',
  access: 'mutating',
  basis: 'documented',
  methods: [
    'login',
    'create_domain',
    'list_domains',
    'create_app',
    'list_apps',
    'create_website',
    'list_websites',
    'create_mailbox',
    'create_email',
    'list_emails',
    'create_db',
    'list_dbs',
    'list_db_users',
    'delete_email',
    'delete_mailbox',
    'delete_db',
    'delete_db_user',
    'delete_website',
    'delete_app',
    'delete_domain',
  ],
  async run(ctx) {
    const client = await connect(ctx);
    const domain = testDomain(ctx);
    const app = ctx.unique('mpapp_');
    const site = ctx.unique('mpsite_');
    const mailbox = ctx.unique('mpbox');
    const address = `hello@${domain}`;
    const db = dbName(ctx, client);
    const ip = await mainIp(client);
    // Undo in the order the panel allows, whatever step failed (ignoring what was never made).
    ctx.cleanup(async () => {
      const quietly = (p: Promise<unknown>) => p.catch(() => undefined);
      await quietly(client.deleteEmail(address));
      await quietly(client.deleteMailbox(mailbox));
      await quietly(client.deleteDb(db, 'mysql'));
      await quietly(client.deleteDbUser(db, 'mysql'));
      await quietly(client.deleteWebsite(site, ip));
      await quietly(client.deleteApp(app));
      await quietly(client.deleteDomain(domain));
    });

    await ctx.step('domain', async () => {
      assertStruct(await client.createDomain(domain, 'www'), 'create_domain');
      assert.deepEqual((await client.listDomains()).find((d) => d.domain === domain)?.subdomains, ['www']);
    });
    await ctx.step('app', async () => {
      const made = await client.createApp(app, 'static', false, '');
      assert.equal((await client.listApps()).find((a) => a.name === app)?.id, made.id);
    });
    await ctx.step('website', async () => {
      const made = await client.createWebsite(site, ip, false, [domain, `www.${domain}`], [[app, '/']]);
      const listed = (await client.listWebsites()).find((w) => w.name === site);
      assert.deepEqual(listed, { id: made.id, name: site, ip, https: false, subdomains: [domain, `www.${domain}`], website_apps: [[app, '/']] });
    });
    await ctx.step('mailbox and address', async () => {
      await client.createMailbox(mailbox);
      await client.createEmail(address, mailbox);
      assert.equal((await client.listEmails()).find((e) => e.email_address === address)?.targets, mailbox);
    });
    await ctx.step('database and user', async () => {
      await client.createDb(db, 'mysql', 'Life-cycle-1');
      assert.ok((await client.listDbs()).some((d) => d.name === db));
      assert.ok((await client.listDbUsers()).some((u) => u.username === db));
    });
    await ctx.step('clean-up leaves nothing behind', async () => {
      // One after the other: each delete is only allowed once the previous one is done.
      for (const remove of [
        () => client.deleteEmail(address),
        () => client.deleteMailbox(mailbox),
        () => client.deleteDb(db, 'mysql'),
        () => client.deleteDbUser(db, 'mysql'),
        () => client.deleteWebsite(site, ip),
        () => client.deleteApp(app),
        () => client.deleteDomain(domain),
      ]) {
        assertStruct(await remove(), 'delete');
      }
      assert.equal(
        (await client.listDomains()).some((d) => d.domain === domain),
        false,
      );
      assert.equal(
        (await client.listWebsites()).some((w) => w.name === site),
        false,
      );
      assert.equal(
        (await client.listApps()).some((a) => a.name === app),
        false,
      );
      assert.equal(
        (await client.listEmails()).some((e) => e.email_address === address),
        false,
      );
      assert.equal(
        (await client.listDbUsers()).some((u) => u.username === db),
        false,
      );
    });
  },
});
