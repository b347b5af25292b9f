import type { Contract, MethodContract } from '../../../contracts/contract.js';
import type { DB } from '../../../state/database.js';
import type { WhmCall } from '../call.js';
import type { MethodDef, MethodTable } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { documentedEnvelope, sampleReply } from '../sample.js';
import { saveStoredSettings, storedSettings } from '../store/stored-settings.js';
import type { ReadStep } from './collection.js';
import { isObject, writeOver } from './write-over.js';

/*
 * Get/set pairs of settings functions (set_tweaksetting/get_tweaksetting,
 * backup_config_set/backup_config_get, save_cphulk_config/load_cphulk_config…)
 * found in the contract by name. The setter stores what it was sent; the
 * getter answers its documented sample with the stored values written over
 * the keys of the same name, so a get after a set reads back what was set.
 * Values are stored per "identity": the parameters both functions take
 * (tweak setting `key` and `module`, the `app` of a contact importance…).
 */

const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^set_(.+)$/, (m) => `get_${m[1]}`],
  [/^(.+)_set$/, (m) => `${m[1]}_get`],
  [/^save_(.+)$/, (m) => `load_${m[1]}`],
  [/^update_(.+)$/, (m) => `get_${m[1]}`],
  [/^set([a-z].+)$/, (m) => `get${m[1]}`],
  [/^(.+)_set_(.+)$/, (m) => `${m[1]}_get_${m[2]}`],
  [/^(.+)_save_(.+)$/, (m) => `${m[1]}_load_${m[2]}`],
];

/**
 * Pairs whose names do not match, as the reference pairs them. `rename`:
 * the setter's name for a getter's identity parameter; `keyed`: the setter
 * sends one setting as a key parameter and a value parameter.
 */
const ALIASES: {
  setter: string;
  getter: string;
  unsetter?: string;
  identity?: string[];
  rename?: Record<string, string>;
  keyed?: { key: string; value: string };
}[] = [
  // seed 004, IP Address Management / Network Address Translation: nat_set_public_ip maps local_ip to public_ip; get_public_ip ip= reads it.
  { setter: 'nat_set_public_ip', getter: 'get_public_ip', rename: { ip: 'local_ip' } },
  // seed 004, Login Security (cPHulk) / Settings: set_cphulk_config_key sets one key of the configuration load_cphulk_config reads.
  { setter: 'set_cphulk_config_key', getter: 'load_cphulk_config', keyed: { key: 'key', value: 'value' } },
  // seed 004, Commerce Integration / Market Integration: set_market_provider_commission_id sets a provider's commission id that
  // get_market_providers_commission_config reads; its sample is empty, so the shape (commission id by provider name) is inferred.
  {
    setter: 'set_market_provider_commission_id',
    getter: 'get_market_providers_commission_config',
    identity: [],
    keyed: { key: 'provider', value: 'commission_id' },
  },
  // seed 004, NGINX Manager: nginxmanager_set_cache_config sets a user's (or, without user, the system's) cache config that the get functions read.
  // nginxmanager_reset_users_cache_config returns a user's to the system's.
  { setter: 'nginxmanager_set_cache_config', getter: 'nginxmanager_get_cache_config_users', unsetter: 'nginxmanager_reset_users_cache_config' },
  // seed 004, Server Administration / Server Profiles: start_profile_activation code= activates the profile get_current_profile reports (at once: inferred, the emulator runs no activation job).
  { setter: 'start_profile_activation', getter: 'get_current_profile' },
  // seed 004, System Package Management / Package Manager Settings: edit_rpm_version sets and delete_rpm_version removes a key of a section, which get_rpm_version_data section= lists.
  { setter: 'edit_rpm_version', getter: 'get_rpm_version_data', unsetter: 'delete_rpm_version', identity: ['section'], keyed: { key: 'key', value: 'value' } },
];

export interface SettingsPair {
  setter: MethodContract;
  getter: MethodContract;
  /** Parameters both take: they say which stored value a call is about. */
  identity: string[];
  /** The setter's own name for an identity parameter, where it differs. */
  rename?: Record<string, string>;
  /** The setter sends one setting as `key` = name, `value` = value. */
  keyed?: { key: string; value: string };
  /** Forgets one keyed setting. */
  unsetter?: MethodContract;
}

