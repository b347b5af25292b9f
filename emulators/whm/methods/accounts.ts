import { randomBytes } from 'node:crypto';
import { compileLinear, PatternError, type LinearRegex } from '../../core/linear-regex.js';
import { replyOf, whmReply } from '../envelope/reply.js';
import { holds } from '../auth.js';
import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { isIpv4 } from '../ip.js';
import { overlay, sampleRecord } from '../sample.js';
import { accessibleAccount, ownerScope, visibleAccounts } from '../access.js';
import {
  accountByDomain,
  accountExtra,
  accountRecord,
  countOwned,
  ctime,
  getAccount,
  homedir,
  renameAccountEverywhere,
  updateAccount,
  type AccountRow,
} from '../store/accounts.js';
import { allAccounts } from '../store/account-cache.js';
import { domainsOf, domainsWithAccounts, getDomain, renameDomain } from '../store/domains.js';
import { deleteAccount, insertAccount, packageColumns, shellFor } from '../store/lifecycle.js';
import { defaultPackage, getPackage, LIMIT_KEYS, limitText, parseLimit, savePackage, type PackageSettings } from '../store/packages.js';
import { getReseller, makeReseller, resellerLimits, resellerPackageLimits } from '../store/resellers.js';
import { freeDedicatedIp, getIp, hostname, mainIp, nameservers, serverJson } from '../store/server.js';
import { getZone, renameZone } from '../store/zones.js';
import { phpSystemDefault, vhostPhpSettings } from '../store/php.js';
import { insertSession } from '../store/sessions.js';
import { privilegeFlags, samplePrivilegeNames } from '../store/resellers.js';
import { checkPassword, domainArg, usernameProblem } from '../validate.js';

/**
 * A limit the caller sent under its lowercase name (createacct, addpkg:
 * `maxpop`) or its UPPERCASE one (editpkg, addpkg's MAX_EMAIL_PER_HOUR).
 */
export function sentLimit(call: WhmCall, key: (typeof LIMIT_KEYS)[number]): number | 'unlimited' | undefined {
  const name = [key.toLowerCase(), key].find((n) => call.sent(n));
  if (!name) return undefined;
  const raw = call.str(name) ?? '';
  const v = parseLimit(raw, key === 'QUOTA' || key === 'BWLIMIT');
  if (v === undefined) throw faults.invalidParameter(name, raw, 'a number or “unlimited”');
  return v;
}

/** The minimum password strength this world demands (setting `whm.minimumPasswordStrength`, default 0). */
export function minimumStrength(call: WhmCall): number {
  return call.setting('minimumPasswordStrength', 0);
}

/** The temporary domain WHM gives an account created without one (inferred form: user.hostname). */
function temporaryDomain(call: WhmCall, user: string): string {
  return `${user}.${hostname(call.db)}`;
}

/** Checks a reseller's account-creation limits (account count, package allowed and per-package counts). */
function checkResellerLimits(call: WhmCall, owner: string, plan: string): void {
  const reseller = getReseller(call.db, owner);
  if (!reseller || call.session.user === 'root') return;
  const limits = resellerLimits(reseller);
  const owned = countOwned(call.db, owner);
  if (limits.enable_account_limit && limits.account_limit !== undefined && owned >= limits.account_limit) {
    throw faults.accountLimitReached(owner, limits.account_limit);
  }
  if (limits.enable_package_limits) {
    const pl = resellerPackageLimits(reseller)[plan];
    if (!pl || !pl.allowed) throw faults.packageNotAllowed(plan);
    if (limits.enable_package_limit_numbers && !pl.no_limit && pl.number !== undefined) {
      const used = countOwned(call.db, owner, plan);
      if (used >= pl.number) throw faults.packageLimitReached(owner, plan, pl.number);
    }
  }
}

/** May the caller use this package? Root: any. A reseller: its own (`reseller_name`) and, with viewglobalpackages, root's. */
export function packageUsable(call: WhmCall, owner: string, name?: string): boolean {
  // inferred: every reseller may use root's "default" package (createacct falls back to it).
  return call.session.root || owner === call.session.user || (owner === 'root' && (name === 'default' || holds(call, 'viewglobalpackages')));
}

function generatedPassword(): string {
  return randomBytes(12).toString('base64url');
}

