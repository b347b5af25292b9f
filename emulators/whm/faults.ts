import { whmAccessDeniedFault } from '../protocol/whm/json-codec.js';
import type { MethodContract } from '../../contracts/contract.js';
import type { PanelFaults } from '../core/panel.js';
import { PanelFault } from '../core/panel-fault.js';

/*
 * The WHM fault catalogue: every failure reason the WHM emulator puts in
 * `metadata.reason`, in one place, and `faults.<name>(…)`, the fault a
 * handler throws with it. The WHM reference gives almost no failure strings
 * (seed 004 shows one whole-call failure, massmodifyacct's), so most are written here. Where a real
 * server's wording is known it is used and its source named:
 *   [lumberg] envato-archive/lumberg spec/vcr_cassettes/whm/*.yml, responses
 *             recorded from a real WHM 11.28 server (API 0, `statusmsg`);
 *   [cpanel]  a public copy of cPanel's Perl (github asmrdevelop/cpanel,
 *             2022 build): exception phrases such as Cpanel::Exception::MissingParameter.
 * Everything else is `inferred:` wording chosen to say what was wrong and
 * what to do.
 */

const q = (s: string) => `“${s}”`;

/** The wording of every WHM failure, by name (text only: handlers throw `faults.<name>(…)`). */
export const reasons = {
  /** A reason worded elsewhere: validate.ts's username rules, a UAPI error, the dispatcher's binding problem, batch's summary. */
  failure: (reason: string) => reason,

  // --- arguments -----------------------------------------------------------
  /** [cpanel] Cpanel::Exception::MissingParameter. */
  missingParameter: (name: string) => `Provide the ${q(name)} parameter.`,
  /** [cpanel] Cpanel::Exception::Empty. */
  emptyParameter: (name: string) => `The value of ${q(name)} may not be empty.`,
  /** inferred. */
  invalidParameter: (name: string, value: unknown, expected: string) =>
    `The ${q(name)} parameter’s value (${q(String(value))}) is not valid: it must be ${expected}.`,

  // --- authentication and access ------------------------------------------
  /** inferred: cpsrvd answers HTTP 401 with a short text (see emulators/protocol/whm/access-denied.ts). */
  accessDenied: 'Access denied',
  /** inferred. */
  tokenExpired: (name: string) => `Access denied: the API token ${q(name)} has expired.`,
  /** inferred. */
  tokenIpNotAllowed: (name: string, ip: string) => `Access denied: the API token ${q(name)} may not be used from ${ip}.`,
  /** cpsrvd's answer to a session cookie under another /cpsess prefix (inmotionhosting.com, "cPanel 11.38 enforces security tokens"). */
  invalidSecurityToken: 'Invalid security token',
  /** inferred: a reseller or a restricted token calling a function its privileges do not allow. */
  permissionDenied: (fn: string, acl: string) => `Permission denied: ${q(fn)} requires the ${q(acl)} privilege, which this login does not have.`,
  /** [cpanel] Whostmgr::Authz::verify_account_access. */
  noAccessToAccount: (user: string) => `You do not have access to an account named ${q(user)}.`,
  /** [cpanel] Whostmgr::Authz::verify_domain_access. */
  noAccessToDomain: (domain: string) => `You do not have access to a domain named ${q(domain)}.`,
  /** [cpanel] Whostmgr::API::1::Accounts::_createacct. */
  rootOnlyArgument: (name: string) => `You cannot use the ${q(name)} argument because you do not have root access.`,
  /** [cpanel] Whostmgr::API::1::Accounts::_createacct. */
  ownOnly: 'Without root access, you can only create accounts that you yourself own.',

  // --- accounts ------------------------------------------------------------
  /** [cpanel] Cpanel::Exception::UserNotFound. */
  noSuchUser: (user: string) => `You do not have a user named ${q(user)}.`,
  /** [cpanel] Whostmgr::API::1::Accounts::accountsummary. */
  accountDoesNotExist: 'Account does not exist.',
  /** [cpanel] accountsummary without user or domain. */
  summaryNeedsUserOrDomain: 'You must specify a user or domain to get a summary of.',
  /** inferred: worded like WHM's own “Sorry, a group for that username already exists.” ([lumberg], below). */
  userExists: (user: string) => `Sorry, a user with the name ${q(user)} already exists.`,
  /** [lumberg] createacct: “Sorry, a group for that username already exists.” */
  groupExists: 'Sorry, a group for that username already exists.',
  /** inferred (username rules: Cpanel::Validate::Username::Core). */
  usernameTooLong: (user: string, max: number) => `The username ${q(user)} is too long: a username may have at most ${max} characters.`,
  usernameInvalid: (user: string) => `The username ${q(user)} is not valid: use lowercase letters (a-z) and digits (0-9) only, starting with a letter.`,
  usernameReserved: (user: string) => `The username ${q(user)} is reserved for the system; choose another.`,
  usernameUppercase: (user: string) => `The username ${q(user)} contains uppercase letters; usernames are lowercase.`,
  /** inferred (one owner per domain). */
  domainTaken: (domain: string, owner: string) => `The domain ${q(domain)} already belongs to the account ${q(owner)}.`,
  domainInvalid: (domain: string) => `${q(domain)} is not a valid domain name.`,
  /** inferred. */
  noSuchPackage: (pkg: string) => `The package ${q(pkg)} does not exist.`,
  /** [lumberg] changepackage: “Specified package does not exist.” */
  specifiedPackageMissing: 'Specified package does not exist.',
  /** inferred: package limits for a reseller. */
  packageNotAllowed: (pkg: string) => `You are not allowed to use the package ${q(pkg)}.`,
  /** inferred: reseller account limit. */
  accountLimitReached: (reseller: string, limit: number) => `The reseller ${q(reseller)} has reached its limit of ${limit} account${limit === 1 ? '' : 's'}.`,
  /** inferred: reseller package-use limit. */
  packageLimitReached: (reseller: string, pkg: string, limit: number) =>
    `The reseller ${q(reseller)} may create at most ${limit} account${limit === 1 ? '' : 's'} with the package ${q(pkg)}.`,
  /** inferred. */
  ipNotAvailable: (ip: string) => `The IP address ${q(ip)} is not configured on this server.`,
  dedicatedIpNone: 'No free IP address is available for a dedicated-IP account.',
  /** inferred. */
  invalidQuota: (value: unknown) => `The quota ${q(String(value))} is not valid: give a number of megabytes (0 or “unlimited” for no limit).`,
  /** [lumberg] editquota for a user that does not exist: “Invalid user. Cannot set quota.” */
  quotaNoUser: 'Invalid user. Cannot set quota.',
  /** inferred. */
  passwordEmpty: 'The password may not be empty.',
  passwordWeak: (min: number, got: number) =>
    `The password is too weak: its strength is ${got}, and this server requires at least ${min}. Use a longer password with mixed characters.`,
  /** inferred. */
  alreadySuspended: (user: string) => `The account ${q(user)} is already suspended.`,
  notSuspended: (user: string) => `The account ${q(user)} is not suspended.`,
  /** inferred: a reseller lifting a suspension root placed with disallowun=1. */
  suspendedByRoot: (user: string) => `The account ${q(user)} was suspended by root; only root can unsuspend it.`,
  /** inferred. */
  cannotRemoveReseller: (user: string) => `${q(user)} is a reseller that owns other accounts; remove or move those accounts first.`,
  /** inferred (modifyacct newuser). */
  nothingToModify: 'No changes were requested.',
  /** The massmodifyacct sample's reason when a user could not be modified (seed 004, massmodifyacct). */
  massModifyFailed: 'Failed to modify one or more users.',

  // --- packages ------------------------------------------------------------
  /** inferred. */
  packageExists: (pkg: string) => `The package ${q(pkg)} already exists.`,
  packageNameInvalid: (pkg: string) => `${q(pkg)} is not a valid package name: use letters, digits, spaces, “_”, “-” and “.” only.`,
  packageInUse: (pkg: string, count: number) =>
    `The package ${q(pkg)} is in use by ${count} account${count === 1 ? '' : 's'}; move them to another package first.`,

  // --- DNS -----------------------------------------------------------------
  /** [lumberg] dumpzone / getzonerecord: “Zone does not exist.” */
  zoneDoesNotExist: 'Zone does not exist.',
  /** inferred. */
  zoneMissing: (zone: string) => `The DNS zone ${q(zone)} does not exist.`,
  /** inferred. */
  zoneExists: (zone: string) => `The DNS zone ${q(zone)} already exists.`,
  /** [lumberg] killdns: “Unable to remove zone that does not exist.” */
  killMissingZone: 'Unable to remove zone that does not exist.',
  /** [lumberg] getzonerecord: “No record available on selected line.” */
  noRecordOnLine: 'No record available on selected line.',
  /** [lumberg] removezonerecord: “Unable to find a record on specified line: 200” */
  noRecordOnLineNumber: (line: number | string) => `Unable to find a record on specified line: ${line}`,
  /** inferred: the documentation says only that the request fails. */
  serialMismatch: (given: string, current: number) =>
    `The serial number you gave (${given}) does not match the zone’s current serial number (${current}). Reload the zone and try again.`,
  /** inferred. */
  recordInvalid: (detail: string) => `The record is not valid: ${detail}`,
  lineIndexInvalid: (index: number) => `No record starts at line index ${index}.`,
  editSoaForbidden: 'The SOA record cannot be removed.',
  /** [lumberg] resetzone: “Unable to determine the IP address for notexists.com” */
  resetUnknown: (domain: string) => `Unable to determine the IP address for ${domain}`,
  /** inferred. */
  notMxRecord: (line: number) => `The record on line ${line} is not an MX record.`,
  temporaryDomain: (zone: string) => `${q(zone)} is a temporary domain; you cannot edit its zone.`,

  /** [lumberg] resolvedomainname.yml: a name with no address. */
  unresolvableDomain: 'Unable to resolve domain name.',

  // --- domains -------------------------------------------------------------
  /** inferred. */
  noSuchDomain: (domain: string) => `The domain ${q(domain)} does not exist on this server.`,
  domainExists: (domain: string) => `The domain ${q(domain)} already exists on this server.`,
  subdomainParentMissing: (domain: string) => `The subdomain ${q(domain)} must be under one of the account’s domains; add the parent domain first.`,
  cannotDeleteMain: (domain: string) => `${q(domain)} is an account’s main domain; remove the account (removeacct) instead.`,
  docrootInvalid: (path: string) => `The document root ${q(path)} must be a path inside the account’s home directory.`,
  maxReached: (what: string, max: string) => `The account has reached its limit of ${max} ${what}.`,

  // --- tokens --------------------------------------------------------------
  /** inferred (rules: api_token_create documentation). */
  tokenNameInvalid: (name: string) => `The token name ${q(name)} is not valid: use at most 50 letters, digits, dashes (-) and underscores (_).`,
  tokenExists: (name: string) => `An API token named ${q(name)} already exists.`,
  noSuchToken: (name: string) => `There is no API token named ${q(name)}.`,
  aclNotHeld: (acl: string) => `You cannot give the privilege ${q(acl)} to a token: you do not have it.`,
  unknownAcl: (acl: string) => `${q(acl)} is not a WHM privilege.`,
  whitelistInvalid: (ip: string) => `${q(ip)} is not an IP address or CIDR range.`,

  // --- SSL -----------------------------------------------------------------
  /** inferred. */
  certInvalid: 'The certificate is not a PEM-encoded X.509 certificate.',
  keyInvalid: 'The private key is not a PEM-encoded private key.',
  noSslVhost: (host: string) => `There is no SSL virtual host for ${q(host)}.`,

  // --- resellers -----------------------------------------------------------
  /** [lumberg] setresellerlimits and others: “Specified user is not a reseller.” */
  notReseller: 'Specified user is not a reseller.',
  /** inferred. */
  alreadyReseller: (user: string) => `${q(user)} is already a reseller.`,
  /** [lumberg] setacls: “Not a reseller.” */
  notAResellerShort: 'Not a reseller.',
  /** inferred. */
  noSuchAclList: (name: string) => `There is no privilege list named ${q(name)}.`,
  aclListNameInvalid: (name: string) => `${q(name)} is not a valid privilege list name.`,
  /** [lumberg] setresellermainip: “Supplied IP address is invalid.” */
  ipInvalid: 'Supplied IP address is invalid.',
  /** [lumberg] setresellerips: inappropriate values. */
  ipsInvalid: 'The list of supplied IP addresses contains inappropriate values.',
  /** inferred. */
  terminateVerify: 'To terminate a reseller, send verify with the exact confirmation phrase from the documentation.',

  // --- IPs -----------------------------------------------------------------
  /** [lumberg] setsiteip.yml: neither user nor domain names an account. */
  cannotDetermineUsername: 'Cannot determine username',
  ipExists: (ip: string) => `The IP address ${q(ip)} is already configured.`,
  ipMain: (ip: string) => `${q(ip)} is the server’s main IP address and cannot be removed.`,
  ipInUse: (ip: string) => `The IP address ${q(ip)} is in use by an account.`,

  // --- account lists kept on the server (SSH keys, cPHulk, PHP per vhost, enhancements) ---
  /** inferred: mockpanel bounds each stored list so a call's work stays bounded. */
  listFull: (max: number, what: string) => `mockpanel keeps at most ${max} ${what}; remove some first.`,
  /** inferred: WHM keeps one key file per name; importing over an existing one is refused rather than silently replaced. */
  sshKeyExists: (name: string) => `The key ${q(name)} already exists.`,
  /** inferred. */
  noSuchSshKey: (file: string) => `The key ${q(file)} does not exist.`,
  /** The create_cphulk_record sample's own wording for a bad address in `ips_failed` (seed 004). */
  cphulkInvalidIp: (ip: string) => `Invalid IP address or range: "${ip}"`,
  /** inferred. */
  notOnCphulkList: (ip: string, list: string) => `The IP address ${q(ip)} is not on the ${list} list.`,
  /** inferred. */
  noSuchVhost: (name: string) => `The virtual host ${q(name)} does not exist.`,
  /** inferred. */
  noSuchEnhancement: (name: string) => `The account enhancement ${q(name)} does not exist.`,
  enhancementExists: (name: string) => `An account enhancement named ${q(name)} already exists.`,
  enhancementsFull: (max: number) => `mockpanel keeps at most ${max} account enhancements.`,
  enhancementLimitReached: (reseller: string, limit: number, name: string) =>
    `The reseller ${q(reseller)} has reached its limit of ${limit} accounts with the ${q(name)} enhancement.`,
  enhancementNotAssigned: (user: string, name: string) => `The account ${q(user)} does not have the ${q(name)} enhancement.`,

  // --- passthrough / batch -------------------------------------------------
  /** inferred: the UAPI module or function is not emulated. */
  uapiUnknown: (module: string, fn: string) =>
    `The UAPI function ${q(`${module}::${fn}`)} is not available here. mockpanel emulates Email and Mysql account functions behind uapi_cpanel/cpanel.`,
  api2Unknown: (module: string, fn: string) => `The cPanel API 2 function ${q(`${module}::${fn}`)} is not available here.`,
  /** inferred. */
  batchEmpty: 'Provide at least one “command” parameter.',
  batchNested: 'A batch command cannot itself be “batch”.',
  batchFailed: (which: string) => `One or more batch commands failed. ${which}`,

  // --- misc ----------------------------------------------------------------
  /** The codec’s wording for a function that does not exist (see whm-json-codec.ts). */
  unknownApp: (fn: string, version: number) => `Unknown app (${q(fn)}) requested for this version (${version}) of the API.`,
  /** inferred. */
  notImplemented: (fn: string) => `${q(fn)} is a documented WHM API 1 function that mockpanel does not emulate (it needs something outside the panel).`,
  internal: (detail: string) => `An internal error occurred (${detail}). mockpanel logged it; please report it.`,
  /** [lumberg] an API 1-only function called without api.version: “Unknown App Requested: systemloadavg”. */
  legacyUnknownApp: (fn: string) => `Unknown App Requested: ${fn}`,
  /** inferred: a documented function whose API 0 form is not established; the hint says how to get an answer. */
  legacyOnlyApi1: (fn: string) => `Unknown App Requested: ${fn} (mockpanel answers this function in WHM API 1 only: add api.version=1 to the request)`,
  /** inferred. */
  noSuchEmail: (email: string) => `The email account ${q(email)} does not exist.`,
  emailExists: (email: string) => `The email account ${q(email)} already exists.`,
  noSuchDatabase: (db: string) => `The database ${q(db)} does not exist.`,
  databaseExists: (db: string) => `The database ${q(db)} already exists.`,
  noSuchDbUser: (u: string) => `The database user ${q(u)} does not exist.`,
  dbUserExists: (u: string) => `The database user ${q(u)} already exists.`,
  dbPrefix: (name: string, prefix: string) => `${q(name)} must begin with the account’s prefix ${q(prefix)}.`,
  noSuchFeatureList: (name: string) => `The feature list ${q(name)} does not exist.`,
  featureListExists: (name: string) => `The feature list ${q(name)} already exists.`,
  noSuchSession: 'The session does not exist or has expired.',
  serviceInvalid: (service: string) => `${q(service)} is not a valid service: use cpaneld, whostmgrd or webmaild.`,
  hostnameInvalid: (name: string) => `${q(name)} is not a valid fully qualified hostname.`,

  // --- tier-3 families (families/) -----------------------------------------
  /** inferred: the reference documents no refusal for an item a remove, update or read names that does not exist. */
  noSuchFamilyItem: (what: string, id: string) => `The ${what} ${q(id)} does not exist.`,
  /** inferred: mockpanel's own bound on one family's items. */
  familyFull: (what: string, max: number) => `mockpanel keeps at most ${max} of ${what}.`,
} as const;

