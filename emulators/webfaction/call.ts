import { prepare, type DB } from '../../state/database.js';
import type { CallContext, Handler } from '../core/panel.js';
import { faultStyleOf, ioError, WebfactionError } from './faults.js';
import { FsError, homeOf, HomeTree } from './home-tree.js';
import { sessionOf, type Session } from './session.js';

/** What a WebFaction handler gets: the call's arguments by contract name and the caller's session. */
export interface WfCall {
  ctx: CallContext;
  db: DB;
  /** Arguments by contract parameter name, defaults filled in. */
  p: Record<string, unknown>;
  session: Session;
  /** The world's clock, in seconds. */
  now: number;
}

export type WfHandler = (call: WfCall) => unknown;

/** Renders WebfactionErrors in the world's fault style; file-system errors as Python's IOError. */
function rendered(ctx: CallContext, error: unknown): unknown {
  if (error instanceof FsError) error = ioError(FS_ERRNO[error.code], error.reason, error.path);
  return error instanceof WebfactionError ? error.toFault(faultStyleOf(ctx.world)) : error;
}

const FS_ERRNO: Record<FsError['code'], number> = { ENOENT: 2, EEXIST: 17, EISDIR: 21, ENOTDIR: 20, EACCES: 13, ENOTEMPTY: 39, EINVAL: 22 };

/** A handler that needs no session (login). */
export function plainHandler(fn: (ctx: CallContext) => unknown): Handler {
  return (ctx) => {
    try {
      return fn(ctx);
    } catch (error) {
      throw rendered(ctx, error);
    }
  };
}

/** A handler behind `session_id`: the dispatcher has run `authenticate` first. */
export function sessionHandler(fn: WfHandler): Handler {
  return (ctx) => {
    try {
      return fn({ ctx, db: ctx.db, p: ctx.params, session: sessionOf(ctx), now: ctx.world.clock.nowSeconds() });
    } catch (error) {
      throw rendered(ctx, error);
    }
  };
}

/** Every handler of a section, behind `session_id`. */
export function sessionHandlers(map: Record<string, WfHandler>): Record<string, Handler> {
  return Object.fromEntries(Object.entries(map).map(([method, fn]) => [method, sessionHandler(fn)]));
}

/** Runs `authenticate`-style code with WebfactionErrors rendered as faults. */
export function renderingErrors(fn: (ctx: CallContext) => void): (ctx: CallContext) => void {
  return (ctx) => {
    try {
      fn(ctx);
    } catch (error) {
      throw rendered(ctx, error);
    }
  };
}

/** The account's files: its home and its shell users' homes. */
export function treeOf(c: WfCall): HomeTree {
  const users = prepare<[number], { username: string }>(c.db, 'SELECT DISTINCT username FROM wf_shell_user WHERE account_id = ?').all(c.session.accountId);
  const roots = [homeOf(c.session.username), ...users.map((u) => homeOf(u.username))];
  return new HomeTree(c.db, c.session.accountId, [...new Set(roots)], c.now);
}

export const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
export const bool = (v: unknown): boolean => v === true || v === 1;
/** SQLite stores booleans as 0/1. */
export const bit = (v: unknown): number => (bool(v) ? 1 : 0);