function createacct(call: WhmCall): unknown {
  const user = call.required('username', 'user');
  const problem = usernameProblem(user);
  if (problem) throw faults.failure(problem);
  if (getAccount(call.db, user) || user === 'root') throw faults.userExists(user);

  const root = call.session.root;
  if (!root) {
    for (const arg of ['forcedns', 'mailbox_format', 'homedir', 'uid', 'gid', 'reseller']) {
      if (call.sent(arg) && call.str(arg) !== '0' && call.str(arg) !== '') throw faults.rootOnlyArgument(arg);
    }
  }
  let owner = root ? call.strOr('owner', 'root') : call.session.user;
  if (!root && call.sent('owner') && call.str('owner') !== call.session.user) throw faults.ownOnly();
  if (root && call.bool('ownerself')) owner = user;
  if (owner !== 'root' && owner !== user && !getReseller(call.db, owner)) throw faults.notReseller();

  const domainSent = call.str('domain');
  const temporary = !domainSent;
  const domain = temporary ? temporaryDomain(call, user) : domainArg(domainSent);
  const taken = getDomain(call.db, domain);
  if (taken) throw faults.domainTaken(domain, taken.user);
  const forcedns = call.bool('forcedns');
  if (getZone(call.db, domain) && !forcedns) throw faults.zoneExists(domain);

  // The package: plan or pkgname; its settings are the defaults every explicit limit overrides.
  const planName = call.str('plan') || call.str('pkgname') || 'default';
  const pkg = getPackage(call.db, planName);
  if (!pkg && planName !== 'default') throw faults.noSuchPackage(planName);
  if (pkg && !packageUsable(call, pkg.owner, pkg.name)) throw faults.packageNotAllowed(planName);
  checkResellerLimits(call, owner, planName);
  const settings: PackageSettings = { ...(pkg?.settings ?? defaultPackage()) };
  for (const key of LIMIT_KEYS) {
    const v = sentLimit(call, key);
    if (v !== undefined) settings[key] = v;
  }
  if (call.sent('hasshell')) settings.HASSHELL = call.bool('hasshell') ? 1 : 0;
  if (call.sent('cgi')) settings.CGI = call.bool('cgi') ? 1 : 0;
  if (call.sent('cpmod')) settings.CPMOD = call.strOr('cpmod', settings.CPMOD);
  if (call.sent('featurelist')) settings.FEATURELIST = call.strOr('featurelist', settings.FEATURELIST);
  if (call.sent('language')) settings.LANG = call.strOr('language', settings.LANG);
  if (call.sent('max_team_users')) settings.MAX_TEAM_USERS = call.int('max_team_users', settings.MAX_TEAM_USERS)!;
  if (call.sent('ip')) settings.IP = call.bool('ip') ? 1 : 0;

  // The address: a custom one, a free dedicated one (ip=y), or the shared main address.
  let ip = mainIp(call.db);
  const customip = call.str('customip');
  if (customip) {
    if (!isIpv4(customip) || !getIp(call.db, customip)) throw faults.ipNotAvailable(customip);
    ip = customip;
  } else if (settings.IP) {
    const free = freeDedicatedIp(call.db);
    if (!free) throw faults.dedicatedIpNone();
    ip = free;
  }

  const password = call.str('password') ?? call.str('pass') ?? '';
  const finalPassword = password === '' ? generatedPassword() : password;
  if (password !== '') checkPassword(password, minimumStrength(call));

  const uid = call.int('uid');
  const row = insertAccount(call.db, {
    user,
    domain,
    owner,
    password: finalPassword,
    plan: planName,
    settings,
    ip,
    email: call.str('contactemail') ?? '',
    now: call.now(),
    temporaryDomain: temporary,
    mailboxFormat: call.str('mailbox_format') || undefined,
    uid: uid && uid > 0 ? uid : undefined,
    replaceZone: forcedns,
  });
  if (call.bool('savepkg') && !pkg && planName !== 'default') savePackage(call.db, planName, owner === user ? 'root' : owner, settings);
  if (root && call.bool('reseller')) {
    makeReseller(call.db, user);
  }

  const ns = nameservers(call.db);
  const nsIps = serverJson<string[]>(call.db, 'nameserver_ips', []);
  const data: Record<string, unknown> = { ip: row.ip };
  ['', '2', '3', '4'].forEach((suffix, i) => {
    data[`nameserver${suffix}`] = ns[i] ?? '';
    data[`nameservera${suffix}`] = nsIps[i] ?? '';
    data[`nameserverentry${suffix}`] = ns[i] ? ns[i].split('.')[0] : '';
  });
  data.package = planName;
  const raw = [
    'Checking input data...Done',
    `WWWAcct (mockpanel)`,
    '+===================================+',
    '| New Account Info                  |',
    '+===================================+',
    `| Domain: ${domain}`,
    `| Ip: ${row.ip} (${settings.IP ? 'y' : 'n'})`,
    `| HasCgi: ${settings.CGI ? 'y' : 'n'}`,
    `| UserName: ${user}`,
    `| CpanelMod: ${row.theme}`,
    `| HomeRoot: /home`,
    `| Quota: ${settings.QUOTA === 'unlimited' ? 'unlimited' : `${settings.QUOTA} MB`}`,
    `| Package: ${planName}`,
    '+===================================+',
    `Configuring DNS...Zone ${domain} has been successfully added`,
    'Account Creation Complete!!!',
  ].join('\n');
  return whmReply({ data, reason: 'Account Creation Ok', metadata: { output: { raw } } });
}

