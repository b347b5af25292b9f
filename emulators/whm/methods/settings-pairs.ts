import type { Contract, MethodContract } from '../../../contracts/contract.js';
import type { DB } from '../../../state/database.js';
import type { WhmCall } from '../call.js';
import type { MethodDef, MethodTable } from '../../core/define-methods.js';
import { documentedEnvelope, likeSample, sampleReply } from '../sample.js';
import { saveStoredSettings, storedSettings } from '../store/stored-settings.js';

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
];

export interface SettingsPair {
  setter: MethodContract;
  getter: MethodContract;
  /** Parameters both take: they say which stored value a call is about. */
  identity: string[];
}

/** Every get/set pair in the contract whose functions have no hand-written handler. */
export function settingsPairs(contract: Contract, handled: (name: string) => boolean): SettingsPair[] {
  const byName = new Map(contract.methods.map((m) => [m.name, m]));
  const pairs: SettingsPair[] = [];
  for (const setter of contract.methods) {
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

function storeKey(pair: SettingsPair, call: WhmCall): string {
  return pairKey(
    pair.getter.name,
    pair.identity.map((n) => call.str(n) ?? ''),
  );
}

function pairKey(getter: string, identity: string[]): string {
  return JSON.stringify([getter, ...identity]);
}

/** What a pair's setter stored for its getter `getter` (and identity values), for other functions that read the same setting. */
export function storedPairValues(db: DB, getter: string, identity: string[] = []): Record<string, unknown> {
  return storedSettings(db, pairKey(getter, identity));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A stored value as it fits where the sample has `sampleValue`: JSON text becomes the structure it encodes; undefined when it does not fit. */
function fitted(sampleValue: unknown, stored: unknown): unknown {
  if (sampleValue !== null && typeof sampleValue === 'object') {
    let parsed = stored;
    if (typeof stored === 'string') {
      try {
        parsed = JSON.parse(stored);
      } catch {
        return undefined;
      }
    }
    return Array.isArray(parsed) === Array.isArray(sampleValue) && typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  }
  return typeof stored === 'string' ? likeSample(sampleValue, stored) : stored;
}

/** Writes stored values over same-named keys anywhere in the sample; returns the names it found a place for. */
function writeOver(value: unknown, values: Record<string, unknown>, placed: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => writeOver(v, values, placed));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const fit = k in values ? fitted(v, values[k]) : undefined;
    if (fit !== undefined) {
      placed.add(k);
      out[k] = fit;
    } else {
      if (k in values) placed.add(k);
      out[k] = writeOver(v, values, placed);
    }
  }
  return out;
}

/** The setter: stores every argument it was sent (identity aside) and answers its own sample. */
function setterMethod(pair: SettingsPair): MethodDef<WhmCall> {
  return {
    acl: 'root',
    run: (call) => {
      const key = storeKey(pair, call);
      const values = storedSettings(call.db, key);
      for (const name of call.sentNames()) {
        if (pair.identity.includes(name)) continue;
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
      const values = storedSettings(call.db, storeKey(pair, call));
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
