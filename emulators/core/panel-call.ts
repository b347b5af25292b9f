import type { DB } from '../../state/database.js';
import type { World } from '../../state/world.js';
import type { DecodedCall } from '../protocol/codec.js';
import type { CallContext, SubcallOutcome } from './panel.js';
import type { PanelRequest } from './types.js';

/**
 * One call as every panel's handlers see it: the world's database and clock,
 * the caller's session, the parameters by contract name and the world's
 * settings. Each panel extends it with readers in its own wire's terms
 * (WHM's Perl-ish booleans and lists, WebFaction's Python values…), so a
 * handler in any panel reads the same way: `call.param('domain')`,
 * `call.now()`, `call.session`, `call.setting('faultStyle')`.
 */
export class PanelCall<Session = unknown, W = Record<string, unknown>> {
  constructor(readonly ctx: CallContext<W>) {}

  /** What the panel's codec read from the wire besides method and arguments (WHM: api.version, the api.* variables). */
  get wire(): W {
    return this.ctx.call.wire;
  }

  get db(): DB {
    return this.ctx.db;
  }

  get world(): World {
    return this.ctx.world;
  }

  /** The method's contract name. */
  get method(): string {
    return this.ctx.method.name;
  }

  /** Whoever the panel's `authenticate` hook resolved (undefined for methods that need no login). */
  get session(): Session {
    return this.ctx.session as Session;
  }

  /** The world's time in Unix seconds. */
  now(): number {
    return this.ctx.world.clock.nowSeconds();
  }

  /** Every parameter by contract name (contract defaults filled in), plus extra named ones the caller sent. */
  get params(): Record<string, unknown> {
    return this.ctx.params;
  }

  /** The parameters in contract order (positional panels). */
  get args(): unknown[] {
    return this.ctx.args;
  }

  /** A parameter by its contract name, as bound (defaults included). */
  param<T = unknown>(name: string): T {
    return this.ctx.params[name] as T;
  }

  /** True when the caller sent the parameter itself (a contract default does not count). */
  sent(name: string): boolean {
    const { named, args } = this.ctx.call;
    if (named) return Object.prototype.hasOwnProperty.call(named, name);
    const index = this.ctx.method.params.findIndex((p) => p.name === name);
    return index >= 0 && index < args.length;
  }

  /**
   * Runs another method of this panel on this world as the same caller,
   * inside this call's transaction (see {@link CallContext.subcall}).
   */
  subcall(call: DecodedCall, request: PanelRequest): SubcallOutcome {
    if (!this.ctx.subcall) throw new Error('subcall: this call was not made by the dispatcher');
    return this.ctx.subcall(call, request);
  }

  /** The world's setting `<panel>.<name>`, else the panel's default, else `fallback`. */
  setting<T>(name: string, fallback?: T): T {
    return this.ctx.world.setting<T>(`${this.ctx.panel.id}.${name}`) ?? (this.ctx.panel.settings?.[name] as T | undefined) ?? (fallback as T);
  }
}
