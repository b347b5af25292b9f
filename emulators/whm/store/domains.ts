import { prepare, type DB } from '../../../state/database.js';
import { faults } from '../faults.js';
import type { AccountRow } from './accounts.js';

/** main: an account's primary domain; sub: a subdomain; parked: an alias of another domain; addon: an extra site. */
export type DomainType = 'main' | 'sub' | 'parked' | 'addon';

export interface DomainRow {
  domain: string;
  user: string;
  type: DomainType;
  parent: string | null;
  docroot: string;
  created: number;
}

export function getDomain(db: DB, domain: string): DomainRow | undefined {
  return prepare<[string], DomainRow>(db, 'SELECT * FROM whm_domain WHERE domain = ?').get(domain.toLowerCase());
}

export function domainsOf(db: DB, user: string): DomainRow[] {
  return prepare<[string], DomainRow>(
    db,
    "SELECT * FROM whm_domain WHERE user = ? ORDER BY CASE type WHEN 'main' THEN 0 WHEN 'addon' THEN 1 WHEN 'sub' THEN 2 ELSE 3 END, domain",
  ).all(user);
}

/** Adds a domain; one owner per domain across the server. */
export function addDomain(db: DB, row: DomainRow): void {
  const existing = getDomain(db, row.domain);
  if (existing) throw existing.user === row.user ? faults.domainExists(row.domain) : faults.domainTaken(row.domain, existing.user);
  prepare(db, 'INSERT INTO whm_domain (domain, user, type, parent, docroot, created) VALUES (@domain, @user, @type, @parent, @docroot, @created)').run(row);
}

export function removeDomain(db: DB, domain: string): void {
  prepare(db, 'DELETE FROM whm_domain WHERE domain = ?').run(domain.toLowerCase());
}

export function countDomains(db: DB, user: string, type: DomainType): number {
  return prepare<[string, string], { n: number }>(db, 'SELECT COUNT(*) AS n FROM whm_domain WHERE user = ? AND type = ?').get(user, type)!.n;
}

/** Renames a domain, and makes its subdomains of `user` name the new parent. */
export function renameDomain(db: DB, from: string, to: string, user: string): void {
  prepare(db, 'UPDATE whm_domain SET domain = ? WHERE domain = ?').run(to, from);
  prepare(db, 'UPDATE whm_domain SET parent = ? WHERE parent = ? AND user = ?').run(to, from, user);
}

/** Removes every subdomain under `parent`. */
export function removeSubdomainsOf(db: DB, parent: string): void {
  prepare(db, 'DELETE FROM whm_domain WHERE parent = ? AND type = ?').run(parent, 'sub');
}

/** A domain with its account's columns (get_domain_info). */
export type DomainWithAccount = AccountRow & { d_domain: string; d_type: string; d_parent: string | null; d_docroot: string };

/** Every domain with its account, by domain name. */
export function domainsWithAccounts(db: DB): DomainWithAccount[] {
  return prepare<[], DomainWithAccount>(
    db,
    'SELECT a.*, d.domain AS d_domain, d.type AS d_type, d.parent AS d_parent, d.docroot AS d_docroot FROM whm_domain d JOIN whm_account a ON a.user = d.user ORDER BY d.domain',
  ).all();
}

/** Every web virtual host of the server, by name: main, sub and addon domains (a parked domain is an alias, not a vhost). */
export function webVhosts(db: DB): DomainRow[] {
  return prepare<[], DomainRow>(db, "SELECT * FROM whm_domain WHERE type != 'parked' ORDER BY domain").all();
}
