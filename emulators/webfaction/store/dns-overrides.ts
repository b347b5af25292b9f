import { prepare, type DB } from '../../../state/database.js';

/** The record fields of an override, in the order list_dns_overrides shows them. */
export const OVERRIDE_FIELDS = ['a_ip', 'aaaa_ip', 'cname', 'mx_name', 'mx_priority', 'spf_record', 'srv_record'] as const;
export type OverrideField = (typeof OVERRIDE_FIELDS)[number];
export type OverrideRow = Record<OverrideField, string> & { id: number; domain: string };

const SELECT = `SELECT id, domain, ${OVERRIDE_FIELDS.join(', ')} FROM wf_dns_override`;

/** The account's overrides, of one name when `domain` is given, in the order they were made. */
export function listOverrides(db: DB, accountId: number, domain?: string): OverrideRow[] {
  return domain === undefined
    ? prepare<[number], OverrideRow>(db, `${SELECT} WHERE account_id = ? ORDER BY id`).all(accountId)
    : prepare<[number, string], OverrideRow>(db, `${SELECT} WHERE account_id = ? AND domain = ? ORDER BY id`).all(accountId, domain);
}

/** Stores one record; its id. */
export function insertOverride(db: DB, accountId: number, domain: string, record: Record<OverrideField, string>): number {
  return Number(
    prepare(
      db,
      `INSERT INTO wf_dns_override (account_id, domain, ${OVERRIDE_FIELDS.join(', ')}) VALUES (?, ?, ${OVERRIDE_FIELDS.map(() => '?').join(', ')})`,
    ).run(accountId, domain, ...OVERRIDE_FIELDS.map((f) => record[f])).lastInsertRowid,
  );
}

export function deleteOverride(db: DB, id: number): void {
  prepare(db, 'DELETE FROM wf_dns_override WHERE id = ?').run(id);
}

/** Drops every override of a domain and of the names below it. */
export function deleteOverridesOfDomain(db: DB, accountId: number, domain: string): void {
  prepare(db, "DELETE FROM wf_dns_override WHERE account_id = ? AND (domain = ? OR domain LIKE '%.' || ?)").run(accountId, domain, domain);
}
