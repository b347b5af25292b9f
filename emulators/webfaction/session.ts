import { randomBytes } from 'node:crypto';
import type { MethodContract } from '../../contracts/contract.js';
import type { DB } from '../../state/database.js';
import type { World } from '../../state/world.js';
import type { CallContext } from '../core/panel.js';
import type { DecodedCall } from '../protocol/codec.js';
import { WireInt } from '../protocol/codec.js';
import { faults } from './faults.js';
import { findSession, insertSession, type SessionRow } from './store/sessions.js';

/** One hour: "the session ID remains valid for one hour" (brmc/dart-webfaction-api README.md). */
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

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 32 lowercase letters and digits, like `oz7e1xz9r0mf0wgue22hsj8tgkhqyo74` (letsencrypt-webfaction login fixture). */
function newSessionId(): string {
  let id = '';
  for (const byte of randomBytes(32)) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/** A `sessionSeconds` setting as a lifetime: a positive number, else the default. */
export function sessionLifetime(value: unknown): number {
  return typeof value === 'number' && value > 0 ? value : DEFAULT_SESSION_SECONDS;
}

/** Opens a session for a logged-in account; its id. */
export function openSession(
  db: DB,
  account: { id: number; username: string },
  machine: { id: number; name: string },
  opened: { version: number; cwd: string; now: number; lifetime: number },
): string {
  const id = newSessionId();
  insertSession(
    db,
    {
      id,
      account_id: account.id,
      username: account.username,
      machine_id: machine.id,
      machine: machine.name,
      version: opened.version,
      cwd: opened.cwd,
      expires_at: opened.now + opened.lifetime,
    },
    opened.now,
  );
  return id;
}

function sessionIdOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof WireInt) return value.text;
  return undefined;
}

function lookup(db: DB, id: string | undefined): SessionRow | undefined {
  return id === undefined ? undefined : findSession(db, id);
}

/**
 * Resolves `session_id` (every method's first argument but login's) on the
 * world's clock, or throws the panel's LoginError.
 */
export function authenticate(ctx: CallContext): void {
  const row = lookup(ctx.db, sessionIdOf(ctx.args[0]));
  if (!row || row.expires_at <= ctx.world.clock.nowSeconds()) throw faults.sessionExpired();
  // Version-2 methods do not exist for a version-1 session: the dispatcher's "not supported" answer.
  if (ctx.method.tags?.includes('v2') && row.version < 2) throw faults.unknownMethod(ctx.method.name);
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

const versionOne = new WeakMap<MethodContract, MethodContract>();

/**
 * Parameters tagged 'v2' (create_website's `certificate`) exist only in
 * sessions opened with `login(..., version=2)` (the later API that
 * letsencrypt-webfaction, dariosky/wfcli and dart-webfaction-api call; seed 000
 * has none of it): a version-1 call binds without them, so its site apps are
 * not taken for a certificate.
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