/** Every get/set pair in the contract whose functions have no hand-written handler. */
export function settingsPairs(contract: Contract, handled: (name: string) => boolean): SettingsPair[] {
  const byName = new Map(contract.methods.map((m) => [m.name, m]));
  const pairs: SettingsPair[] = [];
  for (const alias of ALIASES) {
    const setter = byName.get(alias.setter);
    const getter = byName.get(alias.getter);
    const unsetter = alias.unsetter ? byName.get(alias.unsetter) : undefined;
    if (!setter || !getter || handled(setter.name) || handled(getter.name) || (unsetter && handled(unsetter.name)) || !documentedEnvelope(getter)) continue;
    const setterParams = new Set(setter.params.map((p) => p.name));
    const identity = alias.identity ?? getter.params.map((p) => p.name).filter((n) => setterParams.has(alias.rename?.[n] ?? n) && !n.startsWith('api.'));
    pairs.push({ setter, getter, identity, rename: alias.rename, keyed: alias.keyed, unsetter });
  }
  for (const setter of contract.methods) {
    if (pairs.some((p) => p.setter === setter)) continue;
    for (const [re, getterName] of PATTERNS) {
      const m = re.exec(setter.name);
      const getter = m ? byName.get(getterName(m)) : undefined;
      if (!getter || handled(setter.name) || handled(getter.name)) continue;
      if (!documentedEnvelope(getter)) continue;
      const setterParams = new Set(setter.params.map((p) => p.name));
      const identity = getter.params.map((p) => p.name).filter((n) => setterParams.has(n) && !n.startsWith('api.'));
      pairs.push({ setter, getter, identity });
      break;
    }
  }
  return pairs;
}

function storeKey(pair: SettingsPair, call: WhmCall, side: 'setter' | 'getter'): string {
  const sentAs = (n: string) => (side === 'setter' ? (pair.rename?.[n] ?? n) : n);
  return pairKey(
    pair.getter.name,
    pair.identity.map((n) => call.str(sentAs(n)) ?? ''),
  );
}

function pairKey(getter: string, identity: string[]): string {
  return JSON.stringify([getter, ...identity]);
}

/** What a pair's setter stored for its getter `getter` (and identity values), for other functions that read the same setting. */
export function storedPairValues(db: DB, getter: string, identity: string[] = []): Record<string, unknown> {
  return storedSettings(db, pairKey(getter, identity));
}

/** The setter: stores every argument it was sent (identity aside) and answers its own sample; a keyed setter stores one named value. */
function setterMethod(pair: SettingsPair): MethodDef<WhmCall> {
  return {
    acl: 'root',
    run: (call) => {
      const key = storeKey(pair, call, 'setter');
      const values = storedSettings(call.db, key);
      if (pair.keyed) {
        values[call.required(pair.keyed.key)] = call.str(pair.keyed.value) ?? '';
      } else {
        const identity = pair.identity.map((n) => pair.rename?.[n] ?? n);
        for (const name of call.sentNames()) {
          if (identity.includes(name)) continue;
          const list = call.list(name);
          values[name] = list.length > 1 ? list : (call.str(name) ?? '');
        }
      }
      saveStoredSettings(call.db, key, values);
      return sampleReply(call);
    },
  };
}

/**
 * The unsetter: a keyed pair's forgets the value stored under that name
 * (refused when none is); another's forgets everything stored for the
 * identity, so the getter answers its sample again (a reset).
 */
function unsetterMethod(pair: SettingsPair): MethodDef<WhmCall> {
  return {
    acl: 'root',
    run: (call) => {
      const key = storeKey(pair, call, 'setter');
      if (!pair.keyed) {
        saveStoredSettings(call.db, key, {});
        return sampleReply(call);
      }
      const values = storedSettings(call.db, key);
      const name = call.required(pair.keyed.key);
      if (!Object.prototype.hasOwnProperty.call(values, name)) throw faults.noSuchFamilyItem(pair.keyed.key, name);
      delete values[name];
      saveStoredSettings(call.db, key, values);
      return sampleReply(call);
    },
  };
}

/** The getter's read step: its sample (identity echoed) with what was set written over it. */
function getterStep(pair: SettingsPair): ReadStep {
  return (data, call) => {
    const values = storedSettings(call.db, storeKey(pair, call, 'getter'));
    if (!Object.keys(values).length) return data;
    const placed = new Set<string>();
    let out = writeOver(data, values, placed);
    const rest = Object.fromEntries(Object.entries(values).filter(([k]) => !placed.has(k)));
    if (Object.keys(rest).length && (isObject(out) || out === undefined)) {
      // Values with no same-named key in the sample join the settings object (the sole object inside data, or data itself).
      const base = isObject(out) ? out : {};
      const keys = Object.keys(base);
      const inner = keys.length === 1 && isObject(base[keys[0]]) ? keys[0] : undefined;
      out = inner ? { ...base, [inner]: { ...(base[inner] as Record<string, unknown>), ...rest } } : { ...base, ...rest };
    }
    return out;
  };
}

/** The writes of a pair (setter, unsetter) and the read step of its getter. */
export function pairMethods(pair: SettingsPair): { writes: MethodTable<WhmCall>; reads: Record<string, ReadStep> } {
  const writes: MethodTable<WhmCall> = { [pair.setter.name]: setterMethod(pair) };
  if (pair.unsetter) writes[pair.unsetter.name] = unsetterMethod(pair);
  return { writes, reads: { [pair.getter.name]: getterStep(pair) } };
}
