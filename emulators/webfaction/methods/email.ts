import { randomBytes } from 'node:crypto';
import { prepare, type DB } from '../../../state/database.js';
import { bit, sessionHandlers, str, type WfCall, type WfHandler } from '../call.js';
import { alreadyExists, dataError, invalid, notFound } from '../faults.js';
import { accountHasFqdn, LOWER_WORD, name, nonEmpty } from '../validate.js';

interface MailboxRow {
  id: number;
  name: string;
  enable_spam_protection: number;
  discard_spam: number;
  spam_redirect_folder: string;
  use_manual_procmailrc: number;
  manual_procmailrc: string;
}

interface EmailRow {
  id: number;
  email_address: string;
  targets: string;
  autoresponder_on: number;
  autoresponder_subject: string;
  autoresponder_message: string;
  autoresponder_from: string;
}

const MAILBOX_COLUMNS = 'id, name, enable_spam_protection, discard_spam, spam_redirect_folder, use_manual_procmailrc, manual_procmailrc';
const EMAIL_COLUMNS = 'id, email_address, targets, autoresponder_on, autoresponder_subject, autoresponder_message, autoresponder_from';

function findMailbox(c: WfCall, mailbox: string): MailboxRow {
  const row = prepare<[number, string], MailboxRow>(c.db, `SELECT ${MAILBOX_COLUMNS} FROM wf_mailbox WHERE account_id = ? AND name = ?`).get(c.session.accountId, mailbox);
  if (!row) throw notFound('Mailbox', 'mailbox', mailbox);
  return row;
}

