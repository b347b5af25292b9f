import type { MethodContract } from '../../contracts/contract.js';
import type { PanelFaults } from '../core/panel.js';
import { PanelFault } from '../core/panel-fault.js';
import { cpanelAccessDeniedFault } from '../protocol/cpanel/codec.js';

/** The code every cPanel API failure carries inside mockpanel (UAPI says only `status: 0`, API 2 `event.result: 0`). */
export const CPANEL_FAILED = 'cpanel_failed';

const q = (s: string) => `“${s}”`;

/** A failed API call: UAPI `status: 0` with the reason in `errors`; API 2 `error` and `event.result: 0`. */
function failed(reason: string, data?: unknown): PanelFault {
  return new PanelFault(CPANEL_FAILED, reason, data === undefined ? {} : { data: { data } });
}

/*
 * Every cPanel-door failure, in one place. cPanel's own phrases where known:
 *   [cpanel] a public copy of cPanel's Perl (github asmrdevelop/cpanel, 2022
 *            build), the same exception classes WHM's reasons cite
 *            (emulators/whm/reasons.ts);
 *   [docs]   api.docs.cpanel.net, the function's page.
 * `inferred:` wording says what was wrong where no public text exists.
 */
export const faults = {
  failed,
  /** [cpanel] Cpanel::Exception::MissingParameter (the same class UAPI's Cpanel::Args raises). */
  missingParameter: (name: string) => failed(`Provide the ${q(name)} parameter.`),
  /** inferred. */
  invalidParameter: (name: string, value: unknown, expected: string) =>
    failed(`The ${q(name)} parameter’s value (${q(String(value))}) is not valid: it must be ${expected}.`),
  /** inferred: cPanel loads Cpanel::API::<Module> and fails when there is none. */
  unknownModule: (module: string) => failed(`Failed to load module ${q(module)}: the module does not exist.`),
  /** inferred. */
  unknownFunction: (module: string, fn: string) => failed(`The function ${q(fn)} does not exist in the module ${q(module)}.`),
  /** inferred: cPanel API 1 (cpanel_jsonapi_apiversion=1) is not emulated. */
  api1: (module: string, fn: string) => failed(`cPanel API 1 (${module}::${fn}) is not available here; call UAPI or cPanel API 2.`),
  /** inferred: a documented function mockpanel does not emulate. */
  notImplemented: (method: string) => failed(`mockpanel does not emulate ${q(method)}.`),
  /** [cpanel] Whostmgr::Authz::verify_domain_access (the account-level check uses the same words). */
  noAccessToDomain: (domain: string) => failed(`You do not have access to a domain named ${q(domain)}.`),
  /** inferred. */
  noSuchZone: (zone: string) => failed(`You do not have a DNS zone named ${q(zone)}.`),
  /** [docs] mass_edit_zone: the request fails when `serial` does not match the zone's SOA; wording inferred. */
  serialMismatch: (given: string, current: number) =>
    failed(`The serial number you gave (${given}) does not match the zone’s current serial number (${current}). Reload the zone and try again.`),
  /** [docs] mass_edit_zone and ZoneEdit: temporary domains cannot be edited; wording inferred. */
  temporaryDomain: (zone: string) => failed(`${q(zone)} is a temporary domain; you cannot edit its zone.`),
  /** inferred. */
  lineIndexInvalid: (index: unknown) => failed(`No record starts at line index ${String(index)}.`),
  /** The WHM [lumberg] wording of the same check (removezonerecord). */
  noRecordOnLine: (line: number | string) => failed(`Unable to find a record on specified line: ${line}`),
  /** inferred. */
  recordInvalid: (detail: string) => failed(`The record is not valid: ${detail}`),
  /** inferred. */
  soaManaged: () => failed('The SOA record is managed by the server; you cannot change or remove it here.'),
  /** [docs] create_full_access: names of letters, digits, dashes and underscores, at most 50 characters; wording inferred. */
  tokenNameInvalid: (name: string) => failed(`The API token name ${q(name)} is not valid: use at most 50 letters, digits, dashes (-) and underscores (_).`),
  /** inferred. */
  tokenExists: (name: string) => failed(`An API token named ${q(name)} already exists.`),
  /** inferred. */
  noSuchToken: (name: string) => failed(`You do not have an API token named ${q(name)}.`),
  /** inferred. */
  expiryInPast: (at: number) => failed(`The expiration time (${at}) must be in the future.`),
  /** inferred (cpsrvd refuses before any API runs: HTTP 401, see the codec). */
  accessDenied: () => cpanelAccessDeniedFault('Access denied', 401),
  /** inferred: the account is suspended; cpsrvd refuses its logins. */
  suspended: () => cpanelAccessDeniedFault('Access denied: this account is suspended.', 401),
  /** inferred: cpanel_jsonapi_user names someone other than the logged-in user. */
  otherUser: (user: string) => cpanelAccessDeniedFault(`Access denied: you are not logged in as ${q(user)}.`, 403),
  /** A refused /login: HTTP 401, answered as JSON {status: 0, message} (inferred from the login_only success shape). */
  loginRefused: (message: 'invalid_login' | 'expired_session' | 'This account is currently suspended.') =>
    new PanelFault(CPANEL_FAILED, message, { httpStatus: 401 }),
};

/** Turns the dispatcher's binding problem ("x: missing required argument "zone"") into cPanel's words. */
function argumentFault(problem: string): PanelFault {
  const missing = /missing required argument "([^"]+)"/.exec(problem);
  return missing ? faults.missingParameter(missing[1]) : failed(problem);
}

/** The cPanel door's answers to what the dispatcher finds before a function runs. */
export const cpanelFaults: PanelFaults = {
  unknownMethod: (method) => {
    const parts = method.split('::');
    // API 2 names have three parts (API2::Module::function), UAPI names two.
    const [module, fn] = parts.length === 3 ? [parts[1], parts[2]] : [parts[0] ?? '', parts[1] ?? ''];
    if (/^API1::/.test(method)) return faults.api1(module, fn);
    return KNOWN_MODULES.has(module) ? faults.unknownFunction(module, fn) : faults.unknownModule(module);
  },
  badArguments: (_method: MethodContract, problem: string) => argumentFault(problem),
  protocol: (detail) => new PanelFault('protocol', detail, { origin: 'protocol' }),
  internal: (detail) => new PanelFault('internal', `Internal error: ${detail}`, { httpStatus: 500, origin: 'mockpanel' }),
  notImplemented: (method) => faults.notImplemented(method),
  sessionExpired: () => cpanelAccessDeniedFault('Access denied', 401),
  rateLimited: () => new PanelFault('busy', 'The server is too busy to handle the request; try again later.', { httpStatus: 503, origin: 'injected' }),
};

/** Modules the contract documents (filled by index.ts): an unknown function in one of them is not an unknown module. */
export const KNOWN_MODULES = new Set<string>();
