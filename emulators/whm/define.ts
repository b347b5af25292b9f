import type { Acl } from './auth.js';
import type { WhmCall } from './call.js';

/** A WHM function mockpanel emulates with state: the privilege it needs and its implementation. */
export interface WhmFunction {
  acl: Acl;
  run(call: WhmCall): unknown;
}

export type WhmFunctions = Record<string, WhmFunction>;

/** Shorthand for a table entry. */
export function whm(acl: Acl, run: (call: WhmCall) => unknown): WhmFunction {
  return { acl, run };
}