function removeacct(call: WhmCall): unknown {
  const user = call.required('username', 'user');
  const row = accessibleAccount(call, user);
  deleteAccount(call.db, row.user, call.bool('keepdns'));
  const raw = `Removing user ${user}...Done\nRemoving DNS Entries...${call.bool('keepdns') ? 'skipped (keepdns)' : `${row.domain} => deleted`}\nAccount Removal Complete!!!...${user} account removed...Done\n`;
  // [lumberg] removeacct: statusmsg "removeme account removed"; the documented API 1 reason has the same words.
  return whmReply({ reason: `${user} account removed`, metadata: { output: { raw } } });
}

function suspendacct(call: WhmCall): unknown {
  const user = call.required('user');
  const row = accessibleAccount(call, user);
  const reason = call.strOr('reason', 'Unknown');
  const locked = call.session.root && call.bool('disallowun') ? 1 : row.suspend_locked;
  updateAccount(call.db, user, { suspended: 1, suspend_reason: reason, suspend_time: row.suspended ? row.suspend_time : call.now(), suspend_locked: locked });
  const raw = `${row.suspended ? 'Account previously suspended (password was locked).\n' : ''}Changing Shell to /bin/false...Done\nLocking Password...Done\nSuspending websites...Done\n${user}'s account has been suspended\n`;
  return whmReply({ metadata: { output: { raw } } });
}

function unsuspendacct(call: WhmCall): unknown {
  const user = call.required('user');
  const row = accessibleAccount(call, user);
  if (row.suspend_locked && !call.session.root) throw faults.suspendedByRoot(user);
  updateAccount(call.db, user, { suspended: 0, suspend_reason: '', suspend_time: null, suspend_locked: 0 });
  return undefined;
}

function listsuspended(call: WhmCall): unknown {
  const account = visibleAccounts(call)
    .filter((r) => r.suspended)
    .map((r) => ({
      is_locked: r.is_locked,
      owner: r.owner,
      reason: r.suspend_reason,
      time: ctime(r.suspend_time ?? r.start_time),
      unixtime: r.suspend_time ?? 0,
      user: r.user,
    }));
  return { account };
}

const SEARCH_COLUMNS: Record<string, keyof AccountRow> = { domain: 'domain', owner: 'owner', user: 'user', ip: 'ip', package: 'plan' };

/**
 * A `search` regular expression, compiled by the linear-time engine: any
 * reseller may send one, and a backtracking engine would let `^(a+)+$` hold
 * the event loop for seconds. Too long, too complex or malformed patterns get
 * WHM's invalid-parameter answer. The value in the reason is cut short: WHM
 * echoes it, and a 40,000-character echo helps nobody (inferred).
 */
function searchPattern(search: string): LinearRegex {
  try {
    return compileLinear(search);
  } catch (error) {
    if (!(error instanceof PatternError)) throw error;
    const shown = search.length > 64 ? `${search.slice(0, 64)}…` : search;
    throw faults.invalidParameter('search', shown, `a valid regular expression (${error.message})`);
  }
}

/**
 * listaccts: `search` is a regular expression matched against `searchtype`
 * (exact equality with searchmethod=exact); without a searchtype the search
 * is ignored, as the [lumberg] recording of `listaccts?search=/ch.*?me` shows.
 * A `want` list keeps only those keys.
 */
