import type { MethodTable } from '../../core/define-methods.js';
import type { WhmCall } from '../call.js';
import { faults } from '../faults.js';
import { sampleReply } from '../sample.js';
import { familyItems, MAX_FAMILY_ITEMS, saveFamilyItems, type FamilyItem } from '../store/family-state.js';
import type { CollectionFamily } from './detect.js';
import { itemList, withValueAt } from './sample-items.js';
import { isObject, itemRecord, writeOver } from './write-over.js';

/*
 * A collection family: the adder keeps the parameters it was sent as an
 * item under its identity, updaters change an item, removers drop it, and
 * the reads answer their documented sample with the stored items in it:
 * a list read one record per item (the sample's first record as the
 * template), a single-item read the sample with the item written over it.
 */

/** A step of a read: the documented data (request echoed) in, the data with this family's state in it out. */
export type ReadStep = (data: unknown, call: WhmCall) => unknown;

/**
 * Identity values the adder is not sent but that its other arguments name:
 * seed 004, modsec_add_rule: the rule's own `id:` action is the id
 * modsec_remove_rule and modsec_get_rules use; seed 004, modsec_add_vendor:
 * the url names the vendor's meta_<vendor_id>.yaml.
 */
const DERIVED: Record<string, (call: WhmCall) => string | undefined> = {
  id: (call) => /\bid:'?(\d+)/.exec(call.str('rule') ?? '')?.[1],
  vendor_id: (call) => /meta_([A-Za-z0-9_-]+)\.yaml$/.exec(call.str('url') ?? '')?.[1],
};

/** seed 004, ea4_list_profiles: a saved profile is listed among the `custom` ones. */
const LIST_AT: Record<string, string[]> = { ea4_list_profiles: ['custom'] };

const what = (family: CollectionFamily) => family.name.replace(/_/g, ' ');
const sameIds = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).every((k) => a[k] === b[k]);
const describeIds = (ids: Record<string, string>) => Object.values(ids).join('/');

function identityOf(family: CollectionFamily, call: WhmCall, derive: boolean): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const name of family.identity) {
    let value = call.str(name);
    if ((value === undefined || value === '') && derive) value = DERIVED[name]?.(call);
    if (value === undefined || value === '') throw faults.missingParameter(name);
    ids[name] = value;
  }
  return ids;
}

/** Every argument the call sent apart from the identity: what an item keeps. */
function sentValues(family: CollectionFamily, call: WhmCall): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const name of call.sentNames()) {
    if (family.identity.includes(name)) continue;
    const list = call.list(name);
    values[name] = list.length > 1 ? list : (call.str(name) ?? '');
  }
  return values;
}

function find(family: CollectionFamily, call: WhmCall, items: FamilyItem[], derive: boolean): { ids: Record<string, string>; index: number } {
  const ids = identityOf(family, call, derive);
  const index = items.findIndex((item) => sameIds(ids, item.ids));
  if (index < 0) throw faults.noSuchFamilyItem(what(family), describeIds(ids));
  return { ids, index };
}

/**
 * The sample's data with the item written over it (single-item reads,
 * updaters, removers). A read whose sample has no data answers the item
 * itself (inferred: retrieve_customizations' sample shows none, yet the
 * function exists to read what update_customizations stored); a write
 * whose sample has none answers none.
 */
function withItem(family: CollectionFamily, data: unknown, item: FamilyItem, read = false): unknown {
  const values = { ...item.ids, ...item.values };
  if (data === undefined || data === null) return read ? values : data;
  return isObject(data) ? itemRecord(data, values, read ? family.identity : []) : writeOver(data, values, new Set());
}

/** The methods of the family's writes, and the read steps of its reads. */
export function collectionMethods(family: CollectionFamily): { writes: MethodTable<WhmCall>; reads: Record<string, ReadStep> } {
  const writes: MethodTable<WhmCall> = {};
  const reads: Record<string, ReadStep> = {};
  for (const name of family.adders) {
    writes[name] = {
      acl: 'root',
      run: (call) => {
        const ids = identityOf(family, call, true);
        const items = familyItems(call.db, family.name);
        const values = sentValues(family, call);
        const index = items.findIndex((item) => sameIds(ids, item.ids));
        // inferred: adding an identity that exists replaces its values (save_/install_ are upserts; the reference documents no duplicate refusal).
        if (index >= 0) items[index] = { ids, values: { ...items[index].values, ...values } };
        else if (items.length >= MAX_FAMILY_ITEMS) throw faults.familyFull(what(family), MAX_FAMILY_ITEMS);
        else items.push({ ids, values });
        saveFamilyItems(call.db, family.name, items);
        return sampleReply(call);
      },
    };
  }
  for (const name of family.updaters) {
    writes[name] = {
      acl: 'root',
      run: (call) => {
        const items = familyItems(call.db, family.name);
        const { ids, index } = find(family, call, items, true);
        items[index] = { ids, values: { ...items[index].values, ...sentValues(family, call) } };
        saveFamilyItems(call.db, family.name, items);
        return sampleReply(call, withItem(family, sampleReply(call).options.data, items[index]));
      },
    };
  }
  for (const name of family.removers) {
    writes[name] = {
      acl: 'root',
      run: (call) => {
        const items = familyItems(call.db, family.name);
        const { index } = find(family, call, items, false);
        const [removed] = items.splice(index, 1);
        saveFamilyItems(call.db, family.name, items);
        return sampleReply(call, withItem(family, sampleReply(call).options.data, removed));
      },
    };
  }
  for (const name of family.readers) {
    reads[name] = (data, call) => {
      const items = familyItems(call.db, family.name);
      return withItem(family, data, items[find(family, call, items, false).index], true);
    };
  }
  for (const name of family.listers) {
    reads[name] = (data, call) => {
      const list = itemList(data, LIST_AT[name]);
      if (!list) return data;
      // A list read that takes some identity parameters (list_integration_groups' user) lists the items they name.
      const filter = family.identity.filter((n) => call.sent(n) && call.str(n) !== '');
      const items = familyItems(call.db, family.name).filter((item) => filter.every((n) => item.ids[n] === call.str(n)));
      if (list.kind === 'array') {
        return withValueAt(
          data,
          list.path,
          items.map((item) => itemRecord(list.template, { ...item.ids, ...item.values }, family.identity)),
        );
      }
      return withValueAt(data, list.path, Object.fromEntries(items.map((item) => [describeIds(item.ids), itemRecord(list.template, item.values, [])])));
    };
  }
  return { writes, reads };
}

/** Whether a list read's sample shows a list the items can go in. */
export function hasItemList(name: string, data: unknown): boolean {
  return itemList(data, LIST_AT[name]) !== undefined;
}
