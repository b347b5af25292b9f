import { bindArguments } from '../../core/arguments.js';
import type { CallContext } from '../../core/panel.js';
import { isPanelFault, type PanelFault } from '../../core/panel-fault.js';
import type { PanelRequest } from '../../core/types.js';
import { whmReply } from '../../protocol/whm/json-codec.js';
import { inTransaction } from '../../../state/database.js';
import type { WhmCall } from '../call.js';
import { whm, type WhmFunctions } from '../define.js';
import { whmFail } from '../faults.js';
import { reasons } from '../reasons.js';
import { accessibleAccount } from '../state/accounts.js';
import { UapiError, uapiModules, uapiResult } from '../uapi.js';
import { minimumStrength } from './accounts.js';
import { hasAccountFunction, serveAccountCall } from '../../cpanel/account-call.js';

/** Runs a UAPI function as `user`; returns the UAPI result envelope. */
function runUapi(call: WhmCall, user: string, module: string, fn: string, args: Record<string, string>): Record<string, unknown> {
  const impl = uapiModules[module]?.[fn];
  // Every other UAPI function the cPanel door has is its (issue 20): one implementation for both doors.
  if (!impl && hasAccountFunction('uapi', module, fn)) return serveAccountCall(call.ctx, accessibleAccount(call, user), 'uapi', module, fn, args).result as Record<string, unknown>;
  if (!impl) return uapiResult(null, reasons.uapiUnknown(module, fn));
  const account = accessibleAccount(call, user);
  try {
    // A failed UAPI call leaves no half-written state: its writes run in a savepoint.
    return uapiResult(inTransaction(call.db, () => impl({ db: call.db, account, args, now: call.now(), minimumStrength: minimumStrength(call) })));
  } catch (error) {
    if (error instanceof UapiError) return uapiResult(null, error.message);
    throw error;
  }
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
  const result = runUapi(call, user, module, fn, passedArgs(call, (n) => n.startsWith('cpanel.')));
  if (!result.status) throw whmFail((result.errors as string[])[0], { data: { uapi: result } });
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
  'MysqlFE::setdbuserprivileges': { uapi: ['Mysql', 'set_privileges_on_database'], args: (a) => ({ user: a.dbuser, database: a.db, privileges: a.privileges }) },
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
  if (version === 2 && !mapped && hasAccountFunction('api2', module, fn)) return whmReply({ body: serveAccountCall(call.ctx, accessibleAccount(call, user), 'api2', module, fn, args) });
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

/** Parses the JSON body of one encoded answer (the codec renders it; batch nests it). */
function envelope(body: Buffer | string): unknown {
  return JSON.parse(String(body));
}

/**
 * batch: each `command` is a URI-encoded `function?args` (documented), run
 * in order as the same caller through the same codec, each in a savepoint.
 * A failed command rolls back only itself; with abort_on_error=1 the rest
 * are skipped. inferred: when any command failed the batch answers result
 * 0 naming it (its own reason), keeping what the others did, with every
 * command's envelope in `data.result`.
 */
function batch(call: WhmCall): unknown {
  const commands = call.list('command');
  if (!commands.length) throw whmFail(reasons.batchEmpty);
  const abort = call.bool('abort_on_error');
  const { panel, request } = call.ctx;
  const codec = panel.route('/json-api/batch')!;
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
    let fault: PanelFault | undefined;
    let body: Buffer | string;
    const decoded = codec.decode(subRequest);
    if (decoded.kind !== 'call') continue;
    const subCall = decoded.call;
    const method = panel.contract.methods.find((m) => m.name === fn);
    const handler = method ? panel.handlers?.[fn] : undefined;
    if (fn === 'batch') fault = whmFail(reasons.batchNested);
    else if (!method) fault = panel.faults.unknownMethod(fn);
    else if (!handler) fault = panel.faults.notImplemented(fn);
    let value: unknown;
    if (!fault && method && handler) {
      const bound = bindArguments(panel.contractForCall?.(method, subCall, call.ctx.world) ?? method, [], subCall.named);
      if (bound.problem) fault = panel.faults.badArguments(method, bound.problem);
      else {
        const subCtx: CallContext = { ...call.ctx, method, call: subCall, request: subRequest, args: bound.args, params: bound.params };
        try {
          value = inTransaction(call.db, () => handler(subCtx));
        } catch (error) {
          if (!isPanelFault(error)) throw error;
          fault = error;
        }
      }
    }
    if (fault) {
      body = codec.encodeFault(fault, subCall, subRequest).body;
      failed ??= `${fn}: ${fault.faultString}`;
    } else {
      body = codec.encodeResult(value, subCall, subRequest).body;
    }
    results.push(envelope(body));
    if (fault && abort) break;
  }
  if (failed) throw whmFail(`${reasons.batchFailed} ${failed}`, { data: { result: results }, keepChanges: true });
  return { result: results };
}

export const passthroughFunctions: WhmFunctions = {
  uapi_cpanel: whm('cpanel-api', uapi_cpanel),
  cpanel: whm('cpanel-api', cpanel),
  batch: whm('any', batch),
};
