import { prepare, type DB } from '../../../state/database.js';
import { str } from '../engine/php.js';
import { SCHEMA, sqlName as t } from '../schema/index.js';
import { datalogSave, type Row } from './datalog.js';
import type { RecordScope } from './scope.js';
import { exec, queryAll, queryOne } from './sql.js';

// Clients, their panel logins (sys_user, sys_group) and template assignments (remote.d/client.inc.php, 3.2.11).

/** A client's template assignments, in id order. */
export function templateAssignments(db: DB, clientId: unknown): Row[] {
  return queryAll(
    db,
    `SELECT assigned_template_id, client_template_id FROM ${t('client_template_assigned')} WHERE client_id = ? ORDER BY assigned_template_id`,
    clientId,
  );
}

/** Every column of a client's template assignments, in id order. */
export function templateAssignmentRows(db: DB, clientId: string): Row[] {
  return queryAll(db, `SELECT * FROM ${t('client_template_assigned')} WHERE client_id = ? ORDER BY assigned_template_id`, clientId);
}

/** A client's assignments of one template. */
export function assignmentsOfTemplate(db: DB, clientId: unknown, templateId: unknown): Row[] {
  return queryAll(db, `SELECT assigned_template_id FROM ${t('client_template_assigned')} WHERE client_id = ? AND client_template_id = ?`, clientId, templateId);
}

/** A new assignment; its id as MySQL's LAST_INSERT_ID() reads through mysqli (a string). */
export function assignTemplate(db: DB, clientId: unknown, templateId: unknown): string {
  const info = prepare(db, `INSERT INTO ${t('client_template_assigned')} (client_id, client_template_id) VALUES (?, ?)`).run(str(clientId), str(templateId));
  return String(info.lastInsertRowid);
}

/** Removes one assignment of that template (the first one found). */
export function unassignOneOfTemplate(db: DB, clientId: unknown, templateId: unknown): void {
  exec(
    db,
    `DELETE FROM ${t('client_template_assigned')} WHERE assigned_template_id = (SELECT assigned_template_id FROM ${t('client_template_assigned')} WHERE client_id = ? AND client_template_id = ? LIMIT 1)`,
    clientId,
    templateId,
  );
}

/** Removes an assignment; with a client id only if it is that client's. Returns MySQL's affected rows. */
export function unassignTemplate(db: DB, assignedId: unknown, clientId?: string): number {
  if (clientId === undefined) return exec(db, `DELETE FROM ${t('client_template_assigned')} WHERE assigned_template_id = ?`, assignedId);
  return exec(db, `DELETE FROM ${t('client_template_assigned')} WHERE assigned_template_id = ? AND client_id = ?`, assignedId, clientId);
}

export function clientTemplates(db: DB): Row[] {
  return queryAll(db, `SELECT * FROM ${t('client_template')} ORDER BY template_id`);
}

export function templateExists(db: DB, templateId: string): boolean {
  return queryOne(db, `SELECT template_id FROM ${t('client_template')} WHERE template_id = ?`, templateId) !== undefined;
}

/** A client's limit_client (0: not a reseller). */
export function clientLimit(db: DB, clientId: number): Row | undefined {
  return queryOne(db, `SELECT limit_client FROM ${t('client')} WHERE client_id = ?`, clientId);
}

export function clientExists(db: DB, clientId: string): Row | undefined {
  return queryOne(db, `SELECT client_id FROM ${t('client')} WHERE client_id = ?`, clientId);
}

export function usernameCount(db: DB, username: string): number {
  return Number(queryOne(db, `SELECT count(userid) AS n FROM ${t('sys_user')} WHERE username = ?`, username)?.n);
}

/** What client_add writes after the form: the creation time and the client's SSH key pair. */
export function setClientKeys(db: DB, clientId: number, createdAt: number, privateKey: string, publicKey: string): void {
  exec(db, `UPDATE ${t('client')} SET created_at = ?, id_rsa = ?, ssh_rsa = ? WHERE client_id = ?`, createdAt, privateKey, publicKey, clientId);
}

export function setParentClient(db: DB, clientId: number, parentId: number): void {
  exec(db, `UPDATE ${t('client')} SET parent_client_id = ? WHERE client_id = ?`, parentId, clientId);
}

