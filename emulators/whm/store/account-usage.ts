import { prepare, type DB } from '../../../state/database.js';

/** How many mail and MySQL objects an account has (the usage reads of the cPanel door: StatsBar, ResourceUsage). */
export function accountObjectCounts(db: DB, user: string): { emailAccounts: number; forwarders: number; databases: number; databaseUsers: number } {
  const count = (sql: string) => prepare<[string], { n: number }>(db, sql).get(user)!.n;
  return {
    emailAccounts: count('SELECT COUNT(*) AS n FROM whm_email WHERE user = ?'),
    forwarders: count('SELECT COUNT(*) AS n FROM whm_forwarder WHERE user = ?'),
    databases: count('SELECT COUNT(*) AS n FROM whm_mysql_db WHERE user = ?'),
    databaseUsers: count('SELECT COUNT(*) AS n FROM whm_mysql_user WHERE user = ?'),
  };
}
