import { prepare, type DB } from '../../../state/database.js';

export function apacheAcl(db: DB, accountId: number, path: string): { permission: string; recursive: boolean } | undefined {
  const row = prepare<[number, string], { permission: string; recursive: number }>(
    db,
    'SELECT permission, recursive FROM wf_apache_acl WHERE account_id = ? AND path = ?',
  ).get(accountId, path);
  return row && { permission: row.permission, recursive: !!row.recursive };
}

/** Sets (or replaces) the Apache ACL of a path. */
export function setApacheAcl(db: DB, accountId: number, path: string, permission: string, recursive: boolean): void {
  prepare(
    db,
    'INSERT INTO wf_apache_acl (account_id, path, permission, recursive) VALUES (?, ?, ?, ?) ON CONFLICT(account_id, path) DO UPDATE SET permission = excluded.permission, recursive = excluded.recursive',
  ).run(accountId, path, permission, recursive ? 1 : 0);
}
