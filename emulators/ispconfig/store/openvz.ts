import type { DB } from '../../../state/database.js';
import { sqlName as t } from '../schema/index.js';
import type { Row } from './datalog.js';
import { queryAll, queryOne } from './sql.js';

// OpenVZ templates, the IP pool and VM rows (remote.d/openvz.inc.php).

/** The first unreserved, unused IP of the pool (of one server when serverId > 0). */
export function freeIp(db: DB, serverId: number): Row | undefined {
  return serverId > 0
    ? queryOne(
        db,
        `SELECT ip_address_id, server_id, ip_address FROM ${t('openvz_ip')} WHERE reserved = 'n' AND vm_id = 0 AND server_id = ? ORDER BY ip_address_id LIMIT 1`,
        serverId,
      )
    : queryOne(db, `SELECT ip_address_id, server_id, ip_address FROM ${t('openvz_ip')} WHERE reserved = 'n' AND vm_id = 0 ORDER BY ip_address_id LIMIT 1`);
}

export function vmsOfGroup(db: DB, groupId: string | null): Row[] {
  return queryAll(db, `SELECT * FROM ${t('openvz_vm')} WHERE sys_groupid = ? ORDER BY vm_id`, groupId);
}

export function vmTemplate(db: DB, templateId: number): Row | undefined {
  return queryOne(db, `SELECT * FROM ${t('openvz_template')} WHERE template_id = ?`, templateId);
}

export function osTemplateExists(db: DB, ostemplateId: number): boolean {
  return queryOne(db, `SELECT ostemplate_id FROM ${t('openvz_ostemplate')} WHERE ostemplate_id = ?`, ostemplateId) !== undefined;
}
