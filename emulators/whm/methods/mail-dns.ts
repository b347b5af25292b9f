import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { isIpv4 } from '../ip.js';
import { checkSpf, type SpfLookup } from '../spf-check.js';
import { accessibleAccount, canAccess } from '../access.js';
import { getAccount } from '../store/accounts.js';
import { dkimKey, dkimRecord, ensureDkimKey, publishDkimKey, saveDkimKey } from '../store/dkim-keys.js';
import { domainsWithAccounts, getDomain } from '../store/domains.js';
import { getZone, zoneEntries } from '../store/zones.js';
import { mailZone } from './features-email-auth.js';
import { storedPairValues } from '../families/pair.js';

/*
 * Mail DNS (seed 004, "Mail / Domain Keys", "SPF", "DMARC"): the validate_*
 * functions compare what the zones publish with what the server expects:
 * the domain's DKIM key, an SPF record that lets the account's address
 * send, a DMARC record. The DKIM key functions keep each domain's key
 * (store/dkim-keys.ts). States beyond the samples' VALID / ERROR / DNS_ERROR
 * are inferred: MISSING (no record), MISMATCH / INVALID (a record that does
 * not do what is expected), per-record SPF results named as RFC 7208 §2.6.
 */

const MAX_DOMAINS = 100;

/** Every `domain` sent, lower case, bounded. */
function domainList(call: WhmCall): string[] {
  const list = call.list('domain').map((d) => d.toLowerCase().replace(/\.$/, ''));
  if (!list.length) throw faults.missingParameter('domain');
  if (list.length > MAX_DOMAINS) throw faults.invalidParameter('domain', `${list.length} values`, `at most ${MAX_DOMAINS} domains`);
  return list;
}

/** Records of `type` named `name` in whichever of the server's zones holds the name (the zone of the name or of a parent). */
const lookup =
  (call: WhmCall): SpfLookup =>
  (name, type) => {
    const fq = `${name.toLowerCase().replace(/\.$/, '')}.`;
    const labels = fq.slice(0, -1).split('.');
    for (let i = 0; i < labels.length - 1; i++) {
      const zone = labels.slice(i).join('.');
      if (!getZone(call.db, zone)) continue;
      return zoneEntries(call.db, zone)
        .filter((e) => e.name === fq && e.type === type)
        .map((e) => (type === 'MX' ? (e.data[1] ?? '').replace(/\.$/, '') : e.data.join('')));
    }
    return [];
  };

/**
 * The zone that answers for a domain's mail records (its own, or its
 * parent's for a subdomain), or undefined when the server has none: a
 * domain not on the server is refused, one without a zone gets the
 * per-domain DNS error the samples show.
 */
function mailZoneOf(call: WhmCall, domain: string): string | undefined {
  const d = getDomain(call.db, domain);
  if (!d) throw faults.noSuchDomain(domain);
  accessibleAccount(call, d.user, () => faults.noAccessToDomain(domain));
  return getZone(call.db, domain) ? domain : d.parent && getZone(call.db, d.parent) ? d.parent : undefined;
}

/** The samples' wording of a failed lookup ("DNS returned “SERVFAIL” (code 2) …"), here for a name no zone of the server holds. */
function dnsError(name: string): string {
  return `DNS returned “NXDOMAIN” (code 3) in response to the system’s query for “${name}”’s “TXT” records.`;
}

/** The TXT texts at a name, in the domain's mail zone. */
function txtAt(call: WhmCall, zone: string, name: string): string[] {
  return zoneEntries(call.db, zone)
    .filter((e) => e.type === 'TXT' && e.name === name)
    .map((e) => e.data.join(''));
}

/** A DKIM record's tags (RFC 6376 §3.2), whitespace ignored. */
function dkimTags(record: string): Map<string, string> {
  return new Map(
    record
      .split(';')
      .map((t) => t.replace(/\s+/g, ''))
      .filter(Boolean)
      .map((t) => [t.slice(0, t.indexOf('=')).toLowerCase(), t.slice(t.indexOf('=') + 1)] as [string, string]),
  );
}

function validate_current_dkims(call: WhmCall): unknown {
  return {
    payload: domainList(call).map((domain) => {
      const zone = mailZoneOf(call, domain);
      const key = dkimKey(call.db, domain);
      const expected = key ? dkimRecord(key.public_key) : '';
      const name = `default._domainkey.${domain}`;
      if (!zone) return { domain: name, error: dnsError(name), expected, records: [], state: 'ERROR', validity_cache_update: 'none' };
      const records = txtAt(call, zone, `default._domainkey.${domain}.`).map((current) => {
        const p = dkimTags(current).get('p');
        return { current, state: key && p === key.public_key ? 'VALID' : 'MISMATCH' };
      });
      const state = !records.length ? 'MISSING' : records.length === 1 && records[0].state === 'VALID' ? 'VALID' : 'MISMATCH';
      return {
        domain: `default._domainkey.${domain}`,
        expected,
        records,
        state,
        validity_cache_update: state === 'VALID' ? 'valid' : records.length ? 'invalid' : 'none',
      };
    }),
  };
}

