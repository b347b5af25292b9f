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

  // --- DNSSEC, nameservers, mail DNS, IPv6 ranges (methods/dnssec.ts, nameservers.ts, mail-dns.ts, mail-blocks.ts, ipv6.ts) --
  /** seed 004, every DNSSEC function: "Only servers that run PowerDNS can use DNSSEC … you will receive an error" (wording inferred). */
  dnssecNeedsPowerDns: (software: string) => `DNSSEC requires the PowerDNS nameserver; this server runs ${software}.`,
  /** inferred. */
  dnssecNotEnabled: (domain: string) => `DNSSEC is not enabled for ${q(domain)}.`,
  dnssecAlreadyEnabled: (domain: string) => `DNSSEC is already enabled for ${q(domain)}.`,
  noSuchZoneKey: (domain: string, id: number) => `The domain ${q(domain)} has no DNSSEC key with the ID ${q(String(id))}.`,
  zoneKeysFull: (max: number) => `A zone may have at most ${max} DNSSEC keys.`,
  /** inferred: the RSA key made for this call before it ran was used up by another call at the same moment. */
  keyUnavailable: (what: string) => `The system could not generate a new ${what} key; try again.`,
  zoneKeyInvalid: (why: string) => `The key data is not valid: ${why}`,
  /** seed 004, set_nameserver: "Possible Values: BIND PowerDNS Disabled" (wording inferred). */
  nameserverSoftwareInvalid: (value: string) => `${q(value)} is not a valid nameserver: use BIND, PowerDNS or Disabled.`,
  /** seed 004, block_incoming_email_from_country: an ISO 3166-1 alpha-2 code (wording inferred). */
  countryCodeInvalid: (code: string) => `${q(code)} is not a valid ISO 3166-1 alpha-2 country code.`,
  /** inferred. */
  noDkimKey: (domain: string) => `The domain ${q(domain)} has no DKIM key.`,
  /** seed 004, ipv6_range_add `name`: SHARED is reserved for the server's shared IPv6 address. */
  ipv6RangeReserved: 'You cannot use “SHARED” as a range name: it is reserved for the server’s shared IPv6 address.',
  /** inferred. */
  noSuchIpv6Range: (name: string) => `The IPv6 range ${q(name)} does not exist.`,
  ipv6RangeExists: (name: string) => `An IPv6 range named ${q(name)} already exists.`,
  ipv6RangeInvalid: (range: string) => `${q(range)} is not an IPv6 range in CIDR notation (for example 2001:db8:66ac:cafe::/64).`,
  ipv6RangeOverlaps: (range: string, other: string) => `The IPv6 range ${q(range)} overlaps the existing range ${q(other)}.`,
  ipv6RangeInUse: (name: string, users: string) => `The IPv6 range ${q(name)} still has addresses assigned to: ${users}.`,
  // --- 2FA, SSH key pairs, PostgreSQL, hooks, PHP, account IDs (issue 19, w19-d) ---
  /** [cpanel] Whostmgr::API::1::TwoFactorAuth::twofactorauth_set_tfa_config. */
  tfaCodeInvalid: 'The security code is invalid.',
  /** inferred: the secret is not base32 of at least 80 bits. */
  tfaSecretInvalid: 'The secret must be a base32 string of at least 16 characters (A–Z and 2–7), as twofactorauth_generate_tfa_config returns.',
  /** [cpanel] TwoFactorAuth.pm twofactorauth_remove_user_config. */
  tfaNoUsers: 'No users specified.',
  /** [cpanel] TwoFactorAuth.pm twofactorauth_remove_user_config (a `failed` entry, not a whole-call failure). */
  tfaNotAuthorized: (user: string, error: string) => `You are not authorized to modify ${q(user)}: ${error}`,
  /** [cpanel] TwoFactorAuth.pm _validate_issuer, under set_issuer's "Failed to set issuer: ". */
  tfaIssuerInvalid: `Failed to set issuer: The ${q('issuer')} parameter must be less than or equal to 32 characters in length. It can only use spaces and the following characters: a-z, A-Z, 0-9, ., _, -`,
  /** inferred: generatesshkeypair with abort_on_existing_key=1 (its default) and a key of that name. */
  sshKeyPairExists: (name: string) => `The key ${q(name)} already exists. Send abort_on_existing_key=0 to replace it.`,
  /** inferred: convertopensshtoputty on a key that is not a private key, or a wrong passphrase. */
  sshKeyUnreadable: (file: string) => `The private key ${q(file)} could not be read: it is not a private key, or the passphrase is wrong.`,
  /** [cpanel] Cpanel::Hooks::Manage::edit_hook. */
  noSuchHook: (id: string) => `Requested hook with ID ${id} does not exist.`,
  /** [cpanel] Cpanel::Hooks::Manage::edit_hook. */
  hookEditEmpty: 'edit_hook requires that you edit at least one component of the hook you specified to edit',
  /** [cpanel] Cpanel::Hooks::Manage::reorder_hooks. */
  hookReorderMissing: 'One of the passed in ID(s) does not exist in the hooks database.',
  /** [cpanel] Cpanel::Hooks::Manage::reorder_hooks. */
  hookReorderMixed: 'At least one of the provided ids is not in the same category, event and stage as the other provided ids.',
  /** inferred. */
  phpVersionNotInstalled: (version: string) => `The PHP version ${q(version)} is not installed on this server.`,
  /** inferred. */
  phpHandlerUnavailable: (handler: string, version: string) => `The PHP handler ${q(handler)} is not available for ${q(version)}.`,
  /** inferred: a directive is sent as `name:value`. */
  phpDirectiveInvalid: (directive: string) => `${q(directive)} is not a PHP directive setting: send it as name:value.`,
  /** [cpanel] Whostmgr::API::1::Accounts::untrack_acct_id. */
  untrackNeedsRoot: 'You cannot untrack IDs because you do not have root access.',
  /** inferred (Whostmgr::Accounts::IdTrack::remove_id's refusals are not public). */
  idInUse: (id: number) => `The ID ${id} belongs to an existing account; send check_exists=0 to untrack it anyway.`,
  /** inferred. */
  idIsSystem: (id: number) => `The ID ${id} is in the system range; send protect_system=0 to untrack it anyway.`,
  /** inferred. */
  idNotTracked: (id: number) => `The ID ${id} is not in the tracked ID list.`,
  /** [cpanel] Whostmgr::API::1::Accounts::forcepasswordchange. */
  invalidUsers: (users: string[]) => `Invalid user(s): ${users.join(', ')}`,
  /** [cpanel] Whostmgr::API::1::Accounts::forcepasswordchange, when every flag already has the value asked for (a success). */
  nothingToDo: 'Nothing to do.',
  /** inferred: users_json must be a JSON object of user → 0|1. */
  usersJsonInvalid: `The ${q('users_json')} parameter must be a JSON object of usernames to 1 or 0.`,
  /** [cpanel] Whostmgr::API::1::ManageFeatures::manage_features. */
  invalidShowcaseAction: (action: string) => `Invalid action specified: ${action}`,
  // --- SSL storage, service certificates, AutoSSL, services, system (issue 19) ---
  /** inferred: fetchcrtinfo with an id the user's SSL storage does not hold. */
  noSuchCertificate: (id: string, user: string) => `The certificate ${q(id)} is not in the SSL storage of ${q(user)}.`,
  /** inferred: the certificate and the key are not a pair. */
  keyDoesNotMatch: 'The private key does not match the certificate.',
  /** inferred: a service name the function does not know; lists the ones it does. */
  unknownServiceName: (service: string, known: string[]) => `${q(service)} is not a valid service; use one of: ${known.join(', ')}.`,
  /** inferred: restartsrv does not start a service the Service Manager has disabled. */
  serviceDisabled: (service: string) => `The service ${q(service)} is disabled; enable it first (configureservice enabled=1).`,
  /** inferred. */
  serviceNotInstalled: (service: string) => `The service ${q(service)} is not installed on this server.`,
  /** inferred. */
  domainNotOwned: (domain: string, user: string) => `The account ${q(user)} does not own a domain named ${q(domain)}.`,
  /** inferred. */
  noSuchAutosslProvider: (provider: string, known: string[]) => `${q(provider)} is not an AutoSSL provider on this server; use one of: ${known.join(', ')}.`,
  /** inferred: Let’s Encrypt needs its terms accepted through x_terms_of_service_accepted (seed 004, reset_autossl_provider `x_*`). */
  termsNotAccepted: (provider: string, url: string) => `The AutoSSL provider ${q(provider)} requires x_terms_of_service_accepted=${url}.`,
  /** inferred. */
  noSuchAutosslLog: (start: string) => `There is no AutoSSL log that started at ${q(start)}.`,
  /** inferred: set_service_proxy_backends pairs each service_group with a service_group_backend (seed 004). */
  proxyGroupWithoutBackend: (group: string) => `The service group ${q(group)} needs a corresponding “service_group_backend”.`,
  // --- transfers, restores, backups (operations on the world clock) -------
  /** [cpanel] Whostmgr::Transfers::Session::new. */
  transferSessionIdInvalid: (id: string) => `The session ID ${q(id)} may only contain alphanumeric characters and underscores.`,
  /** [cpanel] Whostmgr::Transfers::Session::new. */
  noSuchTransferSession: (id: string) => `The session ID ${q(id)} does not exist.`,
  /** [cpanel] Whostmgr::API::1::Transfers::start_transfer_session. */
  transferStartFailed: (id: string, why: string) => `The system failed to start the transfer session ${q(id)} because of an error: ${why}`,
  /** [cpanel] Whostmgr::API::1::Transfers::_set_transfer_session_state ("pause", "abort"). */
  transferStateChangeFailed: (operation: string) => `The system failed to ${q(operation)} the transfer session.`,
  /** [cpanel] Whostmgr::API::1::Transfers::enqueue_transfer_item. */
  noSuchTransferModule: (module: string) => `The transfer session module ${q(module)} does not exist.`,
  /** [cpanel] Whostmgr::Transfers::Session::_validate_enqueued_data_against_schema. */
  transferModuleParam: (param: string, module: string) => `The ${q(param)} parameter is required for the ${q(module)} module.`,
  /** [cpanel] Whostmgr::Transfers::Session::enqueue. */
  transferItemExists: (key: string, value: string, module: string) =>
    `An item with a ${q(key)} key value of ${q(value)} and a type of ${q(module)} already exists in the queue.`,
  /** inferred: the remote server is not emulated, so the item must name the account's domain for mockpanel to create it. */
  transferNeedsDomain: (module: string) =>
    `mockpanel does not reach the remote server: give the account's main domain in the ${q('domain')} parameter of the ${q(module)} item.`,
  /** inferred: a session that has ended takes no more items. */
  transferSessionEnded: (id: string, state: string) => `The transfer session ${q(id)} has ended (${state}); create a new session.`,
  /** inferred: the remote user session ("You must set this parameter to a value of 1", seed 004, create_remote_user_transfer_session). */
  unrestrictedRestoreRequired: 'The “unrestricted_restore” parameter must have the value 1.',
  /** inferred: the root session authenticates with a password or an SSH key (seed 004, create_remote_root_transfer_session). */
  transferNeedsCredential: 'Give the remote server’s “password” or the name of one of root’s SSH keys in “sshkey_name”.',
  /** inferred. */
  noSuchLogFile: (name: string) => `The log file ${q(name)} does not exist in this session.`,
  /** [cpanel] Cpanel::Backup::Transport::validate_common. */
  destinationTypeInvalid: (type: string) => `The backup destination type is invalid: ${type}`,
  /** [cpanel] Cpanel::Backup::Transport::validate_common. */
  destinationParamsInvalid: (names: string) => `The following parameters were invalid: ${names}`,
  /** [cpanel] Cpanel::Backup::Transport::delete / get. */
  noSuchDestination: (id: string) => `ID ${q(id)} does not exist as a destination.`,
  /** [cpanel] Whostmgr::API::1::Backup::backup_destination_validate. */
  disableOnFailInvalid: (value: string) => `Value for argument disableonfail must be either 1 or 0 (${value})`,
  /** [cpanel] Cpanel::Backup::Transport::validate_transport. */
  destinationValidationFailed: (name: string, why: string) => `Validation for transport ${q(name)} failed: ${why}`,
  /** [cpanel] Whostmgr::Backup::Pkgacct::State: a session with no log to read. */
  pkgacctStateUnknown: 'Could not identify state from pkgacct log',
  /** [cpanel] Cpanel::Backup::BackupSet::backup_user_list. */
  invalidRestorePoint: (date: string) => `Invalid restore point: ${date}`,
  /** inferred. */
  noBackupOn: (user: string, date: string) => `There is no backup of the account ${q(user)} for the restore point ${q(date)}.`,
  /** inferred: "you must include at least one of the all, mail, subs, or mysql parameters" (seed 004, restoreaccount). */
  restoreNeedsPart: 'Include at least one of the “all”, “mail”, “subs” or “mysql” parameters.',
  /** inferred: mockpanel's archives are daily ones (store/backups.ts). */
  noBackupOfType: (user: string, type: string) => `There is no ${type} backup of the account ${q(user)}.`,
  /** inferred: "0 — Restore only" needs the account (seed 004, restoreaccount `all`). */
  restoreNeedsAccount: (user: string) => `The account ${q(user)} does not exist: send all=1 to create it from the backup.`,
  /** inferred. */
  restoreTaskQueued: (user: string) => `The restore queue already holds a pending task for ${q(user)}.`,
  /** inferred. */
  noPendingRestoreTask: (user: string) => `The restore queue holds no pending task for ${q(user)}.`,
  /** inferred. */
  noCompletedRestoreTask: (user: string, start: string) => `The restore queue holds no finished task for ${q(user)} that started at ${start}.`,
  // --- tier-3 families (families/) -----------------------------------------
  /** inferred: the reference documents no refusal for an item a remove, update or read names that does not exist. */
  noSuchFamilyItem: (what: string, id: string) => `The ${what} ${q(id)} does not exist.`,
  /** inferred: mockpanel's own bound on one family's items. */
  familyFull: (what: string, max: number) => `mockpanel keeps at most ${max} of ${what}.`,
  // --- backup archives and destinations (methods/archives.ts, methods/backup-destinations.ts) ---
  /** [cpanel] Whostmgr::API::1::Backup::backup_destination_set (the names space-separated). */
  destinationParamsMissing: (names: string) => `The following parameters were missing: ${names}`,
  /** inferred: reads with room for one job (is_conversion_in_progress, backup_skip_users_all_status) imply one at a time; the reference words no refusal. */
  backgroundJobRunning: (what: string) => `A ${what} is already in progress.`,
  /** inferred: a job id made of the start time (mysql_upgrade.YYYYMMDD-HHMMSS, build_id) taken by one already started in that second. */
  backgroundJobIdTaken: (id: string) => `The job ${q(id)} already exists; start it again in a second.`,
  /** inferred: the reference documents no refusal for a job id no job has. */
  noSuchBackgroundJob: (what: string, id: string) => `There is no ${what} with the ID ${q(id)}.`,
  /** inferred: a cpmove path that names no archive pkgacct made here (mockpanel keeps no other files; seed 004, start_local_cpmove_restore). */
  noCpmoveArchive: (path: string) => `The cpmove archive ${q(path)} does not exist.`,
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
