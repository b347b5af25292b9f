import type { MethodContract } from '../../contracts/contract.js';
import type { CallContext } from '../core/panel.js';
import { IspCall, type IspSession } from './call.js';
import { md5 } from './engine/crypt.js';
import { empty } from './engine/php.js';
import { faults } from './faults.js';
import { countFailure, liveSession, recentFailures } from './store/session.js';

// checkPerm and the brute-force guard of interface/lib/classes/remoting.inc.php (3.2.11), on the world's clock.

/** `private $session_timeout = 1800`: sessions die 30 minutes after login, whatever the activity (absolute). */
export const SESSION_TIMEOUT = 1800;
/** The guard counts failures per client IP and blocks at 10 within 5 minutes. */
export const FAILURE_LIMIT = 10;
export const FAILURE_WINDOW = 300;

/** `checkPerm`'s `getSession()`: the session row or the fault, counting failures like the real guard. */
function getSession(call: IspCall): IspSession {
  const db = call.db;
  const now = call.now();
  const sessionId = call.args[0];
  if (empty(sessionId)) throw faults.sessionIdEmpty();
  if (typeof sessionId !== 'string') throw faults.sessionIdNoString();
  const ipHash = ipHashOf(call.remoteAddr);
  const attempt = recentFailures(db, ipHash, now - FAILURE_WINDOW);
  if (Number(attempt?.times ?? 0) >= FAILURE_LIMIT) throw faults.sessionFailureLimit();
  const row = liveSession(db, sessionId, now);
  if (!row) {
    countFailure(db, ipHash, attempt, now);
    throw faults.sessionDoesNotExist();
  }
  if (String(row.remote_ip) !== call.remoteAddr) throw faults.sessionIpMismatch();
  if (!(Number(row.remote_userid) > 0)) {
    countFailure(db, ipHash, attempt, now);
    throw faults.sessionDoesNotExist();
  }
  return {
    id: sessionId,
    remoteUserId: Number(row.remote_userid),
    clientLogin: String(row.client_login) === '1',
    functions: functionSet(sessionId, row.remote_functions ?? ''),
  };
}

/**
 * Function lists already split, by the session that holds them: an admin's list names ~250 functions, and
 * splitting it cost ~25 µs per call. Keyed by the short session id, not by the ~4 kB list, whose hash
 * would be computed afresh for every call (SQLite hands out a new string); the list is compared to
 * the one cached, so a session whose row changed gets its own set again.
 */
const functionSets = new Map<string, { list: string; set: ReadonlySet<string> }>();

function functionSet(sessionId: string, list: string): ReadonlySet<string> {
  const cached = functionSets.get(sessionId);
  if (cached && cached.list === list) return cached.set;
  // checkPerm: ';' separates function groups, ',' the names inside them; names are matched exactly (no trimming).
  const set = new Set(list.replace(/;/g, ',').split(','));
  // Bounded: sessions come and go, and a test may open many.
  if (functionSets.size >= 256) functionSets.clear();
  functionSets.set(sessionId, { list, set });
  return set;
}

/** md5 of REMOTE_ADDR, the guard's key: a client calls from a handful of addresses, and hashing cost ~1 µs a call. */
const ipHashes = new Map<string, string>();

function ipHashOf(address: string): string {
  let hash = ipHashes.get(address);
  if (hash === undefined) {
    hash = md5(address);
    if (ipHashes.size >= 256) ipHashes.clear();
    ipHashes.set(address, hash);
  }
  return hash;
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
  const session = getSession(new IspCall(ctx));
  ctx.session = session;
  // This one fails its permission check with a PHP Error of its own (methods/dns.ts).
  if (ctx.method.name === 'dns_templatezone_get_all') return;
  const [first] = permissionsOf(ctx.method);
  if (first !== undefined && !mayCall(session, first)) throw faults.permissionDenied();
}
