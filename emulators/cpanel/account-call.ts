import { methodIndex } from '../../contracts/contract.js';
import { bindArguments } from '../core/arguments.js';
import { handlerOf } from '../core/method-lookup.js';
import type { CallContext } from '../core/panel.js';
import { isPanelFault, type PanelFault } from '../core/panel-fault.js';
import { inTransaction } from '../../state/database.js';
import { cpanelEnvelope, cpanelMethodName, type CpanelWire } from '../protocol/cpanel/codec.js';
import type { AccountRow } from '../whm/store/accounts.js';
import type { CpanelSession } from './call.js';
import { cpanelPanel } from './index.js';

const index = methodIndex(cpanelPanel.contract);

/** True when the cPanel door serves this function (WHM's passthrough hands it over). */
export function hasAccountFunction(api: 'uapi' | 'api2', module: string, fn: string): boolean {
  const name = cpanelMethodName(api, module, fn);
  return name !== 'login' && index.has(name) && cpanelPanel.methods?.[name] !== undefined;
}

/**
 * Runs one cPanel account function (UAPI or API 2) as `account`, for a door
 * that has already decided the caller may act for that account — WHM's
 * `uapi_cpanel` and `cpanel` passthroughs (seed 004, "cpanel",
 * "uapi_cpanel"). Returns the function's envelope as an object
 * (`{apiversion: 3, func, module, result}` or `{cpanelresult: {…}}`), a
 * failure included; its writes run in a savepoint, so a failure leaves none.
 *
 * @example
 * const body = serveAccountCall(ctx, account, 'api2', 'ZoneEdit', 'fetchzones', {});
 */
export function serveAccountCall(
  parent: CallContext,
  account: AccountRow,
  api: 'uapi' | 'api2',
  module: string,
  fn: string,
  args: Record<string, unknown>,
): Record<string, unknown> {
  const name = cpanelMethodName(api, module, fn);
  const wire: CpanelWire = { api, module, func: fn };
  const fail = (fault: PanelFault) => cpanelEnvelope(wire, { fault });
  const method = index.get(name);
  const faults = cpanelPanel.faults;
  if (!method || name === 'login') return fail(faults.unknownMethod(name, parent.world));
  const handler = handlerOf(cpanelPanel, name);
  if (!handler) return fail(faults.notImplemented(name, parent.world));
  const call = { method: name, args: [], named: args, wire: { ...wire } };
  const bound = bindArguments(cpanelPanel.contractForCall!(method, call, parent.world), [], args);
  if (bound.problem) return fail(faults.badArguments(method, bound.problem, parent.world));
  const session: CpanelSession = { user: account.user, account, via: 'whm' };
  const ctx: CallContext = { ...parent, panel: cpanelPanel, method, call, args: bound.args, params: bound.params, session };
  try {
    return cpanelEnvelope(wire, { value: inTransaction(parent.db, () => handler(ctx)) });
  } catch (error) {
    if (isPanelFault(error)) return fail(error);
    throw error;
  }
}

/** What WHM's passthrough needs of this panel (its `accountApis`, handed in by emulators/mockpanel.ts). */
export const cpanelAccountApis = { has: hasAccountFunction, serve: serveAccountCall };
