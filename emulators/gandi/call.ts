import type { ParamContract } from '../../contracts/contract.js';
import { PanelCall } from '../core/panel-call.js';
import type { GandiSession } from './session.js';
import type { GandiSettingName } from './settings.js';
import { structFields } from './struct-fields.js';

/**
 * One Gandi call as its handlers read it: parameters by contract name in
 * XML-RPC's own types (`call.int('vm_id')`, `call.struct('specs')`), the
 * session's acting account, and the world's `gandi.*` settings.
 */
export class GandiCall extends PanelCall<GandiSession> {
  /** The account the call works on: the `su` target, else the one that logged in. */
  get accountId(): number {
    return this.session.accountId;
  }

  /** A `<string>` parameter (the dispatcher has checked and coerced it). */
  string(name: string): string {
    return this.param<string>(name);
  }

  /** An `<int>` parameter. */
  int(name: string): number {
    return this.param<number>(name);
  }

  /** A `<boolean>` parameter. */
  boolean(name: string): boolean {
    return this.param<boolean>(name);
  }

  /** A `<struct>` parameter's members, each checked against the fields the contract documents for it (struct-fields.ts). */
  struct<T extends object = Record<string, unknown>>(name: string): T {
    return structFields(this.contractParam(name), name, this.param(name)) as T;
  }

  /** The values the contract allows for a parameter, or for a member of a struct parameter. */
  allowed(name: string, member?: string): readonly unknown[] {
    const param = this.contractParam(name);
    return (member === undefined ? param?.enum : param?.fields?.[member]?.enum) ?? [];
  }

  /** A `gandi.<name>` world setting, else its default (settings.ts). */
  override setting<T = unknown>(name: GandiSettingName): T {
    return super.setting<T>(name);
  }

  private contractParam(name: string): ParamContract | undefined {
    return this.ctx.method.params.find((p) => p.name === name);
  }
}
