import { prepare, type DB } from '../../../state/database.js';
import { updateAccount, type AccountRow } from './accounts.js';
import { packageColumns } from './lifecycle.js';
import type { PackageSettings } from './packages.js';

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
  const users = prepare<[string], { user: string }>(db, 'SELECT user FROM whm_account WHERE plan = ?').all(name);
  for (const { user } of users) updateAccount(db, user, changed);
  return users.length;
}
