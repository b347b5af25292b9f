import { randomBytes } from 'node:crypto';
import { defineMethods } from '../../core/define-methods.js';
import { str, type WfCall } from '../call.js';
import { faults } from '../faults.js';
import { accountHasMachine } from '../store/accounts.js';
import { accountHasFqdn } from '../store/domains.js';
import {
  addressDeliveringTo,
  deleteEmail,
  emailTaken,
  findEmail,
  insertEmail,
  listEmails,
  updateEmail,
  type EmailFields,
  type EmailRow,
} from '../store/emails.js';
import {
  deleteMailbox,
  findMailbox,
  insertMailbox,
  listMailboxes,
  setMailboxPassword,
  updateMailbox,
  type MailboxRow,
  type MailboxSettings,
} from '../store/mailboxes.js';
import { LOWER_WORD, name, nonEmpty } from '../validate.js';

function requireMailbox(call: WfCall, mailbox: string): MailboxRow {
  const row = findMailbox(call.db, call.session.accountId, mailbox);
  if (!row) throw faults.notFound('Mailbox', 'mailbox', mailbox);
  return row;
}

function requireEmail(call: WfCall, address: string): EmailRow {
  const row = findEmail(call.db, call.session.accountId, address.toLowerCase());
  if (!row) throw faults.notFound('Email address', 'email_address', address);
  return row;
}

/** list_mailboxes' item: the name is under `mailbox` (seed § list_mailboxes; Ansible webfaction_mailbox reads it). */
function listedMailbox(row: MailboxRow): Record<string, unknown> {
  return {
    id: row.id,
    mailbox: row.name,
    enable_spam_protection: !!row.enable_spam_protection,
    discard_spam: !!row.discard_spam,
    spam_redirect_folder: row.spam_redirect_folder,
    use_manual_procmailrc: !!row.use_manual_procmailrc,
    manual_procmailrc: row.manual_procmailrc,
  };
}

/** list_emails' item: `targets` a comma string, `autoresponder_on` an int 0/1 (dominicrodger/pywebfaction test_pywebfaction.py fixtures). */
function listedEmail(row: EmailRow): Record<string, unknown> {
  return { ...row, autoresponder_on: row.autoresponder_on ? 1 : 0 };
}

const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;

function addressParts(argument: string, value: string): { local: string; host: string } {
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const host = value.slice(at + 1).toLowerCase();
  if (at <= 0 || !LOCAL_PART.test(local) || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) throw faults.invalid(argument, `"${value}" is not an email address`);
  return { local, host };
}

/**
 * Targets: mailbox names (which must exist) or external addresses (with `@`),
 * given as a comma string (create_email) or a list (update_email, seed § Email).
 */
function targetList(call: WfCall, value: unknown): string[] {
  const raw = Array.isArray(value) ? value.map(str) : str(value).split(',');
  const targets = raw.map((t) => t.trim()).filter((t) => t !== '');
  for (const t of targets) {
    if (t.includes('@')) addressParts('targets', t);
    else requireMailbox(call, t);
  }
  return targets;
}

function mailboxSettings(call: WfCall): MailboxSettings {
  return {
    enableSpamProtection: call.bool('enable_spam_protection'),
    discardSpam: call.bool('discard_spam'),
    spamRedirectFolder: call.str('spam_redirect_folder'),
    useManualProcmailrc: call.bool('use_manual_procmailrc'),
    manualProcmailrc: call.str('manual_procmailrc'),
  };
}

/** inferred: generated passwords' form is undocumented; 12 letters and digits. */
function generatedPassword(): string {
  return randomBytes(9).toString('base64').replace(/[+/]/g, 'x');
}

