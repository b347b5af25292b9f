import type { WhmCall } from './call.js';
import { faults, type WhmFault } from './faults.js';
import { allAccounts } from './store/account-cache.js';
import { getAccount, type AccountRow } from './store/accounts.js';

/*
 * Which accounts a caller may see and change: root all of them, a reseller
 * the ones it owns. Every method that names an account or lists accounts
 * asks here.
 */

/** True when the caller may see and change the account: root, or the reseller that owns it (setupreseller makeowner=1 makes a reseller own itself). */
export function canAccess(call: WhmCall, row: Pick<AccountRow, 'owner'>): boolean {
  return call.session.root || row.owner === call.session.user;
}

/**
 * The account named `user` if the caller may act on it. An account the
 * caller cannot see fails exactly like one that does not exist for root, so
 * a reseller learns nothing about other resellers' customers.
 */
export function accessibleAccount(call: WhmCall, user: string, missing: (user: string) => WhmFault = faults.noSuchUser): AccountRow {
  const row = getAccount(call.db, user);
  if (!row) throw missing(user);
  if (!canAccess(call, row)) throw faults.noAccessToAccount(user);
  return row;
}

/** The owner filter for the caller's list functions: undefined for root. */
export function ownerScope(call: WhmCall): string | undefined {
  return call.session.root ? undefined : call.session.user;
}

/** Accounts the caller may see, in WHM's order (by username). The rows are shared: do not modify them. */
export function visibleAccounts(call: WhmCall): readonly AccountRow[] {
  const scope = ownerScope(call);
  const { rows } = allAccounts(call.db);
  return scope === undefined ? rows : rows.filter((r) => r.owner === scope);
}
