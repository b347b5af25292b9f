import { prepare, type DB } from '../../../state/database.js';
import { trackAccounts } from './account-cache.js';
import { type AccountRow, nextUid, updateAccount, usersOnPlan } from './accounts.js';
import { addDomain } from './domains.js';
import { limitText, type PackageSettings } from './packages.js';
import { forgetAccountFamilyItems } from './family-state.js';
import { forgetAccountLists } from './stored-settings.js';
import { forgetTokens } from './tokens.js';
import { createZone, deleteZone, getZone } from './zones.js';
import { trackRemovedId } from './account-ids.js';

export interface NewAccount {
  user: string;
  domain: string;
  owner: string;
  password: string;
  plan: string;
  settings: PackageSettings;
  ip: string;
  email: string;
  now: number;
  temporaryDomain?: boolean;
  mailboxFormat?: string;
  uid?: number;
  /** Leave an existing zone in place (forcedns=0 already checked by the caller) or replace it (forcedns=1). */
  replaceZone?: boolean;
}

const SHELL = { on: '/bin/bash', off: '/usr/local/cpanel/bin/noshell' };

/** The account columns a package's settings decide (createacct and changepackage). */
export function packageColumns(s: PackageSettings): Partial<AccountRow> {
  return {
    quota: s.QUOTA === 'unlimited' ? 0 : s.QUOTA,
    bwlimit: s.BWLIMIT === 'unlimited' ? 0 : s.BWLIMIT,
    maxpop: limitText(s.MAXPOP),
    maxsql: limitText(s.MAXSQL),
    maxftp: limitText(s.MAXFTP),
    maxlst: limitText(s.MAXLST),
    maxsub: limitText(s.MAXSUB),
    maxpark: limitText(s.MAXPARK),
    maxaddon: limitText(s.MAXADDON),
    max_emailacct_quota: limitText(s.MAX_EMAILACCT_QUOTA),
    max_email_per_hour: limitText(s.MAX_EMAIL_PER_HOUR),
    max_defer_fail_percentage: limitText(s.MAX_DEFER_FAIL_PERCENTAGE),
    max_team_users: s.MAX_TEAM_USERS,
    cgi: s.CGI,
    digestauth: s.DIGESTAUTH,
    shell: s.HASSHELL ? SHELL.on : SHELL.off,
    theme: s.CPMOD,
    featurelist: s.FEATURELIST,
    locale: s.LANG,
  };
}

/**
 * Carries an edited package's changes to the accounts on it: editpkg
 * "applies any changes you make to all accounts that exist on the hosting
 * plan" (seed 004, editpkg). Only the columns the edit changed are written,
 * so a limit set on one account with modifyacct survives an edit of another
 * limit (inferred). Returns how many accounts were updated.
 */
export function applyPackageEdit(db: DB, name: string, before: PackageSettings, after: PackageSettings): number {
  const was = packageColumns(before);
  const now = packageColumns(after);
  const changed = Object.fromEntries(
    (Object.keys(now) as (keyof AccountRow)[]).filter((k) => JSON.stringify(now[k]) !== JSON.stringify(was[k])).map((k) => [k, now[k]]),
  ) as Partial<AccountRow>;
  if (!Object.keys(changed).length) return 0;
  const users = usersOnPlan(db, name);
  for (const user of users) updateAccount(db, user, changed);
  return users.length;
}

export function shellFor(on: boolean): string {
  return on ? SHELL.on : SHELL.off;
}

/** Writes a new account: its row, its main domain and (unless kept) its DNS zone. Validation is the caller's. */
export function insertAccount(db: DB, a: NewAccount): AccountRow {
  trackAccounts(db);
  const row = {
    user: a.user,
    domain: a.domain,
    owner: a.owner,
    password: a.password,
    plan: a.plan,
    ip: a.ip,
    email: a.email,
    uid: a.uid ?? nextUid(db),
    start_time: a.now,
    mailbox_format: a.mailboxFormat ?? 'maildir',
    temporary_domain: a.temporaryDomain ? 1 : 0,
    ...packageColumns(a.settings),
  };
  const cols = Object.keys(row);
  prepare(db, `INSERT INTO whm_account (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  addDomain(db, { domain: a.domain, user: a.user, type: 'main', parent: null, docroot: `/home/${a.user}/public_html`, created: a.now });
  if (getZone(db, a.domain) && a.replaceZone) deleteZone(db, a.domain);
  if (!getZone(db, a.domain)) createZone(db, a.domain, a.user, a.ip, a.now);
  return prepare<[string], AccountRow>(db, 'SELECT * FROM whm_account WHERE user = ?').get(a.user)!;
}

/**
 * Deletes an account and everything hanging off it: domains, zones (unless
 * keepdns), SSL hosts, mailboxes, MySQL and PostgreSQL databases, sessions, its reseller status,
 * tokens, SSH keys and account enhancements; its uid stays tracked (store/account-ids.ts). Accounts it owned as a reseller pass to root (inferred: WHM
 * leaves them to root when the reseller goes).
 */
export function deleteAccount(db: DB, user: string, keepDns: boolean): void {
  trackAccounts(db);
  const uid = prepare<[string], { uid: number }>(db, 'SELECT uid FROM whm_account WHERE user = ?').get(user)?.uid;
  if (uid !== undefined) trackRemovedId(db, uid);
  const domains = prepare<[string], { domain: string }>(db, 'SELECT domain FROM whm_domain WHERE user = ?').all(user);
  if (!keepDns) {
    for (const { domain } of domains) deleteZone(db, domain);
    prepare(db, 'DELETE FROM whm_zone WHERE owner = ?').run(user);
  }
  for (const sql of [
    'DELETE FROM whm_domain WHERE user = ?',
    'DELETE FROM whm_ssl_vhost WHERE user = ?',
    'DELETE FROM whm_email WHERE user = ?',
    'DELETE FROM whm_forwarder WHERE user = ?',
    'DELETE FROM whm_mysql_grant WHERE db IN (SELECT name FROM whm_mysql_db WHERE user = ?)',
    'DELETE FROM whm_mysql_db WHERE user = ?',
    'DELETE FROM whm_mysql_user WHERE user = ?',
    'DELETE FROM whm_pg_db WHERE user = ?',
    'DELETE FROM whm_pg_user WHERE user = ?',
    'DELETE FROM whm_session WHERE user = ?',
    'DELETE FROM whm_token WHERE user = ?',
    // The cPanel door's rows of the account (issue 20): its tokens must not outlive it.
    'DELETE FROM cpanel_token WHERE user = ?',
    'DELETE FROM cpanel_ftp WHERE user = ?',
    'DELETE FROM cpanel_cron WHERE user = ?',
    'DELETE FROM whm_reseller WHERE user = ?',
    "UPDATE whm_account SET owner = 'root' WHERE owner = ?",
    'DELETE FROM whm_account WHERE user = ?',
  ]) {
    prepare(db, sql).run(user);
  }
  forgetTokens(db);
  forgetAccountLists(db, user);
  forgetAccountFamilyItems(db, user);
}
