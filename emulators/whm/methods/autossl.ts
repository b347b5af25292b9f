import { defineMethods } from '../../core/define-methods.js';
import { accessibleAccount } from '../access.js';
import type { WhmCall } from '../call.js';
import { faults } from '../faults.js';
import { sampleRecord, sampleAt } from '../sample.js';
import { allAccounts } from '../store/account-cache.js';
import {
  autosslChecks,
  autosslMetadata,
  autosslProvider,
  checkStartedAt,
  excludedDomains,
  latestCheckFor,
  saveAutosslMetadata,
  saveAutosslProvider,
  saveExcludedDomains,
  type AutosslCheck,
} from '../store/autossl.js';
import { resolveIpv4 } from '../store/dns-resolution.js';
import { domainsOf, getDomain } from '../store/domains.js';
import { listIps } from '../store/server.js';
import { MAX_LIST_ENTRIES } from '../store/stored-settings.js';

/*
 * AutoSSL (seed 004, "SSL Certificates / Auto-Generated Certificates"):
 * the domains an account excludes (add_/remove_/set_/get_autossl_user_excluded_domains),
 * the provider (set_/reset_autossl_provider, disable_autossl, get_autossl_providers),
 * the notification metadata, and what the checks that start_autossl_check_*
 * started found. A check runs CHECK_SECONDS on the world clock; its
 * problems are judged on the world's own DNS: a domain of the account that
 * no zone here points at one of the server's addresses cannot be validated
 * (the reference's own problem: "does not resolve to any IPv4 addresses on
 * the internet"). Excluded domains are skipped, as AutoSSL skips them.
 * The durations, log lines and the wrong-address wording are inferred.
 */

/** How long one AutoSSL check runs on the world clock (inferred). */
export const CHECK_SECONDS = 60;

/** Providers: cPanel's is the get_autossl_providers sample's record; Let’s Encrypt’s specs are its published limits (90-day certificates, 100 names each, 50 certificates per registered domain a week), inferred as cPanel's plugin reports them. */
const LETS_ENCRYPT = {
  display_name: 'Let’s Encrypt™',
  module_name: 'LetsEncrypt',
  specs: {
    AVERAGE_DELIVERY_TIME: 0,
    DCV_METHODS: ['http', 'dns'],
    DELIVERY_METHOD: 'api',
    HTTP_DCV_MAX_REDIRECTS: 10,
    MAX_DOMAINS_PER_CERTIFICATE: 100,
    RATE_LIMIT_CERTIFICATES_PER_REGISTERED_DOMAIN_PER_WEEK: 50,
    SUPPORTS_ANCESTOR_DCV: 0,
    SUPPORTS_WILDCARD: 0,
    VALIDITY_PERIOD: 7776000,
  },
};

function providers(call: WhmCall): Record<string, unknown>[] {
  const method = call.ctx.panel.contract.methods.find((m) => m.name === 'get_autossl_providers')!;
  const cpanel = sampleRecord(method, 'payload');
  return [{ ...cpanel, module_name: 'cPanel' }, LETS_ENCRYPT];
}

function providerParam(call: WhmCall): string {
  const name = call.required('provider');
  const known = providers(call).map((p) => String(p.module_name));
  if (!known.includes(name)) throw faults.noSuchAutosslProvider(name.slice(0, 100), known);
  // Let’s Encrypt takes its terms through x_terms_of_service_accepted (seed 004, reset_autossl_provider `x_*`).
  if (name === 'LetsEncrypt' && !call.str('x_terms_of_service_accepted')) throw faults.termsNotAccepted(name, 'the URL of the terms of service');
  return name;
}

function displayName(call: WhmCall, module: string): string {
  return String(providers(call).find((p) => p.module_name === module)?.display_name ?? module);
}

function get_autossl_providers(call: WhmCall): unknown {
  const current = autosslProvider(call.db).provider;
  return { payload: providers(call).map((p) => ({ ...p, enabled: p.module_name === current ? 1 : 0 })) };
}

