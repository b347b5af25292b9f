import type { SubcallOutcome } from '../../core/panel.js';
import type { PanelRequest } from '../../core/types.js';
import { whmFaultBody } from '../../protocol/whm/json-codec.js';
import { answerBody } from '../envelope/body.js';
import { whmCodec } from '../envelope/codec.js';
import { whmReply } from '../envelope/reply.js';
import { inTransaction } from '../../../state/database.js';
import type { AccountApi, WhmPanelModule } from '../account-apis.js';
import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults, reasons } from '../faults.js';
import { accessibleAccount } from '../access.js';
import { UapiError, uapiModules, uapiResult } from '../store/uapi.js';
import { minimumStrength } from './accounts.js';

/**
 * The one place where the passthroughs (uapi_cpanel, and cpanel for both
 * UAPI and API 2) hand a call to the cPanel account APIs, as `user`. UAPI
 * Email and Mysql run here (store/uapi.ts, the implementation the cPanel
 * door runs too); every other function the cPanel panel serves goes to it
 * (its `serveAccountCall`, handed in as `accountApis`, see account-apis.ts).
 * Returns the UAPI result (`result` of the envelope) or, for API 2, the
 * whole `{cpanelresult}` body; undefined when no one serves the function.
 */
function runAccountCall(
  call: WhmCall,
  user: string,
  api: AccountApi,
  module: string,
  fn: string,
  args: Record<string, string>,
): Record<string, unknown> | undefined {
  const functions = api === 'uapi' && Object.hasOwn(uapiModules, module) ? uapiModules[module] : undefined;
  const impl = functions && Object.hasOwn(functions, fn) ? functions[fn] : undefined;
  if (impl) {
    const account = accessibleAccount(call, user);
    try {
      // A failed UAPI call leaves no half-written state: its writes run in a savepoint.
      return uapiResult(inTransaction(call.db, () => impl({ db: call.db, account, args, now: call.now(), minimumStrength: minimumStrength(call) })));
    } catch (error) {
      if (error instanceof UapiError) return uapiResult(null, error.message);
      throw error;
    }
  }
  const apis = (call.ctx.panel as WhmPanelModule).accountApis;
  if (!apis?.has(api, module, fn)) return undefined;
  const body = apis.serve(call.ctx, accessibleAccount(call, user), api, module, fn, args);
  return api === 'uapi' ? (body.result as Record<string, unknown>) : body;
}

/** A UAPI function's result as the passthroughs answer it: its own, or the "not available here" failure. */
function runUapi(call: WhmCall, user: string, module: string, fn: string, args: Record<string, string>): Record<string, unknown> {
  return runAccountCall(call, user, 'uapi', module, fn, args) ?? uapiResult(null, reasons.uapiUnknown(module, fn));
}

/** The arguments meant for the called function: everything but the passthrough's own. */
function passedArgs(call: WhmCall, own: (name: string) => boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of call.sentNames()) if (!own(name)) out[name] = call.str(name) ?? '';
  return out;
}

/**
 * uapi_cpanel: the UAPI result inside `data.uapi` (documented sample). A
 * UAPI failure makes the WHM call fail too, with the UAPI error as reason
 * and the UAPI envelope still in `data.uapi` (inferred).
 */
function uapi_cpanel(call: WhmCall): unknown {
  const user = call.required('cpanel.user');
  const module = call.required('cpanel.module');
  const fn = call.required('cpanel.function');
  const result = runUapi(
    call,
    user,
    module,
    fn,
    passedArgs(call, (n) => n.startsWith('cpanel.')),
  );
  if (!result.status) throw faults.failure((result.errors as string[])[0]).with({ data: { uapi: result } });
  return { uapi: result };
}

/** cPanel API 2 functions hosting clients call through `cpanel`, mapped onto the UAPI ones (argument renames). */
const API2: Record<string, { uapi: [string, string]; args?: (a: Record<string, string>) => Record<string, string> }> = {
  'Email::listpops': { uapi: ['Email', 'list_pops'] },
  'Email::listpopswithdisk': { uapi: ['Email', 'list_pops_with_disk'] },
  'Email::addpop': { uapi: ['Email', 'add_pop'] },
  'Email::delpop': { uapi: ['Email', 'delete_pop'] },
  'Email::passwdpop': { uapi: ['Email', 'passwd_pop'] },
  'Email::editquota': { uapi: ['Email', 'edit_pop_quota'] },
  'Email::listforwards': { uapi: ['Email', 'list_forwarders'] },
  'Email::addforward': { uapi: ['Email', 'add_forwarder'] },
  'MysqlFE::listdbs': { uapi: ['Mysql', 'list_databases'] },
  'MysqlFE::createdb': { uapi: ['Mysql', 'create_database'], args: (a) => ({ name: a.db ?? a.name }) },
  'MysqlFE::deletedb': { uapi: ['Mysql', 'delete_database'], args: (a) => ({ name: a.db ?? a.name }) },
  'MysqlFE::listusers': { uapi: ['Mysql', 'list_users'] },
  'MysqlFE::createdbuser': { uapi: ['Mysql', 'create_user'], args: (a) => ({ name: a.dbuser ?? a.name, password: a.password }) },
  'MysqlFE::deletedbuser': { uapi: ['Mysql', 'delete_user'], args: (a) => ({ name: a.dbuser ?? a.name }) },
  'MysqlFE::setdbuserprivileges': {
    uapi: ['Mysql', 'set_privileges_on_database'],
    args: (a) => ({ user: a.dbuser, database: a.db, privileges: a.privileges }),
  },
};

