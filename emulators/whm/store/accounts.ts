import { prepare, type DB } from '../../../state/database.js';
import { forgetTokens } from './tokens.js';
import { trackedRemovedIds } from './account-ids.js';
import { renameAccountLists } from './stored-settings.js';

/** One row of `whm_account`. */
export interface AccountRow {
  user: string;
  domain: string;
  owner: string;
  password: string;
  plan: string;
  ip: string;
  ipv6: string | null;
  email: string;
  uid: number;
  start_time: number;
  theme: string;
  shell: string;
  locale: string;
  featurelist: string;
  quota: number;
  bwlimit: number;
  maxpop: string;
  maxsql: string;
  maxftp: string;
  maxlst: string;
  maxsub: string;
  maxpark: string;
  maxaddon: string;
  max_email_per_hour: string;
  max_defer_fail_percentage: string;
  max_emailacct_quota: string;
  max_team_users: number;
  cgi: number;
  digestauth: number;
  mailbox_format: string;
  partition: string;
  temporary_domain: number;
  suspended: number;
  suspend_reason: string;
  suspend_time: number | null;
  suspend_locked: number;
  is_locked: number;
  backup: number;
  legacy_backup: number;
  outgoing_mail_hold: number;
  outgoing_mail_suspended: number;
  disk_used: number;
  inodes_used: number;
  bw_used: number;
  extra: string;
}

export function getAccount(db: DB, user: string): AccountRow | undefined {
  return prepare<[string], AccountRow>(db, 'SELECT * FROM whm_account WHERE user = ?').get(user);
}

export function accountByDomain(db: DB, domain: string): AccountRow | undefined {
  return prepare<[string], AccountRow>(db, 'SELECT a.* FROM whm_account a JOIN whm_domain d ON d.user = a.user WHERE d.domain = ?').get(domain.toLowerCase());
}

export function updateAccount(db: DB, user: string, changes: Partial<AccountRow>): void {
  const keys = Object.keys(changes) as (keyof AccountRow)[];
  if (!keys.length) return;
  const sql = `UPDATE whm_account SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE user = @__user`;
  prepare(db, sql).run({ ...changes, __user: user });
}

