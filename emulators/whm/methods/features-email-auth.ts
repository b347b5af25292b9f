import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { getDomain } from '../store/domains.js';
import { deleteFeatureList, featureList as storedFeatureList, featureListNames, saveFeatureList } from '../store/feature-lists.js';
import { accessibleAccount } from '../access.js';
import { ensureDkimKey, publishDkimKey } from '../store/dkim-keys.js';
import { appendRecords, bumpSerial, deleteRecord, getZone, zoneEntries } from '../store/zones.js';

// --- feature lists ---------------------------------------------------------------------------

function featureList(call: WhmCall, name: string): Record<string, number> {
  const features = storedFeatureList(call.db, name);
  if (!features) throw faults.noSuchFeatureList(name);
  return features;
}

/** Feature settings sent as `name=0|1` beside the function's own arguments. */
function sentFeatures(call: WhmCall, own: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of call.sentNames()) if (!own.includes(name)) out[name] = call.bool(name) ? 1 : 0;
  return out;
}

function get_featurelists(call: WhmCall): unknown {
  const names = featureListNames(call.db);
  // A reseller sees its own lists (named reseller_…) and the server's default ones.
  return { featurelists: call.session.root ? names : names.filter((n) => n === 'default' || n === 'disabled' || n.startsWith(`${call.session.user}_`)) };
}

function create_featurelist(call: WhmCall): unknown {
  const name = call.required('featurelist');
  const exists = storedFeatureList(call.db, name) !== undefined;
  if (exists && !call.bool('overwrite')) throw faults.featureListExists(name);
  saveFeatureList(call.db, name, sentFeatures(call, ['featurelist', 'featurelistname', 'overwrite']));
  return { featurelist: name };
}

function delete_featurelist(call: WhmCall): unknown {
  const name = call.required('featurelist');
  featureList(call, name);
  deleteFeatureList(call.db, name);
  return { deleted_featurelist: name };
}

function get_featurelist_data(call: WhmCall): unknown {
  const name = call.required('featurelist');
  const features = Object.entries(featureList(call, name)).map(([id, value]) => ({ id, is_disabled: name === 'disabled' ? 1 : 0, value }));
  return { featurelist: name, features };
}

function update_featurelist(call: WhmCall): unknown {
  const name = call.required('featurelist');
  const updated = sentFeatures(call, ['featurelist']);
  saveFeatureList(call.db, name, { ...featureList(call, name), ...updated });
  return { featurelist: name, invalid_features: [], updated_features: updated };
}

// --- DKIM, SPF and DMARC records in the zones ---------------------------------------------------

/** The zone a mail domain's records go in: the domain's own, or (for a subdomain) its parent's. */
export function mailZone(call: WhmCall, domain: string): string {
  const d = getDomain(call.db, domain);
  if (!d) throw faults.noSuchDomain(domain);
  accessibleAccount(call, d.user, () => faults.noAccessToDomain(domain));
  const zone = getZone(call.db, domain) ? domain : d.parent && getZone(call.db, d.parent) ? d.parent : undefined;
  if (!zone) throw faults.zoneMissing(domain);
  return zone;
}

/** Replaces the TXT records named `name` (optionally only those starting with `prefix`) by `value` (none when undefined). */
function setTxt(call: WhmCall, zone: string, name: string, value: string | undefined, prefix = ''): string | undefined {
  let removed: string | undefined;
  for (const e of zoneEntries(call.db, zone)) {
    if (e.type === 'TXT' && e.name === name && e.data.join('').startsWith(prefix)) {
      removed = e.data.join('');
      deleteRecord(call.db, e.id);
    }
  }
  if (value !== undefined) appendRecords(call.db, zone, [{ name, ttl: 14400, type: 'TXT', data: [value] }]);
  bumpSerial(call.db, zone, call.now());
  return removed;
}

/** Runs `each` for every `domain` sent and answers the documented `payload` of per-domain results. */
function perDomain(call: WhmCall, each: (domain: string, zone: string) => string): unknown {
  const domains = call.list('domain').map((d) => d.toLowerCase());
  if (!domains.length) throw faults.missingParameter('domain');
  return { payload: domains.map((domain) => ({ domain, msg: each(domain, mailZone(call, domain)), status: 1 })) };
}

export const featureAndEmailAuthMethods = defineMethods<WhmCall>({
  get_featurelists: { acl: 'list-pkgs', run: get_featurelists },
  create_featurelist: { acl: 'root', run: create_featurelist },
  delete_featurelist: { acl: 'root', run: delete_featurelist },
  get_featurelist_data: { acl: 'list-pkgs', run: get_featurelist_data },
  update_featurelist: { acl: 'root', run: update_featurelist },
  apply_dmarc: {
    acl: 'edit-dns',
    run: (call) => {
      const policy = call.required('policy');
      return perDomain(call, (domain, zone) => {
        const value = policy.startsWith('v=DMARC1') ? policy : `v=DMARC1; p=${policy};`;
        setTxt(call, zone, `_dmarc.${domain}.`, value);
        return `[ADD:TXT@_dmarc.${domain}:${value}]`;
      });
    },
  },
  remove_dmarc: {
    acl: 'edit-dns',
    run: (call) => perDomain(call, (domain, zone) => `[REMOVE:TXT@_dmarc.${domain}:${setTxt(call, zone, `_dmarc.${domain}.`, undefined) ?? ''}]`),
  },
  enable_dkim: {
    acl: 'edit-dns',
    run: (call) =>
      perDomain(call, (domain, zone) => {
        // The domain's own key (made before the call when it has none: key-needs.ts), which validate_current_dkims expects.
        const made = ensureDkimKey(call.db, domain);
        if (!made) throw faults.keyUnavailable('DKIM');
        publishDkimKey(call.db, domain, zone, made.key.public_key, call.now());
        return 'Installed Keys';
      }),
  },
  disable_dkim: {
    acl: 'edit-dns',
    run: (call) => perDomain(call, (domain, zone) => `[REMOVE:TXT@default._domainkey:${setTxt(call, zone, `default._domainkey.${domain}.`, undefined) ?? ''}]`),
  },
  install_spf_records: {
    acl: 'edit-dns',
    run: (call) => {
      const record = call.required('record');
      return perDomain(call, (domain, zone) => {
        setTxt(call, zone, `${domain}.`, record, 'v=spf1');
        return `[REPLACE:${domain}.:${record}]`;
      });
    },
  },
});