/** Email address fields shared by create_email and update_email, checked. */
function emailFields(call: WfCall): EmailFields {
  const targets = targetList(call, call.param('targets'));
  const scriptPath = call.str('script_path');
  const scriptMachine = call.str('script_machine');
  if (!targets.length && !scriptPath) throw faults.invalid('targets', 'give at least one mailbox or address (or a script_path)');
  if (scriptPath && !accountHasMachine(call.db, call.session.accountId, scriptMachine)) {
    throw faults.invalid('script_machine', `"${scriptMachine}" is not one of this account's machines`);
  }
  const from = call.str('autoresponder_from');
  if (from) addressParts('autoresponder_from', from);
  return {
    targets,
    autoresponderOn: call.bool('autoresponder_on'),
    autoresponderSubject: call.str('autoresponder_subject'),
    autoresponderMessage: call.str('autoresponder_message'),
    autoresponderFrom: from,
    scriptMachine,
    scriptPath,
  };
}

/** Seed § Email. */
export const emailMethods = defineMethods<WfCall>({
  create_mailbox: {
    run(call) {
      const { accountId } = call.session;
      const mailbox = name('mailbox', call.str('mailbox'), LOWER_WORD);
      // Verbatim from pywebfaction's fixture (test_pywebfaction.py).
      if (findMailbox(call.db, accountId, mailbox)) throw faults.alreadyExists('Mailbox', 'Name');
      const password = generatedPassword();
      insertMailbox(call.db, accountId, mailbox, password, mailboxSettings(call));
      const row = requireMailbox(call, mailbox);
      // create_mailbox says `name` where list_mailboxes says `mailbox` (seed § create_mailbox vs § list_mailboxes).
      const { mailbox: _listed, ...rest } = listedMailbox(row);
      return { ...rest, name: row.name, password };
    },
  },

  update_mailbox: {
    run(call) {
      const row = requireMailbox(call, call.str('mailbox'));
      updateMailbox(call.db, row.id, mailboxSettings(call));
      return listedMailbox(requireMailbox(call, row.name));
    },
  },

  change_mailbox_password: {
    run(call) {
      const row = requireMailbox(call, call.str('mailbox'));
      setMailboxPassword(call.db, row.id, nonEmpty('password', call.str('password')));
      return listedMailbox(row);
    },
  },

  delete_mailbox: {
    run(call) {
      const row = requireMailbox(call, call.str('mailbox'));
      const user = addressDeliveringTo(call.db, call.session.accountId, row.name);
      // inferred: deleting a mailbox an address still delivers to would leave the address dangling, so it is refused.
      if (user) throw faults.mailboxInUse(row.name, user);
      deleteMailbox(call.db, row.id);
      // "Response for delete_mailbox is fairly empty" (pywebfaction fixture): an empty struct, never nil (Ansible merges it).
      return {};
    },
  },

  list_mailboxes: {
    run(call) {
      return listMailboxes(call.db, call.session.accountId).map(listedMailbox);
    },
  },

  create_email: {
    run(call) {
      const { accountId } = call.session;
      const address = call.str('email_address').trim();
      const { local, host } = addressParts('email_address', address);
      if (!accountHasFqdn(call.db, accountId, host)) throw faults.invalid('email_address', `"${host}" is not one of this account's domains or subdomains`);
      const full = `${local}@${host}`.toLowerCase();
      // Verbatim from pywebfaction's fixture (test_pywebfaction.py): Django's unique_together message.
      if (emailTaken(call.db, full)) throw faults.alreadyExists('Email', 'Username and Subdomain');
      insertEmail(call.db, accountId, full, emailFields(call));
      // Struct with `id` at least (pywebfaction reads it); the rest as list_emails shows it.
      return listedEmail(requireEmail(call, full));
    },
  },

  update_email: {
    run(call) {
      const row = requireEmail(call, call.str('email_address'));
      updateEmail(call.db, row.id, emailFields(call));
      const updated = requireEmail(call, row.email_address);
      // Seed § update_email returns id, email_address and targets; targets as the list it was given.
      return { id: updated.id, email_address: updated.email_address, targets: updated.targets ? updated.targets.split(',') : [] };
    },
  },

  delete_email: {
    run(call) {
      const row = requireEmail(call, call.str('email_address'));
      deleteEmail(call.db, row.id);
      return {};
    },
  },

  list_emails: {
    run(call) {
      return listEmails(call.db, call.session.accountId).map(listedEmail);
    },
  },
});
