import { prepare, type DB } from '../../../state/database.js';
import { MAX_LIST_ENTRIES, readList, writeList } from './stored-settings.js';

/*
 * The IDs WHM keeps tracking after an account is removed, so its uid is not
 * handed to the next account (Whostmgr::Accounts::IdTrack; untrack_acct_id,
 * seed 004 "Remove UID or GID from tracked list", frees one).
 */

const REMOVED_IDS = 'tracked-removed-ids';

export const trackedRemovedIds = (db: DB): number[] => readList<number[]>(db, REMOVED_IDS, []);

/** Keeps a removed account's uid tracked (the oldest are forgotten past the list's bound). */
export function trackRemovedId(db: DB, uid: number): void {
  const ids = trackedRemovedIds(db).filter((id) => id !== uid);
  ids.push(uid);
  writeList(db, REMOVED_IDS, ids.slice(-MAX_LIST_ENTRIES));
}

/** Frees a tracked uid; false when it was not tracked. */
export function untrackRemovedId(db: DB, uid: number): boolean {
  const ids = trackedRemovedIds(db);
  if (!ids.includes(uid)) return false;
  writeList(
    db,
    REMOVED_IDS,
    ids.filter((id) => id !== uid),
  );
  return true;
}

/** True when an account has the uid. */
export function uidInUse(db: DB, uid: number): boolean {
  return prepare<[number], { user: string }>(db, 'SELECT user FROM whm_account WHERE uid = ?').get(uid) !== undefined;
}
