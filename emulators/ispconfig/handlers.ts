import type { Contract } from '../../contracts/contract.js';
import type { Handler } from '../core/panel.js';
import { crudHandler, crudShape } from './crud-methods.js';
import { apsHandlers } from './methods/aps.js';
import { clientHandlers } from './methods/client.js';
import { dnsHandlers, dnsRecordHandler } from './methods/dns.js';
import { mailHandlers } from './methods/mail.js';
import { openvzHandlers } from './methods/openvz.js';
import { quotaHandlers } from './methods/quota.js';
import { serverHandlers } from './methods/server.js';
import { sitesHandlers } from './methods/sites.js';
import { login, logout } from './session.js';

/** Methods that are not plain CRUD, written by hand. */
function specialHandlers(contract: Contract): Record<string, Handler> {
  return {
    login,
    logout,
    // The dispatch table's keys in their real order, `__construct` included (protocol.md §1).
    get_function_list: () => contract.functionListOrder ?? [],
    ...clientHandlers,
    ...dnsHandlers,
    ...mailHandlers,
    ...sitesHandlers,
    ...serverHandlers,
    ...openvzHandlers,
    ...quotaHandlers,
    ...apsHandlers,
  };
}

/**
 * The handler of every contract method mockpanel emulates: a hand-written
 * one where the method is not plain CRUD, the DNS record handler (serial
 * bumps), else the generic table-driven engine. Every method of the
 * contract has one; a method without would answer
 * `mockpanel_not_implemented` through the dispatcher.
 */
export function buildHandlers(contract: Contract): Record<string, Handler> {
  const special = specialHandlers(contract);
  const known = new Set(contract.methods.map((m) => m.name));
  const stray = Object.keys(special).filter((name) => !known.has(name));
  if (stray.length) throw new Error(`ispconfig: handlers for methods the contract does not have: ${stray.join(', ')}`);
  const handlers: Record<string, Handler> = {};
  for (const method of contract.methods) {
    if (method.tags?.includes('private')) continue;
    const shape = crudShape(method);
    const handler = special[method.name] ?? dnsRecordHandler(method) ?? (shape && crudHandler(shape.op, shape.form));
    if (handler) handlers[method.name] = handler;
  }
  return handlers;
}
