import { whmReply } from '../envelope/reply.js';
import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults, type WhmFault } from '../faults.js';
import { isIpv4 } from '../ip.js';
import { accountCounts, accountNamesOwnedBy, getAccount, giveAccountsToRoot, resellerStatsRows, updateAccount } from '../store/accounts.js';
import { deleteAccount } from '../store/lifecycle.js';
import { getPackage } from '../store/packages.js';
import {
  aclList,
  aclLists,
  allPrivileges,
  deleteReseller,
  getReseller,
  listResellerNames,
  makeReseller,
  privilegeFlags,
  samplePrivilegeNames,
  resellerLimits,
  resellerPackageLimits,
  saveAclList,
  updateReseller,
  type ResellerLimits,
  type ResellerRow,
} from '../store/resellers.js';
import { getIp, listIps } from '../store/server.js';

function reseller(call: WhmCall, user: string, missing: () => WhmFault = faults.notReseller): ResellerRow {
  const row = getReseller(call.db, user);
  if (!row) throw missing();
  return row;
}

/** A reseller's own data, or any reseller's for root. */
function readableReseller(call: WhmCall, user: string): ResellerRow {
  if (!call.session.root && user !== call.session.user) throw faults.noAccessToAccount(user);
  return reseller(call, user);
}

/** The `acl-NAME=1` arguments of setacls/saveacllist as a privilege list. */
function aclArguments(call: WhmCall): string[] {
  const known = new Set(allPrivileges(call.ctx.panel.contract));
  return call
    .sentNames()
    .filter((n) => n.startsWith('acl-') && call.bool(n))
    .map((n) => n.slice(4))
    .filter((p) => known.has(p) || p === 'ns-config' || p === 'public-contact')
    .sort();
}

function setupreseller(call: WhmCall): unknown {
  const user = call.required('user');
  const account = getAccount(call.db, user);
  if (!account) throw faults.noSuchUser(user);
  makeReseller(call.db, user);
  if (call.bool('makeowner')) updateAccount(call.db, user, { owner: user });
  return undefined;
}

function unsetupreseller(call: WhmCall): unknown {
  const user = call.required('user');
  if (!getAccount(call.db, user)) throw faults.noSuchUser(user);
  reseller(call, user);
  deleteReseller(call.db, user);
  // inferred: the accounts it owned (itself included) pass to root.
  giveAccountsToRoot(call.db, user);
  return undefined;
}

function listresellers(call: WhmCall): unknown {
  return { reseller: listResellerNames(call.db) };
}

const LIMIT_FIELDS: (keyof ResellerLimits)[] = [
  'account_limit',
  'bandwidth_limit',
  'diskspace_limit',
  'enable_account_limit',
  'enable_overselling',
  'enable_overselling_bandwidth',
  'enable_overselling_diskspace',
  'enable_package_limit_numbers',
  'enable_package_limits',
  'enable_resource_limits',
];

function setresellerlimits(call: WhmCall): unknown {
  const row = reseller(call, call.required('user'));
  const limits = resellerLimits(row);
  for (const f of LIMIT_FIELDS) if (call.sent(f)) limits[f] = call.int(f, 0);
  updateReseller(call.db, row.user, { limits: JSON.stringify(limits) });
  return undefined;
}

function setacls(call: WhmCall): unknown {
  const row = reseller(call, call.required('reseller'), faults.notAResellerShort);
  const listName = call.str('acllist');
  let acls: string[];
  if (listName) {
    const list = aclList(call.db, listName);
    if (!list) throw faults.noSuchAclList(listName);
    acls = list;
  } else {
    acls = aclArguments(call);
  }
  updateReseller(call.db, row.user, { acls: JSON.stringify(acls), acllist: listName ?? null });
  return { acl: acls };
}

function listacls(call: WhmCall): unknown {
  const all = samplePrivilegeNames(call.ctx.panel.contract, 'listacls');
  const rows = aclLists(call.db);
  return { acl: rows.map((r) => ({ name: r.name, privileges: privilegeFlags(all, JSON.parse(r.privileges) as string[]) })) };
}

