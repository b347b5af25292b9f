import { randomBytes, timingSafeEqual } from 'node:crypto';
import { defineMethods } from '../../core/define-methods.js';
import { CpanelReply } from '../../protocol/cpanel/codec.js';
import { getAccount } from '../../whm/store/accounts.js';
import type { CpanelCall } from '../call.js';
import { faults } from '../faults.js';
import { accountSession, insertAccountSession } from '../store/sessions.js';

/** How long a cPanel session lives without use (inferred: WHM's create_user_session gives 15 minutes too). */
const SESSION_SECONDS = 15 * 60;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * POST /login (form `user`, `pass`), or /login?session=… with a session from
 * WHM's create_user_session (service cpaneld): answers JSON
 * {status: 1, security_token: "/cpsessNNNNNNNNNN", redirect} with the
 * `cpsession` cookie, as cpsrvd does for `login_only=1`
 * (https://api.docs.cpanel.net/guides/guide-to-api-authentication/guide-to-api-authentication-browser-based-authentication).
 * Later API calls send the cookie under the /cpsessNNNNNNNNNN/ prefix.
 */
export const loginMethods = defineMethods<CpanelCall>({
  login: {
    run: (call) => {
      const now = call.now();
      let user: string | undefined;
      let session = call.str('session');
      if (session) {
        user = accountSession(call.db, session, now);
        if (!user) throw faults.loginRefused('expired_session');
      } else {
        const name = call.str('user') ?? '';
        const account = getAccount(call.db, name);
        if (!account || !same(account.password, call.str('pass') ?? '')) throw faults.loginRefused('invalid_login');
        user = account.user;
        session = `${user}:${randomBytes(12).toString('hex')}`;
        insertAccountSession(call.db, session, user, now + SESSION_SECONDS);
      }
      if (getAccount(call.db, user)?.suspended) throw faults.loginRefused('This account is currently suspended.');
      const token = `/cpsess${String(randomBytes(5).readUIntBE(0, 5) % 10_000_000_000).padStart(10, '0')}`;
      const body = { status: 1, security_token: token, redirect: `${token}/frontend/jupiter/index.html` };
      return new CpanelReply({
        data: body,
        response: {
          status: 200,
          headers: { 'content-type': 'application/json; charset="utf-8"', 'set-cookie': `cpsession=${encodeURIComponent(session)}; HttpOnly; path=/` },
          body: JSON.stringify(body),
        },
      });
    },
  },
});