function set_autossl_provider(call: WhmCall): unknown {
  const provider = providerParam(call);
  const state = autosslProvider(call.db);
  saveAutosslProvider(call.db, { provider, registered: { ...state.registered, [provider]: state.registered[provider] ?? call.now() } });
  return undefined;
}

function reset_autossl_provider(call: WhmCall): unknown {
  const provider = providerParam(call);
  const state = autosslProvider(call.db);
  // A new registration with the provider; which provider AutoSSL uses does not change (inferred).
  saveAutosslProvider(call.db, { ...state, registered: { ...state.registered, [provider]: call.now() } });
  return undefined;
}

function disable_autossl(call: WhmCall): unknown {
  saveAutosslProvider(call.db, { ...autosslProvider(call.db), provider: null });
  return undefined;
}

// --- metadata -----------------------------------------------------------------

function metadataDefaults(call: WhmCall): Record<string, number> {
  const method = call.ctx.panel.contract.methods.find((m) => m.name === 'get_autossl_metadata')!;
  return sampleAt<Record<string, number>>(method, 'payload') ?? {};
}

function metadataValue(key: string, raw: unknown): number {
  const v = typeof raw === 'number' ? raw : typeof raw === 'boolean' ? Number(raw) : /^[01]$/.test(String(raw)) ? Number(raw) : NaN;
  if (v !== 0 && v !== 1) throw faults.invalidParameter(key, String(raw).slice(0, 40), '1 or 0');
  return v;
}

function get_autossl_metadata(call: WhmCall): unknown {
  return { payload: { ...metadataDefaults(call), ...autosslMetadata(call.db) } };
}

function set_autossl_metadata_key(call: WhmCall): unknown {
  const key = call.required('key');
  if (!(key in metadataDefaults(call))) throw faults.invalidParameter('key', key.slice(0, 100), `one of ${Object.keys(metadataDefaults(call)).join(', ')}`);
  const value = metadataValue(key, call.required('value'));
  saveAutosslMetadata(call.db, { ...autosslMetadata(call.db), [key]: value });
  return undefined;
}

/** Replaces the metadata with the JSON object sent (seed 004, set_autossl_metadata `metadata_json`); keys it lacks take their defaults. */
function set_autossl_metadata(call: WhmCall): unknown {
  const text = call.required('metadata_json');
  let parsed: unknown;
  try {
    parsed = text.length <= 16384 ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw faults.invalidParameter('metadata_json', `${text.slice(0, 40)}…`, 'a JSON object');
  const known = metadataDefaults(call);
  const values: Record<string, number> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (!(k in known)) throw faults.invalidParameter('metadata_json', k.slice(0, 100), `an object of ${Object.keys(known).join(', ')}`);
    values[k] = metadataValue(k, v);
  }
  saveAutosslMetadata(call.db, values);
  return undefined;
}

// --- excluded domains ---------------------------------------------------------

/** The service subdomains AutoSSL secures beside each domain (the sample excludes cpcalendars.example.com). */
const SERVICE_LABELS = ['www', 'mail', 'cpanel', 'webmail', 'webdisk', 'cpcalendars', 'cpcontacts', 'autodiscover', 'autoconfig', 'whm'];

/** The domain, lowercased, if it is one of the account's domains or their service subdomains. */
function ownedName(call: WhmCall, user: string, raw: string): string {
  const name = raw.trim().toLowerCase();
  const own = new Set(domainsOf(call.db, user).map((d) => d.domain));
  const parent = name.split('.').slice(1).join('.');
  if (own.has(name) || (SERVICE_LABELS.includes(name.split('.')[0]!) && own.has(parent))) return name;
  throw faults.domainNotOwned(name.slice(0, 255), user);
}

function excludedAccount(call: WhmCall): string {
  return accessibleAccount(call, call.required('username')).user;
}

