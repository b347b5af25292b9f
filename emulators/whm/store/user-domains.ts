import { prepare, type DB } from '../../../state/database.js';
import { homedir } from './accounts.js';

/**
 * Rebuilds the domain → owner map (/etc/userdomains, which getdomainowner
 * reads) from the accounts (seed 004, updateuserdomains: "based on the
 * entries in /var/cpanel/users"): entries of accounts that no longer exist
 * go, and an account whose main domain has no entry gets it back. Returns
 * how many entries it removed and added.
 */
export function rebuildUserDomains(db: DB, nowSeconds: number): { removed: number; added: number } {
  const removed = prepare(db, 'DELETE FROM whm_domain WHERE user NOT IN (SELECT user FROM whm_account)').run().changes;
  const missing = prepare<[], { user: string; domain: string; partition: string }>(
    db,
    'SELECT a.user, a.domain, a.partition FROM whm_account a WHERE NOT EXISTS (SELECT 1 FROM whm_domain d WHERE d.domain = a.domain)',
  ).all();
  const insert = prepare(db, "INSERT INTO whm_domain (domain, user, type, parent, docroot, created) VALUES (?, ?, 'main', NULL, ?, ?)");
  for (const a of missing) insert.run(a.domain, a.user, `${homedir(a)}/public_html`, nowSeconds);
  return { removed, added: missing.length };
}
