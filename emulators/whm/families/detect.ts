import type { Contract, MethodContract } from '../../../contracts/contract.js';
import { documentedEnvelope } from '../sample.js';
import type { BatchFamily } from './batch.js';
import { hasItemList } from './collection.js';
import { settingsPairs, type SettingsPair } from './pair.js';

/*
 * Families of tier-3 functions found in the contract by their names, so one
 * mechanism keeps the state of hundreds of functions: collections
 * (add_X / list_Xs / remove_X), toggles (enable_X / disable_X / X_status,
 * per item or server-wide) and get/set pairs (pair.ts). A name is read as
 * `<prefix>_<verb>_<noun>` (modsec_add_vendor: prefix modsec, verb add, noun
 * vendor); functions of one prefix and (singular) noun form a family. The
 * reference pairs a few functions whose names do not match: ALIASES names
 * them, each with its seed 004 section.
 */

/** add_configclusterserver / list_configclusterservers / update_… / delete_…: items kept under their identity. */
export interface CollectionFamily {
  kind: 'collection';
  /** `<prefix>_<noun>` (configclusterserver, remote_mysql_profile). */
  name: string;
  /** The parameters that say which item a call is about (the remover's that the adder also takes). */
  identity: string[];
  adders: string[];
  updaters: string[];
  removers: string[];
  /** Reads of every item (filtered by the identity parameters they take). */
  listers: string[];
  /** Reads of one item (they take every identity parameter). */
  readers: string[];
}

/** enable_X / disable_X (disable/undisable, trust/untrust, make_X_active/inactive): a flag per identity, shown by the reads. */
export interface ToggleFamily {
  kind: 'toggle';
  name: string;
  on: string;
  /** Switches the flag off; with `value`, forgets the value so the read shows the sample's again. Absent for a set-only function. */
  off?: string;
  /** A function that switches several items at once with numbered arguments (setting_id1, state1, remove1…). */
  batch?: { name: string; remove: string };
  /** The parameter whose value `on` stores as the flag (a setting's state), instead of on/off. */
  value?: string;
  /** The record's key for an identity parameter, where neither its name nor its last word is it (provider → provider_name). */
  fields?: Record<string, string>;
  /** Parameters of `on` that name the item (none: a server-wide switch). */
  identity: string[];
  /** Identity parameters that choose the flag rather than the item (authentication provider's service_name). */
  qualifiers: string[];
  /** Keys the flag may have in a read's item, in order of preference; `{q}` stands for the qualifier's value. */
  flags: string[];
  reads: string[];
}

export interface Families {
  /** batch_create_X run as create_X per record (batch.ts), added once the other families are known. */
  batches: BatchFamily[];
  collections: CollectionFamily[];
  toggles: ToggleFamily[];
  pairs: SettingsPair[];
}

const ADD = ['add', 'create', 'save', 'install', 'batch_create'];
const REMOVE = ['remove', 'delete', 'uninstall'];
const UPDATE = ['update', 'edit'];
const READ = ['list', 'read', 'get', 'fetch', 'retrieve'];
/** On/off verbs and the keys their flag has in a read's items. */
const SWITCHES: { on: string; off: string; flags: string[] }[] = [
  { on: 'enable', off: 'disable', flags: ['is_enabled', 'enabled', 'active'] },
  { on: 'disable', off: 'undisable', flags: ['disabled'] },
  { on: 'block', off: 'unblock', flags: ['blocked', 'is_blocked'] },
  { on: 'trust', off: 'untrust', flags: ['is_trusted', 'trusted'] },
];

/**
 * Families the names alone do not reveal, each as the reference pairs them
 * (seed 004, the section named). Identity overrides where the shared
 * parameters include a value that is not part of the identity.
 */