function saveacllist(call: WhmCall): unknown {
  const name = call.required('acllist');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw faults.aclListNameInvalid(name);
  const acls = aclArguments(call);
  // Resellers that use the list get its new privileges.
  saveAclList(call.db, name, acls);
  return whmReply({ reason: `ACL List ${name} saved.` });
}

function ownedUsers(call: WhmCall, user: string): string[] {
  return accountNamesOwnedBy(call.db, user);
}

function suspendreseller(call: WhmCall): unknown {
  const row = reseller(call, call.required('user'));
  const reason = call.strOr('reason', 'Unknown');
  const users = call.bool('reseller-only') ? [row.user] : [...new Set([row.user, ...ownedUsers(call, row.user)])];
  for (const u of users) {
    if (!getAccount(call.db, u)) continue;
    updateAccount(call.db, u, { suspended: 1, suspend_reason: reason, suspend_time: call.now(), suspend_locked: call.bool('disallow') ? 1 : 0 });
  }
  updateReseller(call.db, row.user, { suspended: 1, suspend_reason: reason });
  return whmReply({ metadata: { output: { raw: users.map((u) => `${u}'s account has been suspended`).join('\n') } } });
}

function unsuspendreseller(call: WhmCall): unknown {
  const row = reseller(call, call.required('user'));
  const users = call.bool('reseller-only') ? [row.user] : [...new Set([row.user, ...ownedUsers(call, row.user)])];
  for (const u of users) if (getAccount(call.db, u)) updateAccount(call.db, u, { suspended: 0, suspend_reason: '', suspend_time: null, suspend_locked: 0 });
  updateReseller(call.db, row.user, { suspended: 0, suspend_reason: '' });
  return undefined;
}

/** terminatereseller: removes every account the reseller owns, then the reseller's own account (`terminatereseller=1` confirms). */
function terminatereseller(call: WhmCall): unknown {
  const row = reseller(call, call.required('user', 'reseller'));
  if (!call.bool('terminatereseller') && !call.str('verify')) throw faults.terminateVerify();
  const acct = [...ownedUsers(call, row.user).filter((u) => u !== row.user), row.user].map((user) => {
    deleteAccount(call.db, user, false);
    return { output: { raw: `Account Removal Complete!!!...${user} account removed...Done\n` }, reason: `${user} account removed`, result: 1, user };
  });
  return { acct };
}

