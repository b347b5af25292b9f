import type { Handler, PanelModule } from './panel.js';
import { PanelCall } from './panel-call.js';
import { isPanelFault } from './panel-fault.js';

/** Each panel's handlers, built once per method rather than on every call (the dispatcher's hot path). */
const built = new WeakMap<PanelModule, Map<string, Handler>>();

/** The method's handler: its `methods` entry run through the panel's call type, fault mapping and ACL check. */
export function handlerOf(panel: PanelModule, method: string): Handler | undefined {
  let handlers = built.get(panel);
  if (!handlers) built.set(panel, (handlers = new Map()));
  const known = handlers.get(method);
  if (known) return known;
  const def = panel.methods[method];
  if (!def) return undefined;
  const handler: Handler = (ctx) => {
    const call = panel.newCall ? panel.newCall(ctx) : new PanelCall(ctx);
    try {
      if (def.acl !== undefined) panel.authorize?.(call, def.acl);
      return def.run(call);
    } catch (error) {
      if (isPanelFault(error) || !panel.toFault) throw error;
      throw panel.toFault(error, call) ?? error;
    }
  };
  handlers.set(method, handler);
  return handler;
}

/** How a documented method is emulated, for the coverage report. */
export function implementationOf(panel: PanelModule, method: string): 'stateful' | 'sample' | 'not implemented' {
  const def = panel.methods[method];
  return def ? (def.implementation ?? 'stateful') : 'not implemented';
}
