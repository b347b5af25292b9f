import { inspectWhm } from './findings.js';
import { loadContract, type MethodContract } from '../../contracts/contract.js';
import type { Handler, PanelModule } from '../core/panel.js';
import { isPanelFault } from '../core/panel-fault.js';
import type { DecodedCall } from '../protocol/codec.js';
import { createWhmJsonCodec, WhmReply, whmReply } from '../protocol/whm/json-codec.js';
import { accountEnhancementFunctions } from './account-enhancements.js';
import { authenticate, authorize } from './auth.js';
import { backupStateFunctions } from './backup-state.js';
import { whmGate } from './gate.js';
import { LOGIN_PATH } from './login.js';
import { WhmCall } from './call.js';
import type { WhmFunction, WhmFunctions } from './define.js';
import { WHM_FAILED, whmFail, whmFaults } from './faults.js';
import { accountFunctions } from './functions/accounts.js';
import { dnsFunctions } from './functions/dns.js';
import { featureAndEmailAuthFunctions } from './functions/features-email-auth.js';
import { domainFunctions } from './functions/domains.js';
import { mailMysqlFunctions } from './functions/mail-mysql.js';
import { packageFunctions } from './functions/packages.js';
import { passthroughFunctions } from './functions/passthrough.js';
import { resellerFunctions } from './functions/resellers.js';
import { serverFunctions, setAclLookup } from './functions/server.js';
import { sslFunctions } from './functions/ssl.js';
import { tokenFunctions } from './functions/tokens.js';
import { featureOverrideFunctions } from './feature-overrides.js';
import { legacyShapes } from './legacy.js';
import { massModifyFunctions } from './mass-modify.js';
import { withPerTypeParams } from './per-type-params.js';
import { reasons } from './reasons.js';
import { serverListFunctions } from './server-lists.js';
import { documentedEnvelope, sampleReply } from './sample.js';
import { whmMigrations } from './schema.js';
import { describeWhmSeed, seedWhm } from './seed.js';
import { trackAccounts } from './state/account-cache.js';
import { settingsPairFunctions, settingsPairs } from './stored-settings.js';

const contract = loadContract('whm');
const codec = createWhmJsonCodec();

/** Functions emulated with state, by name (tier 1 all, tier 2 where the world has the state). */
const stateful: WhmFunctions = {
  ...accountFunctions,
  ...packageFunctions,
  ...dnsFunctions,
  ...domainFunctions,
  ...tokenFunctions,
  ...sslFunctions,
  ...resellerFunctions,
  ...passthroughFunctions,
  ...mailMysqlFunctions,
  ...featureAndEmailAuthFunctions,
  ...serverFunctions,
  ...massModifyFunctions,
  ...featureOverrideFunctions,
  ...serverListFunctions,
  ...backupStateFunctions,
  ...accountEnhancementFunctions,
};

const pairFunctions = settingsPairFunctions(settingsPairs(contract, (name) => name in stateful));

/** Answers the documented sample with the request's values put back (tier 3 and the rest of tier 2). */
const sampleFunction: WhmFunction = { acl: 'root', run: (call) => sampleReply(call) };

/** API 0 callers of these get the answer the function builds itself (the `cpanel` passthrough's legacy shapes). */
const nativeLegacy = new Set<string>(['cpanel']);

/**
 * Runs a function the way WHM does: privilege check, then the function; a
 * call without api.version gets the function's WHM API 0 body where that
 * shape is established (legacy.ts) and a clear error where it is not.
 */
function wrap(name: string, fn: WhmFunction): Handler {
  const legacy = legacyShapes[name];
  return (ctx) => {
    trackAccounts(ctx.db);
    const call = new WhmCall(ctx);
    const api0 = call.apiVersion === 0 && !nativeLegacy.has(name);
    if (api0 && !legacy) throw whmFail(reasons.legacyOnlyApi1(name), { legacy: { error: reasons.legacyOnlyApi1(name) } });
    authorize(call, fn.acl);
    let out: unknown;
    try {
      out = fn.run(call);
    } catch (error) {
      if (api0 && legacy?.fail && isPanelFault(error) && error.code === WHM_FAILED && error.data?.legacy === undefined) {
        throw whmFail(error.faultString, { legacy: legacy.fail(error.faultString) });
      }
      throw error;
    }
    if (!api0) return out;
    const reply = out instanceof WhmReply ? out.options : { data: out };
    return whmReply({ ...reply, legacy: legacy!.ok({ data: reply.data, reason: reply.reason ?? 'OK', metadata: reply.metadata }) });
  };
}

const kinds = new Map<string, 'stateful' | 'sample'>();
const acls = new Map<string, string>();
const handlers: Record<string, Handler> = {};
for (const method of contract.methods) {
  const own = stateful[method.name] ?? pairFunctions[method.name];
  const fn = own ?? (documentedEnvelope(method) ? sampleFunction : undefined);
  if (!fn) continue;
  handlers[method.name] = wrap(method.name, fn);
  kinds.set(method.name, own ? 'stateful' : 'sample');
  acls.set(method.name, fn.acl);
}
setAclLookup((fn) => acls.get(fn) ?? 'root');

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
  route: (path) => (JSON_API.test(path) || LOGIN_PATH.test(path) ? codec : undefined),
  gate: whmGate,
  migrations: whmMigrations,
  seed: seedWhm,
  describeSeed: describeWhmSeed,
  handlers,
  faults: whmFaults,
  authenticate,
  contractForCall,
  inspect: inspectWhm,
  settings: {
    /** What `version` reports. */
    version: '11.124.0.21',
    /** The password strength createacct and passwd demand (0–100; WHM's default minimum is off). */
    minimumPasswordStrength: 0,
  },
  implementationOf: (method) => kinds.get(method) ?? 'sample',
};

/** The WHM codec instance (batch runs its sub-commands through it). */
export const whmCodec = codec;