const ALIASES = {
  collections: [
    // seed 004, Commerce Integration / Market Integration: ticket_grant grants, ticket_list lists, ticket_revoke revokes a support ticket's access.
    // ticket_list is a list (`auths`) filtered by the ticket and server it names: an ungranted ticket lists none.
    { name: 'ticket', adders: ['ticket_grant'], removers: ['ticket_revoke'], listers: ['ticket_list'], readers: [], identity: ['ticket_id', 'server_num'] },
  ] as Partial<CollectionFamily>[],
  toggles: [
    // seed 004, Web Server Security (ModSecurity) / Rule Vendor Settings: a vendor's automatic updates show as `update` in modsec_get_vendors.
    {
      name: 'modsec_vendor_update',
      on: 'modsec_enable_vendor_updates',
      off: 'modsec_disable_vendor_updates',
      reads: ['modsec_get_vendors'],
      flags: ['update'],
    },
    // seed 004, Web Server Security (ModSecurity) / Server Settings: a config's `active` shows in modsec_get_configs and in its vendor's configs.
    {
      name: 'modsec_config',
      on: 'modsec_make_config_active',
      off: 'modsec_make_config_inactive',
      reads: ['modsec_get_configs', 'modsec_get_vendors'],
      flags: ['active'],
    },
    // seed 004, Web Server Security (ModSecurity) / Rule Vendor Settings: a vendor's configs switched together, each config's `active`.
    {
      name: 'modsec_vendor_configs',
      on: 'modsec_enable_vendor_configs',
      off: 'modsec_disable_vendor_configs',
      reads: ['modsec_get_configs', 'modsec_get_vendors'],
      flags: ['active'],
    },
    // seed 004, Mail / Spam Protection (Greylisting): a trusted provider's `is_trusted` in the providers config and in its entries.
    {
      name: 'cpgreylist_common_mail_provider',
      on: 'cpgreylist_trust_entries_for_common_mail_provider',
      off: 'cpgreylist_untrust_entries_for_common_mail_provider',
      reads: ['cpgreylist_load_common_mail_providers_config', 'cpgreylist_list_entries_for_common_mail_provider'],
      flags: ['is_trusted'],
    },
    // seed 004, Web Server Security (ModSecurity) / Server Settings: modsec_set_setting sets a setting's `state` in modsec_get_settings; modsec_remove_setting returns it to its default.
    // The same section's modsec_batch_settings does both for numbered setting_id1/state1/remove1….
    {
      name: 'modsec_setting',
      on: 'modsec_set_setting',
      off: 'modsec_remove_setting',
      batch: { name: 'modsec_batch_settings', remove: 'remove' },
      value: 'state',
      reads: ['modsec_get_settings'],
      flags: ['state'],
    },
    // seed 004, Commerce Integration / Market Integration: set_market_product_attribute sets one attribute (price…) of a provider's product in get_market_providers_products.
    {
      name: 'market_product_attribute',
      on: 'set_market_product_attribute',
      value: 'value',
      qualifiers: ['attribute'],
      fields: { provider: 'provider_name' },
      reads: ['get_market_providers_products'],
      flags: ['{q}'],
    },
    // seed 004, Authentication / External Authentication: a provider is enabled per service, shown as `<service>_enabled` (whostmgr_enabled for whostmgrd).
    {
      name: 'authentication_provider',
      on: 'enable_authentication_provider',
      off: 'disable_authentication_provider',
      reads: ['get_available_authentication_providers'],
      qualifiers: ['service_name'],
      flags: ['{q}_enabled', '{q-}_enabled'],
    },
  ] as Partial<ToggleFamily>[],
};

