import type { DB } from '../../../state/database.js';
import { INSTANCE_INSTALL, INSTANCE_REMOVE, PACKAGE_ENABLED, PACKAGE_LOCKED } from '../engine/aps-catalogue.js';
import { str } from '../engine/php.js';
import { sqlName as t } from '../schema/index.js';
import { datalogSave, type Row } from './datalog.js';
import { fetchRow } from './records.js';
import type { RecordScope } from './scope.js';
import { exec, queryAll, queryOne } from './sql.js';

// The APS installer's tables: aps_packages, aps_instances, aps_instances_settings, and the rows it reads of
// websites and databases (aps_guicontroller.inc.php, aps_crawler.inc.php, aps_installer.inc.php; ISPConfig 3.2.11).

/** `$app->db->datalogUpdate()`: the UPDATE and its change-queue entry. */
export function datalogUpdate(scope: RecordScope, table: string, pk: string, id: number | string, values: Record<string, string | number>): void {
  const old = fetchRow(scope, table, id);
  const names = Object.keys(values);
  exec(scope.db, `UPDATE ${t(table)} SET ${names.map((n) => `"${n}" = ?`).join(', ')} WHERE "${pk}" = ?`, ...names.map((n) => values[n]), id);
  datalogSave(scope, table, 'u', pk, id, old, fetchRow(scope, table, id), 'admin');
}

/** `$app->db->datalogDelete()`: the DELETE and, when there was a row, its change-queue entry. */
export function datalogDelete(scope: RecordScope, table: string, pk: string, id: number | string): void {
  const old = fetchRow(scope, table, id);
  exec(scope.db, `DELETE FROM ${t(table)} WHERE "${pk}" = ?`, id);
  if (old) datalogSave(scope, table, 'd', pk, id, old, undefined, 'admin');
}

// ---- packages

export function allPackages(db: DB): Row[] {
  return queryAll(db, `SELECT id, name, version, "release", package_status FROM ${t('aps_packages')} ORDER BY name`);
}

export function packagePaths(db: DB): string[] {
  return queryAll(db, `SELECT path FROM ${t('aps_packages')}`).map((r) => str(r.path));
}

export function packageByPath(db: DB, path: string): Row | undefined {
  return queryOne(db, `SELECT id FROM ${t('aps_packages')} WHERE path = ?`, path);
}

export function setPackageStatus(db: DB, id: unknown, status: string | number): void {
  exec(db, `UPDATE ${t('aps_packages')} SET package_status = ? WHERE id = ?`, status, id);
}

/** Enabled packages, or with `withLocked` the locked ones too, by name and version. */
export function availablePackages(db: DB, withLocked: boolean): Row[] {
  const where = withLocked ? `package_status = ${PACKAGE_ENABLED} OR package_status = ${PACKAGE_LOCKED}` : `package_status = ${PACKAGE_ENABLED}`;
  return queryAll(db, `SELECT * FROM ${t('aps_packages')} WHERE ${where} ORDER BY name, version`);
}

/** The enabled versions of the package of the same name as `id`. */
export function enabledVersionsOf(db: DB, id: string): Row[] {
  return queryAll(
    db,
    `SELECT id, version, "release" FROM ${t('aps_packages')} WHERE name = (SELECT name FROM ${t('aps_packages')} WHERE id = ?) AND package_status = 2`,
    id,
  );
}

/** An enabled or locked package. */
export function usablePackage(db: DB, id: string): Row | undefined {
  return queryOne(db, `SELECT * FROM ${t('aps_packages')} WHERE (package_status = ${PACKAGE_ENABLED} OR package_status = ${PACKAGE_LOCKED}) AND id = ?`, id);
}

// ---- instances

export function instance(db: DB, id: unknown): Row | undefined {
  return queryOne(db, `SELECT * FROM ${t('aps_instances')} WHERE id = ?`, id);
}

export function instanceSettings(db: DB, id: number): Row[] {
  return queryAll(db, `SELECT * FROM ${t('aps_instances_settings')} WHERE instance_id = ? ORDER BY id`, id);
}

/** Instances queued for the server's installer. */
export function queuedInstances(db: DB): Row[] {
  return queryAll(db, `SELECT id, instance_status FROM ${t('aps_instances')} WHERE instance_status IN (?, ?)`, INSTANCE_INSTALL, INSTANCE_REMOVE);
}

/** When the instance's latest change was queued (Unix seconds as text), or undefined. */
export function lastQueuedAt(db: DB, instanceId: unknown): unknown {
  return queryOne(
    db,
    `SELECT MAX(CAST(tstamp AS INTEGER)) AS at FROM ${t('sys_datalog')} WHERE dbtable = 'aps_instances' AND dbidx = ?`,
    `id:${str(instanceId)}`,
  )?.at;
}

