import type { DB } from '../../../state/database.js';
import { sqlName as t } from '../schema/index.js';
import type { Row } from './datalog.js';
import { exec, queryAll, queryOne } from './sql.js';

// Mail domains, mailboxes and backups (remote.d/mail.inc.php, 3.2.11).

/**
 * The mail-domain plugin's ownership move: the row goes to a client group
 * with sys_perm_group 'ru' (and to the group's login when there is one).
 */
export function moveToClientGroup(db: DB, table: string, pk: string, id: number, group: number): void {
  const user = queryOne(db, `SELECT userid FROM ${t('sys_user')} WHERE default_group = ?`, group);
  exec(
    db,
    `UPDATE ${t(table)} SET sys_groupid = ?, sys_perm_group = 'ru'${user ? ', sys_userid = ?' : ''} WHERE "${pk}" = ?`,
    group,
    ...(user ? [user.userid] : []),
    id,
  );
}

/** A mail domain by its exact name, unless it is an alias domain. */
export function primaryMailDomain(db: DB, domain: string | null): Row | undefined {
  return queryOne(
    db,
    `SELECT domain FROM ${t('mail_domain')} WHERE domain = ? AND domain NOT IN (SELECT substr(source, 2) FROM ${t('mail_forwarding')} WHERE type = 'aliasdomain')`,
    domain,
  );
}

/** The number of receiving mailboxes with that address. */
export function receivingMailboxCount(db: DB, email: string): number {
  return Number(queryOne(db, `SELECT count(mailuser_id) AS n FROM ${t('mail_user')} WHERE postfix = 'y' AND email = ?`, email)?.n);
}

export function mailDomainsNamed(db: DB, domain: string): Row[] {
  return queryAll(db, `SELECT * FROM ${t('mail_domain')} WHERE domain = ? ORDER BY domain_id`, domain);
}

export function mailboxesOfClient(db: DB, clientId: string): Row[] {
  return queryAll(
    db,
    `SELECT u.* FROM ${t('mail_user')} u LEFT JOIN ${t('sys_group')} g ON u.sys_groupid = g.groupid WHERE g.client_id = ? ORDER BY u.mailuser_id`,
    clientId,
  );
}

export function mailBackups(db: DB): Row[] {
  return queryAll(db, `SELECT * FROM ${t('mail_backup')} ORDER BY backup_id`);
}
