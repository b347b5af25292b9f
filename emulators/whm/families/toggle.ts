import type { MethodTable } from '../../core/define-methods.js';
import type { WhmCall } from '../call.js';
import { faults } from '../faults.js';
import { likeSample, sampleReply } from '../sample.js';
import { familyFlags, MAX_FAMILY_ITEMS, saveFamilyFlags, type FamilyFlag } from '../store/family-state.js';
import type { ReadStep } from './collection.js';
import type { ToggleFamily } from './detect.js';
import { mapRecords } from './sample-items.js';
import { isObject } from './write-over.js';

/*
 * A toggle family: `on` and `off` set a flag, server-wide (enable_cphulk →
 * cphulk_status.is_enabled) or per item (enable_market_provider name=… →
 * that provider's `enabled` in get_market_providers_list; modsec_disable_rule
 * → the rule's `disabled` in modsec_get_rules). Reads answer their sample
 * with every stored flag written on the records it names; an item the
 * sample does not show is left as it is (inferred: the reference documents
 * no refusal for switching an unknown item, and the item may come from a
 * collection family's list).
 */

/** Most numbered items one batch call switches. */
const MAX_BATCH_ITEMS = 100;

function flagKeys(family: ToggleFamily, flag: FamilyFlag): string[] {
  const q = Object.values(flag.qualifiers)[0] ?? '';
  return family.flags.map((f) => f.replace('{q}', q).replace('{q-}', q.replace(/d$/, '')));
}

function matches(family: ToggleFamily, record: Record<string, unknown>, key: string | undefined, ids: Record<string, string>): boolean {
  const names = Object.keys(ids);
  return names.every((name) => {
    const field = record[family.fields?.[name] ?? name] ?? record[name.split('_').pop()!];
    if (field !== undefined && field !== null && typeof field !== 'object') return String(field) === ids[name];
    return names.length === 1 && key === ids[name];
  });
}

/** The record with the flag set on its first flag key; a record without one has it set on the records inside it (a provider's `ips`). */
function setFlag(record: Record<string, unknown>, keys: string[], on: boolean | string, depth = 0): Record<string, unknown> {
  const key = keys.find((k) => k in record && (record[k] === null || typeof record[k] !== 'object'));
  if (key) {
    const typed = likeSample(record[key], typeof on === 'string' ? on : on ? '1' : '0');
    return { ...record, [key]: typed !== undefined ? typed : typeof on === 'string' ? on : on ? 1 : 0 };
  }
  if (depth > 3) return record;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (Array.isArray(v)) out[k] = v.map((e) => (isObject(e) ? setFlag(e, keys, on, depth + 1) : e));
    else out[k] = isObject(v) ? setFlag(v, keys, on, depth + 1) : v;
  }
  return out;
}

/** The methods of the family's two switches, and the read step of its reads. */
export function toggleMethods(family: ToggleFamily): { writes: MethodTable<WhmCall>; reads: Record<string, ReadStep> } {
  /** Switches one item (its arguments named with `suffix`: the numbered form of a batch) in `flags`. */
  const apply = (call: WhmCall, flags: Record<string, FamilyFlag>, on: boolean, suffix = '') => {
    const pick = (names: string[]) => Object.fromEntries(names.map((n) => [n, call.required(`${n}${suffix}`)]));
    const flag: FamilyFlag = { ids: pick(family.identity), qualifiers: pick(family.qualifiers), on };
    if (family.value && on) flag.value = call.str(`${family.value}${suffix}`) ?? '';
    const key = JSON.stringify([flag.ids, flag.qualifiers]);
    if (!(key in flags) && Object.keys(flags).length >= MAX_FAMILY_ITEMS) throw faults.familyFull(family.name.replace(/_/g, ' '), MAX_FAMILY_ITEMS);
    // A value switched off is forgotten: the read shows the sample's (the setting's default) again.
    if (family.value && !on) delete flags[key];
    else flags[key] = flag;
  };
  const write = (on: boolean) => ({
    acl: 'root',
    run: (call: WhmCall) => {
      const flags = familyFlags(call.db, family.name);
      apply(call, flags, on);
      saveFamilyFlags(call.db, family.name, flags);
      return sampleReply(call);
    },
  });
  /** The batch form: the unnumbered item, then item 1, 2, … while its identity is sent, each switched off where its `remove<N>` is 1. */
  const batch = (remove: string) => ({
    acl: 'root',
    run: (call: WhmCall) => {
      const flags = familyFlags(call.db, family.name);
      const first = family.identity[0];
      for (let i = 0; i <= MAX_BATCH_ITEMS; i++) {
        const suffix = i === 0 ? '' : String(i);
        if (i > 0 && !call.sent(`${first}${suffix}`)) break;
        if (i === 0 && !call.sent(first)) continue;
        apply(call, flags, call.str(`${remove}${suffix}`) !== '1', suffix);
      }
      saveFamilyFlags(call.db, family.name, flags);
      return sampleReply(call);
    },
  });
  const step: ReadStep = (data, call) => {
    const flags = Object.values(familyFlags(call.db, family.name));
    if (!flags.length) return data;
    let out = data;
    for (const flag of flags.filter((f) => !Object.keys(f.ids).length)) out = isObject(out) ? setFlag(out, flagKeys(family, flag), flag.value ?? flag.on) : out;
    // Per-item flags in one pass over the records: each record takes the flags that name it.
    const itemFlags = flags.filter((f) => Object.keys(f.ids).length);
    if (!itemFlags.length) return out;
    return mapRecords(out, (record, key) =>
      itemFlags.reduce((r, flag) => (matches(family, r, key, flag.ids) ? setFlag(r, flagKeys(family, flag), flag.value ?? flag.on) : r), record),
    );
  };
  const writes: MethodTable<WhmCall> = { [family.on]: write(true) };
  if (family.off) writes[family.off] = write(false);
  if (family.batch) writes[family.batch.name] = batch(family.batch.remove);
  return { writes, reads: Object.fromEntries(family.reads.map((r) => [r, step])) };
}