function listaccts(call: WhmCall): unknown {
  const { rows, records } = allAccounts(call.db);
  const scope = ownerScope(call);
  const search = call.str('search');
  const column = SEARCH_COLUMNS[call.str('searchtype') ?? ''];
  let match: ((row: AccountRow) => boolean) | undefined;
  if (search !== undefined && search !== '' && column) {
    if (call.str('searchmethod') === 'exact') {
      match = (r) => String(r[column]) === search;
    } else {
      const re = searchPattern(search.replace(/^\/(.*)\/$/, '$1'));
      match = (r) => re.test(String(r[column]));
    }
  }
  const want = call.str('want');
  const keys = want
    ? want
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
    : undefined;
  // The records are shared with later calls (store/account-cache.ts): the list options (envelope/body.ts) copy, never modify.
  const acct: unknown[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if ((scope !== undefined && r.owner !== scope) || (match && !match(r))) continue;
    const record = records[i];
    acct.push(keys ? Object.fromEntries(keys.filter((k) => k in record).map((k) => [k, record[k]])) : record);
  }
  return { acct };
}

function accountsummary(call: WhmCall): unknown {
  const user = call.str('user');
  const domain = call.str('domain');
  if (!user && !domain) throw faults.summaryNeedsUserOrDomain();
  const row = user ? getAccount(call.db, user) : accountByDomain(call.db, domain!);
  if (!row || !(call.session.root || row.owner === call.session.user)) {
    throw faults.accountDoesNotExist().with({ legacy: { status: 0, statusmsg: 'Account does not exist', acct: null } });
  }
  // accountsummary's documented record has every listaccts key but has_backup.
  const { has_backup: _hasBackup, ...record } = accountRecord(row);
  return { acct: [record] };
}

/** The limits modifyacct takes by their UPPERCASE names; each is the account column of the same name in lowercase. */
const MODIFY_LIMITS = LIMIT_KEYS.filter((k) => k !== 'QUOTA' && k !== 'BWLIMIT');

/** modifyacct keys that only live in the cpuser file: kept as sent and shown back in `cpuser`. */
function extraKeys(call: WhmCall): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of call.sentNames()) {
    if (
      /^(notify_|MXCHECK-)|^(modify_firewall|PUSHBULLET_ACCESS_TOKEN|HASDKIM|HASDMARC|HASSPF|BACKUP|DISK_BLOCK_LIMIT|UTF8MAILBOX|DBOWNER|STYLE)$/.test(name)
    ) {
      out[name] = call.str(name) ?? '';
    }
  }
  return out;
}

/** Renames an account everywhere it is referenced (modifyacct newuser). */
function renameAccount(call: WhmCall, from: string, to: string): void {
  const problem = usernameProblem(to);
  if (problem) throw faults.failure(problem);
  if (getAccount(call.db, to)) throw faults.userExists(to);
  renameAccountEverywhere(call.db, from, to);
}

/** Changes an account's main domain (modifyacct domain/DNS): the domain row and its zone follow. */
function changeMainDomain(call: WhmCall, row: AccountRow, to: string): void {
  const taken = getDomain(call.db, to);
  if (taken) throw faults.domainTaken(to, taken.user);
  renameDomain(call.db, row.domain, to, row.user);
  renameZone(call.db, row.domain, to, call.now());
  updateAccount(call.db, row.user, { domain: to, temporary_domain: 0 });
}

/** The cpuser record modifyacct answers: the documented sample's keys, filled from the account. */
function cpuserRecord(call: WhmCall, row: AccountRow): Record<string, unknown> {
  const template = sampleRecord(call.ctx.method, 'cpuser');
  for (const k of Object.keys(template)) if (k.startsWith('MXCHECK-')) delete template[k];
  const domains = domainsOf(call.db, row.user).filter((d) => d.type !== 'main');
  const flag = (n: number) => String(n);
  return overlay(template, {
    BWLIMIT: String(row.bwlimit * 1024 * 1024),
    CONTACTEMAIL: row.email,
    DBOWNER: row.user,
    DEADDOMAINS: [],
    DOMAIN: row.domain,
    DOMAINS: domains.map((d) => d.domain),
    FEATURELIST: row.featurelist,
    HASCGI: flag(row.cgi),
    HOMEDIRLINKS: [],
    IP: row.ip,
    LEGACY_BACKUP: flag(row.legacy_backup),
    BACKUP: flag(row.backup),
    LOCALE: row.locale,
    MAILBOX_FORMAT: row.mailbox_format,
    MAXADDON: row.maxaddon,
    MAXFTP: row.maxftp,
    MAXLST: row.maxlst,
    MAXPARK: row.maxpark,
    MAXPOP: row.maxpop,
    MAXSQL: row.maxsql,
    MAXSUB: row.maxsub,
    MAX_DEFER_FAIL_PERCENTAGE: row.max_defer_fail_percentage,
    MAX_EMAILACCT_QUOTA: row.max_emailacct_quota,
    MAX_EMAIL_PER_HOUR: row.max_email_per_hour,
    MTIME: String(call.now()),
    [`MXCHECK-${row.domain}`]: '0',
    OWNER: row.owner,
    PLAN: row.plan,
    RS: row.theme,
    STARTDATE: String(row.start_time),
    USER: row.user,
    ...accountExtra(row),
  });
}

