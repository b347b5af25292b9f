import type { Handler } from '../../core/panel.js';
import type { IspCall } from '../engine/context.js';
import { arrayParams, insertRecord, updateRecord } from '../engine/crud.js';
import { intval, looseEquals, str, type PhpArray } from '../engine/php.js';
import { exec, queryAll, queryOne } from '../engine/query.js';
import { ispFault } from '../faults.js';
import { sqlName as t } from '../schema/index.js';
import { ispCall } from '../session.js';
import { setStatus } from './dns.js';
import { queueBackupAction } from './sites.js';

// Mail domains, mailboxes, aliases and forwards (research/ispconfig/core-tables.md §9).

/**
 * The mail-domain plugin's ownership move: with params['client_group_id'] the
 * row goes to that group with sys_perm_group 'ru' (core-tables.md §9).
 * inferred: the plugin's spamfilter_users row for a `policy` is not created.
 */
function moveToClientGroup(call: IspCall, table: string, pk: string, id: number, params: PhpArray): void {
  const group = intval(params.client_group_id);
  if (group <= 0) return;
  const user = queryOne(call, `SELECT userid FROM ${t('sys_user')} WHERE default_group = ?`, group);
  exec(call, `UPDATE ${t(table)} SET sys_groupid = ?, sys_perm_group = 'ru'${user ? ', sys_userid = ?' : ''} WHERE "${pk}" = ?`, group, ...(user ? [user.userid] : []), id);
}

const mailDomainAdd: Handler = (ctx) => {
  const call = ispCall(ctx);
  const params = arrayParams(ctx.args[2]);
  if (params.dkim_selector === undefined || params.dkim_selector === null) params.dkim_selector = 'default';
  return insertRecord(call, 'mail_domain', ctx.args[1], params, (id) => moveToClientGroup(call, 'mail_domain', 'domain_id', id, params)).returned;
};

/** mail_user_add/_update refuse an address whose domain is not a mail domain, or is an alias domain (core-tables.md §9). */
function requirePrimaryDomain(call: IspCall, email: unknown): void {
  const domain = str(email).split('@')[1] ?? null;
  const row = queryOne(
    call,
    `SELECT domain FROM ${t('mail_domain')} WHERE domain = ? AND domain NOT IN (SELECT substr(source, 2) FROM ${t('mail_forwarding')} WHERE type = 'aliasdomain')`,
    domain,
  );
  // PHP compares loosely after MySQL's case-insensitive match: the case must agree, and an address without '@'
  // (or no 'email' at all, as in a partial update) compares null with null and passes (evidence: mail_user_update same).
  if (!looseEquals(row?.domain ?? null, domain)) throw ispFault('mail_domain_does_not_exist', `Mail domain - ${domain ?? ''} - does not exist as primary.`);
}

/** mail_user_add lower-cases the address and fills uid/gid -1 and maildir_format 'maildir' when absent; everything else follows the form. */
const mailUserAdd: Handler = (ctx) => {
  const call = ispCall(ctx);
  const params = arrayParams(ctx.args[2]);
  params.email = str(params.email).toLowerCase();
  requirePrimaryDomain(call, params.email);
  params.uid ??= -1;
  params.gid ??= -1;
  params.maildir_format ??= 'maildir';
  return insertRecord(call, 'mail_user', ctx.args[1], params).returned;
};

const mailUserUpdate: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, clientId, primaryId, params] = ctx.args;
  // The check reads params['email'] as sent: an update without 'email' names the domain '' and fails.
  requirePrimaryDomain(call, arrayParams(params).email);
  return updateRecord(call, 'mail_user', clientId, primaryId, params);
};

/** mail_alias_add/_update refuse a source that is already a receiving mailbox. */
function refuseMailboxClash(call: IspCall, params: PhpArray): void {
  const row = queryOne(call, `SELECT count(mailuser_id) AS n FROM ${t('mail_user')} WHERE postfix = 'y' AND email = ?`, str(params.source));
  if (Number(row?.n) > 0) throw ispFault('duplicate', 'There is already a mailbox with this email address.');
}

const mailAliasAdd: Handler = (ctx) => {
  const call = ispCall(ctx);
  refuseMailboxClash(call, arrayParams(ctx.args[2]));
  return insertRecord(call, 'mail_alias', ctx.args[1], ctx.args[2]).returned;
};

const mailAliasUpdate: Handler = (ctx) => {
  const call = ispCall(ctx);
  refuseMailboxClash(call, arrayParams(ctx.args[3]));
  return updateRecord(call, 'mail_alias', ctx.args[1], ctx.args[2], ctx.args[3]);
};

/** Exact-match lookup; always a list, nil for an empty argument (core-tables.md §9, verified). */
const mailDomainGetByDomain: Handler = (ctx) => {
  const domain = ctx.args[1];
  if (domain === undefined || domain === null || domain === '' || domain === '0' || domain === 0 || domain === false) return null;
  return queryAll(ispCall(ctx), `SELECT * FROM ${t('mail_domain')} WHERE domain = ? ORDER BY domain_id`, str(domain));
};

const mailUserGetAllByClient: Handler = (ctx) =>
  queryAll(
    ispCall(ctx),
    `SELECT u.* FROM ${t('mail_user')} u LEFT JOIN ${t('sys_group')} g ON u.sys_groupid = g.groupid WHERE g.client_id = ? ORDER BY u.mailuser_id`,
    str(ctx.args[1]),
  );

/** The site filter reads an undefined variable, so every mail backup is listed whatever the argument (inventory.json). */
const mailUserBackupList: Handler = (ctx) => queryAll(ispCall(ctx), `SELECT * FROM ${t('mail_backup')} ORDER BY backup_id`);

export const mailHandlers: Record<string, Handler> = {
  mail_domain_add: mailDomainAdd,
  mail_user_add: mailUserAdd,
  mail_user_update: mailUserUpdate,
  mail_alias_add: mailAliasAdd,
  mail_alias_update: mailAliasUpdate,
  mail_domain_get_by_domain: mailDomainGetByDomain,
  mail_domain_set_status: (ctx) => setStatus(ispCall(ctx), 'mail_domain', 'domain_id', ctx.args[1], ctx.args[2], 'y', 'n'),
  mail_user_get_all_by_client: mailUserGetAllByClient,
  mail_user_backup_list: mailUserBackupList,
  mail_user_backup: (ctx) => queueBackupAction(ispCall(ctx), 'mail_backup', ctx.args[1], ctx.args[2], ['backup_restore_mail', 'backup_delete_mail']),
};
