import { whmAccessDeniedFault } from '../protocol/whm/json-codec.js';
import type { MethodContract } from '../../contracts/contract.js';
import type { PanelFaults } from '../core/panel.js';
import { PanelFault } from '../core/panel-fault.js';
import { reasons } from './reasons.js';

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

/**
 * A WHM API failure: HTTP 200, `metadata.result: 0`, `metadata.reason` the
 * given text. Handlers throw it; the dispatcher rolls the call back.
 */
export function whmFail(reason: string, options: WhmFailOptions = {}): PanelFault {
  const data: Record<string, unknown> = { ...options.metadata };
  if ('data' in options) data.data = options.data;
  if (options.legacy !== undefined) data.legacy = options.legacy;
  return new PanelFault(WHM_FAILED, reason, { data, keepChanges: options.keepChanges });
}

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
  badArguments: (_method: MethodContract, problem: string) => whmFail(argumentReason(problem)),
  protocol: (detail) => new PanelFault('protocol', detail, { origin: 'protocol' }),
  internal: (detail) => new PanelFault('internal', reasons.internal(detail), { origin: 'mockpanel' }),
  notImplemented: (method) => new PanelFault('not_implemented', reasons.notImplemented(method), { origin: 'mockpanel' }),
  // Injected faults: an expired token is refused by cpsrvd itself (HTTP 401, auth.ts); a throttled server answers 503.
  sessionExpired: () => whmAccessDeniedFault(reasons.tokenExpired('(injected)'), 401),
  rateLimited: () => new PanelFault('busy', 'The server is too busy to handle the request; try again later.', { httpStatus: 503, origin: 'injected' }),
};