function domainParams(call: WhmCall, user: string, required: boolean): string[] {
  const sent = call.list('domain').filter((d) => d.trim() !== '');
  if (required && !sent.length) throw faults.missingParameter('domain');
  if (sent.length > MAX_LIST_ENTRIES) throw faults.listFull(MAX_LIST_ENTRIES, 'excluded domains');
  return [...new Set(sent.map((d) => ownedName(call, user, d)))];
}

function add_autossl_user_excluded_domains(call: WhmCall): unknown {
  const user = excludedAccount(call);
  const list = excludedDomains(call.db, user);
  const merged = [...new Set([...list, ...domainParams(call, user, true)])];
  if (merged.length > MAX_LIST_ENTRIES) throw faults.listFull(MAX_LIST_ENTRIES, 'excluded domains');
  saveExcludedDomains(call.db, user, merged);
  return undefined;
}

function remove_autossl_user_excluded_domains(call: WhmCall): unknown {
  const user = excludedAccount(call);
  const gone = new Set(call.list('domain').map((d) => d.trim().toLowerCase()));
  if (![...gone].some(Boolean)) throw faults.missingParameter('domain');
  // Removing a domain that is not excluded is no error: the list simply does not hold it afterwards (inferred).
  saveExcludedDomains(
    call.db,
    user,
    excludedDomains(call.db, user).filter((d) => !gone.has(d)),
  );
  return undefined;
}

/** Replaces the list (seed 004: "This function replaces the list of any previously-excluded domains"); no domain clears it. */
function set_autossl_user_excluded_domains(call: WhmCall): unknown {
  const user = excludedAccount(call);
  saveExcludedDomains(call.db, user, domainParams(call, user, false));
  return undefined;
}

function get_autossl_user_excluded_domains(call: WhmCall): unknown {
  const user = excludedAccount(call);
  return { payload: excludedDomains(call.db, user).map((d) => ({ excluded_domain: d })) };
}

// --- checks, problems, logs ---------------------------------------------------

const isoMillis = (t: number) => new Date(t * 1000).toISOString();
const isoSeconds = (t: number) => isoMillis(t).replace('.000Z', 'Z');

interface Problem {
  domain: string;
  problem: string;
}

/** What a check finds for an account: each of its domains, excluded ones aside, that the world's DNS does not point at this server. */
function problemsOf(call: WhmCall, user: string): Problem[] {
  const excluded = new Set(excludedDomains(call.db, user));
  const ours = new Set(listIps(call.db).map((r) => r.ip));
  const out: Problem[] = [];
  for (const d of domainsOf(call.db, user)) {
    if (excluded.has(d.domain)) continue;
    const addresses = resolveIpv4(call.db, d.domain);
    if (!addresses.length) out.push({ domain: d.domain, problem: `${d.domain} does not resolve to any IPv4 addresses on the internet.` });
    else if (!addresses.some((a) => ours.has(a))) {
      out.push({ domain: d.domain, problem: `${d.domain} resolves to ${addresses.join(', ')}, which is not an IP address on this server.` });
    }
  }
  return out;
}

function problemRecords(call: WhmCall, user: string, only?: string): Record<string, unknown>[] {
  const check = latestCheckFor(call.db, user);
  if (!check) return [];
  return problemsOf(call, user)
    .filter((p) => only === undefined || p.domain === only)
    .map((p) => ({ domain: p.domain, log: isoMillis(check.started), problem: p.problem, time: isoMillis(check.started) }));
}

function get_autossl_problems_for_user(call: WhmCall): unknown {
  const user = accessibleAccount(call, call.required('username')).user;
  return { problems_by_domain: problemRecords(call, user) };
}

function get_autossl_problems_for_domain(call: WhmCall): unknown {
  const name = call.required('domain').toLowerCase();
  const d = getDomain(call.db, name);
  if (!d) throw faults.noSuchDomain(name.slice(0, 255));
  accessibleAccount(call, d.user, () => faults.noAccessToDomain(name));
  return { problems_by_domain: problemRecords(call, d.user, name) };
}

const inProgress = (call: WhmCall, check: AutosslCheck) => call.now() - check.started < CHECK_SECONDS;