/** The code every WHM API failure carries inside mockpanel (WHM itself only says `result: 0`). */
export const WHM_FAILED = 'whm_failed';

export interface WhmFailOptions {
  /** `data` to send beside the failure (massmodifyacct's per-user results). */
  data?: unknown;
  /** Extra `metadata` keys (`output`, `warnings`). */
  metadata?: Record<string, unknown>;
  /** The whole WHM API 0 body, when the function's legacy failure shape is not `{result:[{status:0,statusmsg}]}`. */
  legacy?: unknown;
  /** Keep what the call wrote before failing (batch with some failed commands). */
  keepChanges?: boolean;
}

type Reasons = typeof reasons;

/** A WHM failure whose extra parts (data beside it, an API 0 body, kept changes) can be added: `faults.x().with({…})`. */
export class WhmFault extends PanelFault {
  constructor(
    reason: string,
    readonly options: WhmFailOptions = {},
  ) {
    const data: Record<string, unknown> = { ...options.metadata };
    if ('data' in options) data.data = options.data;
    if (options.legacy !== undefined) data.legacy = options.legacy;
    super(WHM_FAILED, reason, { data, keepChanges: options.keepChanges });
  }

  /** The same failure with more to it. */
  with(options: WhmFailOptions): WhmFault {
    return new WhmFault(this.faultString, { ...this.options, ...options });
  }
}

