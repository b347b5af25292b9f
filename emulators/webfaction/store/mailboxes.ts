import { prepare, type DB } from '../../../state/database.js';

export interface MailboxRow {
  id: number;
  name: string;
  enable_spam_protection: number;
  discard_spam: number;
  spam_redirect_folder: string;
  use_manual_procmailrc: number;
  manual_procmailrc: string;
}

/** A mailbox's settings, as create_mailbox and update_mailbox take them. */
export interface MailboxSettings {
  enableSpamProtection: boolean;
  discardSpam: boolean;
  spamRedirectFolder: string;
  useManualProcmailrc: boolean;
  manualProcmailrc: string;
}

const SELECT = 'SELECT id, name, enable_spam_protection, discard_spam, spam_redirect_folder, use_manual_procmailrc, manual_procmailrc FROM wf_mailbox';

const columns = (s: MailboxSettings) => [
  s.enableSpamProtection ? 1 : 0,
  s.discardSpam ? 1 : 0,
  s.spamRedirectFolder,
  s.useManualProcmailrc ? 1 : 0,
  s.manualProcmailrc,
];

export function findMailbox(db: DB, accountId: number, name: string): MailboxRow | undefined {
  return prepare<[number, string], MailboxRow>(db, `${SELECT} WHERE account_id = ? AND name = ?`).get(accountId, name);
}

export function listMailboxes(db: DB, accountId: number): MailboxRow[] {
  return prepare<[number], MailboxRow>(db, `${SELECT} WHERE account_id = ? ORDER BY id`).all(accountId);
}

export function insertMailbox(db: DB, accountId: number, name: string, password: string, settings: MailboxSettings): void {
  prepare(
    db,
    'INSERT INTO wf_mailbox (account_id, name, password, enable_spam_protection, discard_spam, spam_redirect_folder, use_manual_procmailrc, manual_procmailrc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(accountId, name, password, ...columns(settings));
}

export function updateMailbox(db: DB, id: number, settings: MailboxSettings): void {
  prepare(
    db,
    'UPDATE wf_mailbox SET enable_spam_protection = ?, discard_spam = ?, spam_redirect_folder = ?, use_manual_procmailrc = ?, manual_procmailrc = ? WHERE id = ?',
  ).run(...columns(settings), id);
}

export function setMailboxPassword(db: DB, id: number, password: string): void {
  prepare(db, 'UPDATE wf_mailbox SET password = ? WHERE id = ?').run(password, id);
}

export function deleteMailbox(db: DB, id: number): void {
  prepare(db, 'DELETE FROM wf_mailbox WHERE id = ?').run(id);
}
