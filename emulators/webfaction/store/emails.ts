import { prepare, type DB } from '../../../state/database.js';

export interface EmailRow {
  id: number;
  email_address: string;
  /** Mailbox names and external addresses, comma-joined. */
  targets: string;
  autoresponder_on: number;
  autoresponder_subject: string;
  autoresponder_message: string;
  autoresponder_from: string;
}

/** What create_email and update_email set besides the address. */
export interface EmailFields {
  targets: string[];
  autoresponderOn: boolean;
  autoresponderSubject: string;
  autoresponderMessage: string;
  autoresponderFrom: string;
  scriptMachine: string;
  scriptPath: string;
}

const SELECT = 'SELECT id, email_address, targets, autoresponder_on, autoresponder_subject, autoresponder_message, autoresponder_from FROM wf_email';

const columns = (f: EmailFields) => [
  f.targets.join(','),
  f.autoresponderOn ? 1 : 0,
  f.autoresponderSubject,
  f.autoresponderMessage,
  f.autoresponderFrom,
  f.scriptMachine,
  f.scriptPath,
];

/** The account's address (stored lowercase). */
export function findEmail(db: DB, accountId: number, address: string): EmailRow | undefined {
  return prepare<[number, string], EmailRow>(db, `${SELECT} WHERE account_id = ? AND email_address = ?`).get(accountId, address);
}

/** True when any account has the address. */
export function emailTaken(db: DB, address: string): boolean {
  return !!prepare(db, 'SELECT 1 FROM wf_email WHERE email_address = ?').get(address);
}

export function listEmails(db: DB, accountId: number): EmailRow[] {
  return prepare<[number], EmailRow>(db, `${SELECT} WHERE account_id = ? ORDER BY id`).all(accountId);
}

export function insertEmail(db: DB, accountId: number, address: string, fields: EmailFields): void {
  prepare(
    db,
    'INSERT INTO wf_email (account_id, email_address, targets, autoresponder_on, autoresponder_subject, autoresponder_message, autoresponder_from, script_machine, script_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(accountId, address, ...columns(fields));
}

export function updateEmail(db: DB, id: number, fields: EmailFields): void {
  prepare(
    db,
    'UPDATE wf_email SET targets = ?, autoresponder_on = ?, autoresponder_subject = ?, autoresponder_message = ?, autoresponder_from = ?, script_machine = ?, script_path = ? WHERE id = ?',
  ).run(...columns(fields), id);
}

export function deleteEmail(db: DB, id: number): void {
  prepare(db, 'DELETE FROM wf_email WHERE id = ?').run(id);
}

/** The first of the account's addresses that delivers to the mailbox, if any. */
export function addressDeliveringTo(db: DB, accountId: number, mailbox: string): string | undefined {
  const rows = prepare<[number], { email_address: string; targets: string }>(db, 'SELECT email_address, targets FROM wf_email WHERE account_id = ?').all(
    accountId,
  );
  return rows.find((r) => r.targets.split(',').includes(mailbox))?.email_address;
}

/** The account's addresses at any of `fqdns` (a domain or subdomain being deleted must not have any). */
export function emailsAt(db: DB, accountId: number, fqdns: string[]): string[] {
  const rows = prepare<[number], { email_address: string }>(db, 'SELECT email_address FROM wf_email WHERE account_id = ?').all(accountId);
  return rows.map((r) => r.email_address).filter((a) => fqdns.includes(a.slice(a.lastIndexOf('@') + 1)));
}
