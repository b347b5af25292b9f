import { defineMethods } from '../../core/define-methods.js';
import type { IspCall } from '../call.js';
import { intval, looseEquals, str, type PhpArray } from '../engine/php.js';
import { faults } from '../faults.js';
import { mailBackups, mailboxesOfClient, mailDomainsNamed, moveToClientGroup, primaryMailDomain, receivingMailboxCount } from '../store/mail.js';
import { arrayParams, insertRecord, updateRecord } from '../store/records.js';
import { setStatus } from './dns.js';
import { queueBackupAction } from './sites.js';

// Mail domains, mailboxes, aliases and forwards (remote.d/mail.inc.php, 3.2.11).

/** mail_user_add/_update refuse an address whose domain is not a mail domain, or is an alias domain (remote.d/mail.inc.php, 3.2.11). */
function requirePrimaryDomain(call: IspCall, email: unknown): void {
  const domain = str(email).split('@')[1] ?? null;
  const row = primaryMailDomain(call.db, domain);
  // PHP compares loosely after MySQL's case-insensitive match: the case must agree, and an address without '@'
  // (or no 'email' at all, as in a partial update) compares null with null and passes (evidence: mail_user_update same).
  if (!looseEquals(row?.domain ?? null, domain)) throw faults.mailDomainNotPrimary(domain ?? '');
}

/** mail_alias_add/_update refuse a source that is already a receiving mailbox. */
function refuseMailboxClash(call: IspCall, params: PhpArray): void {
  if (receivingMailboxCount(call.db, str(params.source)) > 0) throw faults.mailboxExists();
}

export const mailMethods = defineMethods<IspCall>({
  /**
   * The mail-domain plugin moves the row to params['client_group_id'] with
   * sys_perm_group 'ru' (remote.d/mail.inc.php, 3.2.11). inferred: the plugin's
   * spamfilter_users row for a `policy` is not created.
   */
  mail_domain_add: {
    run(call) {
      const params = arrayParams(call.param('params'));
      if (params.dkim_selector === undefined || params.dkim_selector === null) params.dkim_selector = 'default';
      const group = intval(params.client_group_id);
      const moved = (id: number) => (group > 0 ? moveToClientGroup(call.db, 'mail_domain', 'domain_id', id, group) : undefined);
      return insertRecord(call, 'mail_domain', call.param('client_id'), params, moved).returned;
    },
  },
  /** mail_user_add lower-cases the address and fills uid/gid -1 and maildir_format 'maildir' when absent; everything else follows the form. */
  mail_user_add: {
    run(call) {
      const params = arrayParams(call.param('params'));
      params.email = str(params.email).toLowerCase();
      requirePrimaryDomain(call, params.email);
      params.uid ??= -1;
      params.gid ??= -1;
      params.maildir_format ??= 'maildir';
      return insertRecord(call, 'mail_user', call.param('client_id'), params).returned;
    },
  },
  mail_user_update: {
    run(call) {
      const params = call.param('params');
      // The check reads params['email'] as sent: an update without 'email' names the domain '' and fails.
      requirePrimaryDomain(call, arrayParams(params).email);
      return updateRecord(call, 'mail_user', call.param('client_id'), call.param('primary_id'), params);
    },
  },
  mail_alias_add: {
    run(call) {
      refuseMailboxClash(call, arrayParams(call.param('params')));
      return insertRecord(call, 'mail_alias', call.param('client_id'), call.param('params')).returned;
    },
  },
  mail_alias_update: {
    run(call) {
      refuseMailboxClash(call, arrayParams(call.param('params')));
      return updateRecord(call, 'mail_alias', call.param('client_id'), call.param('primary_id'), call.param('params'));
    },
  },
  /** Exact-match lookup; always a list, nil for an empty argument (remote.d/mail.inc.php; the recorded 3.2.11 run). */
  mail_domain_get_by_domain: {
    run(call) {
      const domain = call.param('domain');
      if (domain === undefined || domain === null || domain === '' || domain === '0' || domain === 0 || domain === false) return null;
      return mailDomainsNamed(call.db, str(domain));
    },
  },
  mail_domain_set_status: { run: (call) => setStatus(call, 'mail_domain', 'domain_id', call.param('primary_id'), call.param('status'), 'y', 'n') },
  mail_user_get_all_by_client: { run: (call) => mailboxesOfClient(call.db, str(call.param('client_id'))) },
  /** The site filter reads an undefined variable, so every mail backup is listed whatever the argument (remote.d/mail.inc.php). */
  mail_user_backup_list: { run: (call) => mailBackups(call.db) },
  mail_user_backup: {
    run: (call) => queueBackupAction(call, 'mail_backup', call.param('primary_id'), call.param('action_type'), ['backup_restore_mail', 'backup_delete_mail']),
  },
});
