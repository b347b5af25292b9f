import { timingSafeEqual } from 'node:crypto';
import type { CallContext } from '../core/panel.js';
import type { DB } from '../../state/database.js';
import type { WhmCall, WhmSession } from './call.js';
import { faults } from './faults.js';
import { inRange } from './ip.js';
import { getAccount } from './store/accounts.js';
import { getReseller, resellerAcls } from './store/resellers.js';
import { serverValue } from './store/server.js';
import { whostmgrSessionUser } from './store/sessions.js';
import { tokenBySecret } from './store/tokens.js';

/** Who may call a function: a privilege name, `root` (root only) or `any` (every WHM login). */
export type Acl = string;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The privileges a WHM user holds: root has `all`; a reseller its ACLs; anyone else none (no WHM access). */
export function userPrivileges(db: DB, user: string): Set<string> | undefined {
  if (user === 'root') return new Set(['all']);
  const reseller = getReseller(db, user);
  if (!reseller || reseller.suspended) return undefined;
  // A reseller logs in as its own cPanel account: suspendacct on that account shuts WHM to it too (README: 401).
  if (getAccount(db, user)?.suspended) return undefined;
  return new Set(resellerAcls(reseller));
}

function sessionFor(db: DB, user: string, via: WhmSession['via'], tokenAcls?: string[] | null, token?: string): WhmSession | undefined {
  const held = userPrivileges(db, user);
  if (!held) return undefined;
  let privileges = held;
  if (tokenAcls) {
    // A token carries a subset of its owner's privileges; an owner who lost one loses it on the token too.
    privileges = new Set(tokenAcls.filter((a) => held.has('all') || held.has(a)));
  }
  return { user, root: privileges.has('all'), privileges, via, ...(token ? { token } : {}) };
}

/**
 * Resolves the caller from `Authorization: whm user:token` (any case),
 * `WHM user:accesshash` or `Basic user:password`, or a whostmgrd session
 * cookie. Missing or wrong credentials are refused as cpsrvd refuses them:
 * HTTP 401 before the API runs (emulators/protocol/whm/access-denied.ts);
 * a token used from outside its IP whitelist gets 403.
 */
export function authenticate(ctx: Pick<CallContext, 'db' | 'world' | 'request' | 'call' | 'session'>): void {
  const db = ctx.db;
  const cred = ctx.call.credentials;
  const denied = () => faults.accessDenied();
  if (!cred) throw denied();
  let session: WhmSession | undefined;
  const now = ctx.world.clock.nowSeconds();

  if (cred.scheme === 'token' || cred.scheme === 'accesshash') {
    const user = cred.user ?? '';
    // cpsrvd accepts a token or an access hash under the same `whm` scheme and tells them apart by looking the secret up.
    const token = tokenBySecret(db, user, cred.secret);
    if (token) {
      if (token.expires_at && now >= token.expires_at) throw faults.tokenExpired(token.name);
      const whitelist = token.whitelist_ips ? (JSON.parse(token.whitelist_ips) as string[]) : [];
      if (whitelist.length && !whitelist.some((entry) => inRange(ctx.request.remoteAddress, entry))) {
        throw faults.tokenIpNotAllowed(token.name, ctx.request.remoteAddress);
      }
      session = sessionFor(db, user, 'token', token.acls ? (JSON.parse(token.acls) as string[]) : null, token.name);
    } else {
      const hash = serverValue(db, `accesshash:${user}`);
      if (hash && same(hash, cred.secret)) session = sessionFor(db, user, 'accesshash');
    }
  } else if (cred.scheme === 'basic') {
    const user = cred.user ?? '';
    const password = user === 'root' ? serverValue(db, 'root_password') : getAccount(db, user)?.password;
    if (password !== undefined && same(password, cred.secret)) session = sessionFor(db, user, 'basic');
  } else if (cred.scheme === 'session') {
    const user = whostmgrSessionUser(db, cred.secret, now);
    if (user) session = sessionFor(db, user, 'session');
  }
  if (!session) throw denied();
  ctx.session = session;
}

/** Fails unless the caller holds the privilege the function needs. */
export function authorize(call: WhmCall, acl: Acl): void {
  const s = call.session;
  if (acl === 'any' || s.root) return;
  if (acl === 'root' || !s.privileges.has(acl)) throw faults.permissionDenied(call.fn, acl === 'root' ? 'all' : acl);
}

/** True when the caller holds the privilege (root holds every one). */
export function holds(call: WhmCall, acl: string): boolean {
  return call.session.root || call.session.privileges.has(acl);
}