/** `faults.<name>(…)` for every entry of `reasons`: the WHM API failure (HTTP 200, `metadata.result: 0`) with that wording. */
export type WhmFaults = {
  [K in keyof Reasons]: Reasons[K] extends (...args: infer A) => string ? (...args: A) => WhmFault : () => WhmFault;
};

/** cpsrvd's own refusals, before any API runs: HTTP 401 with a short text (403 for a token used from outside its whitelist), not an API envelope. */
const refusals = {
  accessDenied: () => whmAccessDeniedFault(reasons.accessDenied, 401),
  tokenExpired: (name: string) => whmAccessDeniedFault(reasons.tokenExpired(name), 401),
  tokenIpNotAllowed: (name: string, ip: string) => whmAccessDeniedFault(reasons.tokenIpNotAllowed(name, ip), 403),
  invalidSecurityToken: () => whmAccessDeniedFault(reasons.invalidSecurityToken, 401),
};

/** The one WHM fault catalogue: handlers `throw faults.missingParameter('user')`; the dispatcher rolls the call back. */
export const faults: Omit<WhmFaults, keyof typeof refusals> & typeof refusals = {
  ...(Object.fromEntries(
    Object.entries(reasons).map(([name, wording]) => [
      name,
      (...args: unknown[]) => new WhmFault(typeof wording === 'function' ? (wording as (...a: unknown[]) => string)(...args) : wording),
    ]),
  ) as WhmFaults),
  ...refusals,
};

