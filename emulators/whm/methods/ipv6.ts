import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { ipv6Text } from '../ip.js';
import { canAccess } from '../access.js';
import { getAccount } from '../store/accounts.js';
import {
  MAX_IPV6_RANGES,
  addIpv6Range,
  assignIpv6,
  assignedIpv6s,
  editIpv6Range,
  ipv6Range,
  ipv6Ranges,
  rangeBounds,
  rangeUsers,
  removeIpv6Range,
  unassignIpv6,
  type Ipv6RangeRow,
} from '../store/ipv6-ranges.js';

/*
 * IPv6 ranges and accounts' dedicated IPv6 addresses (seed 004, "IP Address
 * Management / IPv6 Address Settings", "IPv6 Ranges"): ranges are added,
 * renamed and removed; ipv6_enable_account hands an account the range's
 * next address, which listipv6s, listaccts and accountsummary show;
 * ipv6_disable_account and removeacct take it back.
 */

const RANGE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_NOTE = 1024;

function rangeName(call: WhmCall, param: string): string {
  const name = call.required(param);
  // seed 004, ipv6_range_add `name`: SHARED is reserved for the server's shared address.
  if (name === 'SHARED') throw faults.ipv6RangeReserved();
  if (!RANGE_NAME.test(name)) throw faults.invalidParameter(param, name.slice(0, 100), 'letters, digits, “_”, “.” and “-” (at most 64)');
  return name;
}

function existingRange(call: WhmCall, name: string): Ipv6RangeRow {
  const range = ipv6Range(call.db, name);
  if (!range) throw faults.noSuchIpv6Range(name);
  return range;
}

function note(call: WhmCall): string | undefined {
  const text = call.str('note');
  if (text !== undefined && text.length > MAX_NOTE) throw faults.invalidParameter('note', `${text.slice(0, 40)}…`, `at most ${MAX_NOTE} characters`);
  return text;
}

function ipv6_range_add(call: WhmCall): unknown {
  const name = rangeName(call, 'name');
  const cidr = call.required('range').trim().toLowerCase();
  const bounds = rangeBounds(cidr);
  if (!bounds) throw faults.ipv6RangeInvalid(cidr.slice(0, 100));
  if (ipv6Range(call.db, name)) throw faults.ipv6RangeExists(name);
  const ranges = ipv6Ranges(call.db);
  if (ranges.length >= MAX_IPV6_RANGES) throw faults.listFull(MAX_IPV6_RANGES, 'IPv6 ranges');
  for (const other of ranges) {
    const o = rangeBounds(other.cidr)!;
    if (bounds.first < o.first + o.size && o.first < bounds.first + bounds.size) throw faults.ipv6RangeOverlaps(cidr, other.name);
  }
  addIpv6Range(call.db, { name, cidr, enabled: call.bool('enabled', true) ? 1 : 0, note: note(call) ?? null, owner: call.session.user });
  return undefined;
}

function ipv6_range_edit(call: WhmCall): unknown {
  const name = rangeName(call, 'name');
  existingRange(call, name);
  const newName = call.sent('new_name') && call.str('new_name') ? rangeName(call, 'new_name') : undefined;
  if (newName && newName !== name && ipv6Range(call.db, newName)) throw faults.ipv6RangeExists(newName);
  editIpv6Range(call.db, name, { name: newName, note: note(call) });
  return undefined;
}

function ipv6_range_remove(call: WhmCall): unknown {
  const range = existingRange(call, rangeName(call, 'name'));
  const users = rangeUsers(call.db, range.cidr);
  // inferred: a range whose addresses accounts still hold cannot go (the accounts would keep addresses of no range).
  if (users.length) throw faults.ipv6RangeInUse(range.name, users.map((u) => u.user).join(', '));
  removeIpv6Range(call.db, range.name);
  return undefined;
}

function ipv6_range_list(call: WhmCall): unknown {
  return {
    range: ipv6Ranges(call.db).map((r) => {
      const b = rangeBounds(r.cidr)!;
      return {
        CIDR: r.cidr,
        enabled: r.enabled,
        first: ipv6Text(b.first),
        last: ipv6Text(b.first + b.size - 1n),
        mostrecent: r.mostrecent ?? '',
        name: r.name,
        note: r.note ?? '',
        owner: r.owner,
        range_users: rangeUsers(call.db, r.cidr).map((u) => u.user),
        reclaimed: JSON.parse(r.reclaimed) as string[],
      };
    }),
  };
}

/** inferred: `used` counts the addresses accounts hold, `forbidden` the reclaimed ones never handed out again, `free` the rest. */
function ipv6_range_usage(call: WhmCall): unknown {
  const range = existingRange(call, call.required('name'));
  const b = rangeBounds(range.cidr)!;
  const used = rangeUsers(call.db, range.cidr).length;
  const forbidden = (JSON.parse(range.reclaimed) as string[]).length;
  return { usage: { forbidden, free: Number(b.size - BigInt(used + forbidden)), used } };
}

/** The comma-separated `user` list (seed 004: "A comma-delimited list of account names"). */
function users(call: WhmCall): string[] {
  const list = call
    .required('user')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (list.length > 100) throw faults.invalidParameter('user', `${list.length} accounts`, 'at most 100 accounts');
  return list;
}

const noAccount = (user: string) => `The “${user}” account does not exist.`;

function ipv6_enable_account(call: WhmCall): unknown {
  const list = users(call);
  const range = existingRange(call, call.required('range'));
  const failures: Record<string, string> = {};
  const ipv6: Record<string, string> = {};
  for (const user of list) {
    const account = getAccount(call.db, user);
    // The sample's failure wording for an account that does not exist (a reseller's view hides others' accounts the same way).
    if (!account || !canAccess(call, account)) failures[user] = noAccount(user);
    else if (account.ipv6) ipv6[user] = account.ipv6;
    // inferred: a range marked reserved (enabled=0, seed 004 "0 - Reserved") hands out no addresses; nor does a full one.
    else if (!range.enabled) failures[user] = `The IPv6 range “${range.name}” is reserved.`;
    else {
      const address = assignIpv6(call.db, existingRange(call, range.name), user);
      if (address) ipv6[user] = address;
      else failures[user] = `The IPv6 range “${range.name}” has no free addresses.`;
    }
  }
  // The sample: `failures` keyed by account name, `ipv6` by account name.
  return { fail_cnt: Object.keys(failures).length, failures, ipv6 };
}

function ipv6_disable_account(call: WhmCall): unknown {
  const failures: { name: string; reason: string }[] = [];
  for (const user of users(call)) {
    const account = getAccount(call.db, user);
    if (!account || !canAccess(call, account)) failures.push({ name: user, reason: noAccount(user) });
    else if (account.ipv6) unassignIpv6(call.db, user, account.ipv6);
  }
  // The sample: here `failures` is a list of {name, reason}.
  return { fail_cnt: failures.length, failures };
}

export const ipv6Methods = defineMethods<WhmCall>({
  listipv6s: { acl: 'root', run: (call) => ({ ip: assignedIpv6s(call.db).map((ip) => ({ ip })) }) },
  ipv6_range_add: { acl: 'root', run: ipv6_range_add },
  ipv6_range_edit: { acl: 'root', run: ipv6_range_edit },
  ipv6_range_remove: { acl: 'root', run: ipv6_range_remove },
  ipv6_range_list: { acl: 'root', run: ipv6_range_list },
  ipv6_range_usage: { acl: 'root', run: ipv6_range_usage },
  ipv6_enable_account: { acl: 'root', run: ipv6_enable_account },
  ipv6_disable_account: { acl: 'root', run: ipv6_disable_account },
});
