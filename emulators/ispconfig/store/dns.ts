import type { DB } from '../../../state/database.js';
import { sqlName as t } from '../schema/index.js';
import type { Row } from './datalog.js';
import { queryAll, queryOne } from './sql.js';

// DNS zones, records and templates (remote.d/dns.inc.php, 3.2.11).

/** The zone id of a record. */
export function zoneOfRecord(db: DB, recordId: string): unknown {
  return queryOne(db, `SELECT zone FROM ${t('dns_rr')} WHERE id = ?`, recordId)?.zone;
}

/** The first zone whose origin starts with the text (`origin LIKE '<origin>%'`; `_` stays a wildcard as in MySQL's LIKE). */
export function firstZoneStartingWith(db: DB, origin: string): Row | undefined {
  const like = origin.replace(/[\\%_]/g, (c) => (c === '_' ? '_' : `\\${c}`));
  return queryOne(db, `SELECT id FROM ${t('dns_soa')} WHERE origin LIKE ? ESCAPE '\\' ORDER BY id LIMIT 1`, `${like}%`);
}

/** The zones of a client's group on a server. */
export function zonesOfClient(db: DB, clientId: number, serverId: number): Row[] {
  return queryAll(
    db,
    `SELECT d.id, d.origin FROM ${t('dns_soa')} d JOIN ${t('sys_user')} s ON d.sys_groupid = s.default_group WHERE s.client_id = ? AND d.server_id = ? ORDER BY d.id`,
    clientId,
    serverId,
  );
}

export function recordsOfZone(db: DB, zoneId: string): Row[] {
  return queryAll(db, `SELECT * FROM ${t('dns_rr')} WHERE zone = ? ORDER BY id`, zoneId);
}

export function dnsTemplates(db: DB): Row[] {
  return queryAll(db, `SELECT * FROM ${t('dns_template')} ORDER BY template_id`);
}

export function dnsTemplate(db: DB, templateId: number): Row | undefined {
  return queryOne(db, `SELECT template FROM ${t('dns_template')} WHERE template_id = ?`, templateId);
}
