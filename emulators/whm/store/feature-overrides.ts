import type { DB } from '../../../state/database.js';
import { accountExtra, updateAccount, type AccountRow } from './accounts.js';

/*
 * Per-account feature overrides live where cPanel keeps them, in the
 * account's cpuser data, as `FEATURE-<NAME>` keys (inferred from the cpuser
 * file's upper-case key style; the reference shows no cpuser sample with
 * one). They go with the account when it is removed.
 */
const PREFIX = 'FEATURE-';

/** The account's overrides: feature name (lower case) → 0 or 1. */
export function featureOverrides(row: AccountRow): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(accountExtra(row))) {
    if (key.startsWith(PREFIX)) out[key.slice(PREFIX.length).toLowerCase()] = Number(value) ? 1 : 0;
  }
  return out;
}

/** Sets (0/1) or, for `null`, removes overrides of the account. */
export function writeFeatureOverrides(db: DB, row: AccountRow, changes: Record<string, 0 | 1 | null>): void {
  const extra = accountExtra(row);
  for (const [feature, value] of Object.entries(changes)) {
    const key = `${PREFIX}${feature.toUpperCase()}`;
    if (value === null) delete extra[key];
    else extra[key] = String(value);
  }
  updateAccount(db, row.user, { extra: JSON.stringify(extra) });
}
