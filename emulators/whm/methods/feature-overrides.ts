import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { accessibleAccount } from '../access.js';
import { faults } from '../faults.js';
import type { AccountRow } from '../store/accounts.js';
import { featureList } from '../store/feature-lists.js';
import { featureOverrides, writeFeatureOverrides } from '../store/feature-overrides.js';

const FEATURE_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/** `features` as WHM takes it: a JSON text in a query or form, or the struct/array of a JSON body. */
function featuresArg(call: WhmCall): unknown {
  const raw = call.params.features;
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw faults.invalidParameter('features', raw.slice(0, 200), 'JSON');
  }
}

function featureName(name: string): string {
  if (!FEATURE_NAME.test(name)) throw faults.invalidParameter('feature', name.slice(0, 200), 'a feature name');
  return name.toLowerCase();
}

/** What the account's feature list says about a feature: a feature the list does not name is enabled (inferred: cPanel features default to on). */
function listSetting(list: Record<string, number> | undefined, feature: string): number {
  return list?.[feature] === 0 ? 0 : 1;
}

/** add_override_features_for_user: `features={"name": 0|1, …}` (seed 004 sample: `{"backup":"1"}`) stored on the account. */
function add_override_features_for_user(call: WhmCall): unknown {
  const row = accessibleAccount(call, call.required('user'));
  const features = featuresArg(call);
  if (!features || typeof features !== 'object' || Array.isArray(features))
    throw faults.invalidParameter('features', JSON.stringify(features)?.slice(0, 200), 'a JSON object of feature names and 0 or 1');
  const changes: Record<string, 0 | 1> = {};
  for (const [name, value] of Object.entries(features as Record<string, unknown>)) changes[featureName(name)] = Number(value) ? 1 : 0;
  writeFeatureOverrides(call.db, row, changes);
  return undefined;
}

/** remove_override_features_for_user: `features=["name", …]` (seed 004 sample) back to the feature list's setting. */
function remove_override_features_for_user(call: WhmCall): unknown {
  const row = accessibleAccount(call, call.required('user'));
  const features = featuresArg(call);
  const names = Array.isArray(features) ? features : typeof features === 'string' ? [features] : undefined;
  if (!names) throw faults.invalidParameter('features', JSON.stringify(features)?.slice(0, 200), 'a JSON array of feature names');
  writeFeatureOverrides(call.db, row, Object.fromEntries(names.map((n) => [featureName(String(n)), null])));
  return undefined;
}

function settingsOf(call: WhmCall, row: AccountRow, asked: string[] | undefined): Record<string, unknown>[] {
  const list = featureList(call.db, row.featurelist);
  const overrides = featureOverrides(row);
  // Without `feature`: every feature the world knows for the account, its list's and its own (inferred).
  const features = asked ?? [...new Set([...Object.keys(list ?? {}), ...Object.keys(overrides)])].sort();
  return features.map((feature) => {
    const fromList = listSetting(list, feature);
    // cpuser_setting: the account's own override, else what its list gives it (inferred: the sample shows both at 1).
    return { cpuser_setting: overrides[feature] ?? fromList, feature, feature_list: row.featurelist, feature_list_setting: fromList, user: row.user };
  });
}

/**
 * get_users_features_settings: per user (user, user-N) and feature
 * (feature, feature-N), the list's and the account's setting. A `feature`
 * sent empty is an error: "If you use this parameter, you must enter a
 * feature name, or the function returns an error" (seed 004).
 */
function get_users_features_settings(call: WhmCall): unknown {
  const users = call.list('user');
  if (!users.length) throw faults.missingParameter('user');
  const sentFeature = call.sent('feature') || call.sentNames().some((n) => /^feature-\d+$/.test(n));
  let asked: string[] | undefined;
  if (sentFeature) {
    asked = call.list('feature').map((f) => f.trim());
    if (!asked.length || asked.some((f) => f === '')) throw faults.emptyParameter('feature');
    asked = asked.map(featureName);
  }
  return { users_features_settings: users.flatMap((user) => settingsOf(call, accessibleAccount(call, user), asked)) };
}

/** verify_user_has_feature: the account's override, else its feature list's setting. */
function verify_user_has_feature(call: WhmCall): unknown {
  const row = accessibleAccount(call, call.required('user'));
  const feature = featureName(call.required('feature'));
  const own = featureOverrides(row)[feature];
  return { has_feature: own ?? listSetting(featureList(call.db, row.featurelist), feature), query_feature: feature };
}

export const featureOverrideMethods = defineMethods<WhmCall>({
  add_override_features_for_user: { acl: 'root', run: add_override_features_for_user },
  remove_override_features_for_user: { acl: 'root', run: remove_override_features_for_user },
  get_users_features_settings: { acl: 'list-accts', run: get_users_features_settings },
  verify_user_has_feature: { acl: 'list-accts', run: verify_user_has_feature },
});
