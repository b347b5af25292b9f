import { prepare, type DB } from '../../../state/database.js';

/** A certificate as list_certificates shows it (letsencrypt-webfaction spec/fixtures/*_certificate_response.xml). */
export interface CertificateRow {
  id: number;
  name: string;
  certificate: string;
  private_key: string;
  intermediates: string;
  expiry_date: string;
  domains: string;
}

/** What create_certificate and update_certificate store: the PEMs and what was read from them. */
export interface CertificateFields {
  certificate: string;
  privateKey: string;
  intermediates: string;
  expiryDate: string;
  domains: string;
}

const SELECT = 'SELECT id, name, certificate, private_key, intermediates, expiry_date, domains FROM wf_certificate';

export function findCertificate(db: DB, accountId: number, name: string): CertificateRow | undefined {
  return prepare<[number, string], CertificateRow>(db, `${SELECT} WHERE account_id = ? AND name = ?`).get(accountId, name);
}

export function listCertificates(db: DB, accountId: number): CertificateRow[] {
  return prepare<[number], CertificateRow>(db, `${SELECT} WHERE account_id = ? ORDER BY id`).all(accountId);
}

export function insertCertificate(db: DB, accountId: number, name: string, f: CertificateFields): void {
  prepare(db, 'INSERT INTO wf_certificate (account_id, name, certificate, private_key, intermediates, expiry_date, domains) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    accountId,
    name,
    f.certificate,
    f.privateKey,
    f.intermediates,
    f.expiryDate,
    f.domains,
  );
}

export function updateCertificate(db: DB, id: number, f: CertificateFields): void {
  prepare(db, 'UPDATE wf_certificate SET certificate = ?, private_key = ?, intermediates = ?, expiry_date = ?, domains = ? WHERE id = ?').run(
    f.certificate,
    f.privateKey,
    f.intermediates,
    f.expiryDate,
    f.domains,
    id,
  );
}

export function deleteCertificate(db: DB, id: number): void {
  prepare(db, 'DELETE FROM wf_certificate WHERE id = ?').run(id);
}
