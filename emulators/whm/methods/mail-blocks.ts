import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { isDomain } from '../validate.js';
import { isIpv4, isIpv6 } from '../ip.js';
import { MAX_LIST_ENTRIES, readList, writeList } from '../store/stored-settings.js';

/*
 * Server-wide mail routing lists (seed 004, "Mail / Spam Management" and
 * "Mail / Exim"): incoming mail blocked by sender country or domain (block_*
 * add, unblock_* remove, list_* show) and manual MX redirects (/etc/manualmx:
 * set_/unset_manual_mx_redirects answer each domain's previous entry, null
 * when it had none, as their sample shows).
 */

const COUNTRIES = 'blocked-incoming-countries';
const DOMAINS = 'blocked-incoming-domains';
const MANUAL_MX = 'manual-mx';

const regions = new Intl.DisplayNames(['en'], { type: 'region' });
// Codes ICU names that ISO 3166-1 does not assign (EU, EZ, UN, QO are "exceptionally reserved" or regions).
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO']);

/** An ISO 3166-1 alpha-2 code, upper case; ZZ allowed (the reference warns about blocking it on NAT servers). */
function countryCode(sent: string): string {
  const code = sent.trim().toUpperCase();
  const known = /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.has(code) && (code === 'ZZ' || regions.of(code) !== code);
  if (!known) throw faults.countryCodeInvalid(sent.slice(0, 20));
  return code;
}

function mailDomain(sent: string): string {
  const domain = sent.trim().toLowerCase();
  if (!isDomain(domain)) throw faults.invalidParameter('domain', domain.slice(0, 100), 'a domain name');
  return domain;
}

/** Adds `values` to the stored list (sorted, unique); answers how many were new (inferred: the sample's `updated: 1` for one). */
function block(call: WhmCall, key: string, values: string[]): unknown {
  const list = readList<string[]>(call.db, key, []);
  const added = [...new Set(values)].filter((v) => !list.includes(v));
  if (list.length + added.length > MAX_LIST_ENTRIES) throw faults.listFull(MAX_LIST_ENTRIES, 'blocked senders');
  writeList(call.db, key, [...list, ...added].sort());
  return { updated: added.length ? 1 : 0 };
}

function unblock(call: WhmCall, key: string, values: string[]): unknown {
  const list = readList<string[]>(call.db, key, []);
  const left = list.filter((v) => !values.includes(v));
  writeList(call.db, key, left);
  return { updated: left.length === list.length ? 0 : 1 };
}

function sentList(call: WhmCall, name: string): string[] {
  const list = call.list(name);
  if (!list.length) throw faults.missingParameter(name);
  return list;
}

/** Each `domain` with its `mx_host` (domain-1 with mx_host-1…), answering the previous entries. */
function setManualMx(call: WhmCall, unset: boolean): unknown {
  const domains = sentList(call, 'domain').map(mailDomain);
  const hosts = unset ? [] : call.list('mx_host');
  if (!unset && hosts.length !== domains.length) throw faults.missingParameter('mx_host');
  const table = readList<Record<string, string>>(call.db, MANUAL_MX, {});
  const payload: Record<string, string | null> = {};
  domains.forEach((domain, i) => {
    payload[domain] = Object.prototype.hasOwnProperty.call(table, domain) ? table[domain] : null;
    if (unset) {
      delete table[domain];
      return;
    }
    const host = hosts[i].trim().toLowerCase();
    if (!isDomain(host) && !isIpv4(host) && !isIpv6(host)) throw faults.invalidParameter('mx_host', host.slice(0, 100), 'a domain name or IP address');
    table[domain] = host;
  });
  if (Object.keys(table).length > MAX_LIST_ENTRIES) throw faults.listFull(MAX_LIST_ENTRIES, 'manual MX redirects');
  writeList(call.db, MANUAL_MX, table);
  return { payload };
}

export const mailBlockMethods = defineMethods<WhmCall>({
  block_incoming_email_from_country: { acl: 'root', run: (call) => block(call, COUNTRIES, sentList(call, 'country_code').map(countryCode)) },
  // `country_code` is optional in the reference (seed 004): without one nothing is unblocked (inferred).
  unblock_incoming_email_from_country: { acl: 'root', run: (call) => unblock(call, COUNTRIES, call.list('country_code').map(countryCode)) },
  list_blocked_incoming_email_countries: {
    acl: 'root',
    run: (call) => ({ countries: readList<string[]>(call.db, COUNTRIES, []).map((country_code) => ({ country_code })) }),
  },
  block_incoming_email_from_domain: { acl: 'root', run: (call) => block(call, DOMAINS, sentList(call, 'domain').map(mailDomain)) },
  unblock_incoming_email_from_domain: { acl: 'root', run: (call) => unblock(call, DOMAINS, sentList(call, 'domain').map(mailDomain)) },
  list_blocked_incoming_email_domains: { acl: 'root', run: (call) => ({ domains: readList<string[]>(call.db, DOMAINS, []).map((domain) => ({ domain })) }) },
  set_manual_mx_redirects: { acl: 'root', run: (call) => setManualMx(call, false) },
  unset_manual_mx_redirects: { acl: 'root', run: (call) => setManualMx(call, true) },
});
