import { PanelCall } from '../core/panel-call.js';
import { homeOf, HomeTree } from './home-tree.js';
import type { Session } from './session.js';
import { shellUsernames } from './store/shell-users.js';
import { setSessionCwd } from './store/sessions.js';
import { faultStyleNamed, type FaultStyle } from './webfaction-error.js';

/** Python's str() of an XML-RPC value as the handlers need it: '' for None or a missing argument. */
export const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
/** Python truth as the wire carries it: `<boolean>1</boolean>` or the int 1. */
export const bool = (v: unknown): boolean => v === true || v === 1;

/**
 * One WebFaction call: the arguments by contract name, read the way the
 * Python server read them, the caller's session, and the account's files.
 */
export class WfCall extends PanelCall<Session> {
  /** A string argument ('' for None or a default it does not have). */
  str(name: string): string {
    return str(this.param(name));
  }

  /** A boolean argument (True or 1). */
  bool(name: string): boolean {
    return bool(this.param(name));
  }

  /** A list argument (the contract has typed it), or [] when it was not given. */
  list(name: string): unknown[] {
    return this.param<unknown[] | undefined>(name) ?? [];
  }

  /** The world's `webfaction.faultStyle`. */
  faultStyle(): FaultStyle {
    return faultStyleNamed(this.setting('faultStyle'));
  }

  /** The account's files: its home and its shell users' homes. */
  tree(): HomeTree {
    const roots = [homeOf(this.session.username), ...shellUsernames(this.db, this.session.accountId).map(homeOf)];
    return new HomeTree(this.db, this.session.accountId, [...new Set(roots)], this.now());
  }

  /** Moves the session's working directory (create_app's app directory, home again when it goes). */
  setCwd(cwd: string): void {
    this.session.cwd = cwd;
    setSessionCwd(this.db, this.session.id, cwd);
  }
}