function setresellernameservers(call: WhmCall): unknown {
  const row = reseller(call, call.required('user'));
  const ns = (call.str('nameservers') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  updateReseller(call.db, row.user, { nameservers: JSON.stringify(ns) });
  return undefined;
}

function resellerIps(call: WhmCall, row: ResellerRow): { all: number; ip: string[] } {
  const delegated = JSON.parse(row.ips) as string[];
  return delegated.length ? { all: 0, ip: delegated } : { all: 1, ip: listIps(call.db).map((r) => r.ip) };
}

function setresellerips(call: WhmCall): unknown {
  const row = reseller(call, call.required('user'));
  const ips = (call.str('ips') ?? '').split(/[\s,]+/).filter(Boolean);
  for (const ip of ips) if (!isIpv4(ip) || !getIp(call.db, ip)) throw faults.ipsInvalid();
  updateReseller(call.db, row.user, { ips: JSON.stringify(call.bool('delegate', true) ? ips : []) });
  return resellerIps(call, getReseller(call.db, row.user)!);
}

function getresellerips(call: WhmCall): unknown {
  return resellerIps(call, readableReseller(call, call.strOr('user', call.session.user)));
}

function setresellermainip(call: WhmCall): unknown {
  const row = reseller(call, call.required('user'));
  const ip = call.required('ip');
  if (!isIpv4(ip) || !getIp(call.db, ip)) throw faults.ipInvalid();
  updateReseller(call.db, row.user, { main_ip: ip });
  return undefined;
}

function setresellerpackagelimit(call: WhmCall): unknown {
  const row = reseller(call, call.required('user'));
  const pkg = call.required('package');
  if (!getPackage(call.db, pkg)) throw faults.noSuchPackage(pkg);
  const limits = resellerPackageLimits(row);
  const entry = limits[pkg] ?? { allowed: 0 };
  if (call.sent('allowed')) entry.allowed = call.bool('allowed') ? 1 : 0;
  if (call.sent('number')) entry.number = call.int('number', 0);
  if (call.sent('no_limit')) entry.no_limit = call.bool('no_limit') ? 1 : 0;
  limits[pkg] = entry;
  updateReseller(call.db, row.user, { package_limits: JSON.stringify(limits) });
  return undefined;
}

function acctcounts(call: WhmCall): unknown {
  const user = call.strOr('user', call.session.user);
  const counts = accountCounts(call.db, user);
  let limit = 0;
  if (user !== 'root') {
    const limits = resellerLimits(readableReseller(call, user));
    // inferred: 0 when the reseller has no account limit (the sample shows a number).
    limit = limits.enable_account_limit ? (limits.account_limit ?? 0) : 0;
  } else if (!call.session.root) {
    throw faults.noAccessToAccount(user);
  }
  return { reseller: { active: counts.active, limit, suspended: counts.suspended, user } };
}

function resellerstats(call: WhmCall): unknown {
  const row = readableReseller(call, call.required('user', 'reseller'));
  const d = new Date(call.now() * 1000);
  const limits = resellerLimits(row);
  let accounts = resellerStatsRows(call.db, row.user);
  if (call.bool('filter_suspended')) accounts = accounts.filter((a) => !a.suspended);
  const acct = accounts.map((a) => ({
    bandwidthlimit: String(a.bwlimit),
    bandwidthused: a.bw_used,
    deleted: 0,
    diskquota: a.quota.toFixed(2),
    diskused: a.disk_used.toFixed(2),
    domain: a.domain,
    package: a.plan,
    suspended: a.suspended,
    user: a.user,
  }));
  const sum = (f: (a: (typeof accounts)[number]) => number) => accounts.reduce((n, a) => n + f(a), 0);
  return {
    reseller: {
      acct,
      bandwidthlimit: limits.bandwidth_limit ?? 0,
      bwoverselling: limits.enable_overselling_bandwidth ?? 0,
      diskoverselling: limits.enable_overselling_diskspace ?? 0,
      diskquota: limits.diskspace_limit ?? 0,
      diskused: sum((a) => a.disk_used),
      month: call.int('month', d.getUTCMonth() + 1),
      totalbwalloc: String(sum((a) => a.bwlimit)),
      totalbwused: sum((a) => a.bw_used),
      totaldiskalloc: String(sum((a) => a.quota)),
      user: row.user,
      year: call.int('year', d.getUTCFullYear()),
    },
  };
}

export const resellerMethods = defineMethods<WhmCall>({
  setupreseller: { acl: 'root', run: setupreseller },
  unsetupreseller: { acl: 'root', run: unsetupreseller },
  listresellers: { acl: 'root', run: listresellers },
  setresellerlimits: { acl: 'root', run: setresellerlimits },
  setacls: { acl: 'root', run: setacls },
  listacls: { acl: 'root', run: listacls },
  saveacllist: { acl: 'root', run: saveacllist },
  suspendreseller: { acl: 'root', run: suspendreseller },
  unsuspendreseller: { acl: 'root', run: unsuspendreseller },
  terminatereseller: { acl: 'root', run: terminatereseller },
  setresellernameservers: { acl: 'root', run: setresellernameservers },
  setresellerips: { acl: 'root', run: setresellerips },
  getresellerips: { acl: 'any', run: getresellerips },
  setresellermainip: { acl: 'root', run: setresellermainip },
  setresellerpackagelimit: { acl: 'root', run: setresellerpackagelimit },
  acctcounts: { acl: 'any', run: acctcounts },
  resellerstats: { acl: 'any', run: resellerstats },
});
