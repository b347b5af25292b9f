import { prepare, type DB } from '../../../state/database.js';
import { faults } from '../faults.js';

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
