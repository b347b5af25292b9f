import { randomBytes, randomInt } from 'node:crypto';
import { defineMethods } from '../../core/define-methods.js';
import type { IspCall } from '../call.js';
import { cryptPassword, md5, verifyPassword } from '../engine/crypt.js';
import { empty, str } from '../engine/php.js';
import { faults } from '../faults.js';
import { FAILURE_LIMIT, FAILURE_WINDOW, SESSION_TIMEOUT } from '../session.js';
import { upsertRemoteUsers, type RemoteUserSeed } from '../seed.js';
import { globalConfig } from '../store/config.js';
import {
  clientApiAccess,
  countFailure,
  deleteExpiredSessions,
  deleteSession,
  insertSession,
  panelUserByName,
  recentFailures,
  remoteUserByName,
  setRemoteUserPassword,
} from '../store/session.js';

// login, logout and get_function_list of interface/lib/classes/remoting.inc.php (3.2.11), on the world's clock.

function newSessionId(): string {
  // One letter so the id is never numeric, then 40 hex digits: 41 characters (remoting.inc.php login, 3.2.11).
  return String.fromCharCode(97 + randomInt(26)) + randomBytes(20).toString('hex');
}

function underMaintenance(call: IspCall, ip: string): boolean {
  const misc = globalConfig(call).misc ?? {};
  const excluded = (misc.maintenance_mode_exclude_ips ?? '').split(',').map((s) => s.trim());
  return misc.maintenance_mode === 'y' && !excluded.includes(ip);
}

/** `login($username, $password, $client_login = false)`: a 41-character session id, or the documented faults in their order. */
function login(call: IspCall): string {
  const db = call.db;
  const now = call.now();
  const username = call.param('username');
  const password = call.param('password');
  const ip = call.remoteAddr;
  const ipHash = md5(ip);
  const open = (remoteUserId: number, functions: string, clientLogin: boolean) => {
    const id = newSessionId();
    insertSession(db, { id, remoteUserId, functions, clientLogin, expires: now + SESSION_TIMEOUT, ip, ipHash });
    return id;
  };
  // Remote users added through the admin API (setting ispconfig.remoteUsers) exist from the next login on.
  const extraUsers = call.setting<RemoteUserSeed[] | undefined>('remoteUsers');
  if (Array.isArray(extraUsers)) upsertRemoteUsers(db, call.contract, extraUsers);
  if (underMaintenance(call, ip)) throw faults.maintenance();
  if (empty(username)) throw faults.loginUsernameEmpty();
  if (empty(password)) throw faults.loginPasswordEmpty();
  deleteExpiredSessions(db, now);
  const attempt = recentFailures(db, ipHash, now - FAILURE_WINDOW);
  if (Number(attempt?.times ?? 0) >= FAILURE_LIMIT) throw faults.loginFailureLimit();

  if (!empty(call.param('client_login'))) {
    const user = panelUserByName(db, str(username));
    if (!user) {
      countFailure(db, ipHash, attempt, now);
      throw faults.clientLoginFailed(true);
    }
    // A known user with a wrong password is not counted (remoting.inc.php counts only unknown names on this path).
    if (!verifyPassword(str(password), str(user.passwort))) throw faults.clientLoginFailed();
    if (String(user.active) !== '1') throw faults.clientLoginBlocked();
    const client = clientApiAccess(db, user.default_group);
    if (!client || client.can_use_api !== 'y') throw faults.clientLoginNoApi();
    return open(Number(user.userid), '', true);
  }

  const remoteUser = remoteUserByName(db, str(username));
  let ok = false;
  if (remoteUser) {
    if (remoteUser.remote_password.startsWith('$')) ok = verifyPassword(str(password), remoteUser.remote_password);
    else if (md5(str(password)) === remoteUser.remote_password) {
      ok = true;
      // Legacy md5 passwords are upgraded to SHA-512 crypt on the first successful login.
      setRemoteUserPassword(db, str(username), cryptPassword(str(password)));
    }
  }
  if (!remoteUser || !ok || remoteUser.remote_userid <= 0) {
    countFailure(db, ipHash, attempt, now);
    throw faults.loginFailed();
  }
  // Loopback is always allowed; otherwise remote_access must be 'y' and remote_ips empty or listing the IP.
  // inferred: host names in remote_ips (ISPConfig resolves them through DNS) never match.
  const listed = (remoteUser.remote_ips ?? '').trim();
  const allowed =
    ip === '127.0.0.1' || ip === '::1' || (remoteUser.remote_access === 'y' && (listed === '' || listed.split(',').some((entry) => entry.trim() === ip)));
  if (!allowed) throw faults.loginNotAllowed(ip);
  return open(remoteUser.remote_userid, remoteUser.remote_functions ?? '', false);
}

export const sessionMethods = defineMethods<IspCall>({
  login: { run: login },
  /** `logout($session_id)`: deletes the session; true even for ids that never existed (remoting.inc.php logout, 3.2.11). */
  logout: {
    run(call) {
      const sessionId = call.param('session_id');
      if (empty(sessionId)) throw faults.sessionIdEmpty();
      deleteSession(call.db, str(sessionId));
      return true;
    },
  },
  // The dispatch table's keys in their real order, `__construct` included (soap_handler.inc.php, 3.2.11).
  get_function_list: { run: (call) => call.contract.functionListOrder ?? [] },
});
