import { randomBytes } from 'node:crypto';
import type { MethodContract } from '../../contracts/contract.js';
import { prepare, type DB } from '../../state/database.js';
import type { World } from '../../state/world.js';
import type { CallContext } from '../core/panel.js';
import type { DecodedCall } from '../protocol/codec.js';
import { WireInt } from '../protocol/codec.js';
import { unknownMethodError, WebfactionError } from './faults.js';

export const SESSION_SECONDS_SETTING = 'webfaction.sessionSeconds';
/** One hour: "the session ID remains valid for one hour" (brmc/dart-webfaction-api README, realworld.md §1.2). */
export const DEFAULT_SESSION_SECONDS = 3600;

/** Who a session belongs to, set on `ctx.session` by {@link authenticate}. */
export interface Session {
  id: string;
  accountId: number;
  username: string;
  machineId: number;
  machine: string;
  /** 1 (the seed's API) or 2 (the later API real clients ask for). */
  version: number;
  /** Where `system()` and relative `write_file` paths start: home, or the last app created in this session. */
  cwd: string;
}

interface SessionRow {
  id: string;
  account_id: number;
  username: string;
  machine_id: number;
  machine: string;
  version: number;
  cwd: string;
  expires_at: number;
}

const SESSION_SQL = 'SELECT id, account_id, username, machine_id, machine, version, cwd, expires_at FROM wf_session WHERE id = ?';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 32 lowercase letters and digits, like `oz7e1xz9r0mf0wgue22hsj8tgkhqyo74` (letsencrypt-webfaction login fixture). */
function newSessionId(): string {
  let id = '';
  for (const byte of randomBytes(32)) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

export function sessionSeconds(world: World): number {
  const value = world.setting<number>(SESSION_SECONDS_SETTING);
  return typeof value === 'number' && value > 0 ? value : DEFAULT_SESSION_SECONDS;
}

/** Opens a session for a logged-in account and drops the expired ones, so the table stays small. */
export function openSession(
  ctx: CallContext,
  account: { id: number; username: string },
  machine: { id: number; name: string },
  version: number,
  cwd: string,
): string {
  const now = ctx.world.clock.nowSeconds();
  prepare(ctx.db, 'DELETE FROM wf_session WHERE expires_at <= ?').run(now);
  const id = newSessionId();
  prepare(
    ctx.db,
    'INSERT INTO wf_session (id, account_id, username, machine_id, machine, version, cwd, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(id, account.id, account.username, machine.id, machine.name, version, cwd, now, now + sessionSeconds(ctx.world));
  return id;
}

function sessionIdOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof WireInt) return value.text;
  return undefined;
}

function lookup(db: DB, id: string | undefined): SessionRow | undefined {
  return id === undefined ? undefined : prepare<[string], SessionRow>(db, SESSION_SQL).get(id);
}

/**
 * Resolves `session_id` (every method's first argument but login's) on the
 * world's clock. inferred: the text of the invalid/expired-session fault was
 * never captured; a LoginError telling the caller to log in again is ours.
 */
export function authenticate(ctx: CallContext): void {
  const row = lookup(ctx.db, sessionIdOf(ctx.args[0]));
  if (!row || row.expires_at <= ctx.world.clock.nowSeconds()) {
    throw new WebfactionError('LoginError', 'session_id is not valid or has expired; call login() again');
  }
  // Version-2 methods do not exist for a version-1 session: the dispatcher's "not supported" answer.
  if (ctx.method.tags?.includes('v2') && row.version < 2) throw unknownMethodError(ctx.method.name);
  const session: Session = {
    id: row.id,
    accountId: row.account_id,
    username: row.username,
    machineId: row.machine_id,
    machine: row.machine,
    version: row.version,
    cwd: row.cwd,
  };
  ctx.session = session;
}

export function sessionOf(ctx: CallContext): Session {
  return ctx.session as Session;
}

export function setCwd(ctx: CallContext, cwd: string): void {
  const session = sessionOf(ctx);
  session.cwd = cwd;
  prepare(ctx.db, 'UPDATE wf_session SET cwd = ? WHERE id = ?').run(cwd, session.id);
}

const versionOne = new WeakMap<MethodContract, MethodContract>();

/**
 * Parameters tagged 'v2' (create_website's `certificate`) exist only in
 * sessions opened with `login(..., version=2)` (realworld.md §1.2, webfaction.json
 * later_api_surface_not_in_seed): a version-1 call binds without them, so its
 * site apps are not taken for a certificate.
 */
export function contractForCall(method: MethodContract, call: DecodedCall, world: World): MethodContract {
  if (!method.params.some((p) => p.tags?.includes('v2'))) return method;
  const row = lookup(world.db, sessionIdOf(call.args[0]));
  if (row && row.version >= 2) return method;
  let v1 = versionOne.get(method);
  if (!v1) {
    v1 = { ...method, params: method.params.filter((p) => !p.tags?.includes('v2')) };
    versionOne.set(method, v1);
  }
  return v1;
}