function modifyacct(call: WhmCall): unknown {
  const user = call.required('user');
  let row = accessibleAccount(call, user);
  const changes: Partial<AccountRow> = {};
  const messages: string[] = [];
  for (const arg of MODIFY_LIMITS) {
    if (!call.sent(arg)) continue;
    const raw = call.str(arg) ?? '';
    const v = parseLimit(raw, false);
    if (v === undefined) throw faults.invalidParameter(arg, raw, 'a number or “unlimited”');
    (changes as Record<string, unknown>)[arg.toLowerCase()] = limitText(v);
  }
  if (call.sent('BWLIMIT')) {
    const v = parseLimit(call.str('BWLIMIT') ?? '', true);
    if (v === undefined) throw faults.invalidParameter('BWLIMIT', call.str('BWLIMIT'), 'a number or “unlimited”');
    // modifyacct's BWLIMIT is in bytes ([lumberg] cpuser BWLIMIT); the account keeps megabytes.
    changes.bwlimit = v === 'unlimited' ? 0 : Math.round(v / (1024 * 1024));
  }
  if (call.sent('QUOTA')) {
    const v = parseLimit(call.str('QUOTA') ?? '', true);
    if (v === undefined) throw faults.invalidQuota(call.str('QUOTA'));
    changes.quota = v === 'unlimited' ? 0 : v;
  }
  if (call.sent('HASCGI')) changes.cgi = call.bool('HASCGI') ? 1 : 0;
  if (call.sent('HASSHELL')) changes.shell = shellFor(call.bool('HASSHELL'));
  if (call.sent('shell')) changes.shell = shellFor(call.bool('shell'));
  if (call.sent('contactemail')) changes.email = call.str('contactemail') ?? '';
  if (call.sent('LOCALE') || call.sent('LANG')) changes.locale = call.str('LOCALE') ?? call.str('LANG') ?? row.locale;
  if (call.sent('RS')) changes.theme = call.strOr('RS', row.theme);
  if (call.sent('MAILBOX_FORMAT')) changes.mailbox_format = call.strOr('MAILBOX_FORMAT', row.mailbox_format);
  if (call.sent('max_team_users')) changes.max_team_users = call.int('max_team_users', row.max_team_users)!;
  if (call.sent('BACKUP')) changes.backup = call.bool('BACKUP') ? 1 : 0;
  if (call.sent('OUTGOING_EMAIL_SUSPENDED')) changes.outgoing_mail_suspended = call.bool('OUTGOING_EMAIL_SUSPENDED') ? 1 : 0;
  if (call.sent('STARTDATE')) changes.start_time = call.int('STARTDATE', row.start_time)!;
  if (call.sent('owner')) {
    const owner = call.strOr('owner', row.owner);
    if (!call.session.root) throw faults.rootOnlyArgument('owner');
    if (owner !== 'root' && !getReseller(call.db, owner)) throw faults.notReseller();
    changes.owner = owner;
  }
  const extra = extraKeys(call);
  if (Object.keys(extra).length) changes.extra = JSON.stringify({ ...accountExtra(row), ...extra });
  updateAccount(call.db, user, changes);

  const newDomain = call.str('domain') || call.str('DNS');
  if (newDomain && newDomain.toLowerCase() !== row.domain) {
    const to = domainArg(newDomain);
    changeMainDomain(call, getAccount(call.db, user)!, to);
    messages.push(`Domain changed from ${row.domain} to ${to}`);
  }
  let finalUser = user;
  const newuser = call.str('newuser');
  if (newuser && newuser !== user) {
    renameAccount(call, user, newuser);
    finalUser = newuser;
    messages.push(`Username changed from ${user} to ${newuser}`);
  }
  row = getAccount(call.db, finalUser)!;
  const setshell = changes.shell ?? 'unmodified';
  return whmReply({
    data: { cpuser: cpuserRecord(call, row), domain: row.domain, setshell, user: row.user },
    reason: 'Account Modified',
    metadata: { output: { messages, warnings: [] } },
  });
}

