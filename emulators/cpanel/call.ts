import type { CallContext } from '../core/panel.js';
import { PanelCall } from '../core/panel-call.js';
import type { CpanelWire } from '../protocol/cpanel/codec.js';
import { perlString } from '../protocol/whm/perl-scalars.js';
import type { AccountRow } from '../whm/store/accounts.js';
import { faults } from './faults.js';

/** Who is calling: the account user the credentials belong to. */
export interface CpanelSession {
  user: string;
  account: AccountRow;
  /** How the caller logged in; `whm`: root or a reseller through WHM's passthrough. */
  via: 'token' | 'basic' | 'session' | 'whm';
  /** The token's name, when the caller used one. */
  token?: string;
}

/** The dispatcher's context of a call the cPanel codec decoded (its `wire` is a {@link CpanelWire}). */
export function cpanelContext(ctx: CallContext): CallContext<CpanelWire> {
  return ctx as CallContext<CpanelWire>;
}

/**
 * One cPanel API call as functions see it: every argument a string (cPanel
 * reads form values as text), lists as repeated keys, the account user.
 */
export class CpanelCall extends PanelCall<CpanelSession, CpanelWire> {
  get account(): AccountRow {
    return this.session.account;
  }

  get user(): string {
    return this.session.user;
  }

  /**
   * The password strength the server demands (0–100). It is WHM's server
   * setting (`whm.minimumPasswordStrength`, default 0): one policy for both doors.
   */
  minimumPasswordStrength(): number {
    return this.world.setting<number>('whm.minimumPasswordStrength') ?? 0;
  }

  /** The argument as a string (the first value of a repeated key), or undefined. */
  str(name: string): string | undefined {
    const v = this.params[name];
    return perlString(Array.isArray(v) ? v[0] : v);
  }

  /** A required non-empty argument ("Provide the “zone” parameter."). */
  required(name: string): string {
    const v = this.str(name);
    if (v === undefined || v === '') throw faults.missingParameter(name);
    return v;
  }

  /** An integer argument; `fallback` when absent or empty; a failure when not a whole number. */
  int(name: string, fallback?: number): number | undefined {
    const v = this.str(name);
    if (v === undefined || v.trim() === '') return fallback;
    if (!/^\s*-?\d+\s*$/.test(v)) throw faults.invalidParameter(name, v, 'a whole number');
    return Number(v);
  }

  /** A 1/0 argument; `fallback` when absent. */
  bool(name: string, fallback = false): boolean {
    const v = this.str(name);
    if (v === undefined || v === '') return fallback;
    if (v !== '0' && v !== '1') throw faults.invalidParameter(name, v, '1 or 0');
    return v === '1';
  }

  /** Every value of a repeated argument (`add=…&add=…`, or `add-0`, `add-1`… as UAPI also reads them). */
  list(name: string): string[] {
    const out: string[] = [];
    const v = this.params[name];
    for (const item of Array.isArray(v) ? v : v === undefined ? [] : [v]) {
      const s = perlString(item);
      if (s !== undefined) out.push(s);
    }
    const numbered = Object.keys(this.ctx.call.named ?? {})
      .map((k) => new RegExp(`^${name}-(\\d+)$`).exec(k))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    for (const m of numbered) {
      const s = perlString(this.ctx.call.named![m[0]]);
      if (s !== undefined) out.push(s);
    }
    return out;
  }
}
