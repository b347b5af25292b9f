import { timingSafeEqual } from 'node:crypto';
import type { CallContext } from '../core/panel.js';
import { cpanelWire } from '../protocol/cpanel/codec.js';
import { getAccount } from '../whm/store/accounts.js';
import type { CpanelSession } from './call.js';
import { faults } from './faults.js';
import { accountSession } from './store/sessions.js';
import { tokenBySecret } from './store/tokens.js';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Resolves the account user from `Authorization: cpanel user:TOKEN`, Basic
 * `user:password`, or a `cpsession` cookie from `/login` or WHM's
 * create_user_session (service cpaneld) — how cpsrvd authenticates account
 * users on the cPanel port (https://api.docs.cpanel.net/guides/guide-to-api-authentication).
 * Only account users log in here: root and resellers reach an account
 * through WHM's passthrough. Refusals are cpsrvd's HTTP 401 (inferred body).
 * A suspended account is refused the same way (inferred: cpsrvd rejects
 * the suspended user's login before any API runs).
 */
export function authenticate(ctx: CallContext): void {
  const cred = ctx.call.credentials;
  if (!cred) throw faults.accessDenied();
  const db = ctx.db;
  const now = ctx.world.clock.nowSeconds();
  let session: Omit<CpanelSession, 'account'> | undefined;
  if (cred.scheme === 'token') {
    const row = tokenBySecret(db, cred.user ?? '', cred.secret.trim());
    // [docs] create_full_access: an expired token is kept but no longer works.
    if (row && (row.expires_at === null || now < row.expires_at)) session = { user: row.user, via: 'token', token: row.name };
  } else if (cred.scheme === 'basic') {
    const account = getAccount(db, cred.user ?? '');
    if (account && same(account.password, cred.secret)) session = { user: account.user, via: 'basic' };
  } else if (cred.scheme === 'session') {
    const user = accountSession(db, cred.secret, now);
    // The session's /cpsessNNNNNNNNNN prefix must be in the URL, as cpsrvd demands for a cookie session.
    if (user && cpanelWire(ctx.call).securityToken) session = { user, via: 'session' };
  }
  if (!session) throw faults.accessDenied();
  const account = getAccount(db, session.user);
  if (!account) throw faults.accessDenied();
  if (account.suspended) throw faults.suspended();
  const named = cpanelWire(ctx.call).user;
  if (named !== undefined && named !== account.user) throw faults.otherUser(named);
  ctx.session = { ...session, account } satisfies CpanelSession;
}
