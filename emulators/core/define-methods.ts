import type { PanelCall } from './panel-call.js';

/** One method of a panel: what it runs and who may call it. */
export interface MethodDef<C extends PanelCall = PanelCall> {
  /**
   * The privilege the caller's session must hold, checked by the panel's
   * `authorize` hook before `run` (WHM's ACL names). Undefined: any
   * authenticated caller (or anyone, for methods whose contract `auth` is `none`).
   */
  acl?: string;
  /**
   * How the method is emulated, for the coverage report: `stateful` (reads
   * agree with writes, the default) or `sample` (answers the documented sample).
   */
  implementation?: 'stateful' | 'sample';
  /** For a `sample` method: why it answers the documented sample rather than keeping state (shown in the coverage report). */
  why?: string;
  /** Serves the call synchronously, inside the call's SQLite transaction: a thrown fault leaves no half-written state. */
  run(call: C): unknown;
}

/** A panel's methods by contract name. */
export type MethodTable<C extends PanelCall = PanelCall> = Record<string, MethodDef<C>>;

/**
 * Declares a group of methods in the one shape every panel uses:
 * `defineMethods<WhmCall>({ listaccts: { acl: 'list-accts', run: (call) => … } })`.
 * A panel's `methods` is the union of its groups.
 */
export function defineMethods<C extends PanelCall>(table: MethodTable<C>): MethodTable<C> {
  return table;
}
