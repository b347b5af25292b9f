import { prepare, type DB } from '../../../state/database.js';

export interface DomainRow {
  id: number;
  name: string;
}

export function findDomain(db: DB, accountId: number, name: string): DomainRow | undefined {
  return prepare<[number, string], DomainRow>(db, 'SELECT id, name FROM wf_domain WHERE account_id = ? AND name = ?').get(accountId, name);
}

/** Whoever has the domain, of any account (domain names are unique across the server). */
export function domainOwner(db: DB, name: string): { id: number; account_id: number } | undefined {
  return prepare<[string], { id: number; account_id: number }>(db, 'SELECT id, account_id FROM wf_domain WHERE name = ?').get(name);
}

/** Adds a domain with no subdomains; its id. */
export function insertDomain(db: DB, accountId: number, name: string): number {
  return Number(prepare(db, 'INSERT INTO wf_domain (account_id, name) VALUES (?, ?)').run(accountId, name).lastInsertRowid);
}

export function deleteDomain(db: DB, id: number): void {
  prepare(db, 'DELETE FROM wf_domain WHERE id = ?').run(id);
}

/** The domain's subdomain labels, in the order they were added. */
export function subdomainsOf(db: DB, domainId: number): string[] {
  return JSON.parse(prepare<[number], { subdomains: string }>(db, 'SELECT subdomains FROM wf_domain WHERE id = ?').get(domainId)!.subdomains) as string[];
}

export function setSubdomains(db: DB, domainId: number, labels: string[]): void {
  prepare(db, 'UPDATE wf_domain SET subdomains = ? WHERE id = ?').run(JSON.stringify(labels), domainId);
}

/**
 * list_domains' answer, built by SQLite as one JSON text: one row and one parse instead of a row and a parse per
 * domain. `subdomains` goes in as stored, without json() re-reading it: only setSubdomains writes it, as
 * JSON.stringify of a list (or the column's default '[]'). That and concatenation instead of json_object
 * measured a fifth less than json_group_array.
 */
export function listDomains(db: DB, accountId: number): { id: number; domain: string; subdomains: string[] }[] {
  const list = prepare<[number], string>(
    db,
    `SELECT '[' || group_concat('{"id":' || id || ',"domain":' || json_quote(name) || ',"subdomains":' || subdomains || '}', ',') || ']'
     FROM (SELECT id, name, subdomains FROM wf_domain WHERE account_id = ? ORDER BY id)`,
  )
    .pluck()
    .get(accountId);
  return JSON.parse(list ?? '[]') as { id: number; domain: string; subdomains: string[] }[];
}

/** True when `fqdn` is one of the account's domains or one of their subdomains. */
export function accountHasFqdn(db: DB, accountId: number, fqdn: string): boolean {
  return !!prepare<[number, string, string]>(
    db,
    `SELECT 1 FROM wf_domain d WHERE d.account_id = ?
     AND (d.name = ? OR EXISTS (SELECT 1 FROM json_each(d.subdomains) s WHERE s.value || '.' || d.name = ?)) LIMIT 1`,
  ).get(accountId, fqdn, fqdn);
}

/** The account's domain that `fqdn` is, or sits under (DNS overrides name any host below a domain). */
export function domainCovering(db: DB, accountId: number, fqdn: string): string | undefined {
  const rows = prepare<[number], { name: string }>(db, 'SELECT name FROM wf_domain WHERE account_id = ?').all(accountId);
  return rows.find((r) => fqdn === r.name || fqdn.endsWith(`.${r.name}`))?.name;
}
