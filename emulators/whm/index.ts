import { inspectWhm } from './findings.js';
import { loadContract, type MethodContract } from '../../contracts/contract.js';
import type { MethodDef, MethodTable } from '../core/define-methods.js';
import type { PanelModule } from '../core/panel.js';
import { isPanelFault } from '../core/panel-fault.js';
import type { DecodedCall } from '../protocol/codec.js';
import { authenticate, authorize } from './auth.js';
import { WhmCall, whmContext } from './call.js';
import { whmCodec } from './envelope/codec.js';
import { failureFor, withListOptions } from './envelope/body.js';
import { api0Refusal, servesApi0 } from './envelope/legacy.js';
import { whmFaults } from './faults.js';
import { whmGate } from './gate.js';
import { LOGIN_PATH } from './login.js';
import { accountAdminMethods } from './methods/account-admin.js';
import { accountEnhancementMethods } from './methods/account-enhancements.js';
import { accountMethods } from './methods/accounts.js';
import { archiveMethods } from './methods/archives.js';
import { backgroundJobMethods } from './methods/background-jobs.js';
import { backupDestinationMethods } from './methods/backup-destinations.js';
import { backupStateMethods } from './methods/backups.js';
import { cphulkMethods } from './methods/cphulk.js';
import { dnsMethods } from './methods/dns.js';
import { featureCatalogMethods } from './methods/feature-catalog.js';
import { featureOverrideMethods } from './methods/feature-overrides.js';
import { hookMethods } from './methods/hooks.js';
import { featureAndEmailAuthMethods } from './methods/features-email-auth.js';
import { domainMethods } from './methods/domains.js';
import { mailMysqlMethods } from './methods/mail-mysql.js';
import { packageMethods } from './methods/packages.js';
import { passthroughMethods } from './methods/passthrough.js';
import { phpMethods } from './methods/php.js';
import { phpVhostMethods } from './methods/php-vhosts.js';
import { postgresqlMethods } from './methods/postgresql.js';
import { pkgacctMethods } from './methods/pkgacct.js';
import { resellerMethods } from './methods/resellers.js';
import { restoreMethods } from './methods/restores.js';
import { serverMethods } from './methods/server.js';
import { sshKeyMethods } from './methods/ssh-keys.js';
import { sslMethods } from './methods/ssl.js';
import { tokenMethods } from './methods/tokens.js';
import { dnssecMethods } from './methods/dnssec.js';
import { nameserverMethods } from './methods/nameservers.js';
import { mailDnsMethods } from './methods/mail-dns.js';
import { mailBlockMethods } from './methods/mail-blocks.js';
import { ipv6Methods } from './methods/ipv6.js';
import { mailStatusMethods } from './methods/mail-status.js';
import { prepareWhmKeys } from './key-needs.js';
import { twoFactorMethods } from './methods/two-factor.js';
import { autosslMethods } from './methods/autossl.js';
import { serviceManagerMethods } from './methods/services.js';
import { serviceSslMethods } from './methods/service-ssl.js';
import { sslCertificateMethods } from './methods/ssl-certificates.js';
import { systemInfoMethods } from './methods/system-info.js';
import { transferMethods } from './methods/transfers.js';
import { withPerTypeParams } from './per-type-params.js';
import { familyMethods } from './families/index.js';
import { sampleReason } from './sample-reasons.js';
import { documentedEnvelope, sampleReply } from './sample.js';
import { whmMigrations } from './schema.js';
import { describeWhmSeed, seedWhm } from './seed.js';
import { trackAccounts } from './store/account-cache.js';
import { settleJobs } from './store/operations.js';

const contract = loadContract('whm');

/** Functions emulated with state, by name (tier 1 all, tier 2 where the world has the state). */
const stateful: MethodTable<WhmCall> = {
  ...accountMethods,
  ...packageMethods,
  ...dnsMethods,
  ...domainMethods,
  ...tokenMethods,
  ...sslMethods,
  ...resellerMethods,
  ...passthroughMethods,
  ...mailMysqlMethods,
  ...featureAndEmailAuthMethods,
  ...serverMethods,
  ...featureOverrideMethods,
  ...sshKeyMethods,
  ...cphulkMethods,
  ...phpVhostMethods,
  ...backupStateMethods,
  ...accountEnhancementMethods,
  ...dnssecMethods,
  ...nameserverMethods,
  ...mailDnsMethods,
  ...mailBlockMethods,
  ...ipv6Methods,
  ...mailStatusMethods,
  ...twoFactorMethods,
  ...postgresqlMethods,
  ...hookMethods,
  ...phpMethods,
  ...accountAdminMethods,
  ...featureCatalogMethods,
  ...sslCertificateMethods,
  ...serviceSslMethods,
  ...autosslMethods,
  ...serviceManagerMethods,
  ...systemInfoMethods,
  ...transferMethods,
  ...restoreMethods,
  ...pkgacctMethods,
  ...backupDestinationMethods,
  ...archiveMethods,
  ...backgroundJobMethods,
};

/** Tier-3 families (collections, toggles, get/set pairs) found in the contract by name: state through one mechanism (families/). */
const familyTable = familyMethods(contract, (name) => name in stateful);
const families = familyTable.methods;
/** The tier-3 families found in the contract (for tests and the coverage note). */
export const whmFamilies = familyTable.families;

/** Answers the documented sample with the request's values put back (tier 3 and the rest of tier 2). */
const sampleMethod: MethodDef<WhmCall> = { acl: 'root', implementation: 'sample', run: (call) => sampleReply(call) };

/**
 * The check WHM makes before a function runs: first whether the function
 * exists in the API version asked for (an API 0 call of a function whose
 * API 0 body is not established gets "Unknown App Requested"), then whether
 * the caller holds its privilege.
 */