/** remoting_lib->ispconfig_sysuser_update: the listed sys_user columns of a client's login. */
export function updateClientLogin(db: DB, clientId: number, values: Record<string, string>): void {
  const names = Object.keys(values);
  exec(db, `UPDATE ${t('sys_user')} SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE client_id = ?`, ...names.map((n) => values[n]), clientId);
}

/** Both password hashes of a client: the client row's and its panel login's. */
export function setClientPassword(db: DB, clientId: string, hash: string): void {
  exec(db, `UPDATE ${t('client')} SET password = ? WHERE client_id = ?`, hash, clientId);
  exec(db, `UPDATE ${t('sys_user')} SET passwort = ? WHERE client_id = ?`, hash, clientId);
}

/** A client's panel login and group (client_delete leaves its sites, mail and DNS). */
export function deleteClientLogin(db: DB, clientId: number): void {
  exec(db, `DELETE FROM ${t('sys_user')} WHERE client_id = ?`, clientId);
  exec(db, `DELETE FROM ${t('sys_group')} WHERE client_id = ?`, clientId);
}

/** The tables client_delete_everything sweeps by the client's group (remote.d/client.inc.php, 3.2.11). */
const OWNED_TABLES = [
  'cron',
  'dns_rr',
  'dns_soa',
  'dns_slave',
  'ftp_user',
  'mail_access',
  'mail_content_filter',
  'mail_forwarding',
  'mail_get',
  'mail_user',
  'mail_user_filter',
  'shell_user',
  'spamfilter_users',
  'mail_domain',
  'support_message',
  'web_database',
  'web_database_user',
  'web_domain',
  'web_traffic',
  'domain',
  'mail_mailinglist',
  'client',
  'spamfilter_wblist',
];

/** client_delete_everything's sweep: every row a group owns, each deletion queued; a site's traffic and a mailbox's go too. */
export function deleteEverythingOfGroup(scope: RecordScope, groupId: number): void {
  for (const table of OWNED_TABLES) {
    // The primary key tableInfo() would find; tables without one are skipped, as in PHP.
    const pk = SCHEMA.tables[table]?.primaryKey[0];
    if (!pk) continue;
    for (const row of queryAll(scope.db, `SELECT * FROM ${t(table)} WHERE sys_groupid = ?`, groupId)) {
      exec(scope.db, `DELETE FROM ${t(table)} WHERE "${pk}" = ?`, row[pk]);
      datalogSave(scope, table, 'd', pk, str(row[pk]), row, undefined, 'admin');
      if (table === 'web_domain') exec(scope.db, `DELETE FROM ${t('web_traffic')} WHERE hostname = ?`, row.domain);
      if (table === 'mail_user') exec(scope.db, `DELETE FROM ${t('mail_traffic')} WHERE mailuser_id = ?`, row.mailuser_id);
    }
  }
}

/** The admin's panel login (client 0). */
export function adminLogin(db: DB): Row | undefined {
  return queryOne(db, `SELECT userid FROM ${t('sys_user')} WHERE client_id = 0`);
}

export function clientOfUser(db: DB, userid: number): Row | undefined {
  return queryOne(db, `SELECT client_id FROM ${t('sys_user')} WHERE userid = ?`, userid);
}

export function clientContact(db: DB, clientId: number): Row | undefined {
  return queryOne(db, `SELECT company_name, contact_name, gender, email, language FROM ${t('client')} WHERE client_id = ?`, clientId);
}

/** A panel login's whole sys_user row (password hash included). */
export function loginNamed(db: DB, username: string): Row | undefined {
  return queryOne(db, `SELECT * FROM ${t('sys_user')} WHERE username = ?`, username);
}

export function clientByCustomerNo(db: DB, customerNo: string): Row | undefined {
  return queryOne(db, `SELECT * FROM ${t('client')} WHERE customer_no = ?`, customerNo);
}

export function clientByEmail(db: DB, email: string): Row | undefined {
  return queryOne(db, `SELECT * FROM ${t('client')} WHERE email = ?`, email);
}

export function clientIds(db: DB): Row[] {
  return queryAll(db, `SELECT client_id FROM ${t('client')} ORDER BY client_id`);
}
