import type { MethodDef } from '../core/define-methods.js';
import { UapiError, uapiModules } from '../whm/store/uapi.js';
import type { CpanelCall } from './call.js';
import { faults } from './faults.js';

/** The call's arguments as the strings cPanel functions read (the first value of a repeated key). */
function stringArgs(call: CpanelCall): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(call.params)) {
    const v = call.str(name);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/**
 * A method served by the account functions WHM's uapi_cpanel and cpanel
 * passthroughs have run since issue 4 (emulators/whm/store/uapi.ts: Email, Mysql),
 * so the cPanel door and WHM's passthrough share one implementation.
 * `rename` maps an API 2 function's argument names onto the UAPI one's.
 * API 2 answers a change as [{reason: '', result: 1}] and a list as the list.
 */
export function accountFunction(
  module: string,
  fn: string,
  options: { api2?: boolean; rename?: (args: Record<string, string>) => Record<string, string | undefined> } = {},
): MethodDef<CpanelCall> {
  return {
    run: (call) => {
      const impl = uapiModules[module]![fn]!;
      const given = stringArgs(call);
      const args = options.rename
        ? (Object.fromEntries(Object.entries(options.rename(given)).filter(([, v]) => v !== undefined)) as Record<string, string>)
        : given;
      let data: unknown;
      try {
        data = impl({ db: call.db, account: call.account, args, now: call.now(), minimumStrength: call.minimumPasswordStrength() });
      } catch (error) {
        if (error instanceof UapiError) throw faults.failed(error.message);
        throw error;
      }
      if (!options.api2) return data;
      return Array.isArray(data) ? data : [{ reason: '', result: 1 }];
    },
  };
}
