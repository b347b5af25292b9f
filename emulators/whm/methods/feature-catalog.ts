import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { featureList, featureListNames } from '../store/feature-lists.js';
import { readList, writeList } from '../store/stored-settings.js';

/*
 * The server's feature names (seed 004, "Hosting Plans / Feature Lists":
 * get_feature_names, get_feature_metadata) and the Feature Showcase
 * (seed 004, "Server Administration / Updates": manage_features).
 */

/** cPanel's display names of the features the reference's samples name (cPanel's feature manager labels). */
const KNOWN: Record<string, string> = {
  addondomains: 'Addon Domain Manager',
  autoresponders: 'Autoresponders',
  autossl: 'AutoSSL',
  backup: 'Backup Manager',
  email_trace: 'Track Delivery',
  sslinstall: 'SSL Host Installer',
  sslmanager: 'SSL Manager',
};

/** Every feature the server knows: the built-in ones and every feature a feature list names (its id is its name: inferred). */
function features(call: WhmCall): { id: string; name: string }[] {
  const ids = new Set(Object.keys(KNOWN));
  for (const list of featureListNames(call.db).slice(0, 1000)) for (const id of Object.keys(featureList(call.db, list) ?? {})) ids.add(id);
  return [...ids].sort().map((id) => ({ id, name: KNOWN[id] ?? id }));
}

function get_feature_names(call: WhmCall): unknown {
  return { feature: features(call) };
}

/** get_feature_metadata: mockpanel installs no cPAddons or plugins, so every feature is a built-in one (inferred). */
function get_feature_metadata(call: WhmCall): unknown {
  return { features: features(call).map((f) => ({ ...f, is_cpaddon: 0, is_plugin: 0 })) };
}

interface ShowcaseFeature {
  feature_key: string;
  name: string;
  description: string;
  link: string;
  vendor: string;
  recommended: 0 | 1;
}

/**
 * The Feature Showcase's features: world setting `whm.featureShowcase` (a
 * list of {feature_key, name, description, link, vendor, recommended}),
 * none by default — the reference's info sample is an empty `{}`.
 */
function showcase(call: WhmCall): ShowcaseFeature[] {
  const v = call.setting<unknown>('featureShowcase', []);
  return (Array.isArray(v) ? v : []).filter((f): f is ShowcaseFeature => typeof f?.feature_key === 'string').slice(0, 100);
}

const SHOWCASE_STATE = 'feature-showcase';

/**
 * manage_features (Whostmgr::API::1::ManageFeatures, [cpanel] wording):
 * info and list show the showcase features with their state, enable and
 * disable change it; an unknown feature is recorded as an error.
 */
function manage_features(call: WhmCall): unknown {
  const action = call.required('action');
  const all = showcase(call);
  const state = readList<Record<string, 0 | 1>>(call.db, SHOWCASE_STATE, {});
  const asked = (call.str('features') ?? '')
    .split(/\s*,\s*/)
    .filter(Boolean)
    .slice(0, 100);
  if (action === 'info') {
    const keys = asked.length ? asked : all.map((f) => f.feature_key);
    const errors = keys.filter((k) => !all.some((f) => f.feature_key === k)).map((k) => `${k} is not a vaild feature key.`);
    const feature = all.filter((f) => keys.includes(f.feature_key)).map((f) => ({ ...f, enabled: state[f.feature_key] ?? 0 }));
    const data = feature.length ? { feature } : {};
    if (errors.length) throw faults.failure('errors recorded').with({ data, metadata: { errors: { error: errors } } });
    return data;
  }
  if (action === 'list') {
    if (!all.length) throw faults.failure('No features found.');
    return { feature: all.map((f) => ({ enabled: state[f.feature_key] ?? 0, feature_key: f.feature_key })) };
  }
  if (action !== 'enable' && action !== 'disable') throw faults.invalidShowcaseAction(action.slice(0, 40));
  if (!asked.length) throw faults.failure('errors recorded').with({ data: {}, metadata: { errors: { error: ['At least one feature must be specified.'] } } });
  const errors: string[] = [];
  const actions = asked.map((feature) => {
    if (!all.some((f) => f.feature_key === feature)) {
      errors.push(`${feature} is not a valid feature.`);
      return { feature, status: 'skipped' };
    }
    state[feature] = action === 'enable' ? 1 : 0;
    return { feature, status: `Successfully performed '${action}' for ${feature}` };
  });
  writeList(call.db, SHOWCASE_STATE, state);
  if (errors.length) throw faults.failure('errors recorded').with({ data: { action: actions }, metadata: { errors: { error: errors } }, keepChanges: true });
  return { action: actions };
}

export const featureCatalogMethods = defineMethods<WhmCall>({
  get_feature_names: { acl: 'list-pkgs', run: get_feature_names },
  get_feature_metadata: { acl: 'list-pkgs', run: get_feature_metadata },
  manage_features: { acl: 'root', run: manage_features },
});