/**
 * cpanel: answers in the called API's own format whatever api.version says
 * (`{cpanelresult: {…}}` for API 2, `{apiversion: 3, result: {…}}` for
 * UAPI): cpanel-rest-api sends api.version=1 and reads `result` from the
 * body. API 2 success carries `event.result: 1`; a failure `error` and 0.
 */
function cpanel(call: WhmCall): unknown {
  const user = call.required('cpanel_jsonapi_user');
  const module = call.required('cpanel_jsonapi_module');
  const fn = call.required('cpanel_jsonapi_func');
  const version = call.int('cpanel_jsonapi_apiversion', 2);
  const args = passedArgs(call, (n) => n.startsWith('cpanel_jsonapi_'));
  if (version === 3) {
    return whmReply({ body: { apiversion: 3, func: fn, module, result: runUapi(call, user, module, fn, args) } });
  }
  const mapped = API2[`${module}::${fn}`];
  const base = { apiversion: version, func: fn, module };
  const served = version === 2 && !mapped ? runAccountCall(call, user, 'api2', module, fn, args) : undefined;
  if (served) return whmReply({ body: served });
  if (version !== 2 || !mapped) {
    return whmReply({ body: { cpanelresult: { ...base, data: [], error: reasons.api2Unknown(module, fn), event: { result: 0 } } } });
  }
  const result = runUapi(call, user, mapped.uapi[0], mapped.uapi[1], mapped.args ? mapped.args(args) : args);
  if (!result.status) {
    const error = (result.errors as string[])[0];
    return whmReply({ body: { cpanelresult: { ...base, data: [{ reason: error, result: 0 }], error, event: { result: 0 } } } });
  }
  const data = Array.isArray(result.data) ? result.data : [{ reason: '', result: 1 }];
  return whmReply({ body: { cpanelresult: { ...base, data, event: { result: 1 } } } });
}

/**
 * batch: each `command` is a URI-encoded `function?args` (documented), run
 * in order as the same caller through the dispatcher (call.subcall: its
 * privilege check, fault rules and journal entry), each in a savepoint.
 * A failed command rolls back only itself; with abort_on_error=1 the rest
 * are skipped. inferred: when any command failed the batch answers result
 * 0 naming it (its own reason), keeping what the others did, with every
 * command's envelope in `data.result`.
 */
function batch(call: WhmCall): unknown {
  const commands = call.list('command');
  if (!commands.length) throw faults.batchEmpty();
  const abort = call.bool('abort_on_error');
  const { request } = call.ctx;
  const results: unknown[] = [];
  let failed: string | undefined;
  for (const command of commands) {
    const q = command.indexOf('?');
    const fn = q === -1 ? command : command.slice(0, q);
    const query = q === -1 ? '' : command.slice(q + 1);
    const subRequest: PanelRequest = {
      ...request,
      httpMethod: 'GET',
      path: `/json-api/${fn}`,
      query: query ? `${query}&api.version=1` : 'api.version=1',
      body: Buffer.alloc(0),
      headers: { ...request.headers, 'content-type': undefined },
    };
    const decoded = whmCodec.decode(subRequest);
    if (decoded.kind !== 'call') continue;
    const wire = decoded.call.wire;
    const outcome: SubcallOutcome = fn === 'batch' ? { ok: false, fault: faults.batchNested() } : call.subcall(decoded.call, subRequest);
    if (outcome.ok) {
      results.push(answerBody(outcome.result, wire));
    } else {
      results.push(whmFaultBody(outcome.fault, wire));
      failed ??= `${fn}: ${outcome.fault.faultString}`;
      if (abort) break;
    }
  }
  if (failed) throw faults.batchFailed(failed).with({ data: { result: results }, keepChanges: true });
  return { result: results };
}

export const passthroughMethods = defineMethods<WhmCall>({
  uapi_cpanel: { acl: 'cpanel-api', run: uapi_cpanel },
  cpanel: { acl: 'cpanel-api', run: cpanel },
  batch: { acl: 'any', run: batch },
});