function changepackage(call: WhmCall): unknown {
  const user = call.required('user');
  const planName = call.required('pkg');
  const row = accessibleAccount(call, user);
  const pkg = getPackage(call.db, planName);
  if (!pkg) throw faults.specifiedPackageMissing();
  if (!packageUsable(call, pkg.owner, pkg.name)) throw faults.packageNotAllowed(planName);
  if (!call.session.root) checkResellerLimits(call, row.owner, planName);
  updateAccount(call.db, user, { ...packageColumns(pkg.settings), plan: planName });
  const raw = `<pre>\nChanging plan from ${row.plan} to ${planName}\nChanging Feature List to ${pkg.settings.FEATURELIST}\n</pre>`;
  return whmReply({ metadata: { output: { raw } } });
}

function passwd(call: WhmCall): unknown {
  const user = call.required('user');
  const password = call.str('password') ?? call.str('pass') ?? '';
  const row = accessibleAccount(call, user);
  checkPassword(password, minimumStrength(call));
  updateAccount(call.db, row.user, { password });
  // The documented reason, with WHM's curly quotes.
  return whmReply({ data: { app: ['system', 'ftp', 'mail', 'mySQL'] }, reason: `Password changed for user “${user}”.` });
}

/** Human-readable sizes as WHM prints them ("500 MB", "97.66 GB", [lumberg] limitbw). */
export function humanSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} bytes` : `${Number.isInteger(v) ? v : v.toFixed(2)} ${units[i]}`;
}

function limitbw(call: WhmCall): unknown {
  const user = call.required('user');
  const row = accessibleAccount(call, user);
  const raw = call.strOr('bwlimit', 'unlimited');
  const v = parseLimit(raw, true);
  if (v === undefined) throw faults.invalidParameter('bwlimit', raw, 'a number of megabytes or “unlimited”');
  const mb = v === 'unlimited' ? 0 : v;
  updateAccount(call.db, user, { bwlimit: mb });
  const bytes = mb * 1024 * 1024;
  const bwlimits = [
    {
      bwlimit: bytes,
      bwlimitenable: row.bw_used > bytes && bytes > 0 ? 1 : 0,
      domains: domainsOf(call.db, user).map((d) => d.domain),
      human_bwlimit: mb === 0 ? 'unlimited' : humanSize(bytes),
      human_bwused: row.bw_used ? humanSize(row.bw_used) : 'none',
      unlimited: mb === 0 ? 1 : 0,
    },
  ];
  return whmReply({ data: { bwlimits }, reason: `Bandwidth Limit for ${user} has been set to ${mb === 0 ? 'unlimited' : mb} megabytes` });
}

function editquota(call: WhmCall): unknown {
  const user = call.required('user');
  const raw = call.required('quota');
  const row = getAccount(call.db, user);
  if (!row) throw faults.quotaNoUser();
  accessibleAccount(call, user);
  const v = parseLimit(raw, true);
  if (v === undefined) throw faults.invalidQuota(raw);
  updateAccount(call.db, user, { quota: v === 'unlimited' ? 0 : v });
  return whmReply({ reason: 'Set quota for user.' });
}

function showbw(call: WhmCall): unknown {
  const d = new Date(call.now() * 1000);
  const month = call.int('month', d.getUTCMonth() + 1)!;
  const year = call.int('year', d.getUTCFullYear())!;
  let rows = visibleAccounts(call);
  const search = call.str('search');
  const column = SEARCH_COLUMNS[call.str('searchtype') ?? ''];
  if (search && column) {
    const re = searchPattern(search);
    rows = rows.filter((r) => re.test(String(r[column])));
  }
  const showres = call.str('showres');
  if (showres) rows = rows.filter((r) => r.owner === showres);
  const acct = rows.map((r) => ({
    bwusage: domainsOf(call.db, r.user).map((dm) => ({ deleted: 0, domain: dm.domain, usage: dm.type === 'main' ? r.bw_used : 0 })),
    deleted: 0,
    limit: r.bwlimit * 1024 * 1024,
    maindomain: r.domain,
    owner: r.owner,
    reseller: getReseller(call.db, r.user) ? 1 : 0,
    totalbytes: r.bw_used,
    user: r.user,
  }));
  const totalused = acct.reduce((n, a) => n + a.totalbytes, 0);
  return { acct, month, reseller: call.session.user, totalused, year };
}

function domainuserdata(call: WhmCall): unknown {
  const domain = call.required('domain').toLowerCase();
  const d = getDomain(call.db, domain);
  if (!d) throw faults.noSuchDomain(domain).with({ legacy: { result: [{ status: 0, statusmsg: 'Unable to determine account owner for domain.' }] } });
  const row = accessibleAccount(call, d.user, () => faults.noAccessToDomain(domain));
  const vhost = d.type === 'parked' && d.parent ? (getDomain(call.db, d.parent) ?? d) : d;
  const aliases = domainsOf(call.db, row.user)
    .filter((x) => x.type === 'parked' && x.parent === vhost.domain)
    .flatMap((x) => [x.domain, `www.${x.domain}`]);
  const template = sampleRecord(call.ctx.method, 'userdata');
  const userdata = overlay(template, {
    customlog: [{ format: 'combined', target: `/usr/local/apache/domlogs/${vhost.domain}` }],
    documentroot: vhost.docroot,
    group: row.user,
    hascgi: row.cgi,
    homedir: homedir(row),
    ip: row.ip,
    owner: row.owner,
    scriptalias: [{ path: `${vhost.docroot}/cgi-bin/`, url: '/cgi-bin/' }],
    serveradmin: `webmaster@${vhost.domain}`,
    serveralias: [`www.${vhost.domain}`, ...aliases].join(' '),
    servername: vhost.domain,
    user: row.user,
  });
  return whmReply({ data: { userdata }, reason: 'Obtained userdata.' });
}

function getdomainowner(call: WhmCall): unknown {
  const domain = call.required('domain').toLowerCase();
  const d = getDomain(call.db, domain);
  if (!d) throw faults.noSuchDomain(domain);
  accessibleAccount(call, d.user, () => faults.noAccessToDomain(domain));
  return { user: d.user };
}

function get_domain_info(call: WhmCall): unknown {
  const scope = ownerScope(call);
  const rows = domainsWithAccounts(call.db);
  const php = vhostPhpSettings(call.db);
  const systemPhp = phpSystemDefault(call.db);
  const domains = rows
    .filter((r) => scope === undefined || r.owner === scope)
    .map((r) => ({
      docroot: r.d_docroot,
      domain: r.d_domain,
      domain_type: r.d_type,
      ipv4: r.ip,
      ipv4_ssl: r.ip,
      ipv6: r.ipv6 ?? '',
      ipv6_is_dedicated: 0,
      modsecurity_enabled: 1,
      parent_domain: r.d_type === 'main' ? r.d_domain : (r.d_parent ?? r.domain),
      // The vhost's PHP (php_set_vhost_versions), else the system default; a parked domain is served by its main domain's vhost.
      php_version: php[r.d_type === 'parked' ? (r.d_parent ?? r.domain) : r.d_domain]?.version ?? systemPhp,
      port: 80,
      port_ssl: 443,
      user: r.user,
      user_owner: r.owner,
    }));
  return { domains };
}

function verify_new_username(call: WhmCall): unknown {
  const user = call.required('user');
  const problem = usernameProblem(user);
  if (problem) throw faults.failure(problem);
  if (getAccount(call.db, user) || user === 'root') throw faults.userExists(user);
  return undefined;
}

function myprivs(call: WhmCall): unknown {
  return { privileges: [privilegeFlags(samplePrivilegeNames(call.ctx.panel.contract, 'myprivs'), call.session.privileges)] };
}

const SERVICE_PORTS: Record<string, number> = { cpaneld: 2083, whostmgrd: 2087, webmaild: 2096 };

function create_user_session(call: WhmCall): unknown {
  const user = call.required('user');
  const service = call.required('service');
  const port = SERVICE_PORTS[service];
  if (!port) throw faults.serviceInvalid(service);
  const local = user.split('@')[0];
  if (service === 'whostmgrd') {
    if (local !== 'root' && !getReseller(call.db, local)) throw faults.noSuchUser(local);
    if (!call.session.root && local !== call.session.user) throw faults.noAccessToAccount(local);
  } else {
    accessibleAccount(call, local);
  }
  const securityToken = `cpsess${String(randomBytes(5).readUIntBE(0, 5) % 10_000_000_000).padStart(10, '0')}`;
  const session = `${local}:${randomBytes(12).toString('hex')}`;
  const expires = call.now() + 15 * 60;
  insertSession(call.db, session, local, service, expires, securityToken);
  const host = call.str('preferred_domain') || hostname(call.db);
  const app = call.str('app');
  const url = `https://${host}:${port}/${securityToken}/login/?session=${encodeURIComponent(session)}${app ? `&goto_app=${encodeURIComponent(app)}` : ''}`;
  // The shape of the sibling wp_dashboard_create_login_link (seed 004): the reference's own sample is empty.
  return { cp_security_token: `/${securityToken}`, expires, service, session, url };
}