interface Parsed {
  prefix: string;
  verb: string;
  noun: string;
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** `<prefix>_<verb>_<noun>` for the first token that is one of `verbs`, or undefined. */
export function parseName(name: string, verbs: readonly string[]): Parsed | undefined {
  const tokens = name.split('_');
  for (let i = 0; i < tokens.length - 1; i++) {
    const two = `${tokens[i]}_${tokens[i + 1]}`;
    const verb = verbs.includes(two) && i < tokens.length - 2 ? two : verbs.includes(tokens[i]) ? tokens[i] : undefined;
    if (!verb) continue;
    const rest = tokens.slice(i + verb.split('_').length);
    if (!rest.length) return undefined;
    rest[rest.length - 1] = singular(rest[rest.length - 1]);
    return { prefix: tokens.slice(0, i).join('_'), verb, noun: rest.join('_') };
  }
  return undefined;
}

const familyName = (p: Parsed) => (p.prefix ? `${p.prefix}_${p.noun}` : p.noun);
const paramNames = (m: MethodContract | undefined) => (m?.params ?? []).map((p) => p.name).filter((n) => !n.startsWith('api.'));
const requiredNames = (m: MethodContract | undefined) => (m?.params ?? []).filter((p) => p.required && !p.name.startsWith('api.')).map((p) => p.name);

/**
 * Every family in the contract whose functions have no hand-written handler
 * (`handled`), pairs first (so a get/set pair stays one), then collections,
 * then toggles; a function belongs to at most one family.
 */
export function detectFamilies(contract: Contract, handled: (name: string) => boolean): Families {
  const byName = new Map(contract.methods.map((m) => [m.name, m]));
  const taken = new Set<string>();
  const free = (name: string) => byName.has(name) && !handled(name) && !taken.has(name);
  const take = (names: string[]) => names.forEach((n) => taken.add(n));
  const readable = (name: string) => free(name) && documentedEnvelope(byName.get(name)!) !== undefined;

  const pairs = settingsPairs(contract, (name) => handled(name));
  for (const p of pairs) take([p.setter.name, p.getter.name, ...(p.unsetter ? [p.unsetter.name] : [])]);

  const collections: CollectionFamily[] = [];
  for (const alias of ALIASES.collections) {
    const family = completeCollection(alias, byName);
    if ([...family.adders, ...family.removers, ...family.listers, ...family.readers].every(free)) {
      collections.push(family);
      take([...family.adders, ...family.updaters, ...family.removers, ...family.listers, ...family.readers]);
    }
  }
  const groups = new Map<string, Record<'add' | 'remove' | 'update' | 'read', string[]>>();
  for (const m of contract.methods) {
    if (!free(m.name)) continue;
    for (const [role, verbs] of [
      ['add', ADD],
      ['remove', REMOVE],
      ['update', UPDATE],
      ['read', READ],
    ] as const) {
      const parsed = parseName(m.name, verbs);
      if (!parsed) continue;
      const group = groups.get(familyName(parsed)) ?? { add: [], remove: [], update: [], read: [] };
      group[role].push(m.name);
      groups.set(familyName(parsed), group);
      break;
    }
  }
  for (const [name, g] of groups) {
    // update_X with remove_X and no adder: update is the upsert (update_customizations / delete_customizations).
    const adders = g.add.length ? g.add : g.remove.length ? g.update : [];
    const reads = g.read.filter(readable);
    if (!adders.length || !reads.length) continue;
    const family = completeCollection({ name, adders, updaters: g.add.length ? g.update : [], removers: g.remove, listers: reads }, byName);
    if (!family.identity.length || family.listers.length + family.readers.length === 0) continue;
    collections.push(family);
    take([...family.adders, ...family.updaters, ...family.removers, ...family.listers, ...family.readers]);
  }

  const toggles: ToggleFamily[] = [];
  for (const alias of ALIASES.toggles) {
    const family = completeToggle(alias, byName);
    const switches = [family.on, ...(family.off ? [family.off] : []), ...(family.batch ? [family.batch.name] : [])];
    if (switches.every(free) && family.reads.every((r) => byName.has(r) && !handled(r))) {
      toggles.push(family);
      take(switches);
    }
  }
  for (const m of contract.methods) {
    for (const sw of SWITCHES) {
      const parsed = free(m.name) ? parseName(m.name, [sw.on]) : undefined;
      if (!parsed) continue;
      const off = m.name.replace(new RegExp(`(^|_)${sw.on}(_|$)`), `$1${sw.off}$2`);
      if (!free(off)) continue;
      const reads = toggleReads(parsed, byName).filter((n) => byName.has(n) && !handled(n) && documentedEnvelope(byName.get(n)!));
      if (!reads.length) continue;
      const family = completeToggle({ name: familyName(parsed), on: m.name, off, reads, flags: sw.flags }, byName);
      toggles.push(family);
      take([m.name, off]);
      break;
    }
  }
  return { batches: [], collections, toggles, pairs };
}

/** The reads a toggle's flag shows in: X_status, is_X_enabled, get_X_status, and the family's list reads. */
function toggleReads(p: Parsed, byName: Map<string, MethodContract>): string[] {
  const n = p.noun;
  const plural = n.endsWith('y') ? `${n.slice(0, -1)}ies` : `${n}s`;
  const pre = p.prefix ? `${p.prefix}_` : '';
  const names = [
    `${pre}${n}_status`,
    `${pre}is_${n}_enabled`,
    `${pre}get_${n}_status`,
    `${pre}get_${plural}`,
    `${pre}list_${plural}`,
    `${pre}get_${plural}_list`,
    `${pre}get_available_${plural}`,
  ];
  return names.filter((name) => byName.has(name));
}

function completeToggle(part: Partial<ToggleFamily>, byName: Map<string, MethodContract>): ToggleFamily {
  const qualifiers = part.qualifiers ?? [];
  const identity = part.identity ?? requiredNames(byName.get(part.on!)).filter((n) => !qualifiers.includes(n) && n !== part.value);
  return { ...part, kind: 'toggle', name: part.name!, on: part.on!, identity, qualifiers, flags: part.flags ?? [], reads: part.reads ?? [] };
}

/** A collection with its identity worked out and its reads sorted into lists and single-item reads. */
function completeCollection(part: Partial<CollectionFamily>, byName: Map<string, MethodContract>): CollectionFamily {
  const adders = part.adders ?? [];
  const adderParams = new Set(adders.flatMap((a) => paramNames(byName.get(a))));
  const identity =
    part.identity ??
    (() => {
      // What the remover needs to name an item; the adder may name it by another argument (collection.ts DERIVED: a rule's id, a vendor's id).
      const removerRequired = requiredNames(byName.get(part.removers?.[0] ?? ''));
      if (removerRequired.length) return removerRequired;
      const readerShared = (part.listers ?? []).flatMap((r) => requiredNames(byName.get(r))).filter((n) => adderParams.has(n));
      return readerShared.length ? [...new Set(readerShared)] : adderParams.has('name') ? ['name'] : [];
    })();
  const reads = [...(part.listers ?? []), ...(part.readers ?? [])];
  const takesAll = (r: string) => identity.every((n) => paramNames(byName.get(r)).includes(n));
  // A list read whose sample shows no list of records has nowhere to show the items: it is no read of the family.
  const listers = (part.readers ? (part.listers ?? []) : reads.filter((r) => !takesAll(r))).filter((r) =>
    hasItemList(r, documentedEnvelope(byName.get(r)!)?.data),
  );
  return {
    kind: 'collection',
    name: part.name!,
    identity,
    adders,
    updaters: part.updaters ?? [],
    removers: part.removers ?? [],
    listers,
    readers: part.readers ?? reads.filter(takesAll),
  };
}