export function accountExtra(row: AccountRow): Record<string, unknown> {
  return JSON.parse(row.extra) as Record<string, unknown>;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

/** listaccts' `startdate`: "yy Mon dd HH:MM" ([lumberg] "10 Dec 16 09:59" for 1292515153, UTC). */
export function startDate(unix: number): string {
  const d = new Date(unix * 1000);
  return `${pad(d.getUTCFullYear() % 100)} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** listsuspended's `time`: ctime-style "Thu Nov 18 10:34:34 2014" (documented sample), UTC. */
export function ctime(unix: number): string {
  const d = new Date(unix * 1000);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** A size in MB as WHM prints it in listaccts: "14M", or "unlimited" for 0. */
export function megabytes(mb: number, zeroIsUnlimited = true): string {
  return mb === 0 && zeroIsUnlimited ? 'unlimited' : `${mb}M`;
}

/** The home directory WHM gives an account (/home/user; `partition` is `home`). */
export function homedir(row: Pick<AccountRow, 'user' | 'partition'>): string {
  return `/${row.partition}/${row.user}`;
}

/**
 * The listaccts/accountsummary record of an account, keys and JSON types as
 * in the documented samples (limits are strings, flags and times integers).
 */
export function accountRecord(row: AccountRow): Record<string, unknown> {
  return {
    backup: row.backup,
    child_nodes: [],
    disklimit: megabytes(row.quota),
    diskused: megabytes(row.disk_used, false),
    domain: row.domain,
    email: row.email,
    has_backup: row.backup,
    inodeslimit: 'unlimited',
    inodesused: row.inodes_used,
    ip: row.ip,
    ipv6: row.ipv6 ? [row.ipv6] : [],
    is_locked: row.is_locked,
    is_temporary_domain: row.temporary_domain,
    legacy_backup: row.legacy_backup,
    mailbox_format: row.mailbox_format,
    max_defer_fail_percentage: row.max_defer_fail_percentage,
    max_email_per_hour: row.max_email_per_hour,
    max_emailacct_quota: row.max_emailacct_quota,
    maxaddons: row.maxaddon,
    maxftp: row.maxftp,
    maxlst: row.maxlst,
    maxparked: row.maxpark,
    maxpop: row.maxpop,
    maxsql: row.maxsql,
    maxsub: row.maxsub,
    min_defer_fail_to_trigger_protection: '5',
    outgoing_mail_hold: row.outgoing_mail_hold,
    outgoing_mail_suspended: row.outgoing_mail_suspended,
    owner: row.owner,
    partition: row.partition,
    plan: row.plan,
    shell: row.shell,
    startdate: startDate(row.start_time),
    suspended: row.suspended,
    suspendreason: row.suspended ? row.suspend_reason : 'not suspended',
    // null while not suspended: the documented accountsummary sample and [lumberg] listaccts.
    suspendtime: row.suspended ? row.suspend_time : null,
    temporary: 0,
    theme: row.theme,
    uid: row.uid,
    unix_startdate: row.start_time,
    user: row.user,
  };
}

/** The next free uid (WHM starts cPanel users above the system range), above every uid in use or still tracked after a removal. */
export function nextUid(db: DB): number {
  const row = prepare<[], { m: number | null }>(db, 'SELECT MAX(uid) AS m FROM whm_account').get();
  return Math.max(1000, row?.m ?? 1000, ...trackedRemovedIds(db)) + 1;
}

/** How many accounts `owner` owns (on `plan` only, when given). */
export function countOwned(db: DB, owner: string, plan?: string): number {
  if (plan === undefined) return prepare<[string], { n: number }>(db, 'SELECT COUNT(*) AS n FROM whm_account WHERE owner = ?').get(owner)!.n;
  return prepare<[string, string], { n: number }>(db, 'SELECT COUNT(*) AS n FROM whm_account WHERE owner = ? AND plan = ?').get(owner, plan)!.n;
}

/** Renames an account in every table that names it (modifyacct newuser), home-directory document roots included. */
export function renameAccountEverywhere(db: DB, from: string, to: string): void {
  for (const sql of [
    'UPDATE whm_account SET user = @to WHERE user = @from',
    'UPDATE whm_account SET owner = @to WHERE owner = @from',
    'UPDATE whm_domain SET user = @to WHERE user = @from',
    'UPDATE whm_zone SET owner = @to WHERE owner = @from',
    'UPDATE whm_ssl_vhost SET user = @to WHERE user = @from',
    'UPDATE whm_email SET user = @to WHERE user = @from',
    'UPDATE whm_forwarder SET user = @to WHERE user = @from',
    'UPDATE whm_mysql_db SET user = @to WHERE user = @from',
    'UPDATE whm_mysql_user SET user = @to WHERE user = @from',
    'UPDATE whm_pg_db SET user = @to WHERE user = @from',
    'UPDATE whm_pg_user SET user = @to WHERE user = @from',
    'UPDATE whm_reseller SET user = @to WHERE user = @from',
    'UPDATE whm_token SET user = @to WHERE user = @from',
    // The cPanel door's rows of the account (issue 20) follow it too.
    'UPDATE cpanel_token SET user = @to WHERE user = @from',
    'UPDATE cpanel_ftp SET user = @to WHERE user = @from',
    'UPDATE cpanel_cron SET user = @to WHERE user = @from',
    "UPDATE whm_domain SET docroot = '/home/' || @to || substr(docroot, length('/home/' || @from) + 1) WHERE user = @to AND docroot LIKE '/home/' || @from || '/%'",
  ]) {
    prepare(db, sql).run({ from, to });
  }
  forgetTokens(db);
  renameAccountLists(db, from, to);
}

/** The accounts whose owner is `owner`, by user name. */
export function accountNamesOwnedBy(db: DB, owner: string): string[] {
  return prepare<[string], { user: string }>(db, 'SELECT user FROM whm_account WHERE owner = ? ORDER BY user')
    .all(owner)
    .map((r) => r.user);
}

/** Hands every account of `owner` to root (unsetupreseller). */
export function giveAccountsToRoot(db: DB, owner: string): void {
  prepare(db, "UPDATE whm_account SET owner = 'root' WHERE owner = ?").run(owner);
}

/** The users of the accounts on the package. */
export function usersOnPlan(db: DB, plan: string): string[] {
  return prepare<[string], { user: string }>(db, 'SELECT user FROM whm_account WHERE plan = ?')
    .all(plan)
    .map((r) => r.user);
}

/** How many accounts use the package. */
export function countOnPlan(db: DB, plan: string): number {
  return prepare<[string], { n: number }>(db, 'SELECT COUNT(*) AS n FROM whm_account WHERE plan = ?').get(plan)!.n;
}

/** Active and suspended account counts of an owner (acctcounts). */
export function accountCounts(db: DB, owner: string): { active: number; suspended: number } {
  return prepare<[string], { active: number; suspended: number }>(
    db,
    'SELECT COALESCE(SUM(suspended = 0), 0) AS active, COALESCE(SUM(suspended = 1), 0) AS suspended FROM whm_account WHERE owner = ?',
  ).get(owner)!;
}

/** The columns resellerstats shows of an account. */
export type ResellerStatsRow = Pick<AccountRow, 'user' | 'domain' | 'plan' | 'suspended' | 'quota' | 'bwlimit' | 'disk_used' | 'bw_used'>;

/** resellerstats' columns of each account an owner has, by user name. */
export function resellerStatsRows(db: DB, owner: string): ResellerStatsRow[] {
  return prepare<[string], ResellerStatsRow>(
    db,
    'SELECT user, domain, plan, suspended, quota, bwlimit, disk_used, bw_used FROM whm_account WHERE owner = ? ORDER BY user',
  ).all(owner);
}