function get_autossl_logs_catalog(call: WhmCall): unknown {
  const provider = autosslProvider(call.db).provider ?? 'cPanel';
  const payload = autosslChecks(call.db).map((c) => ({
    in_progress: inProgress(call, c) ? 1 : 0,
    provider,
    start_time: isoMillis(c.started),
    // A check of every account belongs to no one account (inferred).
    ...(c.user === '*' ? {} : { username: c.user }),
  }));
  return { payload };
}

/** Most lines one log answer holds (a check of every account on a large server stops there: the call's work stays bounded). */
const MAX_LOG_LINES = 200;

function get_autossl_log(call: WhmCall): unknown {
  const raw = call.required('start_time');
  const started = Date.parse(raw);
  const check = Number.isFinite(started) ? checkStartedAt(call.db, Math.floor(started / 1000)) : undefined;
  if (!check) throw faults.noSuchAutosslLog(raw.slice(0, 64));
  const provider = autosslProvider(call.db).provider ?? 'cPanel';
  const line = (contents: string, indent = 0) => ({ contents, indent, partial: 0, pid: 20000 + check.id, timestamp: isoSeconds(check.started), type: 'out' });
  // The sample's first line for cPanel's provider; the same words for another (inferred).
  const lines = [
    line(
      provider === 'cPanel'
        ? 'This system has AutoSSL set to use cPanel (powered by Sectigo).'
        : `This system has AutoSSL set to use ${displayName(call, provider)}.`,
    ),
  ];
  if (!inProgress(call, check)) {
    const users = check.user === '*' ? allAccounts(call.db).rows.map((a) => a.user) : [check.user];
    for (const user of users) {
      if (lines.length >= MAX_LOG_LINES) break;
      lines.push(line(`Analyzing “${user}”’s domains …`));
      for (const p of problemsOf(call, user)) lines.push(line(p.problem, 1));
    }
    lines.push(line('The AutoSSL check is complete.'));
  }
  return { payload: lines.slice(0, MAX_LOG_LINES) };
}

/** The daily check's cron line (the sample's) and its next run after now on the world clock. */
function get_autossl_check_schedule(call: WhmCall): unknown {
  const [minute, hour] = [54, 1];
  const now = call.now();
  const day = Math.floor(now / 86400) * 86400;
  let next = day + hour * 3600 + minute * 60;
  if (next <= now) next += 86400;
  return { cron: [`${minute} ${hour} * * *`], next_time: isoMillis(next) };
}

export const autosslMethods = defineMethods<WhmCall>({
  get_autossl_providers: { acl: 'root', run: get_autossl_providers },
  set_autossl_provider: { acl: 'root', run: set_autossl_provider },
  reset_autossl_provider: { acl: 'root', run: reset_autossl_provider },
  disable_autossl: { acl: 'root', run: disable_autossl },
  get_autossl_metadata: { acl: 'root', run: get_autossl_metadata },
  set_autossl_metadata: { acl: 'root', run: set_autossl_metadata },
  set_autossl_metadata_key: { acl: 'root', run: set_autossl_metadata_key },
  add_autossl_user_excluded_domains: { acl: 'root', run: add_autossl_user_excluded_domains },
  remove_autossl_user_excluded_domains: { acl: 'root', run: remove_autossl_user_excluded_domains },
  set_autossl_user_excluded_domains: { acl: 'root', run: set_autossl_user_excluded_domains },
  get_autossl_user_excluded_domains: { acl: 'root', run: get_autossl_user_excluded_domains },
  get_autossl_problems_for_user: { acl: 'root', run: get_autossl_problems_for_user },
  get_autossl_problems_for_domain: { acl: 'root', run: get_autossl_problems_for_domain },
  get_autossl_logs_catalog: { acl: 'root', run: get_autossl_logs_catalog },
  get_autossl_log: { acl: 'root', run: get_autossl_log },
  get_autossl_check_schedule: { acl: 'root', run: get_autossl_check_schedule },
});
