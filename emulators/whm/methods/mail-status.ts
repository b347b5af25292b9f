import { createHash } from 'node:crypto';
import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { accessibleAccount, visibleAccounts } from '../access.js';
import { emailOwner, mailboxesOf } from '../store/mail-mysql.js';

/*
 * Mail status computed from the world's accounts and mailboxes (seed 004,
 * "Mail / Mailbox Management", "Email Delivery Reports"). mockpanel
 * delivers no mail, so every mailbox holds 0 messages and every account has
 * sent none; which mailboxes and accounts appear follows the world.
 */

/** The folders every mailbox has (the get_mailbox_status sample's INBOX, Drafts, Sent, Trash). */
const FOLDERS = ['INBOX', 'INBOX.Drafts', 'INBOX.Sent', 'INBOX.Trash'];

/** inferred: Dovecot's mailbox GUID is 32 hex digits; here a stable one derived from the account and folder, so reads agree. */
function guid(account: string, mailbox: string): string {
  return createHash('md5').update(`${account}\0${mailbox}`).digest('hex');
}

/**
 * The mailboxes of `account` (seed 004: "An email account or cPanel
 * account's username"): an email account's own folders; for a cPanel
 * account its folders and one per email account, named as in the sample
 * (INBOX.<user>@<domain with "_" for ".">).
 */
function mailboxes(call: WhmCall): { account: string; names: string[] } {
  const account = call.required('account').toLowerCase();
  if (account.includes('@')) {
    const owner = emailOwner(call.db, account);
    if (!owner) throw faults.noSuchEmail(account);
    accessibleAccount(call, owner);
    return { account, names: FOLDERS };
  }
  const row = accessibleAccount(call, account);
  const perAddress = mailboxesOf(call.db, row.user).map((email) => `INBOX.${email.replace(/\./g, '_')}`);
  return { account, names: [...FOLDERS, ...perAddress] };
}

function get_mailbox_status(call: WhmCall): unknown {
  const { account, names } = mailboxes(call);
  return Object.fromEntries(names.map((name) => [name, { guid: guid(account, name), messages: 0, vsize: 0 }]));
}

function get_mailbox_status_list(call: WhmCall): unknown {
  const { account, names } = mailboxes(call);
  return { mailboxes: names.map((mailbox) => ({ guid: guid(account, mailbox), mailbox, messages: 0, vsize: 0 })) };
}

const DELIVERY_TYPES = ['remote', 'remote-or-faildefer', 'local'];

function emailtrack_user_stats(call: WhmCall): unknown {
  const type = call.str('deliverytype');
  if (type && !DELIVERY_TYPES.includes(type)) throw faults.invalidParameter('deliverytype', type, DELIVERY_TYPES.join(', '));
  const start = call.int('starttime', 0)!;
  // The contract's default for endtime is the words "the current time" (seed 004): only a sent value is read.
  const end = call.sent('endtime') ? call.int('endtime', call.now())! : call.now();
  if (start > end) throw faults.invalidParameter('starttime', start, 'no later than endtime');
  const sender = call.str('sender')?.toLowerCase();
  const senderOwner = sender ? emailOwner(call.db, sender) : undefined;
  const accounts = visibleAccounts(call).filter((a) => !sender || a.user === senderOwner);
  return {
    records: accounts.map((a) => ({
      DEFERCOUNT: 0,
      DEFERFAILCOUNT: 0,
      DOMAIN: a.domain,
      FAILCOUNT: 0,
      OWNER: a.owner,
      PRIMARY_DOMAIN: a.domain,
      REACHED_MAXDEFERFAIL: 0,
      REACHED_MAXEMAILS: 0,
      SENDCOUNT: 0,
      SUCCESSCOUNT: 0,
      TOTALSIZE: 0,
      USER: a.user,
    })),
  };
}

export const mailStatusMethods = defineMethods<WhmCall>({
  get_mailbox_status: { acl: 'root', run: get_mailbox_status },
  get_mailbox_status_list: { acl: 'root', run: get_mailbox_status_list },
  emailtrack_user_stats: { acl: 'root', run: emailtrack_user_stats },
});