// The per-user list convention: `user-0`, `user-1`… (seed 004, massmodifyacct, the `user` examples), or `user` repeated or alone.
const NUMBERED_USER = /^user-\d+$/;

/**
 * massmodifyacct: modifyacct's changes applied to each listed user, each
 * through the dispatcher as a modifyacct sub-call (its privilege check, a
 * savepoint, its journal entry), with one `data.payload` entry per user in
 * the documented sample's shapes: `{extended: {cpuser, domain, setshell,
 * user}, messages, reason: "Account Modified", result: 1, user, warnings}`,
 * or `{reason, result: 0, user}` for a user that could not be modified. Any
 * failure makes the call answer `result: 0` with the sample's reason
 * "Failed to modify one or more users.", keeping the others' changes.
 */
function massmodifyacct(call: WhmCall): unknown {
  const users = call.list('user');
  if (!users.length) throw faults.missingParameter('user');
  const { call: decoded, request } = call.ctx;
  const shared = Object.entries(decoded.named ?? {}).filter(([name]) => name !== 'user' && !NUMBERED_USER.test(name));
  const payload: Record<string, unknown>[] = [];
  let failed = false;
  for (const user of users) {
    const named = Object.fromEntries([...shared, ['user', user]]);
    const outcome = call.subcall({ ...decoded, method: 'modifyacct', named }, { ...request, path: '/json-api/modifyacct' });
    if (outcome.ok) {
      const reply = replyOf(outcome.result);
      const output = (reply.metadata?.output ?? {}) as { messages?: string[]; warnings?: string[] };
      payload.push({ extended: reply.data, messages: output.messages ?? [], reason: reply.reason ?? 'OK', result: 1, user, warnings: output.warnings ?? [] });
    } else {
      failed = true;
      payload.push({ reason: outcome.fault.faultString, result: 0, user });
    }
  }
  const metadata = { messages: [], warnings: [] };
  if (failed) throw faults.massModifyFailed().with({ data: { payload }, metadata, keepChanges: true });
  return whmReply({ data: { payload }, metadata });
}

