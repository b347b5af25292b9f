import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { accessibleAccount, visibleAccounts } from '../access.js';
import { faults } from '../faults.js';
import { getReseller } from '../store/resellers.js';
import { ENHANCEMENT_ASSIGNMENTS, MAX_LIST_ENTRIES, readList, writeList } from '../store/stored-settings.js';

/*
 * Account Enhancements (seed 004, "Account Enhancements" and "Account
 * Enhancement Limit"): enhancements named on the server (create, modify,
 * delete, list_account_enhancements), assigned to accounts (assign,
 * unassign), counted against a reseller's limits (set_enhancement_limit,
 * list_enhancement_limits, whose `usage` is what shows an assignment: the
 * reference has no read listing an account's enhancements). Refusal
 * wording is inferred.
 */

interface Enhancement {
  id: string;
  name: string;
}

const ID = /^[A-Za-z0-9_.-]{1,128}$/;
const enhancements = (call: WhmCall) => readList<Enhancement[]>(call.db, 'enhancements', []);
/** Account → the names of the enhancements assigned to it. */
const assignments = (call: WhmCall) => readList<Record<string, string[]>>(call.db, ENHANCEMENT_ASSIGNMENTS, {});
/** Reseller → enhancement id → its limit. */
const limits = (call: WhmCall) => readList<Record<string, Record<string, { limit: number; limited: 0 | 1 }>>>(call.db, 'enhancement-limits', {});

function nameArg(call: WhmCall): string {
  const name = call.required('name');
  // "string <= 80 characters" (create_account_enhancement's `name`).
  if (name.length > 80) throw faults.invalidParameter('name', `${name.slice(0, 80)}…`, 'at most 80 characters');
  return name;
}

function idArg(call: WhmCall): string {
  const id = call.required('id');
  if (!ID.test(id)) throw faults.invalidParameter('id', id.slice(0, 100), 'an enhancement ID of letters, digits, “.”, “_” and “-”');
  return id;
}

function existing(call: WhmCall, name: string): Enhancement {
  const found = enhancements(call).find((e) => e.name === name);
  if (!found) throw faults.noSuchEnhancement(name);
  return found;
}

function create_account_enhancement(call: WhmCall): unknown {
  const name = nameArg(call);
  const id = idArg(call);
  const list = enhancements(call);
  if (list.some((e) => e.name === name)) throw faults.enhancementExists(name);
  if (list.length >= MAX_LIST_ENTRIES) throw faults.enhancementsFull(MAX_LIST_ENTRIES);
  writeList(call.db, 'enhancements', [...list, { id, name }]);
  return { name };
}

/** modify_account_enhancement: the enhancement named `name` gets the `id` (inferred: `name` is what assign and delete identify it by). */
function modify_account_enhancement(call: WhmCall): unknown {
  const name = nameArg(call);
  const id = idArg(call);
  existing(call, name);
  writeList(
    call.db,
    'enhancements',
    enhancements(call).map((e) => (e.name === name ? { id, name } : e)),
  );
  return { id, name };
}

/** delete_account_enhancement: gone from the server and from every account it was assigned to. */
function delete_account_enhancement(call: WhmCall): unknown {
  const name = nameArg(call);
  existing(call, name);
  writeList(
    call.db,
    'enhancements',
    enhancements(call).filter((e) => e.name !== name),
  );
  const assigned = assignments(call);
  for (const user of Object.keys(assigned)) assigned[user] = assigned[user].filter((n) => n !== name);
  writeList(call.db, ENHANCEMENT_ASSIGNMENTS, assigned);
  return undefined;
}

function list_account_enhancements(call: WhmCall): unknown {
  return { enhancements: enhancements(call) };
}

/** How many of the reseller's accounts hold the enhancement with this id. */
function usage(call: WhmCall, owner: string, id: string): number {
  const names = new Set(
    enhancements(call)
      .filter((e) => e.id === id)
      .map((e) => e.name),
  );
  const assigned = assignments(call);
  return visibleAccounts(call).filter((a) => a.owner === owner && (assigned[a.user] ?? []).some((n) => names.has(n))).length;
}

function assign_account_enhancement(call: WhmCall): unknown {
  const account = accessibleAccount(call, call.required('account'));
  const enhancement = existing(call, nameArg(call));
  const assigned = assignments(call);
  const held = assigned[account.user] ?? [];
  if (held.includes(enhancement.name)) return undefined;
  const limit = limits(call)[account.owner]?.[enhancement.id];
  if (limit?.limited && usage(call, account.owner, enhancement.id) >= limit.limit) {
    throw faults.enhancementLimitReached(account.owner, limit.limit, enhancement.name);
  }
  assigned[account.user] = [...held, enhancement.name];
  writeList(call.db, ENHANCEMENT_ASSIGNMENTS, assigned);
  return undefined;
}

function unassign_account_enhancement(call: WhmCall): unknown {
  const account = accessibleAccount(call, call.required('account'));
  const enhancement = existing(call, nameArg(call));
  const assigned = assignments(call);
  const held = assigned[account.user] ?? [];
  if (!held.includes(enhancement.name)) throw faults.enhancementNotAssigned(account.user, enhancement.name);
  assigned[account.user] = held.filter((n) => n !== enhancement.name);
  writeList(call.db, ENHANCEMENT_ASSIGNMENTS, assigned);
  return undefined;
}

function resellerArg(call: WhmCall): string {
  const reseller = call.required('account');
  if (!getReseller(call.db, reseller)) throw faults.notReseller();
  if (!call.session.root && call.session.user !== reseller) throw faults.noAccessToAccount(reseller);
  return reseller;
}

function set_enhancement_limit(call: WhmCall): unknown {
  const reseller = resellerArg(call);
  const id = idArg(call);
  const all = limits(call);
  all[reseller] = { ...(all[reseller] ?? {}), [id]: { limit: Math.max(0, call.int('limit', 0) ?? 0), limited: call.bool('limited') ? 1 : 0 } };
  writeList(call.db, 'enhancement-limits', all);
  return undefined;
}

/** list_enhancement_limits: per enhancement id, the reseller's limit and how many of its accounts hold it. */
function list_enhancement_limits(call: WhmCall): unknown {
  const reseller = resellerArg(call);
  const own = limits(call)[reseller] ?? {};
  const ids = [...new Set([...enhancements(call).map((e) => e.id), ...Object.keys(own)])].sort();
  return {
    limits: Object.fromEntries(ids.map((id) => [id, { limit: own[id]?.limit ?? 0, limited: own[id]?.limited ?? 0, usage: usage(call, reseller, id) }])),
  };
}

export const accountEnhancementMethods = defineMethods<WhmCall>({
  create_account_enhancement: { acl: 'root', run: create_account_enhancement },
  modify_account_enhancement: { acl: 'root', run: modify_account_enhancement },
  delete_account_enhancement: { acl: 'root', run: delete_account_enhancement },
  list_account_enhancements: { acl: 'list-accts', run: list_account_enhancements },
  assign_account_enhancement: { acl: 'edit-account', run: assign_account_enhancement },
  unassign_account_enhancement: { acl: 'edit-account', run: unassign_account_enhancement },
  set_enhancement_limit: { acl: 'root', run: set_enhancement_limit },
  list_enhancement_limits: { acl: 'list-accts', run: list_enhancement_limits },
});
