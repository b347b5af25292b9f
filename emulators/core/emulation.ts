import { methodIndex } from '../../contracts/contract.js';
import { implementationOf } from './method-lookup.js';
import type { PanelModule } from './panel.js';

/** How the emulator answers a documented method. */
export type Emulation = 'stateful' | 'sample' | 'not implemented';

export interface MethodEmulation {
  name: string;
  section?: string;
  emulation: Emulation;
  /** Why a `sample` method stays one (MethodDef.why), when the panel says. */
  why?: string;
}

export interface EmulationTotals {
  methods: number;
  stateful: number;
  sample: number;
  notImplemented: number;
}

/**
 * Every callable method of the panel's contract, in contract order, with how the emulator answers it. Private
 * ISPConfig helpers are left out, as the dispatcher leaves them out.
 */
export function methodEmulations(panel: PanelModule): MethodEmulation[] {
  return [...methodIndex(panel.contract).values()].map((m) => {
    const emulation = implementationOf(panel, m.name);
    const why = emulation === 'sample' ? panel.methods[m.name]?.why : undefined;
    return why ? { name: m.name, section: m.section, emulation, why } : { name: m.name, section: m.section, emulation };
  });
}

/** How many of the methods are emulated which way. */
export function emulationTotals(methods: readonly MethodEmulation[]): EmulationTotals {
  const count = (e: Emulation) => methods.filter((m) => m.emulation === e).length;
  return { methods: methods.length, stateful: count('stateful'), sample: count('sample'), notImplemented: count('not implemented') };
}
