import type { DB } from '../../../state/database.js';
import { sqlName as t } from '../schema/index.js';
import type { Row } from './datalog.js';
import { exec, queryOne } from './sql.js';

// sys_config: the panel's own group/name/value settings (remote.d/admin.inc.php, 3.2.11).

export function configValue(db: DB, group: string, name: string): Row | undefined {
  return queryOne(db, `SELECT * FROM ${t('sys_config')} WHERE "group" = ? AND name = ?`, group, name);
}

export function insertConfigValue(db: DB, group: string, name: string, value: string): void {
  exec(db, `INSERT INTO ${t('sys_config')} ("group", name, value) VALUES (?, ?, ?)`, group, name, value);
}

export function updateConfigValue(db: DB, group: string, name: string, value: string): void {
  exec(db, `UPDATE ${t('sys_config')} SET value = ? WHERE "group" = ? AND name = ?`, value, group, name);
}

export function deleteConfigValue(db: DB, group: string, name: string): void {
  exec(db, `DELETE FROM ${t('sys_config')} WHERE "group" = ? AND name = ?`, group, name);
}