export const accountMethods = defineMethods<WhmCall>({
  createacct: { acl: 'create-acct', run: createacct },
  removeacct: { acl: 'kill-acct', run: removeacct },
  suspendacct: { acl: 'suspend-acct', run: suspendacct },
  unsuspendacct: { acl: 'suspend-acct', run: unsuspendacct },
  listsuspended: { acl: 'list-accts', run: listsuspended },
  listaccts: { acl: 'list-accts', run: listaccts },
  accountsummary: { acl: 'list-accts', run: accountsummary },
  massmodifyacct: { acl: 'edit-account', run: massmodifyacct },
  modifyacct: { acl: 'edit-account', run: modifyacct },
  changepackage: { acl: 'upgrade-account', run: changepackage },
  passwd: { acl: 'passwd', run: passwd },
  limitbw: { acl: 'limit-bandwidth', run: limitbw },
  editquota: { acl: 'quota', run: editquota },
  showbw: { acl: 'show-bandwidth', run: showbw },
  domainuserdata: { acl: 'list-accts', run: domainuserdata },
  getdomainowner: { acl: 'list-accts', run: getdomainowner },
  get_domain_info: { acl: 'list-accts', run: get_domain_info },
  verify_new_username: { acl: 'create-acct', run: verify_new_username },
  myprivs: { acl: 'any', run: myprivs },
  create_user_session: { acl: 'create-user-session', run: create_user_session },
});
