import { randomBytes } from 'node:crypto';
import { prepare, type DB } from '../../state/database.js';
import type { CallContext } from '../core/panel.js';
import { faults } from './faults.js';
import { settleOperations } from './operations.js';
import { safeModeStrict, sessionLifetime } from './settings.js';

/** Who a call acts as: set on `ctx.session` by {@link authenticate}. */
export interface GandiSession {
  id: string;
  /** The account that logged in. */
  loginId: number;
  /** The account whose objects the call works on (the `su` target, else the login). */
  accountId: number;
  safe: boolean;
}

interface AccountRow {
  id: number;
  handle: string;
  password: string;
  reseller_id: number | null;
}

interface SessionRow {
  id: string;
  login_id: number;
  acting_id: number;
  safe: number;
  expires_at: number;
}

export function session(ctx: CallContext): GandiSession {
  return ctx.session as GandiSession;
}

function accountByHandle(db: DB, handle: string): AccountRow | undefined {
  return prepare<[string], AccountRow>(db, 'SELECT id, handle, password, reseller_id FROM gandi_account WHERE handle = ?').get(handle);
}

function openSession(db: DB, loginId: number, actingId: number, safe: boolean, now: number, expiresAt: number): string {
  // inferred: the doc says nothing of the id's form; 32 hex digits is what a session token of the era looked like.
  const id = randomBytes(16).toString('hex');
  prepare(db, 'INSERT INTO gandi_session (id, login_id, acting_id, safe, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id, loginId, actingId, safe ? 1 : 0, now, expiresAt,
  );
  return id;
}

/** `login(login, password [, safe])`: a session id usable for 12 hours (seed 001, login). */
export function login(ctx: CallContext): string {
  const [handle, password, safe] = ctx.args as [string, string, boolean];
  const now = ctx.world.clock.nowSeconds();
  prepare(ctx.db, 'DELETE FROM gandi_session WHERE expires_at <= ?').run(now);
  const account = accountByHandle(ctx.db, handle);
  if (!account) throw faults.unknownLogin({ login: handle });
  // The wrong-password fault echoes the password: the 1.0 error page's own example (500130).
  if (account.password !== password) throw faults.badPassword({ password });
  return openSession(ctx.db, account.id, account.id, safe !== false, now, now + sessionLifetime(ctx.world));
}

/**
 * `su(session, handle)`: a new session id acting as `handle` (signature from
 * the 1.0 domain API; research/webfaction-gandi/realworld.md §2.1).
 * inferred: allowed to one's own handle and, for a reseller, to its
 * customers' handles; the new session is not in safe mode and expires with
 * the one it came from.
 */
export function su(ctx: CallContext): string {
  const s = session(ctx);
  const handle = ctx.args[1] as string;
  const target = accountByHandle(ctx.db, handle);
  if (!target) throw faults.suUnknownHandle({ handle });
  if (target.id !== s.loginId && target.reseller_id !== s.loginId) throw faults.suNotAllowed({ handle });
  const row = prepare<[string], SessionRow>(ctx.db, 'SELECT * FROM gandi_session WHERE id = ?').get(s.id)!;
  return openSession(ctx.db, s.loginId, target.id, false, ctx.world.clock.nowSeconds(), row.expires_at);
}

/** Methods that change something: refused to a safe-mode session when the world's safe mode is strict. */
function writes(ctx: CallContext): boolean {
  const tags = ctx.method.tags ?? [];
  return tags.includes('returns-operation-id') || tags.includes('returns-object-id') || ctx.method.name === 'operation_cancel';
}

/** Resolves the session argument, then brings the world's operations up to its clock. */
export function authenticate(ctx: CallContext): void {
  const id = ctx.args[0] as string;
  const row = prepare<[string], SessionRow>(ctx.db, 'SELECT * FROM gandi_session WHERE id = ?').get(id);
  if (!row) throw faults.unknownSession();
  if (row.expires_at <= ctx.world.clock.nowSeconds()) throw faults.expiredSession();
  const s: GandiSession = { id: row.id, loginId: row.login_id, accountId: row.acting_id, safe: row.safe === 1 };
  if (s.safe && writes(ctx) && safeModeStrict(ctx.world)) throw faults.safeMode();
  ctx.session = s;
  settleOperations(ctx.world, ctx.db);
}