/** Turns the dispatcher's binding problem ("createacct: missing required argument "username"") into WHM's words. */
function argumentReason(problem: string): string {
  const missing = /missing required argument "([^"]+)"/.exec(problem);
  if (missing) return reasons.missingParameter(missing[1]);
  const type = /argument "([^"]+)" must be ([^,]+), got (\w+)/.exec(problem);
  if (type) return `The ${'“' + type[1] + '”'} parameter must be ${type[2]}; a value of type ${type[3]} was given.`;
  return problem;
}

/** WHM's answers to what the dispatcher finds before a handler runs. */
export const whmFaults: PanelFaults = {
  unknownMethod: (method) => new PanelFault('unknown_app', reasons.unknownApp(method, 1), { data: { legacy: { error: reasons.legacyUnknownApp(method) } } }),
  badArguments: (_method: MethodContract, problem: string) => faults.failure(argumentReason(problem)),
  protocol: (detail) => new PanelFault('protocol', detail, { origin: 'protocol' }),
  internal: (detail) => new PanelFault('internal', reasons.internal(detail), { origin: 'mockpanel' }),
  notImplemented: (method) => new PanelFault('not_implemented', reasons.notImplemented(method), { origin: 'mockpanel' }),
  // Injected faults: an expired token is refused by cpsrvd itself (HTTP 401, auth.ts); a throttled server answers 503.
  sessionExpired: () => faults.tokenExpired('(injected)'),
  rateLimited: () => new PanelFault('busy', 'The server is too busy to handle the request; try again later.', { httpStatus: 503, origin: 'injected' }),
};
