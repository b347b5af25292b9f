import type { CallContext } from '../core/panel.js';
import { PanelCall } from '../core/panel-call.js';
import { whmBoolean, whmList, type WhmWire } from '../protocol/whm/json-codec.js';
import { perlString } from '../protocol/whm/perl-scalars.js';
import { faults } from './faults.js';

/** Who is calling: resolved by `authenticate` from the Authorization header. */
export interface WhmSession {
  user: string;
  /** root, or a reseller with the `all` privilege. */
  root: boolean;
  /** Effective privileges (the reseller's, narrowed by the token's ACLs). */
  privileges: Set<string>;
  via: 'token' | 'accesshash' | 'basic' | 'session';
  token?: string;
}

/** The dispatcher's context of a WHM call, typed: the panel routes every request to the WHM codec, whose calls carry a {@link WhmWire}. */
export function whmContext(ctx: CallContext): CallContext<WhmWire> {
  return ctx as CallContext<WhmWire>;
}

/**
 * One WHM function call as handlers see it: the arguments read the way WHM
 * reads them (strings, `1`/`0`/`true`/`false` booleans, repeated or
 * numbered lists), the caller, the world's clock and database, and the wire
 * facts (`wire.apiVersion`, `wire.listOptions`…) the codec decoded.
 */
export class WhmCall extends PanelCall<WhmSession, WhmWire> {
  /** Bound arguments: what the caller sent plus the contract's defaults. */
  private get named(): Record<string, unknown> {
    return this.ctx.params;
  }

  /** The function's name (the contract method). */
  get fn(): string {
    return this.ctx.method.name;
  }

  get apiVersion(): 0 | 1 {
    return this.wire.apiVersion;
  }

  /** Every argument name the caller sent. */
  sentNames(): string[] {
    return Object.keys(this.ctx.call.named ?? {});
  }

  /** The argument as a string (the first value of a repeated key), or undefined. */
  str(name: string): string | undefined {
    const v = this.named[name];
    return perlString(Array.isArray(v) ? v[0] : v);
  }

  /** The argument, or `fallback` when absent or empty. */
  strOr(name: string, fallback: string): string {
    const v = this.str(name);
    return v === undefined || v === '' ? fallback : v;
  }

  /** A required non-empty argument ("Provide the “user” parameter."). */
  required(name: string, ...alternates: string[]): string {
    for (const n of [name, ...alternates]) {
      const v = this.str(n);
      if (v !== undefined && v !== '') return v;
    }
    if (this.str(name) === '') throw faults.emptyParameter(name);
    throw faults.missingParameter(name);
  }

  /** An integer argument; `fallback` when absent or empty; a failure when not a whole number. */
  int(name: string, fallback?: number): number | undefined {
    const v = this.str(name);
    if (v === undefined || v.trim() === '') return fallback;
    if (!/^\s*-?\d+\s*$/.test(v)) throw faults.invalidParameter(name, v, 'a whole number');
    return Number(v);
  }

  /** A WHM boolean (1/0, true/false, y/n); `fallback` when absent. */
  bool(name: string, fallback = false): boolean {
    const raw = this.named[name];
    if (raw === undefined || raw === '') return fallback;
    const b = whmBoolean(raw);
    if (b === undefined) throw faults.invalidParameter(name, perlString(raw), '1 or 0');
    return b;
  }

  /** Every value of a multi-valued argument (`k=a&k=b` or `k-0=a&k-1=b`), as strings. */
  list(name: string): string[] {
    return whmList(this.named, name)
      .map((v) => perlString(v))
      .filter((v): v is string => v !== undefined);
  }
}
