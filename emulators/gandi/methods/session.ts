import { randomBytes } from 'node:crypto';
import { defineMethods } from '../../core/define-methods.js';
import type { GandiCall } from '../call.js';
import { faults } from '../faults.js';
import { sessionLifetime } from '../settings.js';
import { accountByHandle } from '../store/accounts.js';
import { deleteExpiredSessions, insertSession, sessionById } from '../store/sessions.js';

function openSession(call: GandiCall, loginId: number, actingId: number, safe: boolean, expiresAt: number): string {
  // inferred: the doc says nothing of the id's form; 32 hex digits is what a session token of the era looked like.
  const id = randomBytes(16).toString('hex');
  insertSession(call.db, { id, loginId, actingId, safe, createdAt: call.now(), expiresAt });
  return id;
}

/** Seed 001 § Session methods. */
export const sessionMethods = defineMethods<GandiCall>({
  /** `login(login, password [, safe])`: a session id usable for 12 hours (seed 001, login). */
  login: {
    run(call) {
      const handle = call.string('login');
      const password = call.string('password');
      const now = call.now();
      deleteExpiredSessions(call.db, now);
      const account = accountByHandle(call.db, handle);
      if (!account) throw faults.unknownLogin({ login: handle });
      // The wrong-password fault echoes the password: the 1.0 error page's own example (500130).
      if (account.password !== password) throw faults.badPassword({ password });
      return openSession(call, account.id, account.id, call.boolean('safe') !== false, now + sessionLifetime(call.setting('sessionLifetimeSeconds')));
    },
  },

  /**
   * `su(session, handle)`: a new session id acting as `handle` (signature
   * `string su(string session, string handle)` from the 1.0 domain API spec
   * page, api.ote.gandi.net; pickabee/gandirb test/gandi/base_test.rb).
   * inferred: allowed to one's own handle and, for a reseller, to its
   * customers' handles; the new session is not in safe mode and expires with
   * the one it came from.
   */
  su: {
    run(call) {
      const s = call.session;
      const handle = call.string('handle');
      const target = accountByHandle(call.db, handle);
      if (!target) throw faults.suUnknownHandle({ handle });
      if (target.id !== s.loginId && target.reseller_id !== s.loginId) throw faults.suNotAllowed({ handle });
      return openSession(call, s.loginId, target.id, false, sessionById(call.db, s.id)!.expires_at);
    },
  },
});