function admit(call: WhmCall, acl: string): void {
  if (call.apiVersion === 0 && !servesApi0(call.fn)) throw api0Refusal(call.fn);
  authorize(call, acl);
}

/**
 * Runs a function: its answer leaves with the call's list options applied
 * and its failure in the function's API 0 form where the call asked for
 * API 0 (envelope/body.ts); the body is built on the way out (envelope/codec.ts).
 */
function answering(run: MethodDef<WhmCall>['run']): MethodDef<WhmCall>['run'] {
  return (call) => {
    trackAccounts(call.db);
    // Transfers, restores and pkgacct sessions whose time has come have done their work before anything reads the state.
    settleJobs(call.db, call.now());
    let out: unknown;
    try {
      out = run(call);
    } catch (error) {
      throw isPanelFault(error) ? failureFor(error, call.wire) : error;
    }
    return withListOptions(out, call.wire);
  };
}

/** Every function mockpanel answers, by name, each with the privilege it needs (the one privilege registry: applist reads it too). */
const methods: MethodTable<WhmCall> = {};
for (const method of contract.methods) {
  const def = stateful[method.name] ?? families[method.name] ?? (documentedEnvelope(method) ? { ...sampleMethod, why: sampleReason(method) } : undefined);
  if (def) methods[method.name] = { ...def, run: answering(def.run) };
}

/**
 * Parameters that WHM also reads under another name: API 0 clients send
 * removeacct `user`, addzonerecord `zone`, zone-record functions `Line`
 * ([lumberg] cassettes). The contract's required name is satisfied by them.
 */
const ALTERNATES: Record<string, Record<string, string[]>> = {
  createacct: { username: ['user'] },
  removeacct: { username: ['user'] },
  passwd: { password: ['pass'] },
  addzonerecord: { domain: ['zone'] },
  editzonerecord: { domain: ['zone'], line: ['Line'] },
  getzonerecord: { line: ['Line'] },
  removezonerecord: { line: ['Line'] },
  // The numbered list form of the reference's own request sample (seed 004, massmodifyacct, the `user` examples: user-0=…, user-1=…).
  massmodifyacct: { user: ['user-0', 'user-1'] },
  get_users_features_settings: { user: ['user-0', 'user-1'] },
  // seed 004, twofactorauth_remove_user_config: "increment the parameter name. For example, user-1, user-2".
  twofactorauth_remove_user_config: { user: ['user-0', 'user-1'] },
  // seed 004, modsec_batch_settings: several settings as setting_id1=…&state1=…, incremented.
  modsec_batch_settings: { setting_id: ['setting_id1'], state: ['state1'] },
};

const relaxed = new Map<string, MethodContract>();

/**
 * WHM checks no argument types before a function runs (every value is a
 * Perl string; each function reads its own, e.g. `hasshell=true` from
 * cpanel-rest-api), so parameters bind as `any`; required ones stay
 * required unless an alternate name was sent.
 */
function contractForCall(method: MethodContract, call: DecodedCall): MethodContract {
  return withPerTypeParams(looseContract(method, call), call.named ?? {});
}

function looseContract(method: MethodContract, call: DecodedCall): MethodContract {
  let loose = relaxed.get(method.name);
  if (!loose) {
    // `api.version` listed as a parameter (personalization_set) travels as an api.* variable, which the codec keeps apart.
    loose = { ...method, params: method.params.filter((p) => !p.name.startsWith('api.')).map((p) => ({ ...p, type: 'any' as const })) };
    relaxed.set(method.name, loose);
  }
  const alternates = ALTERNATES[method.name];
  const named = call.named ?? {};
  if (!alternates) return loose;
  const satisfied = Object.entries(alternates)
    .filter(([param, names]) => !(param in named) && names.some((n) => n in named))
    .map(([param]) => param);
  if (!satisfied.length) return loose;
  return { ...loose, params: loose.params.map((p) => (satisfied.includes(p.name) ? { ...p, required: false } : p)) };
}

// /json-api/FUNCTION, optionally behind a browser session's /cpsessNNNNNNNNNN prefix.
const JSON_API = /^(?:\/cpsess\d+)?\/json-api\/[^/]*\/?$/;

/** cPanel WHM API 1 over `/json-api/<function>`: accounts, packages, DNS, resellers, tokens with state; the rest from the documented samples. */
export const whmPanel: PanelModule = {
  id: 'whm',
  title: 'cPanel WHM API 1',
  contract,
  paths: ['/json-api/<function>', '/login'],
  route: (path) => (JSON_API.test(path) || LOGIN_PATH.test(path) ? whmCodec : undefined),
  gate: whmGate,
  // Keys that take too long to make on the event loop (DNSSEC/DKIM RSA keys, SSH key pairs, generatessl's key) are made before the call is served.
  prepare: prepareWhmKeys,
  migrations: whmMigrations,
  seed: seedWhm,
  describeSeed: describeWhmSeed,
  methods,
  newCall: (ctx) => new WhmCall(whmContext(ctx)),
  authorize: (call, acl) => admit(call as WhmCall, acl),
  faults: whmFaults,
  authenticate,
  contractForCall,
  inspect: inspectWhm,
  settings: {
    /** What `version` reports. */
    version: '11.124.0.21',
    /** The password strength createacct and passwd demand (0–100; WHM's default minimum is off). */
    minimumPasswordStrength: 0,
    /** The license's account limit, as get_maximum_users reports it (the reference's sample shows 100). */
    maximumUsers: 100,
    /** The Feature Showcase's features (manage_features): none, as the reference's info sample shows. */
    featureShowcase: [],
    /** The root partition's size in 1K blocks that getdiskusage reports (80 GiB). */
    diskSizeKb: 80 * 1024 * 1024,
  },
};
