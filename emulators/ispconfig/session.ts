import { randomBytes, randomInt } from 'node:crypto';
import type { MethodContract } from '../../contracts/contract.js';
import { prepare } from '../../state/database.js';
import type { CallContext } from '../core/panel.js';
import { globalConfig } from './engine/config.js';
import type { IspCall, IspSession } from './engine/context.js';
import { cryptPassword, md5, verifyPassword } from './engine/crypt.js';
import { mysqlDateTime } from './engine/mysql-values.js';
import { empty, str } from './engine/php.js';
import { faults } from './faults.js';
import { sqlName } from './schema/index.js';
import { upsertRemoteUsers, type RemoteUserSeed } from './seed.js';

// Sessions, logins and the brute-force guard of remoting.inc.php (protocol.md §4), on the world's clock.

/** `private $session_timeout = 1800`: sessions die 30 minutes after login, whatever the activity (absolute). */
export const SESSION_TIMEOUT = 1800;
/** The guard counts failures per client IP and blocks at 10 within 5 minutes. */
const FAILURE_LIMIT = 10;
const FAILURE_WINDOW = 300;

/** PHP's REMOTE_ADDR: node reports IPv4 clients on a dual-stack socket as ::ffff:a.b.c.d. */
export function remoteAddr(ctx: CallContext): string {
  return ctx.request.remoteAddress.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}

export function ispCall(ctx: CallContext): IspCall {
  return {
    db: ctx.db,
    now: ctx.world.clock.nowSeconds(),
    strict: (ctx.world.setting<boolean>('ispconfig.mysqlStrict') ?? false) === true,
    session: ctx.session as IspSession | undefined,
  };
}

interface Attempt {
  rowid: number;
  times: string | null;
}

function recentFailures(call: IspCall, ipHash: string): Attempt | undefined {
  return prepare<[string, string], Attempt>(
    call.db,
    `SELECT rowid, times FROM ${sqlName('attempts_login')} WHERE ip = ? AND login_time > ? LIMIT 1`,
  ).get(ipHash, mysqlDateTime(call.now - FAILURE_WINDOW));
}

/** Counts one failed attempt for the caller's IP, as login and getSession do. */
function countFailure(call: IspCall, ipHash: string, attempt: Attempt | undefined): void {
  const now = mysqlDateTime(call.now);
  if (!attempt || !Number(attempt.times)) {
    prepare(call.db, `INSERT INTO ${sqlName('attempts_login')} (ip, times, login_time) VALUES (?, '1', ?)`).run(ipHash, now);
  } else {
    prepare(
      call.db,
      `UPDATE ${sqlName('attempts_login')} SET times = CAST(times AS INTEGER) + 1, login_time = ? WHERE rowid = (SELECT rowid FROM ${sqlName('attempts_login')} WHERE ip = ? ORDER BY login_time DESC LIMIT 1)`,
    ).run(now, ipHash);
  }
}

function newSessionId(): string {
  // One letter so the id is never numeric, then 40 hex digits: 41 characters (protocol.md §4.2).
  return String.fromCharCode(97 + randomInt(26)) + randomBytes(20).toString('hex');
}

