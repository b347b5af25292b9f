import type { Contract } from '../../contracts/contract.js';
import { PanelCall } from '../core/panel-call.js';
import type { IspSession, RecordScope } from './store/scope.js';

export type { IspSession } from './store/scope.js';

/**
 * One ISPConfig remote call as handlers see it: PHP's arguments by their
 * parameter names (`call.param('client_id')`; SOAP binds them by position,
 * the JSON door by name), the session checkPerm resolved, the world's clock
 * and database, and the MySQL mode the record store writes in.
 */
export class IspCall extends PanelCall<IspSession | undefined> implements RecordScope {
  #strict: boolean | undefined;
  #now: number | undefined;

  /** The world's time, read once per call: every row and change-queue entry one call writes carries the same second. */
  override now(): number {
    return (this.#now ??= super.now());
  }

  /** MySQL strict mode (setting `mysqlStrict`), read once per call: the record store asks for every column it writes. */
  get strict(): boolean {
    return (this.#strict ??= this.setting<boolean>('mysqlStrict', false) === true);
  }

  /** The session of a method that needs one (every method but login and logout). */
  get user(): IspSession {
    return this.session!;
  }

  /** PHP's REMOTE_ADDR: node reports IPv4 clients on a dual-stack socket as ::ffff:a.b.c.d. */
  get remoteAddr(): string {
    return this.ctx.request.remoteAddress.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  }

  get contract(): Contract {
    return this.ctx.panel.contract;
  }
}
