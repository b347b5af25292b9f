import { prepare, type DB } from '../../../state/database.js';
import { MAX_LIST_ENTRIES, readList, writeList } from './stored-settings.js';

/*
 * The state of the tier-3 families (emulators/whm/families/): each
 * collection's items and each toggle's flags, one stored list per family
 * under the family's own name, so a family's writes and reads meet through
 * the contract's names alone.
 */

/** One item of a collection: its identity values and every other value its adder (and updaters) were sent. */
export interface FamilyItem {
  ids: Record<string, string>;
  values: Record<string, string | string[]>;
}

/** One toggle flag: the item it is about (none for a server-wide switch), the qualifier values that choose the flag, on or off. */
export interface FamilyFlag {
  ids: Record<string, string>;
  qualifiers: Record<string, string>;
  on: boolean;
  /** The value a setting function stored (modsec_set_setting's state), in place of on/off. */
  value?: string;
}

export { MAX_LIST_ENTRIES as MAX_FAMILY_ITEMS };

const itemsKey = (family: string) => `family:${family}`;
const flagsKey = (family: string) => `family-flags:${family}`;

/** The collection's items, oldest first. */
export function familyItems(db: DB, family: string): FamilyItem[] {
  return readList<FamilyItem[]>(db, itemsKey(family), []);
}

export function saveFamilyItems(db: DB, family: string, items: FamilyItem[]): void {
  writeList(db, itemsKey(family), items);
}

/** The toggle's flags, by the JSON of their identity and qualifier values. */
export function familyFlags(db: DB, family: string): Record<string, FamilyFlag> {
  return readList<Record<string, FamilyFlag>>(db, flagsKey(family), {});
}

export function saveFamilyFlags(db: DB, family: string, flags: Record<string, FamilyFlag>): void {
  writeList(db, flagsKey(family), flags);
}

/**
 * Forgets the items an account owned: those whose identity names it as
 * `user` (integration groups), so a new account of the same name starts
 * with none, as on a real server where they live in the account's data.
 */
export function forgetAccountFamilyItems(db: DB, user: string): void {
  const rows = prepare<[], { key: string }>(db, "SELECT key FROM whm_stored WHERE key LIKE 'list:family:%'").all();
  for (const { key } of rows) {
    const family = key.slice('list:family:'.length);
    const items = familyItems(db, family);
    const kept = items.filter((item) => item.ids.user !== user);
    if (kept.length !== items.length) saveFamilyItems(db, family, kept);
  }
}