function validate_current_spfs(call: WhmCall): unknown {
  const dns = lookup(call);
  return {
    payload: domainList(call).map((domain) => {
      const zone = mailZoneOf(call, domain);
      const ip = getAccount(call.db, getDomain(call.db, domain)!.user)?.ip ?? '';
      const v4 = isIpv4(ip);
      if (!zone) return { domain, error: dnsError(domain), ip_address: ip, ip_version: v4 ? 4 : 6, records: [], state: 'ERROR' };
      const records = txtAt(call, zone, `${domain}.`)
        .filter((t) => /^v=spf1(\s|$)/i.test(t))
        .map((current) => {
          const { result, mechanism } = checkSpf(current, domain, ip, dns);
          // The sample's reason wording for a record that does not let the server send.
          const reason =
            result === 'PASS'
              ? undefined
              : `${domain}: Sender is not authorized by default to use '${domain}' in 'helo' identity${mechanism ? ` (mechanism '${mechanism}' matched)` : ''}`;
          return { current, ...(reason ? { reason } : {}), state: result };
        });
      // RFC 7208 §4.5: more than one SPF record is a permanent error.
      const state = !records.length ? 'MISSING' : records.length > 1 ? 'TOO_MANY' : records[0].state === 'PASS' ? 'VALID' : 'INVALID';
      return { domain, expected: `${v4 ? 'ip4' : 'ip6'}:${ip}`, ip_address: ip, ip_version: v4 ? 4 : 6, records, state };
    }),
  };
}

/** The default DMARC record (set_default_dmarc_record / get_default_dmarc_record; its sample's value when none was set). */
function suggestedDmarc(call: WhmCall): string {
  const stored = storedPairValues(call.db, 'get_default_dmarc_record').record;
  return typeof stored === 'string' && stored ? stored : 'v=DMARC1; p=none;';
}

function validate_current_dmarcs(call: WhmCall): unknown {
  // seed 004: "If you do not include this argument, the system will validate DMARC records for all domains on the server."
  const list = call.list('domain').length
    ? domainList(call)
    : domainsWithAccounts(call.db)
        .filter((d) => canAccess(call, d))
        .map((d) => d.d_domain);
  const suggested = suggestedDmarc(call);
  return {
    payload: list.map((domain) => {
      const zone = mailZoneOf(call, domain);
      if (!zone) return { domain, error: dnsError(`_dmarc.${domain}`), record: '', state: 'DNS_ERROR', subdomain: `_dmarc.${domain}`, suggested };
      const found = txtAt(call, zone, `_dmarc.${domain}.`).filter((t) => /^v=DMARC1/i.test(t));
      const record = found[0] ?? '';
      // RFC 7489 §6.3: one record, whose first tag is v=DMARC1 and which names a policy p=none|quarantine|reject.
      const valid = found.length === 1 && /(^|;)\s*p\s*=\s*(none|quarantine|reject)\s*(;|$)/i.test(record);
      const state = !found.length ? 'MISSING' : valid ? 'VALID' : 'INVALID';
      return { domain, error: '', record, state, subdomain: `_dmarc.${domain}`, suggested };
    }),
  };
}

/** The domain, if it exists and the caller may act on it. */
function ownDomain(call: WhmCall, domain: string): string {
  const d = getDomain(call.db, domain);
  if (!d) throw faults.noSuchDomain(domain);
  accessibleAccount(call, d.user, () => faults.noAccessToDomain(domain));
  return domain;
}

function ensure_dkim_keys_exist(call: WhmCall): unknown {
  return {
    payload: domainList(call).map((domain) => {
      const made = ensureDkimKey(call.db, ownDomain(call, domain));
      if (!made) return { domain, msg: faults.keyUnavailable('DKIM').faultString, status: 0 };
      // The sample's message for a new key; inferred for one that was there.
      return { domain, msg: made.created ? 'created new key' : 'key already exists', status: 1 };
    }),
  };
}

function fetch_dkim_private_keys(call: WhmCall): unknown {
  return {
    payload: domainList(call).map((domain) => {
      const key = dkimKey(call.db, ownDomain(call, domain));
      if (!key) throw faults.noDkimKey(domain);
      return { domain, pem: key.private_pem };
    }),
  };
}

const MAX_PEM = 16 * 1024;

/** The PEM sent as an RSA private key, normalised to PKCS#1, and its public key; a refusal when it is not one. */
function rsaPem(text: string): { pem: string; publicKey: string } {
  if (text.length > MAX_PEM) throw faults.invalidParameter('key', `${text.slice(0, 40)}…`, 'an RSA private key in PEM form');
  try {
    const key = createPrivateKey({ key: text, format: 'pem' });
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    const pem = key.export({ type: 'pkcs1', format: 'pem' }) as string;
    const publicKey = (createPublicKey(key).export({ type: 'spki', format: 'der' }) as Buffer).toString('base64');
    return { pem, publicKey };
  } catch {
    throw faults.invalidParameter('key', `${text.slice(0, 40)}…`, 'an RSA private key in PEM form');
  }
}

/** seed 004: one `key` per `domain` (domain-1 with key-1…). The keys are installed and published, as enable_dkim publishes (its "Installed Keys" message). */
function install_dkim_private_keys(call: WhmCall): unknown {
  const list = domainList(call);
  const keys = call.list('key');
  if (keys.length !== list.length) throw faults.missingParameter('key');
  return {
    payload: list.map((domain, i) => {
      const zone = mailZone(call, ownDomain(call, domain));
      const { pem, publicKey } = rsaPem(keys[i]);
      saveDkimKey(call.db, domain, pem, publicKey);
      publishDkimKey(call.db, domain, zone, publicKey, call.now());
      return { domain, msg: 'Installed Keys', status: 1 };
    }),
  };
}

export const mailDnsMethods = defineMethods<WhmCall>({
  validate_current_dkims: { acl: 'edit-dns', run: validate_current_dkims },
  validate_current_spfs: { acl: 'edit-dns', run: validate_current_spfs },
  validate_current_dmarcs: { acl: 'edit-dns', run: validate_current_dmarcs },
  ensure_dkim_keys_exist: { acl: 'edit-dns', run: ensure_dkim_keys_exist },
  fetch_dkim_private_keys: { acl: 'root', run: fetch_dkim_private_keys },
  install_dkim_private_keys: { acl: 'root', run: install_dkim_private_keys },
});