function openSession(call: IspCall, remoteUserId: number, functions: string, clientLogin: boolean, ip: string, ipHash: string): string {
  const id = newSessionId();
  prepare(
    call.db,
    `INSERT INTO ${sqlName('remote_session')} (remote_session, remote_userid, remote_functions, client_login, tstamp, remote_ip) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(id, String(remoteUserId), functions, clientLogin ? '1' : '0', String(call.now + SESSION_TIMEOUT), ip);
  prepare(call.db, `DELETE FROM ${sqlName('attempts_login')} WHERE ip = ?`).run(ipHash);
  return id;
}

function underMaintenance(call: IspCall, ip: string): boolean {
  const misc = globalConfig(call).misc ?? {};
  const excluded = (misc.maintenance_mode_exclude_ips ?? '').split(',').map((s) => s.trim());
  return misc.maintenance_mode === 'y' && !excluded.includes(ip);
}

/** `login($username, $password, $client_login = false)`: a 41-character session id, or the documented faults in their order. */
export function login(ctx: CallContext): string {
  const call = ispCall(ctx);
  const [username, password, clientLogin] = ctx.args;
  const ip = remoteAddr(ctx);
  const ipHash = md5(ip);
  // Remote users added through the admin API (setting ispconfig.remoteUsers) exist from the next login on.
  const extraUsers = ctx.world.setting<RemoteUserSeed[]>('ispconfig.remoteUsers');
  if (Array.isArray(extraUsers)) upsertRemoteUsers(call.db, ctx.panel.contract, extraUsers);
  if (underMaintenance(call, ip)) throw faults.maintenance();
  if (empty(username)) throw faults.loginUsernameEmpty();
  if (empty(password)) throw faults.loginPasswordEmpty();
  prepare(call.db, `DELETE FROM ${sqlName('remote_session')} WHERE CAST(tstamp AS INTEGER) < ?`).run(call.now);
  const attempt = recentFailures(call, ipHash);
  if (Number(attempt?.times ?? 0) >= FAILURE_LIMIT) throw faults.loginFailureLimit();

  if (!empty(clientLogin)) {
    const user = prepare<[string], { userid: number; passwort: string; active: string; default_group: string }>(
      call.db,
      `SELECT userid, passwort, active, default_group FROM ${sqlName('sys_user')} WHERE username = ?`,
    ).get(str(username));
    if (!user) {
      countFailure(call, ipHash, attempt);
      throw faults.clientLoginFailed(true);
    }
    // A known user with a wrong password is not counted (remoting.inc.php counts only unknown names on this path).
    if (!verifyPassword(str(password), str(user.passwort))) throw faults.clientLoginFailed();
    if (String(user.active) !== '1') throw faults.clientLoginBlocked();
    const client = prepare<[string], { can_use_api: string }>(
      call.db,
      `SELECT c.can_use_api FROM ${sqlName('sys_group')} g JOIN ${sqlName('client')} c ON g.client_id = c.client_id WHERE g.groupid = ?`,
    ).get(user.default_group);
    if (!client || client.can_use_api !== 'y') throw faults.clientLoginNoApi();
    return openSession(call, Number(user.userid), '', true, ip, ipHash);
  }

  const remoteUser = prepare<[string], { remote_userid: number; remote_password: string; remote_access: string; remote_ips: string | null; remote_functions: string | null }>(
    call.db,
    `SELECT remote_userid, remote_password, remote_access, remote_ips, remote_functions FROM ${sqlName('remote_user')} WHERE remote_username = ?`,
  ).get(str(username));
  let ok = false;
  if (remoteUser) {
    if (remoteUser.remote_password.startsWith('$')) ok = verifyPassword(str(password), remoteUser.remote_password);
    else if (md5(str(password)) === remoteUser.remote_password) {
      ok = true;
      // Legacy md5 passwords are upgraded to SHA-512 crypt on the first successful login.
      prepare(call.db, `UPDATE ${sqlName('remote_user')} SET remote_password = ? WHERE remote_username = ?`).run(cryptPassword(str(password)), str(username));
    }
  }
  if (!remoteUser || !ok || remoteUser.remote_userid <= 0) {
    countFailure(call, ipHash, attempt);
    throw faults.loginFailed();
  }
  // Loopback is always allowed; otherwise remote_access must be 'y' and remote_ips empty or listing the IP.
  // inferred: host names in remote_ips (ISPConfig resolves them through DNS) never match.
  const listed = (remoteUser.remote_ips ?? '').trim();
  const allowed =
    ip === '127.0.0.1' ||
    ip === '::1' ||
    (remoteUser.remote_access === 'y' && (listed === '' || listed.split(',').some((entry) => entry.trim() === ip)));
  if (!allowed) throw faults.loginNotAllowed(ip);
  return openSession(call, remoteUser.remote_userid, remoteUser.remote_functions ?? '', false, ip, ipHash);
}

/** `logout($session_id)`: deletes the session; true even for ids that never existed (protocol.md §4.3). */
export function logout(ctx: CallContext): boolean {
  const [sessionId] = ctx.args;
  if (empty(sessionId)) throw faults.sessionIdEmpty();
  prepare(ctx.db, `DELETE FROM ${sqlName('remote_session')} WHERE remote_session = ?`).run(str(sessionId));
  return true;
}

/** `checkPerm`'s `getSession()`: the session row or the fault, counting failures like the real guard. */
function getSession(ctx: CallContext, call: IspCall): IspSession {
  const sessionId = ctx.args[0];
  if (empty(sessionId)) throw faults.sessionIdEmpty();
  if (typeof sessionId !== 'string') throw faults.sessionIdNoString();
  const ip = remoteAddr(ctx);
  const ipHash = md5(ip);
  const attempt = recentFailures(call, ipHash);
  if (Number(attempt?.times ?? 0) >= FAILURE_LIMIT) throw faults.sessionFailureLimit();
  const row = prepare<[string, number], { remote_userid: string; remote_functions: string | null; client_login: string; remote_ip: string }>(
    call.db,
    `SELECT remote_userid, remote_functions, client_login, remote_ip FROM ${sqlName('remote_session')} WHERE remote_session = ? AND CAST(tstamp AS INTEGER) >= ?`,
  ).get(sessionId, call.now);
  if (!row) {
    countFailure(call, ipHash, attempt);
    throw faults.sessionDoesNotExist();
  }
  if (String(row.remote_ip) !== ip) throw faults.sessionIpMismatch();
  if (!(Number(row.remote_userid) > 0)) {
    countFailure(call, ipHash, attempt);
    throw faults.sessionDoesNotExist();
  }
  return {
    id: sessionId,
    remoteUserId: Number(row.remote_userid),
    clientLogin: String(row.client_login) === '1',
    functions: functionSet(row.remote_functions ?? ''),
  };
}

/** Function lists already split, by their text: an admin's list names ~250 functions, and splitting it cost ~25 µs per call. */
const functionSets = new Map<string, ReadonlySet<string>>();

function functionSet(list: string): ReadonlySet<string> {
  let set = functionSets.get(list);
  if (!set) {
    // checkPerm: ';' separates function groups, ',' the names inside them; names are matched exactly (no trimming).
    set = new Set(list.replace(/;/g, ',').split(','));
    // Bounded: lists are per remote user, and a test may make many users.
    if (functionSets.size >= 64) functionSets.clear();
    functionSets.set(list, set);
  }
  return set;
}

/** True when the session may call a function name (client logins may call everything; ownership limits them later). */
export function mayCall(session: IspSession, functionName: string): boolean {
  return session.clientLogin || session.functions.has(functionName);
}

/** The permission names a method checks first (`permission` in the contract: one name, or the names it checks in turn). */
function permissionsOf(method: MethodContract): string[] {
  const p = method.permission as string | string[] | undefined;
  return p === undefined ? [] : Array.isArray(p) ? p : [p];
}

/**
 * The panel's authenticate hook: every method but login runs checkPerm
 * first. logout only refuses an empty id, so it is let through here.
 */
export function authenticate(ctx: CallContext): void {
  if (ctx.method.name === 'logout') return;
  const call = ispCall(ctx);
  const session = getSession(ctx, call);
  ctx.session = session;
  // This one fails its permission check with a PHP Error of its own (methods/dns.ts).
  if (ctx.method.name === 'dns_templatezone_get_all') return;
  const [first] = permissionsOf(ctx.method);
  if (first !== undefined && !mayCall(session, first)) throw faults.permissionDenied();
}
