import { prepare, type DB } from '../../../state/database.js';
import { primaryKey, sqlName } from '../schema/index.js';

// The lookups tform's validators make (tform_base UNIQUE, validate_domain, validate_ftpuser, validate_client…).

/** Rows of `table` whose `column` is `value`, the row `exceptId` (by primary key) left out when given. */
export function countEqual(db: DB, table: string, column: string, value: string, exceptId?: string): number {
  const row =
    exceptId === undefined
      ? prepare<[string], { n: number }>(db, `SELECT count(*) AS n FROM ${sqlName(table)} WHERE "${column}" = ?`).get(value)
      : prepare<[string, string], { n: number }>(db, `SELECT count(*) AS n FROM ${sqlName(table)} WHERE "${column}" = ? AND "${primaryKey(table)}" != ?`).get(
          value,
          exceptId,
        );
  return row?.n ?? 0;
}

/** The addresses of other websites on a server named `name` (or, unless `onlyDomain`, whose auto-subdomain makes that name). */
export function webDomainsNamed(db: DB, name: string, onlyDomain: boolean, serverId: string, exceptId: string) {
  return prepare<[string, number, string, string, string], { ip_address: string | null; ipv6_address: string | null }>(
    db,
    `SELECT ip_address, ipv6_address FROM ${sqlName('web_domain')} WHERE (domain = ? OR (? AND subdomain || '.' || domain = ?)) AND server_id = ? AND domain_id != ?`,
  ).all(name, onlyDomain ? 0 : 1, name, serverId, exceptId);
}

/** The website an FTP or shell user belongs to. */
export function parentDomainOf(db: DB, table: 'ftp_user' | 'shell_user', key: string, id: number) {
  return prepare<[number], { parent_domain_id: string }>(db, `SELECT parent_domain_id FROM ${sqlName(table)} WHERE "${key}" = ?`).get(id);
}

export function siteDocumentRootById(db: DB, siteId: number) {
  return prepare<[number], { document_root: string | null }>(db, `SELECT document_root FROM ${sqlName('web_domain')} WHERE domain_id = ?`).get(siteId);
}

/** Panel logins with that name, the given client's own left out when given. */
export function loginNameCount(db: DB, username: string, exceptClientId?: string): number {
  const row =
    exceptClientId === undefined
      ? prepare<[string], { n: number }>(db, `SELECT count(*) AS n FROM ${sqlName('sys_user')} WHERE username = ?`).get(username)
      : prepare<[string, string], { n: number }>(db, `SELECT count(*) AS n FROM ${sqlName('sys_user')} WHERE username = ? AND client_id != ?`).get(
          username,
          exceptClientId,
        );
  return row?.n ?? 0;
}