/** aps_installer's removal: both rows go with a plain query (no change queued). */
export function removeInstance(db: DB, id: unknown): void {
  exec(db, `DELETE FROM ${t('aps_instances')} WHERE id = ?`, id);
  exec(db, `DELETE FROM ${t('aps_instances_settings')} WHERE instance_id = ?`, id);
}

export function setInstanceStatus(db: DB, id: unknown, status: number): void {
  exec(db, `UPDATE ${t('aps_instances')} SET instance_status = ? WHERE id = ?`, status, id);
}

/** The website an instance installs into (its main_domain setting). */
export function instanceSite(db: DB, instanceId: unknown): Row | undefined {
  return queryOne(
    db,
    `SELECT w.domain_id FROM ${t('web_domain')} w JOIN ${t('aps_instances_settings')} s ON s.value = w.domain WHERE s.instance_id = ? AND s.name = 'main_domain'`,
    instanceId,
  );
}

/** The database an instance created (its main_database_name setting). */
export function instanceDatabase(db: DB, instanceId: string): Row | undefined {
  return queryOne(
    db,
    `SELECT d.database_id, d.database_user_id FROM ${t('aps_instances_settings')} s, ${t('web_database')} d WHERE s.value = d.database_name AND s.name = 'main_database_name' AND s.instance_id = ? LIMIT 1`,
    instanceId,
  );
}

/** How many databases use a database user (read-write or read-only). */
export function databaseUserUses(db: DB, userId: unknown): number {
  return (
    Number(queryOne(db, `SELECT COUNT(*) AS cnt FROM ${t('web_database')} WHERE database_user_id = ? OR database_ro_user_id = ?`, userId, userId)?.cnt) | 0
  );
}

/** The main_domain of every instance of a customer. */
export function instanceDomainsOfCustomer(db: DB, customerId: string): Row[] {
  return queryAll(
    db,
    `SELECT s.instance_id, s.value AS domain FROM ${t('aps_instances')} i, ${t('aps_instances_settings')} s WHERE i.id = s.instance_id AND s.name = 'main_domain' AND i.customer_id = ?`,
    customerId,
  );
}

/** An instance's main_location setting. */
export function instanceLocation(db: DB, instanceId: unknown): Row | undefined {
  return queryOne(db, `SELECT value FROM ${t('aps_instances_settings')} WHERE name = 'main_location' AND instance_id = ?`, instanceId);
}

// ---- websites and databases as the installer reads them

/** A website by its domain, or with `www` the site whose subdomain is www. */
export function siteNamed(db: DB, domain: string, www = false): Row | undefined {
  return www
    ? queryOne(db, `SELECT domain FROM ${t('web_domain')} WHERE domain = ? AND subdomain = 'www'`, domain)
    : queryOne(db, `SELECT domain FROM ${t('web_domain')} WHERE domain = ?`, domain);
}

export function siteRow(db: DB, domain: string): Row | undefined {
  return queryOne(db, `SELECT * FROM ${t('web_domain')} WHERE domain = ?`, domain);
}

export function siteDocumentRoot(db: DB, domain: unknown): Row | undefined {
  return queryOne(db, `SELECT document_root, web_folder FROM ${t('web_domain')} WHERE domain = ?`, domain);
}

/** The client id owning a website, as text; undefined when none. */
export function customerOfSite(db: DB, domain: string): string | undefined {
  const row = queryOne(db, `SELECT g.client_id FROM ${t('sys_group')} g, ${t('web_domain')} w WHERE w.sys_groupid = g.groupid AND w.domain = ?`, domain);
  return row ? str(row.client_id) : undefined;
}

/** The default database server of the client owning a group. */
export function defaultDbServerOfGroup(db: DB, groupId: unknown): Row | undefined {
  return queryOne(db, `SELECT default_dbserver FROM ${t('sys_group')} g, ${t('client')} c WHERE g.client_id = c.client_id AND g.groupid = ?`, groupId);
}

/** True when a row of `table` has that value in `column` (a database or database user name). */
export function nameTaken(db: DB, table: 'web_database' | 'web_database_user', column: 'database_name' | 'database_user', name: string): boolean {
  return queryOne(db, `SELECT 1 FROM ${t(table)} WHERE ${column} = ?`, name) !== undefined;
}

export function databaseUserNamed(db: DB, name: string): Row | undefined {
  return queryOne(db, `SELECT database_user_id FROM ${t('web_database_user')} WHERE database_user = ?`, name);
}