function findEmail(c: WfCall, address: string): EmailRow {
  const row = prepare<[number, string], EmailRow>(c.db, `SELECT ${EMAIL_COLUMNS} FROM wf_email WHERE account_id = ? AND email_address = ?`).get(
    c.session.accountId,
    address.toLowerCase(),
  );
  if (!row) throw notFound('Email address', 'email_address', address);
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

/** list_emails' item: `targets` a comma string, `autoresponder_on` an int 0/1 (pywebfaction fixtures, realworld.md §1.4). */
function listedEmail(row: EmailRow): Record<string, unknown> {
  return { ...row, autoresponder_on: row.autoresponder_on ? 1 : 0 };
}

const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;

function addressParts(argument: string, value: string): { local: string; host: string } {
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const host = value.slice(at + 1).toLowerCase();
  if (at <= 0 || !LOCAL_PART.test(local) || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) throw invalid(argument, `"${value}" is not an email address`);
  return { local, host };
}

/**
 * Targets: mailbox names (which must exist) or external addresses (with `@`),
 * given as a comma string (create_email) or a list (update_email, seed § Email).
 */
function targetList(c: WfCall, value: unknown): string[] {
  const raw = Array.isArray(value) ? value.map(str) : str(value).split(',');
  const targets = raw.map((t) => t.trim()).filter((t) => t !== '');
  for (const t of targets) {
    if (t.includes('@')) addressParts('targets', t);
    else findMailbox(c, t);
  }
  return targets;
}

function mailboxSettings(c: WfCall): unknown[] {
  return [bit(c.p.enable_spam_protection), bit(c.p.discard_spam), str(c.p.spam_redirect_folder), bit(c.p.use_manual_procmailrc), str(c.p.manual_procmailrc)];
}

/** inferred: generated passwords' form is undocumented; 12 letters and digits. */
function generatedPassword(): string {
  return randomBytes(9).toString('base64').replace(/[+/]/g, 'x');
}

/** Email address columns shared by create_email and update_email, checked. */
function emailFields(c: WfCall): unknown[] {
  const targets = targetList(c, c.p.targets);
  const scriptPath = str(c.p.script_path);
  const scriptMachine = str(c.p.script_machine);
  if (!targets.length && !scriptPath) throw invalid('targets', 'give at least one mailbox or address (or a script_path)');
  if (scriptPath) {
    const machine = prepare<[number, string]>(
      c.db,
      'SELECT 1 FROM wf_account_machine am JOIN wf_machine m ON m.id = am.machine_id WHERE am.account_id = ? AND m.name = ?',
    ).get(c.session.accountId, scriptMachine);
    if (!machine) throw invalid('script_machine', `"${scriptMachine}" is not one of this account's machines`);
  }
  const from = str(c.p.autoresponder_from);
  if (from) addressParts('autoresponder_from', from);
  return [
    targets.join(','),
    bit(c.p.autoresponder_on),
    str(c.p.autoresponder_subject),
    str(c.p.autoresponder_message),
    from,
    scriptMachine,
    scriptPath,
  ];
}

function mailboxInUse(db: DB, accountId: number, mailbox: string): string | undefined {
  const rows = prepare<[number], { email_address: string; targets: string }>(db, 'SELECT email_address, targets FROM wf_email WHERE account_id = ?').all(accountId);
  return rows.find((r) => r.targets.split(',').includes(mailbox))?.email_address;
}

const handlers: Record<string, WfHandler> = {
  create_mailbox(c) {
    const mailbox = name('mailbox', str(c.p.mailbox), LOWER_WORD);
    if (prepare(c.db, 'SELECT 1 FROM wf_mailbox WHERE account_id = ? AND name = ?').get(c.session.accountId, mailbox)) {
      // Verbatim from pywebfaction's fixture (realworld.md §1.3).
      throw alreadyExists('Mailbox', 'Name');
    }
    const password = generatedPassword();
    prepare(
      c.db,
      'INSERT INTO wf_mailbox (account_id, name, password, enable_spam_protection, discard_spam, spam_redirect_folder, use_manual_procmailrc, manual_procmailrc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(c.session.accountId, mailbox, password, ...mailboxSettings(c));
    const row = findMailbox(c, mailbox);
    // create_mailbox says `name` where list_mailboxes says `mailbox` (seed § create_mailbox vs § list_mailboxes).
    const { mailbox: _listed, ...rest } = listedMailbox(row);
    return { ...rest, name: row.name, password };
  },

  update_mailbox(c) {
    const row = findMailbox(c, str(c.p.mailbox));
    prepare(
      c.db,
      'UPDATE wf_mailbox SET enable_spam_protection = ?, discard_spam = ?, spam_redirect_folder = ?, use_manual_procmailrc = ?, manual_procmailrc = ? WHERE id = ?',
    ).run(...mailboxSettings(c), row.id);
    return listedMailbox(findMailbox(c, row.name));
  },

  change_mailbox_password(c) {
    const row = findMailbox(c, str(c.p.mailbox));
    prepare(c.db, 'UPDATE wf_mailbox SET password = ? WHERE id = ?').run(nonEmpty('password', str(c.p.password)), row.id);
    return listedMailbox(row);
  },

  delete_mailbox(c) {
    const row = findMailbox(c, str(c.p.mailbox));
    const user = mailboxInUse(c.db, c.session.accountId, row.name);
    // inferred: deleting a mailbox an address still delivers to would leave the address dangling, so it is refused.
    if (user) throw dataError(`mailbox: "${row.name}" is a target of ${user}; update or delete that address first`);
    prepare(c.db, 'DELETE FROM wf_mailbox WHERE id = ?').run(row.id);
    // "Response for delete_mailbox is fairly empty" (pywebfaction fixture): an empty struct, never nil (Ansible merges it).
    return {};
  },

  list_mailboxes(c) {
    return prepare<[number], MailboxRow>(c.db, `SELECT ${MAILBOX_COLUMNS} FROM wf_mailbox WHERE account_id = ? ORDER BY id`)
      .all(c.session.accountId)
      .map(listedMailbox);
  },

  create_email(c) {
    const address = str(c.p.email_address).trim();
    const { local, host } = addressParts('email_address', address);
    if (!accountHasFqdn(c.db, c.session.accountId, host)) throw invalid('email_address', `"${host}" is not one of this account's domains or subdomains`);
    const full = `${local}@${host}`.toLowerCase();
    // Verbatim from pywebfaction's fixture (realworld.md §1.3): Django's unique_together message.
    if (prepare(c.db, 'SELECT 1 FROM wf_email WHERE email_address = ?').get(full)) throw alreadyExists('Email', 'Username and Subdomain');
    prepare(
      c.db,
      'INSERT INTO wf_email (account_id, email_address, targets, autoresponder_on, autoresponder_subject, autoresponder_message, autoresponder_from, script_machine, script_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(c.session.accountId, full, ...emailFields(c));
    // Struct with `id` at least (pywebfaction reads it); the rest as list_emails shows it.
    return listedEmail(findEmail(c, full));
  },

  update_email(c) {
    const row = findEmail(c, str(c.p.email_address));
    prepare(
      c.db,
      'UPDATE wf_email SET targets = ?, autoresponder_on = ?, autoresponder_subject = ?, autoresponder_message = ?, autoresponder_from = ?, script_machine = ?, script_path = ? WHERE id = ?',
    ).run(...emailFields(c), row.id);
    const updated = findEmail(c, row.email_address);
    // Seed § update_email returns id, email_address and targets; targets as the list it was given (summary.md §4.5).
    return { id: updated.id, email_address: updated.email_address, targets: updated.targets ? updated.targets.split(',') : [] };
  },

  delete_email(c) {
    const row = findEmail(c, str(c.p.email_address));
    prepare(c.db, 'DELETE FROM wf_email WHERE id = ?').run(row.id);
    return {};
  },

  list_emails(c) {
    return prepare<[number], EmailRow>(c.db, `SELECT ${EMAIL_COLUMNS} FROM wf_email WHERE account_id = ? ORDER BY id`)
      .all(c.session.accountId)
      .map(listedEmail);
  },
};

export const emailHandlers = sessionHandlers(handlers);

/** Addresses delivered at `fqdn` (a domain or subdomain being deleted must not have any). */
export function emailsAt(db: DB, accountId: number, fqdns: string[]): string[] {
  const rows = prepare<[number], { email_address: string }>(db, 'SELECT email_address FROM wf_email WHERE account_id = ?').all(accountId);
  return rows.map((r) => r.email_address).filter((a) => fqdns.includes(a.slice(a.lastIndexOf('@') + 1)));
}

