import type { Contract, MethodContract } from '../../../contracts/contract.js';
import type { WhmCall } from '../call.js';
import type { MethodDef, MethodTable } from '../../core/define-methods.js';
import { documentedEnvelope, sampleReply } from '../sample.js';
import { saveStoredSettings, storedSettings } from '../store/stored-settings.js';
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
];

/**
 * Pairs whose names do not match, as the reference pairs them. `rename`:
 * the setter's name for a getter's identity parameter; `keyed`: the setter
 * sends one setting as a key parameter and a value parameter.
 */
const ALIASES: { setter: string; getter: string; rename?: Record<string, string>; keyed?: { key: string; value: string } }[] = [
  // seed 004, IP Address Management / Network Address Translation: nat_set_public_ip maps local_ip to public_ip; get_public_ip ip= reads it.
  { setter: 'nat_set_public_ip', getter: 'get_public_ip', rename: { ip: 'local_ip' } },
  // seed 004, Login Security (cPHulk) / Settings: set_cphulk_config_key sets one key of the configuration load_cphulk_config reads.
  { setter: 'set_cphulk_config_key', getter: 'load_cphulk_config', keyed: { key: 'key', value: 'value' } },
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
}

/** Every get/set pair in the contract whose functions have no hand-written handler. */
export function settingsPairs(contract: Contract, handled: (name: string) => boolean): SettingsPair[] {
  const byName = new Map(contract.methods.map((m) => [m.name, m]));
  const pairs: SettingsPair[] = [];
  for (const alias of ALIASES) {
    const setter = byName.get(alias.setter);
    const getter = byName.get(alias.getter);
    if (!setter || !getter || handled(setter.name) || handled(getter.name) || !documentedEnvelope(getter)) continue;
    const setterParams = new Set(setter.params.map((p) => p.name));
    const identity = getter.params.map((p) => p.name).filter((n) => setterParams.has(alias.rename?.[n] ?? n) && !n.startsWith('api.'));
    pairs.push({ setter, getter, identity, rename: alias.rename, keyed: alias.keyed });
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
  return JSON.stringify([pair.getter.name, ...pair.identity.map((n) => call.str(sentAs(n)) ?? '')]);
}

/** The setter: stores every argument it was sent (identity aside) and answers its own sample. */
function setterMethod(pair: SettingsPair): MethodDef<WhmCall> {
  return {
    acl: 'root',
    run: (call) => {
      const key = storeKey(pair, call, 'setter');
      const values = storedSettings(call.db, key);
      if (pair.keyed) {
        values[call.required(pair.keyed.key)] = call.str(pair.keyed.value) ?? '';
        saveStoredSettings(call.db, key, values);
        return sampleReply(call);
      }
      const identity = pair.identity.map((n) => pair.rename?.[n] ?? n);
      for (const name of call.sentNames()) {
        if (identity.includes(name)) continue;
        const list = call.list(name);
        values[name] = list.length > 1 ? list : (call.str(name) ?? '');
      }
      saveStoredSettings(call.db, key, values);
      return sampleReply(call);
    },
  };
}

/** The getter: its sample, echoing the identity, with what was set written over it. */
function getterMethod(pair: SettingsPair): MethodDef<WhmCall> {
  return {
    acl: 'root',
    run: (call) => {
      const values = storedSettings(call.db, storeKey(pair, call, 'getter'));
      const reply = sampleReply(call);
      if (!Object.keys(values).length) return reply;
      const placed = new Set<string>();
      let data = writeOver(reply.options.data, values, placed);
      const rest = Object.fromEntries(Object.entries(values).filter(([k]) => !placed.has(k)));
      if (Object.keys(rest).length && isObject(data)) {
        // Values with no same-named key in the sample join the settings object (the sole object inside data, or data itself).
        const keys = Object.keys(data);
        const inner = keys.length === 1 && isObject(data[keys[0]]) ? keys[0] : undefined;
        data = inner ? { ...data, [inner]: { ...(data[inner] as Record<string, unknown>), ...rest } } : { ...data, ...rest };
      }
      return sampleReply(call, data);
    },
  };
}

/** Methods for both functions of every pair, keyed by function name. */
export function settingsPairMethods(pairs: SettingsPair[]): MethodTable<WhmCall> {
  const out: MethodTable<WhmCall> = {};
  for (const pair of pairs) {
    out[pair.setter.name] = setterMethod(pair);
    out[pair.getter.name] = getterMethod(pair);
  }
  return out;
}
