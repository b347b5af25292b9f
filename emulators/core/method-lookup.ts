import type { Handler, PanelModule } from './panel.js';
import { PanelCall } from './panel-call.js';
import { isPanelFault } from './panel-fault.js';

/** The method's handler: its `methods` entry run through the panel's call type, fault mapping and ACL check. */
export function handlerOf(panel: PanelModule, method: string): Handler | undefined {
  const def = panel.methods[method];
  if (!def) return undefined;
  return (ctx) => {
    const call = panel.newCall ? panel.newCall(ctx) : new PanelCall(ctx);
    try {
      if (def.acl !== undefined) panel.authorize?.(call, def.acl);
      return def.run(call);
    } catch (error) {
      if (isPanelFault(error) || !panel.toFault) throw error;
      throw panel.toFault(error, call) ?? error;
    }
  };
}

/** How a documented method is emulated, for the coverage report. */
export function implementationOf(panel: PanelModule, method: string): 'stateful' | 'sample' | 'not implemented' {
  const def = panel.methods[method];
  return def ? (def.implementation ?? 'stateful') : 'not implemented';
}
