import assert from 'node:assert/strict';
import { defineScenario, type Scenario } from '../scenario.js';
import { assertStruct, connect, expectFault, newDomain } from './support.js';

const mailboxes = defineScenario({
  id: 'webfaction/mailboxes',
  panel: 'webfaction',
  title: 'create_mailbox answers `name` and a password, list_mailboxes says `mailbox`; update, password change, delete',
  access: 'mutating',
  basis: 'documented',
  methods: ['create_mailbox', 'list_mailboxes', 'update_mailbox', 'change_mailbox_password', 'delete_mailbox'],
  async run(ctx) {
    const client = await connect(ctx);
    const mailbox = ctx.unique('mpbox');
    const created = await client.createMailbox(mailbox, { discardSpam: true });
    ctx.cleanup(() => client.deleteMailbox(mailbox));
    // Seed § create_mailbox: the key is `name`, and a generated password comes back.
    assert.equal(created.name, mailbox);
    assert.equal('mailbox' in created, false);
    assert.equal(typeof created.password, 'string');
    assert.ok(created.password.length > 0);
    assert.equal(created.enable_spam_protection, true, 'documented default');
    assert.equal(created.discard_spam, true);

    const listed = (await client.listMailboxes()).find((m) => m.mailbox === mailbox);
    assert.ok(listed, 'list_mailboxes names it under `mailbox`');
    assert.equal('name' in listed, false);

    await ctx.step('update_mailbox', async () => {
      await client.updateMailbox(mailbox, {
        enableSpamProtection: false,
        spamRedirectFolder: 'Junk',
        useManualProcmailrc: true,
        manualProcmailrc: ':0\n* ^Subject: x\n/dev/null\n',
      });
      const after = (await client.listMailboxes()).find((m) => m.mailbox === mailbox)!;
      assert.equal(after.enable_spam_protection, false);
      assert.equal(after.spam_redirect_folder, 'Junk');
      assert.equal(after.use_manual_procmailrc, true);
      assert.match(after.manual_procmailrc, /\^Subject/);
    });
    await ctx.step('change_mailbox_password', async () =>
      assertStruct(await client.changeMailboxPassword(mailbox, 'An0ther-secret'), 'change_mailbox_password'),
    );
    await ctx.step('faults', async () => {
      // pywebfaction's fixture (test_pywebfaction.py): the duplicate message, word for word.
      await expectFault(client.createMailbox(mailbox), 'invalid_data', /^Mailbox with this Name already exists\.$/);
      await expectFault(client.updateMailbox(ctx.unique('mpnobox')), 'invalid_data');
      await expectFault(client.changeMailboxPassword(ctx.unique('mpnobox'), 'x'), 'invalid_data');
      await expectFault(client.createMailbox('Has Spaces'), 'invalid_data', /mailbox/);
    });
    await ctx.step('delete_mailbox', async () => {
      assertStruct(await client.deleteMailbox(mailbox), 'delete_mailbox');
      assert.equal(
        (await client.listMailboxes()).some((m) => m.mailbox === mailbox),
        false,
      );
      await client.createMailbox(mailbox);
    });
  },
});

const emails = defineScenario({
  id: 'webfaction/emails',
  panel: 'webfaction',
  title: 'email addresses deliver to mailboxes and outside addresses; list_emails gives targets as a comma string and autoresponder_on as 0/1',
  access: 'mutating',
  basis: 'documented',
  methods: ['create_domain', 'create_mailbox', 'create_email', 'list_emails', 'update_email', 'delete_email', 'delete_mailbox', 'delete_domain'],
  async run(ctx) {
    const client = await connect(ctx);
    const domain = await newDomain(ctx, client);
    const mailbox = ctx.unique('mpbox');
    await client.createMailbox(mailbox);
    ctx.cleanup(() => client.deleteMailbox(mailbox));
    const address = `info@${domain}`;
    const created = await client.createEmail(address, `${mailbox},someone@example.org`, {
      autoresponderOn: true,
      autoresponderSubject: 'Away',
      autoresponderMessage: 'Back soon',
      autoresponderFrom: address,
    });
    ctx.cleanup(() => client.deleteEmail(address));
    assert.equal(typeof created.id, 'number', 'create_email answers the id (pywebfaction reads it)');

    const listed = (await client.listEmails()).find((e) => e.email_address === address);
    assert.ok(listed);
    assert.equal(listed.targets, `${mailbox},someone@example.org`, 'targets as a comma string');
    assert.equal(listed.autoresponder_on, 1, 'autoresponder_on as an int');
    assert.equal(listed.autoresponder_subject, 'Away');

    await ctx.step('update_email takes a list', async () => {
      const updated = await client.updateEmail(address, [mailbox]);
      assert.equal(updated.email_address, address);
      assert.deepEqual(updated.targets, [mailbox]);
      const after = (await client.listEmails()).find((e) => e.email_address === address)!;
      assert.equal(after.targets, mailbox);
      assert.equal(after.autoresponder_on, 0);
    });
    await ctx.step('faults', async () => {
      // pywebfaction's fixture (test_pywebfaction.py), word for word.
      await expectFault(client.createEmail(address, mailbox), 'invalid_data', /^Email with this Username and Subdomain already exists\.$/);
      await expectFault(client.createEmail(`x@${domain}`, ctx.unique('mpnobox')), 'invalid_data', /Mailbox/);
      await expectFault(client.createEmail(`x@not-${domain}`, mailbox), 'invalid_data', /domain/);
      await expectFault(client.updateEmail(`nobody@${domain}`, [mailbox]), 'invalid_data');
      await expectFault(client.deleteMailbox(mailbox), 'invalid_data', /target/);
    });
    await ctx.step('delete_email', async () => {
      assertStruct(await client.deleteEmail(address), 'delete_email');
      assert.equal(
        (await client.listEmails()).some((e) => e.email_address === address),
        false,
      );
      await client.createEmail(address, mailbox);
    });
  },
});

export const emailScenarios: Scenario[] = [mailboxes, emails];
